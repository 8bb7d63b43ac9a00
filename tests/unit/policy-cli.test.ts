/**
 * The legal team's CLI, run against real temporary git repositories: every command, its
 * refusals and its exit codes (0 done, 1 refused, 2 wrong usage). Messages are pinned by
 * snapshots; commit hashes appear as <label> of the commit the test made.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/lib/document/parse.ts';
import { textSha256 } from '../../src/lib/publishing/hash.ts';
import { createPolicyRepo, sampleBody, titles, type PolicyRepo } from '../helpers/policy-repo.ts';

const draftPath = 'content/policies/privacy-policy/2025-01-15.mdx';
const editedBody = sampleBody
  .replace('when you create an account.', 'when you create an account or contact support.')
  .replace('- Opt out of promotional emails.\n', '');

/** A repository with a draft of the Privacy Policy dated 2025-01-15, edited, with a summary. */
async function repoWithDraft(
  summary = 'We say that contacting support is also a source of information.',
): Promise<PolicyRepo> {
  const repo = await createPolicyRepo();
  repo.date = '2025-01-15T09:00:00Z';
  const created = await repo.cli('new', 'privacy-policy', '--date', '2025-01-15');
  expect(created.code).toBe(0);
  const source = repo
    .read(draftPath)
    .replace(sampleBody, editedBody)
    .replace('summary: ""', `summary: ${JSON.stringify(summary)}`);
  repo.write(draftPath, source);
  return repo;
}

async function headCommit(repo: PolicyRepo): Promise<{ subject: string; files: string[] }> {
  const [subject = '', ...files] = (await repo.git.raw(['show', '--name-only', '--format=%s', 'HEAD']))
    .trim()
    .split('\n');
  return { subject, files: files.filter(Boolean) };
}

describe('usage', () => {
  it('--help explains every command and the exit codes', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.cli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "Usage: npm run policy -- <command> [arguments]

      Publish new versions of the policies through git. Each version is one file,
      content/policies/<policy>/<version>.mdx, and a published version never changes.
      Step-by-step guide: docs/publishing.md

      Commands:
        new <policy> [--date YYYY-MM-DD]                  start a draft: copy the latest version to a file named by the date
        diff <policy> [<from> <to>]                       show the words changed between two versions
        check [--base REF] [--format F] [--summary FILE]  check every version; list all problems with file, line, field and hint
        publish <policy> [<version>] [--tag]              check, mark the draft published and commit only that file
        history <policy> [--base REF]                     list the versions: dates, change, publishing commit, summary
        sign                                              sign and time-stamp every published version that has no evidence yet (the deploy does it)
        verify <file-or-url> [--keys F] [--tsa-ca F]      check a downloaded text or a version address: hash, signature, key, time-stamp

      Policies: privacy-policy, california-privacy-notice

      Options:
        -h, --help   Show help; \`npm run policy -- <command> --help\` shows a command’s help.

      Exit codes: 0 done · 1 refused (the message says why and how to fix it) · 2 wrong usage.
      "
    `);
  });

  it('each command has its own help', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.cli('new', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "Usage: npm run policy -- new <policy> [--date YYYY-MM-DD]

      Copy the latest version to a new draft named by the date (default: today): status draft, version and
      lastModified set to the date, empty summary.
      "
    `);
  });

  it('no command prints the help to stderr and exits 2', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.cli();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run policy -- <command>');
  });

  it.each([
    [['publsh', 'privacy-policy']],
    [['check', '--verbose']],
    [['new']],
    [['new', 'privacy-polcy']],
    [['new', 'privacy-policy', '--date', '2025-02-30']],
    [['diff', 'privacy-policy', '2024-04-25']],
    [['check', '--tag']],
  ])('wrong usage %j exits 2 with a pointer to the help', async (argv) => {
    const repo = await createPolicyRepo();
    const run = await repo.cli(...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: .+\nSee `npm run policy -- .*--help`\.\n$/);
  });

  it('usage messages', async () => {
    const repo = await createPolicyRepo();
    const messages = await Promise.all(
      [
        ['publsh', 'privacy-policy'],
        ['check', '--verbose'],
        ['new', 'privacy-polcy'],
        ['new', 'privacy-policy', '--date', '2025-02-30'],
      ].map(async (argv) => (await repo.cli(...argv)).stderr),
    );
    expect(messages.join('')).toMatchInlineSnapshot(`
      "error: "publsh" is not a command. Commands: new, diff, check, publish, history, sign, verify.
      See \`npm run policy -- --help\`.
      error: Unknown option '--verbose'
      See \`npm run policy -- check --help\`.
      error: "privacy-polcy" is not a policy. Known policies: privacy-policy, california-privacy-notice.
      See \`npm run policy -- new --help\`.
      error: --date 2025-02-30 is not a real calendar date, e.g. --date 2025-09-01.
      See \`npm run policy -- new --help\`.
      "
    `);
  });
});

describe('new', () => {
  it('copies the latest version to a draft named by the date', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.cli('new', 'privacy-policy', '--date', '2025-01-15');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "Created content/policies/privacy-policy/2025-01-15.mdx, a draft copied from 2024-04-25.
      Next:
        1. Edit the text. Write what changed in \`summary:\`; set \`change: editorial\` if only the wording changed,
           and add \`effective: YYYY-MM-DD\` if it takes effect on another day than its date.
        2. See the changes: npm run policy -- diff privacy-policy
        3. Publish it:      npm run policy -- publish privacy-policy
      "
    `);
    const draft = repo.read(draftPath);
    expect(draft.split('---\n')[1]).toMatchInlineSnapshot(`
      "title: AllWork Privacy Policy
      version: 2025-01-15
      lastModified: 2025-01-15
      status: draft
      change: substantive
      summary: ""
      "
    `);
    // The text is copied as it was.
    expect(draft.endsWith(`\n\n${sampleBody}`)).toBe(true);
    expect((await repo.cli('check')).code).toBe(0);
  });

  it('defaults to today, and names a second version on the same day -2', async () => {
    const repo = await createPolicyRepo();
    repo.today = '2024-04-25';
    expect((await repo.cli('new', 'privacy-policy')).code).toBe(0);
    expect(repo.read('content/policies/privacy-policy/2024-04-25-2.mdx')).toContain('version: 2024-04-25-2\n');
  });

  it('refuses a second draft, and a date before the latest version', async () => {
    const repo = await createPolicyRepo();
    const early = await repo.cli('new', 'privacy-policy', '--date', '2024-01-01');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatchInlineSnapshot(`
      "2024-01-01 is before the latest version, 2024-04-25: a new version's date comes after it.
      "
    `);
    await repo.cli('new', 'privacy-policy', '--date', '2025-01-15');
    const again = await repo.cli('new', 'privacy-policy', '--date', '2025-02-01');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatchInlineSnapshot(`
      "There is already a draft of the Privacy Policy: content/policies/privacy-policy/2025-01-15.mdx. Edit and publish it, or delete it, before starting another.
      "
    `);
  });
});

describe('diff', () => {
  it('prints the word changes of the draft against the version before it, plain when not on a terminal', async () => {
    const repo = await repoWithDraft();
    const run = await repo.cli('diff', 'privacy-policy');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toMatchInlineSnapshot(`
      "Privacy Policy (privacy-policy): 2024-04-25 → 2025-01-15 (draft)
      2 changes: 4 words added, 6 removed; 2 sections changed, 0 added, 0 removed, 0 renamed; 0 passages moved

      changed Opening text (#top; +4 -1 words)
        1. changed paragraph
           … you provide to us when you create an [-account.-] {+account or contact support.+}
      changed Your Choices (#your-choices; +0 -5 words)
        2. removed list item
           [-Opt out of promotional emails.-]
      "
    `);
  });

  it('is coloured on a terminal, and still marks every change without colour', async () => {
    const repo = await repoWithDraft();
    repo.color = true;
    const run = await repo.cli('diff', 'privacy-policy');
    expect(run.stdout).toContain('\x1b[32m{+account or contact support.+}\x1b[0m');
    expect(run.stdout).toContain('\x1b[31m[-Opt out of promotional emails.-]\x1b[0m');
  });

  it('compares two named versions', async () => {
    const repo = await repoWithDraft();
    const named = await repo.cli('diff', 'privacy-policy', '2024-04-25', '2025-01-15');
    expect(named.code).toBe(0);
    expect(named.stdout).toBe((await repo.cli('diff', 'privacy-policy')).stdout);
    const unknown = await repo.cli('diff', 'privacy-policy', '2024-04-25', '2030-01-01');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatchInlineSnapshot(`
      "error: "2030-01-01" is not a version of the Privacy Policy. Versions: 2024-04-25, 2025-01-15.
      See \`npm run policy -- diff --help\`.
      "
    `);
  });

  it('refuses when there is only one version', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.cli('diff', 'privacy-policy');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatchInlineSnapshot(`
      "The Privacy Policy has one version: there is nothing to compare.
      "
    `);
  });
});

describe('publish', () => {
  it('a clean publish: checks, sets status and sha256, commits exactly that file; --tag tags it', async () => {
    const repo = await repoWithDraft();
    repo.write('notes.txt', 'unstaged notes stay out of the commit\n');
    repo.date = '2025-01-15T10:00:00Z';
    const run = await repo.cli('publish', 'privacy-policy', '--tag');
    const commit = (await repo.git.raw(['rev-parse', '--short', 'HEAD'])).trim();
    repo.commits.set('publish', commit);
    expect(run.code).toBe(0);
    expect(repo.scrub(run.stdout)).toMatchInlineSnapshot(`
      "Published privacy-policy 2025-01-15 in commit <publish> ("Publish privacy-policy 2025-01-15").
      Tagged privacy-policy/2025-01-15.
      Next: push it (\`git push && git push origin privacy-policy/2025-01-15\`), or open a pull request; the site shows it once it is built.
      "
    `);
    expect(await headCommit(repo)).toEqual({ subject: 'Publish privacy-policy 2025-01-15', files: [draftPath] });
    const published = repo.read(draftPath);
    expect(published).toContain('\nstatus: published\n');
    expect(published).toContain(`\nsha256: ${textSha256(parseDocument(titles['privacy-policy']!, editedBody))}\n`);
    expect((await repo.git.raw(['cat-file', '-t', 'privacy-policy/2025-01-15'])).trim()).toBe('tag');
    expect((await repo.git.raw(['rev-parse', '--short', 'privacy-policy/2025-01-15^{commit}'])).trim()).toBe(commit);
    expect((await repo.git.raw(['status', '--porcelain'])).trim()).toBe('?? notes.txt');
    const check = await repo.cli('check');
    expect(check.code).toBe(0);
  });

  it('refuses a draft without a summary, changing nothing', async () => {
    const repo = await repoWithDraft('');
    const before = repo.read(draftPath);
    const run = await repo.cli('publish', 'privacy-policy');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatchInlineSnapshot(`
      "A new version needs a summary of what changed; nothing was published.

      error: content/policies/privacy-policy/2025-01-15.mdx
        summary: is empty
        hint: Write one or two plain sentences saying what changed, e.g. \`summary: We added…\`.

      "
    `);
    expect(repo.read(draftPath)).toBe(before);
    expect((await headCommit(repo)).subject).toBe('Add the policies');
  });

  it('refuses when other changes are staged, changing nothing', async () => {
    const repo = await repoWithDraft();
    repo.write('README.md', 'staged by someone else\n');
    await repo.git.raw(['add', 'README.md']);
    const before = repo.read(draftPath);
    const run = await repo.cli('publish', 'privacy-policy');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatchInlineSnapshot(`
      "Other changes are staged for commit, and publishing commits only the version file; nothing was published.
        staged: README.md
        hint: Commit them first, or unstage them with \`git restore --staged <file>\` (your edits stay in the files).
      "
    `);
    expect(repo.read(draftPath)).toBe(before);
    expect((await headCommit(repo)).subject).toBe('Add the policies');
    expect((await repo.git.raw(['diff', '--cached', '--name-only'])).trim()).toBe('README.md');
  });

  it('refuses when the check fails, listing the problems', async () => {
    const repo = await repoWithDraft();
    repo.write(draftPath, repo.read(draftPath).replace('lastModified: 2025-01-15', 'lastModified: 2024-01-15'));
    const run = await repo.cli('publish', 'privacy-policy');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatchInlineSnapshot(`
      "The check found problems; nothing was published.

      error: content/policies/privacy-policy/2025-01-15.mdx:4
        lastModified: is 2024-01-15, but the previous version (2024-04-25) was last modified on 2024-04-25
        hint: Versions are ordered by their file names, so each version’s dates come after the previous one’s. Correct the date, or name the file after the date printed on the version.

      "
    `);
  });

  it('refuses when there is no draft', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.cli('publish', 'privacy-policy');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatchInlineSnapshot(`
      "The Privacy Policy has no draft to publish. Start one with \`npm run policy -- new privacy-policy\`.
      "
    `);
  });
});

describe('history', () => {
  it('lists each version with its publishing commit, author and date', async () => {
    const repo = await repoWithDraft();
    repo.date = '2025-01-15T10:00:00Z';
    expect((await repo.cli('publish', 'privacy-policy')).code).toBe(0);
    repo.commits.set('publish', (await repo.git.raw(['rev-parse', '--short', 'HEAD'])).trim());
    await repo.cli('new', 'privacy-policy', '--date', '2025-06-01');
    const run = await repo.cli('history', 'privacy-policy');
    expect(run.code).toBe(0);
    // Columns line up (before hashes are replaced by labels for the snapshot).
    const [header = '', ...rows] = run.rawStdout.split('\n').slice(2, 6);
    const column = header.indexOf('author');
    for (const row of rows)
      expect([row.slice(column - 2, column), row[column]]).toEqual(['  ', expect.stringMatching(/\S/)]);
    expect(repo.scrub(run.stdout)).toMatchInlineSnapshot(`
      "AllWork Privacy Policy (privacy-policy)

      version     effective   change       status     commit   author      date        summary
      2024-04-25  2024-04-25  substantive  published  <initial>  Dana Legal  2024-04-25  –
      2025-01-15  2025-01-15  substantive  published  <publish>  Dana Legal  2025-01-15  We say that contacting support is also a source of information.
      2025-06-01  2025-06-01  substantive  draft      –        –           –           –
      "
    `);
  });

  it('says provenance is unavailable in a shallow clone', async () => {
    const repo = await createPolicyRepo();
    const run = await repo.shallowClone().cli('history', 'privacy-policy');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "AllWork Privacy Policy (privacy-policy)

      version     effective   change       status     commit                  author  date  summary
      2024-04-25  2024-04-25  substantive  published  provenance unavailable                –

      provenance unavailable: shallow clone: the commits that published the versions are not in it
      "
    `);
  });
});
