/**
 * Real temporary git repositories with policy content, for the CLI and check tests.
 * Independent of the machine's git configuration: HOME is a fresh folder (no global config),
 * the system config is ignored, and each repository sets its own user.name and user.email.
 * Commit dates are pinned, so dates and hashes in the messages are the same on every run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { afterAll } from 'vitest';
import { runCli } from '../../src/lib/cli/main.ts';
import type { CliContext } from '../../src/lib/cli/context.ts';
import { parseDocument } from '../../src/lib/document/parse.ts';
import { gitAt } from '../../src/lib/publishing/git.ts';
import { textSha256 } from '../../src/lib/publishing/hash.ts';
import { site } from '../../src/site.config.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'policy-repos-'));
let counter = 0;
// Each test file imports this module afresh, so each removes its own repositories when done.
// Many repositories and clones: removing them can take a while on a busy machine.
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

/** The environment every git process in these tests gets (nothing inherited but PATH). */
function gitEnv(home: string, isoDate: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_DATE: isoDate,
    GIT_COMMITTER_DATE: isoDate,
  };
}

export interface VersionFields {
  title?: string;
  version: string;
  lastModified?: string;
  effective?: string;
  status?: 'draft' | 'published';
  change?: 'substantive' | 'editorial';
  summary?: string;
  /** Write the right sha256 (default for published versions), none, or this value. */
  sha256?: boolean | string;
}

export const titles: Record<string, string> = {
  'privacy-policy': 'AllWork Privacy Policy',
  'california-privacy-notice': 'AllWork Privacy Notice for California Residents',
};

export const sampleBody = [
  'We collect information you provide to us when you create an account.',
  '',
  '## Your Choices',
  '',
  'You may update your account information at any time.',
  '',
  '- Email us to delete your account.',
  '- Opt out of promotional emails.',
  '',
].join('\n');

/** The source of one version file. */
export function versionSource(policy: string, fields: VersionFields, body = sampleBody): string {
  const title = fields.title ?? titles[policy] ?? policy;
  const status = fields.status ?? 'published';
  const lines = [
    `title: ${title}`,
    `version: ${fields.version}`,
    `lastModified: ${fields.lastModified ?? fields.version.slice(0, 10)}`,
    ...(fields.effective ? [`effective: ${fields.effective}`] : []),
    `status: ${status}`,
    `change: ${fields.change ?? 'substantive'}`,
    ...(fields.summary !== undefined ? [`summary: ${JSON.stringify(fields.summary)}`] : []),
  ];
  const wantHash = fields.sha256 ?? status === 'published';
  if (wantHash)
    lines.push(`sha256: ${typeof wantHash === 'string' ? wantHash : textSha256(parseDocument(title, body))}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}

export interface CliRun {
  code: number;
  /** Output with commit hashes replaced by their labels. */
  stdout: string;
  stderr: string;
  /** Standard output as printed. */
  rawStdout: string;
}

export class PolicyRepo {
  readonly dir: string;
  readonly home: string;
  /** Commit date used for the next commit (the CLI's own commits included). */
  date = '2024-04-25T12:00:00Z';
  /** Short hashes of commits by label, to name them in snapshots. */
  readonly commits = new Map<string, string>();
  /** The day the CLI treats as today. */
  today = '2025-03-01';
  /** Whether the CLI colours its output, as on a terminal. */
  color = false;
  /** The bare repository this one pushes to, when there is one (the git host). */
  origin: string | null = null;

  constructor(dir: string, home: string) {
    this.dir = dir;
    this.home = home;
  }

  get env(): Record<string, string> {
    return gitEnv(this.home, this.date);
  }

  get git(): SimpleGit {
    return gitAt(this.dir, { env: this.env });
  }

  path(relative: string): string {
    return path.join(this.dir, relative);
  }

  write(relative: string, content: string): void {
    mkdirSync(path.dirname(this.path(relative)), { recursive: true });
    writeFileSync(this.path(relative), content);
  }

  read(relative: string): string {
    return readFileSync(this.path(relative), 'utf8');
  }

  remove(relative: string): void {
    rmSync(this.path(relative));
  }

  /** Write a version file `content/policies/<policy>/<version>.mdx`; returns its relative path. */
  writeVersion(policy: string, fields: VersionFields, body?: string): string {
    const relative = `content/policies/${policy}/${fields.version}.mdx`;
    this.write(relative, versionSource(policy, fields, body));
    return relative;
  }

  /** Stage everything and commit on `isoDate`; remembers the short hash under `label`. */
  async commit(label: string, message: string, isoDate: string): Promise<string> {
    this.date = isoDate;
    await this.git.raw(['add', '--all']);
    await this.git.raw(['commit', '--quiet', '-m', message]);
    const short = (await this.git.raw(['rev-parse', '--short', 'HEAD'])).trim();
    this.commits.set(label, short);
    return short;
  }

  /** Run the CLI in this repository, as `npm run policy -- ...argv` would. */
  async cli(...argv: string[]): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const context: CliContext = {
      cwd: this.dir,
      contentDir: this.path('content/policies'),
      policies: site.policies,
      today: this.today,
      color: this.color,
      stdout: { write: (text) => (stdout += text) },
      stderr: { write: (text) => (stderr += text) },
      git: { env: this.env },
    };
    const code = await runCli(argv, context);
    return { code, stdout: this.scrub(stdout), stderr: this.scrub(stderr), rawStdout: stdout };
  }

  /** Replace commit hashes with their labels, so snapshots say which commit is named. */
  scrub(text: string): string {
    let out = text;
    for (const [label, short] of this.commits) out = out.replaceAll(short, `<${label}>`);
    return out;
  }

  /** Run git here with this repository's environment (pinned dates, no global configuration). */
  async run(...args: string[]): Promise<string> {
    return this.git.raw(args);
  }

  /** Create `branch` from the current commit and switch to it. */
  async branch(name: string): Promise<void> {
    await this.run('switch', '--quiet', '-c', name);
  }

  /** Push the current branch to `origin` (set up by `createPolicyRepo({ origin: true })`). */
  async push(): Promise<void> {
    await this.run('push', '--quiet', '-u', 'origin', 'HEAD');
  }

  /**
   * Merge `branch` of origin into origin's main as a git host's "Merge pull request" button does
   * (a merge commit, or one squashed commit), in a clone of the host's own; remembers it as `label`.
   */
  async hostMerge(branch: string, label: string, isoDate: string, method: 'merge' | 'squash' = 'merge'): Promise<void> {
    const host = this.cloneOrigin();
    host.date = isoDate;
    await host.run('fetch', '--quiet', 'origin', branch);
    const message = `Merge pull request #1 from ${branch}`;
    if (method === 'merge') await host.run('merge', '--quiet', '--no-ff', '-m', message, `origin/${branch}`);
    else {
      await host.run('merge', '--quiet', '--squash', `origin/${branch}`);
      await host.run('commit', '--quiet', '-m', message);
    }
    await host.run('push', '--quiet', 'origin', 'main');
    this.commits.set(label, (await host.run('rev-parse', '--short', 'HEAD')).trim());
  }

  /** A fresh clone of origin (full history unless `depth`), as a reviewer's or CI's checkout. */
  cloneOrigin(options: { depth?: number; branch?: string } = {}): PolicyRepo {
    if (!this.origin) throw new Error('createPolicyRepo({ origin: true }) sets up an origin');
    const dir = path.join(scratch, `clone-${++counter}`);
    const args = ['clone', '--quiet', ...(options.depth ? ['--depth', String(options.depth)] : [])];
    if (options.branch) args.push('--branch', options.branch);
    execFileSync('git', [...args, `file://${this.origin}`, dir], { env: this.env });
    for (const [key, value] of [
      ['user.name', 'Robin Review'],
      ['user.email', 'robin@allwork.test'],
      ['commit.gpgsign', 'false'],
    ] as const)
      execFileSync('git', ['-C', dir, 'config', key, value], { env: this.env });
    const clone = new PolicyRepo(dir, this.home);
    clone.origin = this.origin;
    clone.today = this.today;
    clone.date = this.date;
    for (const [label, short] of this.commits) clone.commits.set(label, short);
    return clone;
  }

  /** A shallow clone (depth 1) of this repository, as CI checkouts often are. */
  shallowClone(): PolicyRepo {
    const dir = path.join(scratch, `shallow-${++counter}`);
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${this.dir}`, dir], { env: this.env });
    const clone = new PolicyRepo(dir, this.home);
    clone.today = this.today;
    return clone;
  }

  /** A copy of the files without .git, as from a release tarball. */
  tarballCopy(): PolicyRepo {
    const dir = path.join(scratch, `tarball-${++counter}`);
    cpSync(this.dir, dir, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
    const copy = new PolicyRepo(dir, this.home);
    copy.today = this.today;
    return copy;
  }
}

/**
 * A repository with both policies published on 2024-04-25 in one commit (label `initial`).
 * Pass `seed: false` for an empty repository, `origin: true` for a bare origin (the git host) that
 * main is pushed to.
 */
export async function createPolicyRepo(options: { seed?: boolean; origin?: boolean } = {}): Promise<PolicyRepo> {
  // Its own number, read after the awaits below too: tests of a file may create repositories at once.
  const number = ++counter;
  const dir = path.join(scratch, `repo-${number}`);
  const home = path.join(scratch, `home-${number}`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(home, { recursive: true });
  const repo = new PolicyRepo(dir, home);
  await repo.git.raw(['init', '--quiet', '--initial-branch=main']);
  await repo.git.raw(['config', 'user.name', 'Dana Legal']);
  await repo.git.raw(['config', 'user.email', 'dana@allwork.test']);
  await repo.git.raw(['config', 'commit.gpgsign', 'false']);
  await repo.git.raw(['config', 'tag.gpgsign', 'false']);
  if (options.seed !== false) {
    repo.writeVersion('privacy-policy', { version: '2024-04-25' });
    repo.writeVersion('california-privacy-notice', { version: '2024-04-25' });
    await repo.commit('initial', 'Add the policies', '2024-04-25T12:00:00Z');
  }
  if (options.origin) {
    repo.origin = path.join(scratch, `origin-${number}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo.origin], { env: repo.env });
    await repo.run('remote', 'add', 'origin', `file://${repo.origin}`);
    if (options.seed !== false) await repo.push();
  }
  return repo;
}
