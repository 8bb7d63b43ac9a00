/**
 * `policy check` (the build's and every pull request's check) refuses a change to evidence the
 * base branch has: a `.sig` or `.tsr` edited or deleted, in a real repository — unless the
 * branch's key list withdraws the key that signed it (a leaked key), and both files go together.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyList } from '../../src/lib/evidence/keys.ts';
import { signVersion } from '../../src/lib/evidence/sign.ts';
import { readSigningKey } from '../../src/lib/evidence/sshsig.ts';
import { readVersionRecords } from '../../src/lib/versions/files.ts';
import { createPolicyRepo } from '../helpers/policy-repo.ts';
import {
  keyListLine,
  makeAuthority,
  makeSshKey,
  startAuthority,
  type RunningAuthority,
  type TestKey,
} from '../helpers/signing.ts';

const evidence = 'content/policies/privacy-policy/2024-04-25.tsr';

describe('evidence on the base branch', () => {
  it('edited or deleted, the check names the file and how to restore it; unchanged, it says nothing of it', async () => {
    const repo = await createPolicyRepo();
    repo.write(evidence, 'token bytes\n');
    await repo.commit('evidence', 'Evidence', '2026-12-01T00:10:00Z');
    const quiet = await repo.cli('check');
    expect(quiet.stdout + quiet.stderr).not.toContain('evidence: was deleted');
    expect(quiet.stdout + quiet.stderr).not.toContain("evidence: differs from main's");

    repo.write(evidence, 'other token bytes\n');
    const edited = await repo.cli('check');
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(
      `${evidence}\n  evidence: differs from main's\n  hint: Evidence on main never changes: restore it with \`git checkout main -- ${evidence}\`.`,
    );

    repo.remove(evidence);
    const deleted = await repo.cli('check');
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toContain(`${evidence}\n  evidence: was deleted; main has it\n`);
  });

  describe('signed by a key the branch withdraws', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'evidence-history-'));
    const keyList = 'content/keys/allowed_signers';
    const pair = ['content/policies/privacy-policy/2024-04-25.sig', 'content/policies/privacy-policy/2024-04-25.tsr'];
    let key: TestKey;
    let tsa: RunningAuthority;
    beforeAll(async () => {
      key = makeSshKey(path.join(scratch, 'keys'));
      tsa = await startAuthority(makeAuthority(path.join(scratch, 'tsa')));
    });
    afterAll(async () => {
      await tsa.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    /** A repository whose base branch has real evidence of the privacy policy, by `key`. */
    async function signedRepo() {
      const repo = await createPolicyRepo();
      repo.write(keyList, `${keyListLine(key)}\n`);
      const record = readVersionRecords(repo.path('content/policies')).find((r) => r.policy === 'privacy-policy');
      if (!record) throw new Error('no privacy policy in the fixture repository');
      await signVersion(
        {
          absoluteFile: repo.path('content/policies/privacy-policy/2024-04-25.mdx'),
          canonicalText: record.canonicalText,
          sha256: record.sha256,
        },
        {
          key: readSigningKey(key.privateKey),
          keys: parseKeyList(repo.read(keyList)),
          tsaUrl: tsa.url,
          tsaCaFile: tsa.caFile,
        },
      );
      await repo.commit('evidence', 'Evidence: privacy-policy 2024-04-25', '2026-12-01T00:10:00Z');
      return repo;
    }

    it('may be deleted, both files, once the key list withdraws the key before the token’s time', async () => {
      const repo = await signedRepo();
      repo.write(keyList, `${keyListLine(key, '20200101Z', '20200102Z')}\n`);
      for (const file of pair) repo.remove(file);
      const run = await repo.cli('check');
      expect(run.stdout + run.stderr).not.toContain('evidence: was deleted');
    });

    it('may not be deleted while its key is valid, nor one file of the pair alone', async () => {
      const repo = await signedRepo();
      for (const file of pair) repo.remove(file);
      const valid = await repo.cli('check');
      expect(valid.code).toBe(1);
      expect(valid.stdout).toContain(`${pair[0]}\n  evidence: was deleted; main has it\n`);
      expect(valid.stdout).toContain('(Evidence by a key withdrawn in content/keys/allowed_signers may be deleted');

      repo.write(keyList, `${keyListLine(key, '20200101Z', '20200102Z')}\n`);
      await repo.git.raw(['checkout', 'main', '--', pair[1]!]);
      const half = await repo.cli('check');
      expect(half.code).toBe(1);
      expect(half.stdout).toContain(`${pair[0]}\n  evidence: was deleted; main has it\n`);
    });
  });
});
