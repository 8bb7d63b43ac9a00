/**
 * `policy check` for a pull request's job: Markdown for the job summary (`--format markdown`,
 * `--summary FILE`) and GitHub workflow commands (`--format github`) that annotate the lines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPolicyRepo, type PolicyRepo } from '../helpers/policy-repo.ts';

/** A branch with a new version to publish, an HTML comment in it, and a wrong status elsewhere. */
async function branchWithProblems(): Promise<PolicyRepo> {
  const repo = await createPolicyRepo({ origin: true });
  await repo.branch('privacy-policy-2025-01-15');
  repo.writeVersion(
    'privacy-policy',
    { version: '2025-01-15', summary: 'Clearer.', sha256: false },
    'Intro.\n\n<!-- check with legal -->\n',
  );
  repo.writeVersion('california-privacy-notice', { version: '2025-01-15', summary: 'New.', sha256: false });
  await repo.commit('propose', 'Propose', '2025-01-15T09:00:00Z');
  return repo;
}

describe('check output for a pull request', () => {
  it('--format markdown: errors and warnings with line, field and fix; what merging publishes', async () => {
    const repo = await branchWithProblems();
    const run = await repo.cli('check', '--base', 'main', '--format', 'markdown');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "## Policy check failed

      1 error, 0 warnings · 3 versions read · published versions judged against \`main\`

      Merging into main publishes: california-privacy-notice 2025-01-15.

      ### Errors (they block the merge)

      - **\`content/policies/privacy-policy/2025-01-15.mdx:12\`** · \`body\`: an HTML comment (&lt;!-- … --&gt;) cannot be used in policy text: \`<!-- check with legal -->\`<br>
        Fix: Delete it, or write it as an MDX comment, \`{/* … */}\`, which is never published.

      How to fix each problem: docs/publishing.md.
      "
    `);
  });

  it('--summary FILE appends the Markdown and keeps the text on standard output', async () => {
    const repo = await branchWithProblems();
    const summary = repo.path('summary.md');
    repo.write('summary.md', '# Earlier step\n');
    const run = await repo.cli('check', '--base', 'main', '--summary', summary);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error: content/policies/privacy-policy/2025-01-15.mdx:12\n  body: an HTML comment');
    expect(run.stdout.endsWith('policy check: failed with 1 error (3 versions read).\n')).toBe(true);
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# Earlier step\n## Policy check failed\n')).toBe(true);
  });

  it('--format github: one workflow command per problem, on its file and line', async () => {
    const repo = await branchWithProblems();
    repo.today = '2025-01-10';
    const run = await repo.cli('check', '--base', 'main', '--format', 'github');
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=content/policies/privacy-policy/2025-01-15.mdx,line=12,title=body%3A an HTML comment (<!-- … -->) cannot be used in policy text%3A `<!-- check with legal -->`::body: an HTML comment (<!-- … -->) cannot be used in policy text: `<!-- check with legal -->`%0Ahint: Delete it, or write it as an MDX comment, `{/* … */}`, which is never published.',
    );
    expect(lines[1]).toMatch(
      /^::warning file=content\/policies\/california-privacy-notice\/2025-01-15\.mdx,line=4,title=lastModified%3A is 2025-01-15%2C after today/,
    );
    expect(lines.at(-1)).toBe('policy check: failed with 1 error, 1 warning (3 versions read).');
  });

  it('refuses an unknown format, and the options on other commands', async () => {
    const repo = await createPolicyRepo();
    const format = await repo.cli('check', '--format', 'html');
    expect(format).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format html is not a format. Formats: text, markdown, github.'),
    });
    const base = await repo.cli('new', 'privacy-policy', '--base', 'main');
    expect(base).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--base is an option of `check`, `publish`, `history` only.'),
    });
  });
});
