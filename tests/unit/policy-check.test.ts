/**
 * `policy check` against real temporary git repositories: every rule, errors (exit 1) and
 * warnings (exit 0), with all problems listed at once. Messages are pinned by snapshots;
 * commit hashes appear as <label> of the commit the test made.
 */
import { describe, expect, it } from 'vitest';
import { oneYearAfter } from '../../src/lib/publishing/checks.ts';
import { createPolicyRepo, sampleBody, versionSource } from '../helpers/policy-repo.ts';

const policyFile = 'content/policies/privacy-policy/2024-04-25.mdx';

describe('a clean repository', () => {
  it('passes', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.cli('check');
    expect(run).toMatchObject({ code: 0, stdout: 'policy check: passed (2 versions).\n', stderr: '' });
  });

  it('passes with a second version published in its own commit', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion(
      'privacy-policy',
      { version: '2025-01-15', summary: 'Clearer wording.' },
      sampleBody.replace('at any time', 'whenever you like'),
    );
    await repo.commit('second', 'Publish privacy-policy 2025-01-15', '2025-01-15T12:00:00Z');
    expect((await repo.cli('check')).code).toBe(0);
  });
});

describe('a published text never changes after the commit that published it', () => {
  it('names the later commit that changed it, and how to fix it', async () => {
    const repo = await createPolicyRepo();
    repo.write(policyFile, repo.read(policyFile).replace('at any time', 'whenever you like'));
    await repo.commit('typo-fix', 'Fix wording', '2024-06-01T08:30:00Z');
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "error: content/policies/privacy-policy/2024-04-25.mdx
        text: changed in commit <typo-fix> (“Fix wording”, Dana Legal, 2024-06-01), after the version was published in commit <initial> (2024-04-25)
        hint: A published version never changes. Restore it with \`git checkout <initial> -- content/policies/privacy-policy/2024-04-25.mdx\` and commit that, then put the new wording in a new version instead: \`npm run policy -- new privacy-policy\`.

      policy check: failed with 1 error (2 versions read).
      "
    `);
  });

  it('counts the later commits that changed it further', async () => {
    const repo = await createPolicyRepo();
    repo.write(policyFile, repo.read(policyFile).replace('at any time', 'whenever you like'));
    await repo.commit('edit-1', 'Wording', '2024-06-01T08:30:00Z');
    repo.write(policyFile, repo.read(policyFile).replace('lastModified: 2024-04-25', 'lastModified: 2024-06-02'));
    await repo.commit('edit-2', 'Date', '2024-06-02T08:30:00Z');
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'lastModified, effective, text: changed in commit <edit-1> (“Wording”, Dana Legal, 2024-06-01) and 1 later commit, after',
    );
  });

  it('reports uncommitted changes too', async () => {
    const repo = await createPolicyRepo();
    repo.write(policyFile, repo.read(policyFile).replace('You may update', 'You can update'));
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "error: content/policies/privacy-policy/2024-04-25.mdx
        text: has uncommitted changes, but the version was published in commit <initial> (2024-04-25) and cannot change
        hint: Undo them with \`git checkout HEAD -- content/policies/privacy-policy/2024-04-25.mdx\`, then put the new wording in a new version instead: \`npm run policy -- new privacy-policy\`.

      policy check: failed with 1 error (2 versions read).
      "
    `);
  });

  it('reports a published version set back to draft', async () => {
    const repo = await createPolicyRepo();
    repo.write(policyFile, repo.read(policyFile).replace('status: published', 'status: draft'));
    await repo.commit('unpublish', 'Unpublish', '2024-06-01T08:30:00Z');
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('status: changed in commit <unpublish>');
  });

  it('reports a deleted published version, committed or not', async () => {
    const repo = await createPolicyRepo();
    repo.remove(policyFile);
    const uncommitted = await repo.cli('check');
    expect(uncommitted.code).toBe(1);
    expect(uncommitted.stdout).toContain(
      `error: ${policyFile}\n  file: was deleted (not committed yet), but it is a published version`,
    );
    await repo.commit('delete', 'Remove old version', '2024-06-01T08:30:00Z');
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "error: content/policies/privacy-policy
        status: the Privacy Policy has no published version, so the site would have no current version of it
        hint: Add its first version as content/policies/privacy-policy/<date>.mdx and publish it, or remove the policy from src/site.config.ts.

      error: content/policies/privacy-policy/2024-04-25.mdx
        file: was deleted in commit <delete> (“Remove old version”, Dana Legal, 2024-06-01), but it is a published version
        hint: Published versions stay on the site at their permanent URL forever. Restore it with \`git checkout <delete>^ -- content/policies/privacy-policy/2024-04-25.mdx\`; to replace it, publish a new version.

      policy check: failed with 2 errors (1 version read).
      "
    `);
  });

  it('allows a change that was undone, and formatting that leaves the text as it was', async () => {
    const repo = await createPolicyRepo();
    const original = repo.read(policyFile);
    repo.write(policyFile, original.replace('at any time', 'whenever you like'));
    await repo.commit('edit', 'Oops', '2024-06-01T08:30:00Z');
    // Formatting only: other list bullets, blank lines, front matter in another order.
    const reformatted = original
      .replace('- Email us', '* Email us')
      .replace('- Opt out', '* Opt out')
      .replace('## Your Choices\n', '## Your Choices\n\n')
      .replace('change: substantive\n', '')
      .replace('title: ', 'change: substantive\ntitle: ');
    expect(reformatted).not.toBe(original);
    repo.write(policyFile, reformatted);
    await repo.commit('revert', 'Restore the published text', '2024-06-02T08:30:00Z');
    const run = await repo.cli('check');
    expect(run.stdout).toBe('policy check: passed (2 versions).\n');
    expect(run.code).toBe(0);
  });
});

describe('what counts as publishing', () => {
  it('a copy committed as pasted (still named as the old version) is not published yet', async () => {
    const repo = await createPolicyRepo();
    const copy = 'content/policies/privacy-policy/2025-01-15.mdx';
    repo.write(copy, repo.read(policyFile));
    await repo.commit('paste', 'Create 2025-01-15.mdx', '2025-01-10T09:00:00Z');
    const draft = repo
      .read(copy)
      .replace('version: 2024-04-25', 'version: 2025-01-15')
      .replace('lastModified: 2024-04-25', 'lastModified: 2025-01-15')
      .replace('status: published', 'status: draft\nsummary: Clearer.')
      .replace(/sha256: .*\n/, '')
      .replace('at any time', 'whenever you like');
    repo.write(copy, draft);
    await repo.commit('edit', 'Update 2025-01-15.mdx', '2025-01-10T09:05:00Z');
    expect((await repo.cli('check')).code).toBe(0);
    repo.write(copy, draft.replace('status: draft', 'status: published'));
    await repo.commit('publish', 'Publish', '2025-01-15T09:00:00Z');
    // No hash to copy: the check computes it from the text (docs/decisions/0009-published-on-base-branch.md).
    const run = await repo.cli('check');
    expect(run.stdout).toBe('policy check: passed (3 versions).\n');
    expect((await repo.cli('history', 'privacy-policy')).stdout).toContain(
      '2025-01-15  2025-01-15  substantive  published  <publish>',
    );
  });
});

describe('without git history, the recorded SHA-256 stands in', () => {
  it('a shallow clone warns that provenance is unavailable, and passes', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.shallowClone().cli('check');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "warning: content/policies
        git history: provenance unavailable: shallow clone: the commits that published the versions are not in it
        hint: Published texts were checked against the sha256 recorded in each file instead. Run the check in a full clone (\`git fetch --unshallow\`) to check them against the commits that published them.

      policy check: passed (2 versions, 1 warning).
      "
    `);
  });

  it('a shallow clone still refuses a changed published text', async () => {
    const clone = (await createPolicyRepo()).shallowClone();
    clone.write(policyFile, clone.read(policyFile).replace('You may update', 'You can update'));
    const run = await clone.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "error: content/policies/privacy-policy/2024-04-25.mdx
        text: differs from the text recorded when the version was published (sha256 09560237a83b…)
        hint: A published version never changes: restore its published text from the repository, then put the new wording in a new version instead: \`npm run policy -- new privacy-policy\`. Only if this file is a new version copied from an older one, replace the line with \`sha256: 4378e0802b1bdac80a3554783074b6955fdd7ee8281c030fe069b61b7cccb961\`.

      warning: content/policies
        git history: provenance unavailable: shallow clone: the commits that published the versions are not in it
        hint: Published texts were checked against the sha256 recorded in each file instead. Run the check in a full clone (\`git fetch --unshallow\`) to check them against the commits that published them.

      policy check: failed with 1 error, 1 warning (2 versions read).
      "
    `);
  });

  it('a copy without .git (a tarball) warns, and passes', async () => {
    const copy = (await createPolicyRepo()).tarballCopy();
    const run = await copy.cli('check');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'warning: content/policies\n  git history: provenance unavailable: not a git repository (for example a copy from a tarball)\n',
    );
  });
});

describe('the recorded SHA-256', () => {
  it('is optional: a published version without it passes, and no hash is asked for', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion('privacy-policy', { version: '2025-01-15', summary: 'Clearer.', sha256: false });
    await repo.commit('publish', 'Publish privacy-policy 2025-01-15', '2025-01-15T12:00:00Z');
    const run = await repo.cli('check');
    expect(run).toMatchObject({ code: 0, stdout: 'policy check: passed (3 versions).\n' });
  });

  it('must match the text', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion('privacy-policy', { version: '2025-01-15', summary: 'Clearer.', sha256: 'a'.repeat(64) });
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sha256: does not match the text (was it copied from another version?)');
  });

  it('is not set on a draft', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion('privacy-policy', { version: '2025-01-15', status: 'draft', sha256: true });
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sha256: is set on a draft\n  hint: Delete this line');
  });

  it('a published version not committed yet is a warning', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion('privacy-policy', { version: '2025-01-15', summary: 'Clearer.' });
    const run = await repo.cli('check');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "warning: content/policies/privacy-policy/2025-01-15.mdx:5
        status: is published, but the file has changes not committed yet: provenance unavailable until they are
        hint: Commit the file (a new version: \`npm run policy -- publish privacy-policy\`, or the message "Publish privacy-policy 2025-01-15"; a correction: any message). It is published when the pull request is merged.

      policy check: passed (3 versions, 1 warning).
      "
    `);
  });
});

describe('dates and the current version', () => {
  it('versions must be in date order', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion('privacy-policy', {
      version: '2025-01-15',
      lastModified: '2024-03-01',
      effective: '2024-03-01',
      status: 'draft',
    });
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "error: content/policies/privacy-policy/2025-01-15.mdx:4
        lastModified: is 2024-03-01, but the previous version (2024-04-25) was last modified on 2024-04-25
        hint: Versions are ordered by their file names, so each version’s dates come after the previous one’s. Correct the date, or name the file after the date printed on the version.

      error: content/policies/privacy-policy/2025-01-15.mdx:5
        effective: is 2024-03-01, but the previous version (2024-04-25) takes effect later, on 2024-04-25
        hint: Versions are ordered by their file names, so each version’s dates come after the previous one’s. Correct the date, or name the file after the date printed on the version.

      policy check: failed with 2 errors (3 versions read).
      "
    `);
  });

  it('two versions taking effect the same day would both be current', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion('privacy-policy', { version: '2024-09-01', effective: '2024-10-01', summary: 'One.' });
    repo.writeVersion(
      'privacy-policy',
      { version: '2024-11-01', effective: '2024-10-01', summary: 'Two.' },
      sampleBody.replace('at any time', 'anytime'),
    );
    await repo.commit('both', 'Publish two versions', '2024-11-01T12:00:00Z');
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "error: content/policies/privacy-policy/2024-11-01.mdx:5
        effective: is 2024-10-01, the day the previous version (2024-09-01) takes effect too: both would be the current version from that day
        hint: Exactly one version is current on any day. Set \`effective:\` to the day this version takes effect (after 2024-10-01), or remove the line to use lastModified.

      warning: content/policies/privacy-policy/2024-11-01.mdx:5
        effective: is 2024-10-01, before lastModified (2024-11-01)
        hint: A version takes effect on or after the day it was last modified. Check both dates, or delete the \`effective:\` line to take effect on lastModified.

      policy check: failed with 1 error, 1 warning (4 versions read).
      "
    `);
  });

  it('a version with no effective: line is told to add one, not to remove it', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion('privacy-policy', { version: '2024-09-01', effective: '2024-10-01', summary: 'One.' });
    repo.writeVersion(
      'privacy-policy',
      { version: '2024-10-01', summary: 'Two.' },
      sampleBody.replace('at any time', 'anytime'),
    );
    await repo.commit('both', 'Publish two versions', '2024-10-01T12:00:00Z');
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'effective: takes effect on its lastModified day, 2024-10-01 (it has no `effective:` line), the day the previous version (2024-09-01) takes effect too',
    );
    expect(run.stdout).toContain(
      'Add `effective: YYYY-MM-DD` with the day this version takes effect (after 2024-10-01).',
    );
    expect(run.stdout).not.toContain('remove the line');
  });

  it('a second version on the same day replaces the first (suffix -2)', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion(
      'privacy-policy',
      { version: '2024-04-25-2', lastModified: '2024-04-25', summary: 'Typo.' },
      sampleBody.replace('at any time', 'anytime'),
    );
    await repo.commit('same-day', 'Publish privacy-policy 2024-04-25-2', '2024-04-25T15:00:00Z');
    expect((await repo.cli('check')).code).toBe(0);
  });

  it('every policy needs a published version', async () => {
    const repo = await createPolicyRepo({ seed: false });
    repo.writeVersion('privacy-policy', { version: '2024-04-25' });
    repo.writeVersion('california-privacy-notice', { version: '2024-04-25', status: 'draft' });
    await repo.commit('initial', 'Start', '2024-04-25T12:00:00Z');
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "error: content/policies/california-privacy-notice
        status: the Privacy Notice for California Residents has no published version, so the site would have no current version of it
        hint: Publish one: \`npm run policy -- publish california-privacy-notice\`.

      policy check: failed with 1 error (2 versions read).
      "
    `);
  });

  it('warns, without failing, when the current version is more than 12 months old (Cal. Civ. Code §1798.130(a)(5))', async () => {
    const repo = await createPolicyRepo();
    repo.today = '2025-04-25';
    expect((await repo.cli('check')).stdout).toBe('policy check: passed (2 versions).\n');
    repo.today = '2025-04-26';
    const run = await repo.cli('check');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "warning: content/policies/privacy-policy/2024-04-25.mdx:4
        lastModified: is 2024-04-25, more than 12 months before 2025-04-26
        hint: California Civil Code §1798.130(a)(5) requires the privacy policy’s information to be updated at least once every 12 months. Review it and publish a new version, even if only the date changes: \`npm run policy -- new privacy-policy\`.

      warning: content/policies/california-privacy-notice/2024-04-25.mdx:4
        lastModified: is 2024-04-25, more than 12 months before 2025-04-26
        hint: California Civil Code §1798.130(a)(5) requires the privacy policy’s information to be updated at least once every 12 months. Review it and publish a new version, even if only the date changes: \`npm run policy -- new california-privacy-notice\`.

      policy check: passed (2 versions, 2 warnings).
      "
    `);
    // Once a draft is started, the hint points at publishing it.
    repo.date = '2025-04-26T09:00:00Z';
    await repo.cli('new', 'privacy-policy', '--date', '2025-04-26');
    expect((await repo.cli('check')).stdout).toContain(
      'A draft is in progress (content/policies/privacy-policy/2025-04-26.mdx): publish it with `npm run policy -- publish privacy-policy`.',
    );
  });

  it('one year after 29 February is 28 February', () => {
    expect(oneYearAfter('2024-02-29')).toBe('2025-02-28');
    expect(oneYearAfter('2024-04-25')).toBe('2025-04-25');
  });
});

describe('all problems at once', () => {
  it('lists schema problems, a version that is not its file name and later rules together', async () => {
    const repo = await createPolicyRepo();
    repo.write(
      'content/policies/privacy-policy/2025-01-15.mdx',
      versionSource('privacy-policy', { version: '2025-01-16', status: 'draft' }),
    );
    repo.write(
      'content/policies/california-privacy-notice/2025-02-01.mdx',
      versionSource('california-privacy-notice', { version: '2025-02-01', status: 'draft' }).replace(
        'change: substantive',
        'change: big',
      ),
    );
    repo.write(policyFile, repo.read(policyFile).replace('You may update', 'You can update'));
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "error: content/policies/california-privacy-notice/2025-02-01.mdx:6
        change: is "big", but must be one of: substantive, editorial
        hint: Use \`substantive\` when rights or practices change, \`editorial\` for wording only.

      error: content/policies/privacy-policy/2025-01-15.mdx:3
        version: is "2025-01-16" but the file is named "2025-01-15.mdx"
        hint: Make them the same: set \`version: 2025-01-15\`, or rename the file to 2025-01-16.mdx.

      error: content/policies/privacy-policy/2024-04-25.mdx
        text: has uncommitted changes, but the version was published in commit <initial> (2024-04-25) and cannot change
        hint: Undo them with \`git checkout HEAD -- content/policies/privacy-policy/2024-04-25.mdx\`, then put the new wording in a new version instead: \`npm run policy -- new privacy-policy\`.

      policy check: failed with 3 errors (3 versions read).
      "
    `);
  });
});
