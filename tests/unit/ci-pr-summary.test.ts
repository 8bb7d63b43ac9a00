/**
 * `npm run ci:check` and `npm run ci:pr-summary` as CI runs them: real processes in a real git
 * repository whose `origin` is a bare repository, on a branch made from origin/main, with the
 * pull request's target in GITHUB_BASE_REF as GitHub sets it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fenced } from '../../scripts/ci/markdown.ts';
import { policySupports } from '../../scripts/ci/policy-cli.ts';
import { createPolicyRepo, type PolicyRepo } from '../helpers/policy-repo.ts';
import { runProcess } from '../helpers/process.ts';

const tsx = path.resolve('node_modules/.bin/tsx');

async function ci(repo: PolicyRepo, script: 'check' | 'pr-summary', env: Record<string, string> = {}) {
  const summary = path.join(repo.home, `summary-${script}.md`);
  rmSync(summary, { force: true });
  const result = await runProcess(tsx, [path.resolve(`scripts/ci/${script}.ts`)], {
    cwd: repo.dir,
    env: {
      ...repo.env,
      BUILD_DATE: repo.today,
      GITHUB_BASE_REF: 'main',
      GITHUB_STEP_SUMMARY: summary,
      ...env,
    },
  });
  return {
    ...result,
    summary: existsSync(summary) ? readFileSync(summary, 'utf8') : undefined,
  };
}

const cliHasMarkdown = policySupports('check', '--format') && policySupports('check', 'markdown');

/**
 * The check's section: the CLI's own Markdown report when it has `--format markdown`, else its
 * text in a code block under a verdict; judged against origin/main when the CLI has `--base`,
 * else with a note saying it was not.
 */
function expectVerdict(summary: string, verdict: 'passed' | 'failed'): void {
  if (cliHasMarkdown) {
    expect(summary.startsWith(`## Policy check ${verdict}\n`)).toBe(true);
  } else {
    const mark = verdict === 'passed' ? '✅ **Checks passed**' : '❌ **Checks failed**';
    expect(summary.startsWith(`## Policy content\n\n${mark}: \`npm run policy -- check`)).toBe(true);
    expect(summary).toContain(`\` said \`policy check: ${verdict}`);
  }
  if (policySupports('check', '--base')) {
    expect(summary).not.toContain('has no --base option');
    expect(summary).toContain(cliHasMarkdown ? '`origin/main`' : '`npm run policy -- check --base origin/main');
  } else {
    expect(summary).toContain('> This version of `policy check` has no --base option: it checked against the history');
  }
}

/** A repository with both policies published on main, pushed to a bare origin, and a branch off it. */
async function pullRequestRepo(): Promise<PolicyRepo> {
  const repo = await createPolicyRepo();
  const origin = `${repo.dir}-origin.git`;
  execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, origin], { env: repo.env });
  await repo.git.raw(['remote', 'add', 'origin', origin]);
  await repo.git.raw(['fetch', '--quiet', 'origin']);
  await repo.git.raw(['switch', '--quiet', '-c', 'privacy-policy-2025-01-15', 'origin/main']);
  return repo;
}

// Each test starts the scripts and the CLI as processes: a cap for a loaded machine, not a timing.
// Concurrent: each test has its own repositories, and mostly waits for its processes.
describe.concurrent('npm run ci:pr-summary', { timeout: 240_000 }, () => {
  it('writes the checks and the words changed by a branch adding a version to the job summary', async () => {
    const repo = await pullRequestRepo();
    const body = repo.read('content/policies/privacy-policy/2024-04-25.mdx').split('---\n\n')[1] ?? '';
    repo.writeVersion(
      'privacy-policy',
      { version: '2025-01-15', status: 'draft', summary: 'We delete accounts within 30 days.' },
      body.replace('Email us to delete your account.', 'Email us to delete your account within 30 days.'),
    );
    await repo.commit('draft', 'Draft privacy-policy 2025-01-15', '2025-01-15T09:00:00Z');

    const run = await ci(repo, 'pr-summary');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const base = (await repo.git.raw(['rev-parse', 'origin/main'])).trim().slice(0, 12);
    const summary = run.summary ?? '';
    expectVerdict(summary, 'passed');
    expect(summary).toContain(
      `## Versions changed against \`origin/main\` (\`${base}\`)\n\nThis pull request changes 1 version file.`,
    );
    expect(summary).toContain('### privacy-policy 2025-01-15 (added)\n');
    expect(summary).toContain('Locally: `npm run policy -- diff privacy-policy 2024-04-25 2025-01-15`');
    expect(summary).toContain('```text\nPrivacy Policy (privacy-policy): 2024-04-25 → 2025-01-15 (draft)\n');
    expect(summary).toMatch(/\{\+[^+]*within 30 days[^+]*\+\}/);
    expect(summary).not.toContain('shallow');
  });

  it('reports failed checks with their hints, and still exits 0: the gate is ci:check', async () => {
    const repo = await pullRequestRepo();
    const published = 'content/policies/privacy-policy/2024-04-25.mdx';
    repo.write(published, repo.read(published).replace('You may update', 'You can update'));
    await repo.commit('edit', 'Edit the published text', '2025-01-15T09:00:00Z');

    const summary = await ci(repo, 'pr-summary');
    expect(summary.code).toBe(0);
    expectVerdict(summary.summary ?? '', 'failed');
    // The problem names the file: in the CLI's Markdown list, or in the text block.
    expect(summary.summary).toMatch(
      /(?:Errors \(they block the merge\)\n\n- \*\*`|```text\nerror: )content\/policies\/privacy-policy\/2024-04-25\.mdx/,
    );
    expect(summary.summary).toContain('### privacy-policy 2024-04-25 (modified)');

    const check = await ci(repo, 'check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('error: content/policies/privacy-policy/2024-04-25.mdx');
    expect(check.stdout).toContain('policy check: failed with 1 error');
  });

  it('says so when the checkout is shallow, and names a missing base with the fix', async () => {
    const repo = await pullRequestRepo();
    repo.writeVersion('california-privacy-notice', { version: '2025-01-15', status: 'draft', summary: 'New.' });
    await repo.commit('draft', 'Draft', '2025-01-15T09:00:00Z');
    const shallow = repo.shallowClone();
    await shallow.git.raw(['remote', 'set-url', 'origin', `${repo.dir}-origin.git`]);
    await shallow.git.raw(['fetch', '--quiet', '--depth', '1', 'origin', 'main:refs/remotes/origin/main']);

    const run = await ci(shallow, 'pr-summary');
    expect(run.code).toBe(0);
    expect(run.summary).toContain('> This checkout is shallow: provenance is unavailable.');
    expect(run.summary).toContain('### california-privacy-notice 2025-01-15 (added)');

    const missing = await ci(shallow, 'pr-summary', { GITHUB_BASE_REF: 'release' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'The base "origin/release" is not in this checkout. Check out with the full history',
    );
    expect(missing.summary).toBeUndefined();
  });
});

describe('Markdown of CLI output', () => {
  it('keeps backticks in the text from closing the block', () => {
    expect(fenced('a ``` b\n')).toBe('````text\na ``` b\n````\n');
    expect(fenced('plain')).toBe('```text\nplain\n```\n');
  });
});
