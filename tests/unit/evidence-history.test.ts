/**
 * `policy check` (the build's and every pull request's check) refuses a change to evidence the
 * base branch has: a `.sig` or `.tsr` edited or deleted, in a real repository.
 */
import { describe, expect, it } from 'vitest';
import { createPolicyRepo } from '../helpers/policy-repo.ts';

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
});
