/**
 * The build refuses evidence that does not match its version: loading the content (the one path
 * the build, the CLI and `policy check` share) checks each `.sig` and `.tsr` against the text and
 * the key list, and names the file, the field and a hint.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../../src/lib/cli/main.ts';
import { ContentError, formatProblem } from '../../src/lib/content/errors.ts';
import { parseKeyList } from '../../src/lib/evidence/keys.ts';
import { signVersion } from '../../src/lib/evidence/sign.ts';
import { readSigningKey, signMessage } from '../../src/lib/evidence/sshsig.ts';
import { requestTimestamp } from '../../src/lib/evidence/tsa-client.ts';
import { readVersionRecords } from '../../src/lib/versions/files.ts';
import { site } from '../../src/site.config.ts';
import { keyListLine, signingProject, type RunningAuthority, type TestKey } from '../helpers/signing.ts';

const root = mkdtempSync(path.join(tmpdir(), 'evidence-stored-'));
const pristine = path.join(root, 'pristine');
const project = path.join(root, 'project');
const contentDir = path.join(project, 'content', 'policies');
const version = path.join(contentDir, 'privacy-policy', '2024-04-25');
let key: TestKey;
let tsa: RunningAuthority;

beforeAll(async () => {
  const signing = await signingProject(pristine, root);
  ({ key, tsa } = signing);
  const keys = parseKeyList(readFileSync(path.join(signing.keysDir, 'allowed_signers'), 'utf8'));
  for (const record of readVersionRecords(signing.contentDir)) {
    await signVersion(
      {
        absoluteFile: path.join(pristine, record.file.slice(record.file.indexOf('content/'))),
        canonicalText: record.canonicalText,
        sha256: record.sha256,
      },
      { key: readSigningKey(key.privateKey), keys, tsaUrl: tsa.url, tsaCaFile: tsa.caFile },
    );
  }
});
beforeEach(() => {
  rmSync(project, { recursive: true, force: true });
  cpSync(pristine, project, { recursive: true });
});
afterAll(async () => {
  await tsa.close();
  rmSync(root, { recursive: true, force: true });
});

/** The problems loading reports, as the build prints them, paths relative to the project. */
function loadingProblems(): string[] {
  try {
    readVersionRecords(contentDir);
    return [];
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return error.problems.map((problem) => formatProblem(problem).replaceAll(`${project}/`, ''));
  }
}

describe('evidence checked when the content is loaded', () => {
  test('good evidence loads into the record: fingerprint, key validity, the authority time', () => {
    const record = readVersionRecords(contentDir).find((r) => r.policy === 'privacy-policy');
    expect(record?.evidence).toMatchObject({
      fingerprint: key.fingerprint,
      keyValidity: 'from 2020-01-01, still in use',
    });
    expect(record?.evidence?.genTime).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(record?.evidence?.signature).toBe(readFileSync(`${version}.sig`, 'utf8'));
  });

  test('after a rotation, evidence time-stamped while the old key was valid still loads; a key valid only later is refused', async () => {
    const keyList = path.join(project, 'content', 'keys', 'allowed_signers');
    const genTime = readVersionRecords(contentDir).find((r) => r.policy === 'privacy-policy')?.evidence?.genTime ?? '';
    // The old key's period ends one second after the token, and that second is over when we load.
    const end = new Date(Date.parse(genTime) + 1000);
    const compact = (date: Date): string => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
    writeFileSync(keyList, `${keyListLine(key, '20200101Z', compact(end))}\n`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, end.getTime() - Date.now() + 50)));
    const record = readVersionRecords(contentDir).find((r) => r.policy === 'privacy-policy');
    expect(record?.evidence?.keyValidity).toBe(`from 2020-01-01 until ${end.toISOString().slice(0, 10)}`);

    writeFileSync(keyList, `${keyListLine(key, '20990101Z')}\n`);
    expect(loadingProblems().join('\n')).toContain(
      `signature: is by key ${key.fingerprint}, valid from 2099-01-01, still in use, not at the token's time ${genTime}`,
    );
  });

  test('a signature of another text is refused, naming the file and what to do', () => {
    writeFileSync(`${version}.sig`, signMessage(Buffer.from('another text'), readSigningKey(key.privateKey)));
    expect(loadingProblems()).toEqual([
      'content/policies/privacy-policy/2024-04-25.sig\n  signature: does not match the text of content/policies/privacy-policy/2024-04-25.mdx\n' +
        '  hint: If content/policies/privacy-policy/2024-04-25.mdx was edited, restore it as published: a published text never changes (the check of published versions names the commit). ' +
        'Only if the evidence itself is new on this branch and wrong: delete both evidence files; the next deploy (`npm run policy -- sign`) signs and time-stamps the text again.',
    ]);
  });

  test('a token for another hash is refused', async () => {
    writeFileSync(`${version}.tsr`, (await requestTimestamp(tsa.url, 'cd'.repeat(32))).reply);
    const [problem] = loadingProblems();
    expect(problem).toMatch(
      /^content\/policies\/privacy-policy\/2024-04-25\.tsr\n {2}timestamp: is a token for another text \(SHA-256 (cd)+, the text's is [0-9a-f]{64}\)\n {2}hint: If content\/policies\/privacy-policy\/2024-04-25\.mdx was edited, restore it as published/,
    );
  });

  test('a signature by a key the key list does not hold is refused, with where to add it', () => {
    writeFileSync(path.join(project, 'content', 'keys', 'allowed_signers'), '# no keys\n');
    expect(loadingProblems()[0]).toContain(
      `signature: is by key ${key.fingerprint}, which content/keys/allowed_signers does not list`,
    );
  });

  test('a signature with one file missing, evidence without its version, a broken key list line', () => {
    rmSync(`${version}.tsr`);
    writeFileSync(path.join(contentDir, 'privacy-policy', '2023-01-01.sig'), 'x');
    writeFileSync(path.join(project, 'content', 'keys', 'allowed_signers'), `${keyListLine(key)}\nnot a key line\n`);
    expect(loadingProblems()).toEqual([
      'content/keys/allowed_signers:2\n  key: expected "<principals> [options] ssh-ed25519 <key>"\n' +
        '  hint: Each line: policies@allworknow.com namespaces="allwork-policies",valid-after="20261201Z" ssh-ed25519 AAAA… (docs/git-host.md, "Signing key").',
      'content/policies/privacy-policy/2023-01-01.sig\n  evidence: is the signature or time-stamp of a version file that does not exist\n' +
        '  hint: Evidence files sit beside their version, e.g. 2024-04-25.sig beside 2024-04-25.mdx; delete this one.',
      'content/policies/privacy-policy/2024-04-25.sig\n  evidence: has no companion content/policies/privacy-policy/2024-04-25.tsr\n' +
        '  hint: Delete both evidence files; the next deploy (`npm run policy -- sign`) signs and time-stamps the text again.',
    ]);
  });

  test('policy check (the first step of npm run build) fails on the same problem', async () => {
    writeFileSync(`${version}.sig`, signMessage(Buffer.from('another text'), readSigningKey(key.privateKey)));
    let out = '';
    const code = await runCli(['check'], {
      cwd: project,
      contentDir,
      policies: site.policies,
      today: '2026-12-01',
      color: false,
      stdout: { write: (text) => (out += text) },
      stderr: { write: (text) => (out += text) },
    });
    expect(code).toBe(1);
    expect(out).toContain('content/policies/privacy-policy/2024-04-25.sig');
    expect(out).toContain('signature: does not match the text of content/policies/privacy-policy/2024-04-25.mdx');
  });
});
