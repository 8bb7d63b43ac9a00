/**
 * `policy sign` and `policy verify` on a copy of the shipped content (the real legal text), with a
 * throwaway key made by ssh-keygen and an OpenSSL time-stamping authority on loopback. What sign
 * writes is checked with the standard tools themselves; each bad input makes verify name the
 * failed check.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/lib/cli/main.ts';
import { readSigningKey, signMessage } from '../../src/lib/evidence/sshsig.ts';
import { requestTimestamp } from '../../src/lib/evidence/tsa-client.ts';
import { readVersionRecords } from '../../src/lib/versions/files.ts';
import { site } from '../../src/site.config.ts';
import { makeAuthority, makeSshKey, signingProject, type RunningAuthority, type TestKey } from '../helpers/signing.ts';

const root = mkdtempSync(path.join(tmpdir(), 'evidence-cli-'));
const project = path.join(root, 'project');
const contentDir = path.join(project, 'content', 'policies');
const keysDir = path.join(project, 'content', 'keys');
const versionFile = path.join(contentDir, 'privacy-policy', '2024-04-25');
let key: TestKey;
let otherKey: TestKey;
let tsa: RunningAuthority;

async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  invokedFrom?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd: project,
    ...(invokedFrom === undefined ? {} : { invokedFrom }),
    contentDir,
    policies: site.policies,
    today: '2026-12-01',
    color: false,
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
    env,
  });
  return { code, stdout, stderr };
}

const signingEnv = (): NodeJS.ProcessEnv => ({ SIGNING_KEY: key.privateKey, TSA_URL: tsa.url });

beforeAll(async () => {
  ({ key, tsa } = await signingProject(project, root));
  otherKey = makeSshKey(path.join(root, 'keys'), 'other');
});
afterAll(async () => {
  await tsa.close();
  rmSync(root, { recursive: true, force: true });
});

describe('policy sign', () => {
  test('without SIGNING_KEY or TSA_URL it says so and writes nothing', async () => {
    const run = await cli(['sign'], { TSA_URL: tsa.url });
    expect(run).toMatchObject({
      code: 0,
      stdout: 'Not signing: SIGNING_KEY not set (docs/git-host.md, "Signing key").\n',
    });
    expect(existsSync(`${versionFile}.sig`)).toBe(false);
  });

  test('a key the key list does not hold is refused, with the line to add', async () => {
    const run = await cli(['sign'], { SIGNING_KEY: otherKey.privateKey, TSA_URL: tsa.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `The signing key ${otherKey.fingerprint} is not listed in content/keys/allowed_signers.`,
    );
    expect(run.stderr).toContain(`policies@allworknow.com namespaces="allwork-policies",valid-after="`);
    expect(existsSync(`${versionFile}.sig`)).toBe(false);
  });

  test('a token the CA file does not vouch for stops the run (integrity) with what to fix, and nothing is written', async () => {
    const caFile = path.join(keysDir, 'tsa-ca.pem');
    const trusted = readFileSync(caFile);
    copyFileSync(makeAuthority(path.join(root, 'untrusted'), 'Untrusted').caFile, caFile);
    try {
      const run = await cli(['sign'], signingEnv());
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^Stopped at content\/policies\/[a-z-]+\/2024-04-25\.mdx: the token from /);
      expect(run.stderr).toContain(`does not verify against ${caFile}`);
      expect(run.stderr).toContain(
        'Nothing was written for it. content/keys/tsa-ca.pem must be the CA certificate of the authority TSA_URL names',
      );
      expect(existsSync(`${versionFile}.sig`)).toBe(false);
      expect(existsSync(`${versionFile}.tsr`)).toBe(false);
    } finally {
      writeFileSync(caFile, trusted);
    }
  });

  test('an authority that cannot be reached is reported per version, and the run ends normally', async () => {
    const run = await cli(['sign'], { SIGNING_KEY: key.privateKey, TSA_URL: 'http://127.0.0.1:9/tsr' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: content/policies/privacy-policy/2024-04-25.mdx not signed: http://127.0.0.1:9/tsr could not be reached',
    );
    expect(run.stderr).toContain('warning: content/policies/california-privacy-notice/2024-04-25.mdx not signed');
    expect(run.stdout).toContain('0 versions signed, 2 left for the next run.');
    expect(existsSync(`${versionFile}.sig`)).toBe(false);
  });

  test('signs and time-stamps both shipped versions; ssh-keygen and openssl ts accept what it wrote; a second run does nothing', async () => {
    const run = await cli(['sign'], signingEnv());
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /Signed and time-stamped content\/policies\/privacy-policy\/2024-04-25.mdx \(the authority's time: 20\d\d-/,
    );
    expect(run.stdout).toContain('2 versions signed.');
    const [record] = readVersionRecords(contentDir).filter((r) => r.policy === 'privacy-policy');
    expect(record?.evidence?.fingerprint).toBe(key.fingerprint);
    const textFile = path.join(root, 'canonical.txt');
    writeFileSync(textFile, record?.canonicalText ?? '');
    const ssh = spawnSync(
      'ssh-keygen',
      [
        '-Y',
        'verify',
        '-f',
        path.join(keysDir, 'allowed_signers'),
        '-I',
        'policies@allworknow.com',
        '-n',
        'allwork-policies',
        '-s',
        `${versionFile}.sig`,
      ],
      { input: readFileSync(textFile), encoding: 'utf8' },
    );
    expect(ssh.status, ssh.stderr).toBe(0);
    const openssl = spawnSync(
      'openssl',
      ['ts', '-verify', '-data', textFile, '-in', `${versionFile}.tsr`, '-CAfile', path.join(keysDir, 'tsa-ca.pem')],
      { encoding: 'utf8' },
    );
    expect(openssl.stdout).toContain('Verification: OK');

    const requests = tsa.requests();
    const again = await cli(['sign'], signingEnv());
    expect(again.stdout).toBe('0 versions signed: every published version already has its evidence.\n');
    expect(tsa.requests()).toBe(requests);
  });
});

describe('policy verify', () => {
  const download = path.join(root, 'download');
  const text = path.join(download, 'canonical.txt');

  /** A reader's download folder: the text, its evidence, the key list and the authority's certificate. */
  function downloadVersion(): void {
    rmSync(download, { recursive: true, force: true });
    mkdirSync(download, { recursive: true });
    const record = readVersionRecords(contentDir).find((r) => r.policy === 'privacy-policy');
    writeFileSync(text, record?.canonicalText ?? '');
    copyFileSync(`${versionFile}.sig`, `${text}.sig`);
    copyFileSync(`${versionFile}.tsr`, `${text}.tsr`);
    copyFileSync(path.join(keysDir, 'allowed_signers'), path.join(download, 'allowed_signers'));
    copyFileSync(path.join(keysDir, 'tsa-ca.pem'), path.join(download, 'tsa-ca.pem'));
  }

  test('a downloaded version passes every check, offline', async () => {
    downloadVersion();
    const run = await cli(['verify', text]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok   hash: SHA-256');
    expect(run.stdout).toContain(`ok   signature: good signature by key ${key.fingerprint}`);
    expect(run.stdout).toContain(
      `ok   key: listed in ${download}/allowed_signers, valid from 2020-01-01, still in use`,
    );
    expect(run.stdout).toMatch(
      /ok {3}timestamp: the authority says the text existed at 20\d\d-.*\(openssl ts -verify: OK\)/,
    );
    expect(run.stdout).toContain('Verified: content/policies (privacy-policy 2024-04-25).');
  });

  test('a file named relative to the folder the command was run from (npm run sets INIT_CWD) is found there', async () => {
    downloadVersion();
    const run = await cli(['verify', 'canonical.txt'], {}, download);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Verifying ${download}/canonical.txt`);
  });

  const failures: [string, () => void | Promise<void>, string, string][] = [
    [
      'a changed text',
      () => {
        writeFileSync(text, `${readFileSync(text, 'utf8')} `);
      },
      'hash',
      'FAIL signature: {dl}/canonical.txt.sig is not a signature of this text',
    ],
    [
      'a signature by another key',
      () => {
        writeFileSync(`${text}.sig`, signMessage(readFileSync(text), readSigningKey(otherKey.privateKey)));
      },
      'key',
      `FAIL key: key {other} is not in {dl}/allowed_signers`,
    ],
    [
      'a token for another hash',
      async () => {
        writeFileSync(`${text}.tsr`, (await requestTimestamp(tsa.url, 'ab'.repeat(32))).reply);
      },
      'timestamp',
      'FAIL timestamp: {dl}/canonical.txt.tsr is a token for another text (SHA-256 abab',
    ],
    [
      'an authority certificate the reader does not trust',
      () => {
        copyFileSync(makeAuthority(path.join(root, 'stranger'), 'Stranger').caFile, path.join(download, 'tsa-ca.pem'));
      },
      'timestamp',
      'FAIL timestamp: openssl ts -verify with {dl}/tsa-ca.pem refused the token: self-signed certificate in certificate chain',
    ],
    [
      'a missing file',
      () => {
        rmSync(`${text}.tsr`);
      },
      'files',
      'FAIL files: missing: {dl}/canonical.txt.tsr',
    ],
  ];

  test.each(failures)('%s: verify names the check that failed', async (_name, spoil, check, line) => {
    downloadVersion();
    await spoil();
    const run = await cli(['verify', text]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(line.replace('{other}', otherKey.fingerprint).replace('{dl}', download));
    expect(run.stderr).toMatch(new RegExp(`^Verification failed: (.*, )?${check}\\b`));
  });
});
