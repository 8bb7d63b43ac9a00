/**
 * `policy verify FILE-OR-URL`: check a downloaded canonical text (with its `.sig` and `.tsr`
 * beside it; offline) or a version's address on the site, and say which check failed, if any
 * (the checks: src/lib/evidence/verify.ts).
 *
 * A local text is compared with the hash of `versions.json` beside it, else with the versions of
 * this repository; its key list and authority certificate are `--keys`/`--tsa-ca`, else the
 * files beside it, else this repository's content/keys/. For an address, the site's own files are
 * used unless `--keys`/`--tsa-ca` give copies from elsewhere (independent of the site).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectContent } from '../content/load.ts';
import { keysDir } from '../evidence/keys.ts';
import { verifyMaterial, type VerifyMaterial } from '../evidence/verify.ts';
import { textSha256 } from '../publishing/hash.ts';
import {
  canonicalTextUrl,
  keyListUrl,
  signatureUrl,
  timestampUrl,
  tsaCertificateUrl,
  versionsIndexUrl,
} from '../routing/urls.ts';
import type { VersionsIndex } from '../feeds.ts';
import { namedFile, shown, UsageError, type CliContext } from './context.ts';

export interface VerifyOptions {
  readonly keys: string | undefined;
  readonly tsaCa: string | undefined;
}

const readIfThere = (file: string): Buffer | null => (existsSync(file) ? readFileSync(file) : null);

/** The first of `candidates` that exists (for messages: the first one, when none does). */
const firstExisting = (candidates: readonly string[]): string =>
  candidates.find((file) => existsSync(file)) ?? candidates[0] ?? '';

function publishedIn(index: VersionsIndex, sha256: string): string | null {
  for (const policy of index.policies) {
    const version = policy.versions.find((v) => v.sha256 === sha256);
    if (version) return `${policy.id} ${version.version}`;
  }
  return null;
}

function localMaterial(context: CliContext, file: string, options: VerifyOptions): VerifyMaterial {
  const text = readIfThere(file);
  const dir = path.dirname(file);
  const sha256 = text ? createHash('sha256').update(text).digest('hex') : '';
  const repositoryKeys = keysDir(context.contentDir);
  const keyFile =
    options.keys ?? firstExisting([path.join(dir, 'allowed_signers'), path.join(repositoryKeys, 'allowed_signers')]);
  const caFile =
    options.tsaCa ?? firstExisting([path.join(dir, 'tsa-ca.pem'), path.join(repositoryKeys, 'tsa-ca.pem')]);
  const indexFile = path.join(dir, 'versions.json');
  let published: string | null;
  let where: string;
  if (existsSync(indexFile)) {
    published = publishedIn(JSON.parse(readFileSync(indexFile, 'utf8')) as VersionsIndex, sha256);
    where = shown(context, indexFile);
  } else {
    const { versions } = collectContent(context.contentDir, {
      policies: context.policies.map((p) => p.id),
      root: context.cwd,
    });
    const match = versions.find((version) => version.status === 'published' && textSha256(version.document) === sha256);
    published = match ? `${match.policy} ${match.version}` : null;
    where = shown(context, context.contentDir);
  }
  return {
    text,
    signature: readIfThere(`${file}.sig`)?.toString('utf8') ?? null,
    token: readIfThere(`${file}.tsr`),
    keyList: readIfThere(keyFile)?.toString('utf8') ?? null,
    tsaCaFile: existsSync(caFile) ? caFile : null,
    publishedSha256: published ? sha256 : null,
    names: {
      text: shown(context, file),
      signature: shown(context, `${file}.sig`),
      token: shown(context, `${file}.tsr`),
      keyList: shown(context, keyFile),
      tsaCaFile: shown(context, caFile),
      published: published ? `${where} (${published})` : where,
    },
  };
}

async function download(url: string): Promise<Buffer | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    return response.ok ? Buffer.from(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

async function remoteMaterial(address: URL, options: VerifyOptions, scratch: string): Promise<VerifyMaterial> {
  const [, policy, version] = /^\/([^/]+)\/([^/]+)\//.exec(address.pathname) ?? [];
  if (!policy || !version)
    throw new UsageError(`${address.href} is not a version's address, like https://…/privacy-policy/2024-04-25/.`);
  const at = (route: string): string => new URL(route, address.origin).href;
  const [text, signature, token, keyList, ca, index] = await Promise.all([
    download(at(canonicalTextUrl(policy, version))),
    download(at(signatureUrl(policy, version))),
    download(at(timestampUrl(policy, version))),
    options.keys ? Promise.resolve(readIfThere(options.keys)) : download(at(keyListUrl)),
    options.tsaCa ? Promise.resolve(readIfThere(options.tsaCa)) : download(at(tsaCertificateUrl)),
    download(at(versionsIndexUrl)),
  ]);
  const caFile = options.tsaCa ?? path.join(scratch, 'tsa-ca.pem');
  if (ca && !options.tsaCa) writeFileSync(caFile, ca);
  const entry = index
    ? (JSON.parse(index.toString('utf8')) as VersionsIndex).policies
        .find((p) => p.id === policy)
        ?.versions.find((v) => v.version === version)
    : undefined;
  return {
    text,
    signature: signature?.toString('utf8') ?? null,
    token,
    keyList: keyList?.toString('utf8') ?? null,
    tsaCaFile: ca ? caFile : null,
    publishedSha256: entry?.sha256 ?? null,
    names: {
      text: at(canonicalTextUrl(policy, version)),
      signature: at(signatureUrl(policy, version)),
      token: at(timestampUrl(policy, version)),
      keyList: options.keys ?? at(keyListUrl),
      tsaCaFile: options.tsaCa ?? at(tsaCertificateUrl),
      published: `${at(versionsIndexUrl)} (${policy} ${version})`,
    },
  };
}

export async function verifyCommand(
  context: CliContext,
  target: string | undefined,
  options: VerifyOptions,
): Promise<number> {
  if (!target) throw new UsageError('Name a downloaded canonical text or a version address.');
  const scratch = mkdtempSync(path.join(tmpdir(), 'policy-verify-'));
  try {
    const material = /^https?:\/\//.test(target)
      ? await remoteMaterial(new URL(target), options, scratch)
      : localMaterial(context, namedFile(context, target), options);
    context.stdout.write(`Verifying ${material.names.text}\n`);
    const outcomes = await verifyMaterial(material);
    for (const outcome of outcomes)
      context.stdout.write(`  ${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.check}: ${outcome.detail}\n`);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    if (failed.length) {
      context.stderr.write(`Verification failed: ${failed.map((outcome) => outcome.check).join(', ')}.\n`);
      return 1;
    }
    context.stdout.write(`Verified: ${material.names.published}.\n`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
