/**
 * Published means "on the base branch" (docs/decisions/0009-published-on-base-branch.md), with
 * real repositories: a bare origin as the git host, a lawyer's clone with a pull request's branch,
 * the host's merge button, and fresh clones as CI makes them (full and shallow).
 */
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../src/lib/publishing/git.ts';
import { provenanceOf } from '../../src/lib/publishing/provenance.ts';
import { createPolicyRepo, sampleBody, type PolicyRepo } from '../helpers/policy-repo.ts';

const latest = 'content/policies/privacy-policy/2024-04-25.mdx';
const draft = 'content/policies/privacy-policy/2025-01-15.mdx';
const branch = 'privacy-policy-2025-01-15';

/** A new version, marked published, proposed on a branch in one commit, pushed to origin. */
async function proposed(): Promise<PolicyRepo> {
  const repo = await createPolicyRepo({ origin: true });
  await repo.branch(branch);
  repo.writeVersion(
    'privacy-policy',
    { version: '2025-01-15', summary: 'Clearer wording.', sha256: false },
    sampleBody.replace('at any time', 'whenever you like'),
  );
  await repo.commit('propose', 'Create 2025-01-15.mdx', '2025-01-15T09:00:00Z');
  await repo.push();
  return repo;
}

async function provenance(repo: PolicyRepo, relative: string) {
  return provenanceOf(repo.path(relative), await openHistory(repo.path('content/policies'), { env: repo.env }));
}

describe("on a pull request's branch, a version not on the base branch changes freely", () => {
  it('corrects a version after marking it published, even back to draft and again, and the checks pass', async () => {
    const repo = await proposed();
    repo.write(draft, repo.read(draft).replace('whenever you like', 'at any moment'));
    await repo.commit('correct-text', 'Reviewer: wording', '2025-01-15T10:00:00Z');
    repo.write(draft, repo.read(draft).replace('Clearer wording.', 'We reworded “Your Choices”.'));
    await repo.commit('correct-summary', 'Reviewer: summary', '2025-01-15T10:05:00Z');
    repo.write(draft, repo.read(draft).replace('status: published', 'status: draft'));
    await repo.commit('to-draft', 'Hold it', '2025-01-15T10:10:00Z');
    repo.write(draft, repo.read(draft).replace('status: draft', 'status: published'));
    await repo.commit('to-published', 'Ready', '2025-01-15T10:15:00Z');
    await repo.push();
    const run = await repo.cli('check', '--base', 'origin/main');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      'Merging into origin/main publishes: privacy-policy 2025-01-15.\npolicy check: passed (3 versions).\n',
    );
    // CI's checkout of the pull request: a fresh full clone of the branch.
    const ci = repo.cloneOrigin({ branch });
    expect((await ci.cli('check', '--base', 'origin/main')).code).toBe(0);
    expect(await provenance(ci, draft)).toEqual({
      available: false,
      reason: 'the version is not on the base branch (origin/main) yet: it is published when merged',
      notCommitted: true,
    });
    const history = await ci.cli('history', 'privacy-policy');
    expect(history.stdout).toContain('2025-01-15  2025-01-15  substantive  on merge   –');
  });

  it('also passes in the merge commit a git host checks out for a pull request', async () => {
    const repo = await proposed();
    const ci = repo.cloneOrigin();
    await ci.run('fetch', '--quiet', 'origin', branch);
    await ci.run('checkout', '--quiet', '--detach', 'origin/main');
    await ci.run('merge', '--quiet', '--no-ff', '-m', 'Merge into main', `origin/${branch}`);
    expect(await ci.cli('check', '--base', 'origin/main')).toMatchObject({ code: 0 });
  });
});

describe('after the merge, the version never changes', () => {
  it('refuses the same edit, naming the commit that made it and the merge that published it', async () => {
    const repo = await proposed();
    repo.write(draft, repo.read(draft).replace('whenever you like', 'at any moment'));
    await repo.commit('correct', 'Reviewer: wording', '2025-01-15T10:00:00Z');
    await repo.push();
    await repo.hostMerge(branch, 'merge', '2025-01-16T08:00:00Z');

    const main = repo.cloneOrigin();
    expect((await main.cli('check')).stdout).toBe('policy check: passed (3 versions).\n');
    expect(await provenance(main, draft)).toMatchObject({
      available: true,
      short: repo.commits.get('merge'),
      date: '2025-01-16',
      author: 'Robin Review',
    });

    await main.branch('late-fix');
    main.write(draft, main.read(draft).replace('at any moment', 'whenever you like'));
    await main.commit('late-edit', 'Fix wording again', '2025-01-20T09:00:00Z');
    const text = await main.cli('check', '--base', 'origin/main');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'text: changed in commit <late-edit> (“Fix wording again”, Robin Review, 2025-01-20), after the version was published in commit <merge> (2025-01-16)\n' +
        '  hint: A published version never changes. Restore it with `git checkout <merge> -- content/policies/privacy-policy/2025-01-15.mdx` and commit that',
    );
  });

  it('refuses a change to its summary or change kind too (metadata is fixed like the text)', async () => {
    const repo = await proposed();
    await repo.hostMerge(branch, 'merge', '2025-01-16T08:00:00Z');
    const main = repo.cloneOrigin();
    main.write(
      draft,
      main.read(draft).replace('Clearer wording.', 'Better wording.').replace('substantive', 'editorial'),
    );
    await main.commit('meta', 'Reword the summary', '2025-01-20T09:00:00Z');
    const run = await main.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'change, summary: changed in commit <meta> (“Reword the summary”, Robin Review, 2025-01-20), after the version was published in commit <merge> (2025-01-16)',
    );
  });

  it('a squash merge publishes in the squashed commit', async () => {
    const repo = await proposed();
    repo.write(draft, repo.read(draft).replace('whenever you like', 'at any moment'));
    await repo.commit('correct', 'Reviewer: wording', '2025-01-15T10:00:00Z');
    await repo.push();
    await repo.hostMerge(branch, 'squash', '2025-01-16T08:00:00Z', 'squash');
    const main = repo.cloneOrigin();
    expect((await main.cli('check')).code).toBe(0);
    expect(await provenance(main, draft)).toMatchObject({ available: true, short: repo.commits.get('squash') });
  });

  it('refuses deleting it with `git rm`, and the hint given restores it', async () => {
    const repo = await proposed();
    await repo.hostMerge(branch, 'merge', '2025-01-16T08:00:00Z');
    const main = repo.cloneOrigin();
    await main.run('rm', '--quiet', draft);
    const run = await main.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `error: ${draft}\n  file: was deleted (not committed yet), but it is a published version\n` +
        `  hint: Published versions stay on the site at their permanent URL forever. Restore it with \`git checkout HEAD -- ${draft}\``,
    );
    const command = /Restore it with `git (checkout HEAD -- \S+)`/.exec(run.stdout)?.[1]?.split(' ') ?? [];
    await main.run(...command);
    expect((await main.cli('check')).code).toBe(0);
  });

  it('a branch made before a version was merged does not count it as deleted', async () => {
    const repo = await proposed();
    await repo.run('switch', '--quiet', 'main');
    await repo.branch('california-update');
    await repo.hostMerge(branch, 'merge', '2025-01-16T08:00:00Z');
    await repo.run('fetch', '--quiet', 'origin');
    const run = await repo.cli('check', '--base', 'origin/main');
    expect(run).toMatchObject({ code: 0, stdout: 'policy check: passed (2 versions).\n' });
  });
});

describe('the web path: one pull request, one file, no hash', () => {
  it('a copy of the latest version, edited in one commit, passes on the branch and on the base branch', async () => {
    const repo = await createPolicyRepo({ origin: true });
    const web = repo.cloneOrigin();
    // "Copy raw file", "Create new file", paste, edit the front matter: what a browser sends.
    const pasted = web.read(latest);
    const edited = pasted
      .replace('version: 2024-04-25', 'version: 2025-01-15')
      .replace('lastModified: 2024-04-25', 'lastModified: 2025-01-15')
      .replace(/sha256: .*\n/, 'summary: We say when you may update your account.\n')
      .replace('at any time', 'at any time, from the settings page');
    expect(edited).not.toMatch(/sha256/);
    await web.branch(branch);
    web.write(draft, edited);
    await web.commit('web', 'Create 2025-01-15.mdx', '2025-01-15T09:00:00Z');
    await web.push();

    const pr = repo.cloneOrigin({ branch });
    expect(await pr.cli('check', '--base', 'origin/main')).toMatchObject({ code: 0 });
    await repo.hostMerge(branch, 'merge', '2025-01-16T08:00:00Z');
    const main = repo.cloneOrigin();
    expect(await main.cli('check', '--base', 'origin/main')).toMatchObject({
      code: 0,
      stdout: 'policy check: passed (3 versions).\n',
    });
    expect(await provenance(main, draft)).toMatchObject({ available: true, short: repo.commits.get('merge') });
  });

  it('a pasted sha256 line left in is named, and deleting it is the fix', async () => {
    const repo = await createPolicyRepo({ origin: true });
    expect(repo.read(latest)).toMatch(/\nsha256: [0-9a-f]{64}\n/);
    await repo.branch(branch);
    repo.write(
      draft,
      repo
        .read(latest)
        .replace(/2024-04-25/g, '2025-01-15')
        .replace('status: published', 'status: published\nsummary: Clearer.')
        .replace('at any time', 'whenever you like'),
    );
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `error: ${draft}:8\n  sha256: does not match the text (was it copied from another version?)\n  hint: Delete this line: the hash is computed from the text.`,
    );
    repo.write(draft, repo.read(draft).replace(/sha256: .*\n/, ''));
    expect((await repo.cli('check')).code).toBe(0);
  });
});

describe('the terminal path: new, edit, publish on a branch, review, merge', () => {
  it('publish says merging publishes it, and a correction after it only needs the hash line deleted', async () => {
    const repo = await createPolicyRepo({ origin: true });
    await repo.branch(branch);
    repo.date = '2025-01-15T09:00:00Z';
    expect((await repo.cli('new', 'privacy-policy', '--date', '2025-01-15')).code).toBe(0);
    repo.write(
      draft,
      repo.read(draft).replace('summary: ""', 'summary: Clearer.').replace('at any time', 'whenever you like'),
    );
    const published = await repo.cli('publish', 'privacy-policy');
    repo.commits.set('publish', (await repo.run('rev-parse', '--short', 'HEAD')).trim());
    expect(published.code).toBe(0);
    expect(repo.scrub(published.rawStdout)).toBe(
      `Marked privacy-policy 2025-01-15 published in commit <publish> ("Publish privacy-policy 2025-01-15") on the branch ${branch}: merging it into main publishes it.
` +
        `Next: push it (\`git push -u origin ${branch}\`) and open a pull request; reviewers' corrections can still be committed to it until it is merged.
`,
    );
    repo.write(draft, repo.read(draft).replace('whenever you like', 'at any moment'));
    await repo.commit('review', 'Reviewer: wording', '2025-01-15T10:00:00Z');
    const stale = await repo.cli('check');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('sha256: does not match the text (was it copied from another version?)');
    repo.write(draft, repo.read(draft).replace(/sha256: .*\n/, ''));
    await repo.commit('unhash', 'Drop the stale hash', '2025-01-15T10:05:00Z');
    expect((await repo.cli('check')).code).toBe(0);
    await repo.push();
    await repo.hostMerge(branch, 'merge', '2025-01-16T08:00:00Z');
    const history = await repo.cloneOrigin().cli('history', 'privacy-policy');
    expect(history.stdout).toContain(
      '2025-01-15  2025-01-15  substantive  published  <merge>  Robin Review  2025-01-16  Clearer.',
    );
  });
});

describe('without the full history, provenance is unavailable and nothing is wrongly refused', () => {
  it('a shallow clone of main warns, passes, and does not guess a publishing commit', async () => {
    const repo = await proposed();
    await repo.hostMerge(branch, 'merge', '2025-01-16T08:00:00Z');
    const shallow = repo.cloneOrigin({ depth: 1 });
    const run = await shallow.cli('check', '--base', 'origin/main');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "warning: content/policies
        git history: provenance unavailable: shallow clone: the commits that published the versions are not in it
        hint: Published texts were checked against the sha256 recorded in each file instead. 1 published version records no sha256 and could not be checked here; the pull request’s check, with history, did check it. Run the check in a full clone (\`git fetch --unshallow\`) to check them against the commits that published them.

      policy check: passed (3 versions, 1 warning).
      "
    `);
    expect(await provenance(shallow, draft)).toEqual({
      available: false,
      reason: 'shallow clone: the commits that published the versions are not in it',
      notCommitted: false,
    });
  });

  it("a shallow clone of the pull request's branch passes too", async () => {
    const repo = await proposed();
    repo.write(draft, repo.read(draft).replace('whenever you like', 'at any moment'));
    await repo.commit('correct', 'Reviewer: wording', '2025-01-15T10:00:00Z');
    await repo.push();
    const run = await repo.cloneOrigin({ depth: 1, branch }).cli('check', '--base', 'origin/main');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('provenance unavailable: shallow clone');
    expect(run.stdout).not.toContain('error:');
  });

  it('a clone without the base branch says so, and passes', async () => {
    const repo = await createPolicyRepo({ origin: true });
    const run = await repo.cli('check', '--base', 'origin/release');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'git history: provenance unavailable: the base branch origin/release is not in this clone (name it with --base REF or POLICY_BASE_BRANCH, e.g. origin/main)',
    );
  });

  it('POLICY_BASE_BRANCH names the base branch when --base does not', async () => {
    const repo = await createPolicyRepo({ origin: true });
    process.env.POLICY_BASE_BRANCH = 'origin/release';
    try {
      expect((await repo.cli('check')).stdout).toContain('the base branch origin/release is not in this clone');
      expect((await repo.cli('check', '--base', 'origin/main')).stdout).toBe('policy check: passed (2 versions).\n');
    } finally {
      delete process.env.POLICY_BASE_BRANCH;
    }
  });
});
