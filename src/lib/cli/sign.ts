/**
 * `policy sign`: give every published version that has no evidence yet its signature
 * (`SIGNING_KEY`) and time-stamp token (`TSA_URL`), checked, written beside the version
 * (docs/decisions/0016-verifiable-versions.md). Run by the deploy workflow (`npm run ci:sign`),
 * which commits what it wrote. Idempotent: a version with evidence is left alone.
 *
 * Without SIGNING_KEY or TSA_URL it says so and signs nothing (exit 0: a site without signing is
 * still a site). An authority that cannot be reached is logged and the next version is tried;
 * a reply or signature that does not match the text throws (an integrity error).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../content/load.ts';
import { documentText } from '../document/model.ts';
import { keysDir, listedKey, readKeyList, signerPrincipal, validAt } from '../evidence/keys.ts';
import { signVersion, UntrustedToken } from '../evidence/sign.ts';
import { readSigningKey, signatureNamespace, type SigningKey } from '../evidence/sshsig.ts';
import { TsaUnavailable } from '../evidence/tsa-client.ts';
import { textSha256 } from '../publishing/hash.ts';
import { Refusal, shown, type CliContext } from './context.ts';

function signingKey(secret: string): SigningKey {
  try {
    return readSigningKey(secret);
  } catch (error) {
    throw new Refusal(
      `SIGNING_KEY is not usable: ${(error as Error).message}.\nIt must hold an unencrypted OpenSSH Ed25519 private key, the whole file (ssh-keygen -t ed25519 -N '' -f key); docs/git-host.md, "Signing key".`,
    );
  }
}

export async function signCommand(context: CliContext): Promise<number> {
  const env = context.env ?? process.env;
  const missing = (['SIGNING_KEY', 'TSA_URL'] as const).filter((name) => !env[name]);
  if (missing.length) {
    context.stdout.write(`Not signing: ${missing.join(' and ')} not set (docs/git-host.md, "Signing key").\n`);
    return 0;
  }
  const key = signingKey(env.SIGNING_KEY ?? '');
  const tsaUrl = env.TSA_URL ?? '';
  // Loading checks the evidence already there: a mismatch refuses before anything is signed.
  const versions = loadContent(context.contentDir, { policies: context.policies.map((p) => p.id), root: context.cwd });
  const keys = readKeyList(context.contentDir);
  const listed = listedKey(keys, key.publicKey.fingerprint);
  const now = new Date().toISOString();
  if (!listed || !validAt(listed, now)) {
    throw new Refusal(
      `The signing key ${key.publicKey.fingerprint} is ${listed ? 'not valid today' : 'not listed'} in ${shown(context, keys.file)}.\n` +
        `Add (or extend) its line, merged before the key is used:\n  ${signerPrincipal} namespaces="${signatureNamespace}",valid-after="${now.slice(0, 10).replace(/-/g, '')}Z" ${key.publicKey.line}\n`,
    );
  }
  const tsaCaFile = path.join(keysDir(context.contentDir), 'tsa-ca.pem');
  if (!existsSync(tsaCaFile)) {
    throw new Refusal(
      `${shown(context, tsaCaFile)} is missing: it holds the CA certificate of ${tsaUrl}, to check its tokens.`,
    );
  }
  const unsigned = versions.filter((version) => version.status === 'published' && !version.evidence);
  let signed = 0;
  for (const version of unsigned) {
    const target = {
      absoluteFile: path.resolve(context.cwd, version.file),
      canonicalText: documentText(version.document),
      sha256: textSha256(version.document),
    };
    try {
      const { genTime } = await signVersion(target, { key, keys, tsaUrl, tsaCaFile });
      signed++;
      context.stdout.write(`Signed and time-stamped ${version.file} (the authority's time: ${genTime}).\n`);
    } catch (error) {
      if (error instanceof UntrustedToken) {
        throw new Refusal(
          `Stopped at ${version.file}: ${error.message.trim()}\n` +
            `Nothing was written for it${signed ? ` (the ${signed} signed before it are kept)` : ''}. ` +
            `${shown(context, tsaCaFile)} must be the CA certificate of the authority TSA_URL names: ` +
            'set TSA_URL to that authority, or replace the file with its certificate (docs/git-host.md, "Signing key").',
        );
      }
      if (!(error instanceof TsaUnavailable)) throw error;
      context.stderr.write(`warning: ${version.file} not signed: ${error.message}. The next run tries again.\n`);
    }
  }
  const left = unsigned.length - signed;
  context.stdout.write(
    `${signed} version${signed === 1 ? '' : 's'} signed` +
      (left
        ? `, ${left} left for the next run.\n`
        : unsigned.length
          ? '.\n'
          : ': every published version already has its evidence.\n'),
  );
  return 0;
}
