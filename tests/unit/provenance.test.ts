/**
 * Provenance for the site: the publishing commit of a version, or "unavailable" with a reason —
 * never an exception — for a shallow clone, a tarball, or a version not committed yet.
 */
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../src/lib/publishing/git.ts';
import { provenanceOf } from '../../src/lib/publishing/provenance.ts';
import { createPolicyRepo, type PolicyRepo } from '../helpers/policy-repo.ts';

const file = 'content/policies/privacy-policy/2024-04-25.mdx';

async function provenance(repo: PolicyRepo, relative = file) {
  return provenanceOf(repo.path(relative), await openHistory(repo.path('content/policies'), { env: repo.env }));
}

describe('provenance of a version', () => {
  it('is the commit that published it, not a later one that left the text alone', async () => {
    const repo = await createPolicyRepo();
    repo.write(file, repo.read(file).replace('change: substantive', 'change: substantive\n# reviewed'));
    await repo.commit('later', 'Add a comment to the front matter', '2024-07-01T12:00:00Z');
    expect(await provenance(repo)).toEqual({
      available: true,
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      short: repo.commits.get('initial'),
      date: '2024-04-25',
      author: 'Dana Legal',
    });
  });

  it('is the commit that set status: published, for a version committed first as a draft', async () => {
    const repo = await createPolicyRepo();
    const draft = repo.writeVersion('privacy-policy', { version: '2025-01-15', status: 'draft' });
    await repo.commit('draft', 'Draft', '2025-01-10T12:00:00Z');
    repo.writeVersion('privacy-policy', { version: '2025-01-15', summary: 'Clearer.' });
    await repo.commit('publish', 'Publish privacy-policy 2025-01-15', '2025-01-15T12:00:00Z');
    expect(await provenance(repo, draft)).toMatchObject({
      available: true,
      short: repo.commits.get('publish'),
      date: '2025-01-15',
    });
  });

  it('is unavailable in a shallow clone', async () => {
    const clone = (await createPolicyRepo()).shallowClone();
    expect(await provenance(clone)).toEqual({
      available: false,
      reason: 'shallow clone: the commits that published the versions are not in it',
      notCommitted: false,
    });
  });

  it('is unavailable in a copy without .git', async () => {
    const copy = (await createPolicyRepo()).tarballCopy();
    expect(await provenance(copy)).toEqual({
      available: false,
      reason: 'not a git repository (for example a copy from a tarball)',
      notCommitted: false,
    });
  });

  it('is unavailable for a version published but not committed yet', async () => {
    const repo = await createPolicyRepo();
    const added = repo.writeVersion('privacy-policy', { version: '2025-01-15', summary: 'Clearer.' });
    expect(await provenance(repo, added)).toEqual({
      available: false,
      reason: 'the version is not committed as published yet',
      notCommitted: true,
    });
  });
});
