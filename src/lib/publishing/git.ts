/**
 * Read-only access to the git history of the content, through simple-git.
 * Everything here degrades instead of failing: without git, without a repository (a tarball),
 * with a shallow clone or without the base branch, `openHistory` says why history is unavailable,
 * and callers fall back to the SHA-256 recorded in published files (docs/decisions/0005-integrity.md,
 * 0009-published-on-base-branch.md).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

/** One commit, as the CLI and the site print it. */
export interface Commit {
  readonly hash: string;
  /** Abbreviated hash as git prints it (at least 7 characters). */
  readonly short: string;
  readonly author: string;
  /** Commit date (when it entered the history), ISO 8601 with offset. */
  readonly date: string;
  readonly subject: string;
}

/** The day of a commit in UTC (YYYY-MM-DD), so the same commit prints the same day everywhere. */
export function commitDay(commit: Commit): string {
  return new Date(commit.date).toISOString().slice(0, 10);
}

export interface Repository {
  readonly git: SimpleGit;
  /** Absolute path of the top folder of the work tree. */
  readonly root: string;
}

/**
 * The branch whose history decides what is published: a version is published once it is on it
 * (docs/decisions/0009-published-on-base-branch.md).
 */
export interface BaseBranch {
  /** The ref as resolved, e.g. `main` or `origin/main`. */
  readonly ref: string;
  /** Full hash of its tip. */
  readonly commit: string;
}

/** Whether the full history is there to read; when not, why (completes "provenance unavailable: …"). */
export type HistoryAccess =
  | { readonly available: true; readonly repo: Repository; readonly base: BaseBranch }
  | { readonly available: false; readonly reason: string; readonly repo: Repository | null };

export interface GitOptions {
  /**
   * Environment for git, replacing the inherited one. simple-git strips inherited `GIT_*`
   * variables; the `GIT_*` keys given here are allowed through (tests pin commit dates this way).
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The base branch (`--base REF`). Default: the `POLICY_BASE_BRANCH` environment variable, else
   * `main`, else `origin/main` (a CI checkout often has only the remote branch).
   */
  readonly base?: string | undefined;
}

/** The base branch asked for: the option, else `POLICY_BASE_BRANCH`, else null (meaning `main`). */
export function requestedBase(options: GitOptions = {}): string | null {
  return options.base || process.env.POLICY_BASE_BRANCH || null;
}

async function resolveBase(git: SimpleGit, requested: string | null): Promise<BaseBranch | null> {
  for (const ref of requested ? [requested] : ['main', 'origin/main']) {
    const commit = await git
      .raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
      .then((out) => out.trim())
      .catch(() => '');
    if (commit) return { ref, commit };
  }
  return null;
}

/** A simple-git instance rooted at `dir`. */
export function gitAt(dir: string, options: GitOptions = {}): SimpleGit {
  const env = options.env;
  const git = simpleGit({
    baseDir: dir,
    allowEnvironment: env ? Object.keys(env).filter((key) => key.startsWith('GIT_')) : [],
  });
  return env ? git.env({ ...env }) : git;
}

/** Open the repository that holds `dir`, and say whether its history can be trusted to be complete. */
export async function openHistory(dir: string, options: GitOptions = {}): Promise<HistoryAccess> {
  if (!existsSync(dir)) return { available: false, reason: `${dir} does not exist`, repo: null };
  const git = gitAt(dir, options);
  let root: string;
  try {
    root = (await git.revparse(['--show-toplevel'])).trim();
  } catch (error) {
    const message = (error as Error).message;
    const reason =
      /ENOENT|not found|spawn/i.test(message) && !/not a git repository/i.test(message)
        ? 'git is not installed'
        : 'not a git repository (for example a copy from a tarball)';
    return { available: false, reason, repo: null };
  }
  const repo: Repository = { git: gitAt(root, options), root };
  const shallow = (await git.revparse(['--is-shallow-repository']).catch(() => 'false')).trim() === 'true';
  if (shallow) {
    return { available: false, reason: 'shallow clone: the commits that published the versions are not in it', repo };
  }
  const requested = requestedBase(options);
  const base = await resolveBase(git, requested);
  if (!base) {
    const reason = `the base branch ${requested ?? 'main'} is not in this clone (name it with --base REF or POLICY_BASE_BRANCH, e.g. origin/main)`;
    return { available: false, reason, repo };
  }
  return { available: true, repo, base };
}

/** `path` relative to the repository root with forward slashes, or null when it lies outside it. */
export function repoPath(repo: Repository, absolutePath: string): string | null {
  const relative = path.relative(repo.root, absolutePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

const FIELD = '%x1f';
const RECORD = '%x1e';
const commitFormat = `--format=${RECORD}%H${FIELD}%h${FIELD}%an${FIELD}%cI${FIELD}%s`;

interface LogEntry {
  readonly commit: Commit;
  /** `[status, ...paths]` lines of --name-status, e.g. `['M', 'a.mdx']`, `['R100', 'old.mdx', 'new.mdx']`. */
  readonly changes: readonly string[][];
}

function parseLog(output: string): LogEntry[] {
  return output
    .split('\x1e')
    .filter((chunk) => chunk.trim())
    .map((chunk) => {
      const [header = '', ...lines] = chunk.split('\n');
      const [hash = '', short = '', author = '', date = '', subject = ''] = header.split('\x1f');
      return {
        commit: { hash, short, author, date, subject },
        changes: lines.filter((line) => line.trim()).map((line) => line.split('\t')),
      };
    });
}

async function log(repo: Repository, args: string[]): Promise<LogEntry[]> {
  try {
    return parseLog(await repo.git.raw(['log', commitFormat, '--name-status', ...args]));
  } catch {
    // No commits yet, or the path was never committed.
    return [];
  }
}

/** The text of `repoRelativePath` as of `revision`, or null when it did not exist there. */
export async function fileAt(repo: Repository, revision: string, repoRelativePath: string): Promise<string | null> {
  try {
    return await repo.git.raw(['show', `${revision}:${repoRelativePath}`]);
  } catch {
    return null;
  }
}

/** One committed state of a file. `source` is null when the commit deleted it. */
export interface Revision {
  readonly commit: Commit;
  /** Repository-relative path of the file. */
  readonly path: string;
  readonly source: string | null;
}

/**
 * Every committed state of a file in `range` (log arguments; default: the history of HEAD),
 * oldest first. Empty when it was never committed there.
 *
 * Deliberately not `--follow`: git's rename detection also matches copies, and a new version is
 * made by copying the previous file, so `--follow` would hand the new file the old one's history.
 * A version's path is its id; renaming a published file is reported as deleting it.
 */
export async function fileRevisions(
  repo: Repository,
  repoRelativePath: string,
  range: readonly string[] = [],
): Promise<Revision[]> {
  const entries = await log(repo, [...range, '--', repoRelativePath]);
  const revisions: Revision[] = [];
  for (const entry of entries) {
    const deleted = entry.changes.some((change) => change[0] === 'D');
    const source = deleted ? null : await fileAt(repo, entry.commit.hash, repoRelativePath);
    revisions.push({ commit: entry.commit, path: repoRelativePath, source });
  }
  return revisions.reverse();
}

/** A file that was in the history under `folder` and is gone from the work tree. */
export interface Removal {
  /** Repository-relative path. */
  readonly path: string;
  /** The commit that deleted or renamed it, or null when the deletion is not committed yet. */
  readonly commit: Commit | null;
  /** Its last text before it went. */
  readonly lastSource: string;
}

/** Files under `folder` (repository-relative) that git knows and the work tree no longer has. */
export async function removedFiles(repo: Repository, folder: string): Promise<Removal[]> {
  const removals: Removal[] = [];
  const seen = new Set<string>();
  const gone = (repoRelative: string): boolean => !existsSync(path.join(repo.root, repoRelative));
  // Deleted in the work tree (or index) but still in HEAD.
  let tracked: string[] = [];
  try {
    tracked = (await repo.git.raw(['ls-tree', '-r', '--name-only', 'HEAD', '--', folder])).split('\n').filter(Boolean);
  } catch {
    tracked = [];
  }
  for (const file of tracked) {
    if (!gone(file)) continue;
    const lastSource = await fileAt(repo, 'HEAD', file);
    seen.add(file);
    if (lastSource !== null) removals.push({ path: file, commit: null, lastSource });
  }
  // Deleted or renamed away in a commit (newest first, so the latest removal of a path wins).
  for (const entry of await log(repo, ['-M', '--diff-filter=DR', '--', folder])) {
    for (const change of entry.changes) {
      const file = change[1];
      if (!file || seen.has(file)) continue;
      seen.add(file);
      if (!gone(file)) continue;
      const lastSource = await fileAt(repo, `${entry.commit.hash}^`, file);
      if (lastSource !== null) removals.push({ path: file, commit: entry.commit, lastSource });
    }
  }
  return removals;
}
