/**
 * `npm run bench:verify`: what signing and verification cost, on the shipped Privacy Policy
 * (the seed's text). Timings live here, never in tests.
 *
 *   - sign and time-stamp one version: our Ed25519 signature, the RFC 3161 request to an OpenSSL
 *     authority on loopback (`openssl ts -reply` per request, as in the tests), and the checks
 *     before writing (`openssl ts -verify`), end to end as `policy sign` does it per version;
 *   - `policy verify` of a downloaded copy (offline: hash, signature, key list, token with
 *     `openssl ts -verify`), in-process, the content repository already read;
 *   - the part of loading that checks stored evidence, per version (what every build adds).
 *
 * A real authority adds its network round trip to the first figure. BENCH_RUNS sets the runs (20).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/lib/cli/main.ts';
import { parseKeyList, readKeyList } from '../../src/lib/evidence/keys.ts';
import { signVersion } from '../../src/lib/evidence/sign.ts';
import { checkEvidence } from '../../src/lib/evidence/stored.ts';
import { readSigningKey } from '../../src/lib/evidence/sshsig.ts';
import { readVersionRecords } from '../../src/lib/versions/files.ts';
import { site } from '../../src/site.config.ts';
import { keyListLine, makeAuthority, makeSshKey, startAuthority } from '../../tests/helpers/signing.ts';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const scratch = mkdtempSync(path.join(tmpdir(), 'bench-verify-'));
const stats = (samples: number[]): { medianMs: number; minMs: number; maxMs: number } => {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number | undefined): number => Number((ms ?? 0).toFixed(1));
  return {
    medianMs: round(sorted[Math.floor(sorted.length / 2)]),
    minMs: round(sorted[0]),
    maxMs: round(sorted.at(-1)),
  };
};
async function timed(action: () => Promise<unknown>): Promise<number[]> {
  await action(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await action();
    samples.push(performance.now() - started);
  }
  return samples;
}

const tsa = await startAuthority(makeAuthority(path.join(scratch, 'tsa')));
try {
  const key = makeSshKey(path.join(scratch, 'keys'));
  const content = path.join(scratch, 'content');
  mkdirSync(path.join(content, 'policies', 'privacy-policy'), { recursive: true });
  mkdirSync(path.join(content, 'keys'));
  copyFileSync(
    'content/policies/privacy-policy/2024-04-25.mdx',
    path.join(content, 'policies', 'privacy-policy', '2024-04-25.mdx'),
  );
  writeFileSync(path.join(content, 'keys', 'allowed_signers'), `${keyListLine(key)}\n`);
  copyFileSync(tsa.caFile, path.join(content, 'keys', 'tsa-ca.pem'));
  const [record] = readVersionRecords(path.join(content, 'policies'));
  if (!record) throw new Error('no Privacy Policy version');
  const absoluteFile = path.join(content, 'policies', 'privacy-policy', '2024-04-25.mdx');
  const settings = {
    key: readSigningKey(key.privateKey),
    keys: parseKeyList(`${keyListLine(key)}\n`),
    tsaUrl: tsa.url,
    tsaCaFile: tsa.caFile,
  };
  const sign = await timed(() =>
    signVersion({ absoluteFile, canonicalText: record.canonicalText, sha256: record.sha256 }, settings),
  );

  const download = path.join(scratch, 'download');
  mkdirSync(download);
  const text = path.join(download, 'canonical.txt');
  writeFileSync(text, record.canonicalText);
  for (const ext of ['sig', 'tsr']) copyFileSync(absoluteFile.replace(/mdx$/, ext), `${text}.${ext}`);
  copyFileSync(path.join(content, 'keys', 'allowed_signers'), path.join(download, 'allowed_signers'));
  copyFileSync(tsa.caFile, path.join(download, 'tsa-ca.pem'));
  const quiet = { write: () => undefined };
  const context = {
    cwd: scratch,
    contentDir: path.join(content, 'policies'),
    policies: site.policies,
    today: '2026-12-01',
    color: false,
    stdout: quiet,
    stderr: quiet,
  };
  const verify = await timed(async () => {
    if ((await runCli(['verify', text], context)) !== 0) throw new Error('verify failed');
  });
  const keys = readKeyList(path.join(content, 'policies'));
  const load = await timed(() => Promise.resolve(checkEvidence(record, absoluteFile, keys, (p) => p)));

  const results = {
    text: `privacy-policy 2024-04-25, ${Buffer.byteLength(record.canonicalText)} bytes`,
    runs,
    signAndTimestamp: stats(sign),
    verify: stats(verify),
    evidenceCheckOnLoad: stats(load),
  };
  console.table({
    'sign + time-stamp one version (loopback authority)': results.signAndTimestamp,
    'policy verify (downloaded copy, offline)': results.verify,
    'evidence check while loading, per version': results.evidenceCheckOnLoad,
  });
  console.log(JSON.stringify(results, null, 2));
} finally {
  await tsa.close();
  rmSync(scratch, { recursive: true, force: true });
}
