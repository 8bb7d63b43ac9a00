/**
 * What the CI scripts ask git: which base a pull request is checked against, whether the
 * checkout has the history provenance needs, and which version files a branch changes.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { compareVersionIds } from '../../src/lib/content/load.ts';

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The base a branch is compared with: `--base` when given, else the pull request's target branch
 * (GitHub sets GITHUB_BASE_REF on pull_request events; GitLab CI_MERGE_REQUEST_TARGET_BRANCH_NAME),
 * else `origin/main`.
 */
export function baseRef(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit;
  const target = env.GITHUB_BASE_REF || env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
  return `origin/${target || 'main'}`;
}

/** The commit `ref` names, or an error saying how to make it available. */
export function resolveCommit(cwd: string, ref: string): string {
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  } catch {
    throw new Error(
      `The base "${ref}" is not in this checkout. Check out with the full history (actions/checkout ` +
        `with fetch-depth: 0, GitLab GIT_DEPTH: 0) or fetch it: git fetch origin ${ref.replace(/^origin\//, '')}.`,
    );
  }
}

/** A shallow clone has no history before its tip: provenance is then "unavailable". */
export function isShallow(cwd: string): boolean {
  return git(cwd, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
}

function hasMergeBase(cwd: string, base: string): boolean {
  try {
    git(cwd, ['merge-base', base, 'HEAD']);
    return true;
  } catch {
    return false;
  }
}

export type ChangeKind = 'added' | 'modified' | 'deleted';

export interface ChangedVersion {
  readonly policy: string;
  readonly version: string;
  /** Path relative to the repository root. */
  readonly file: string;
  readonly change: ChangeKind;
}

const kinds: Record<string, ChangeKind> = { A: 'added', M: 'modified', D: 'deleted' };

/**
 * Version files (`<contentDir>/<policy>/<version>.mdx`) that differ between the merge base of
 * `base` and HEAD, i.e. what the branch itself changes, ordered by policy and version.
 */
export function changedVersions(cwd: string, base: string, contentDir = 'content/policies'): ChangedVersion[] {
  const folder = contentDir.split(path.sep).join('/').replace(/\/$/, '');
  // `base...HEAD` is what the branch changed since it left the base; a shallow checkout may not
  // reach that common commit, and then the difference of the two trees is the best there is.
  const range = hasMergeBase(cwd, base) ? [`${base}...HEAD`] : [base, 'HEAD'];
  const out = git(cwd, ['diff', '--name-status', '--no-renames', ...range, '--', folder]);
  const changes: ChangedVersion[] = [];
  for (const line of out.split('\n')) {
    const [status, file] = line.split('\t');
    const change = kinds[status?.[0] ?? ''];
    if (!change || !file) continue;
    const match = new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([^/]+)/([^/]+)\\.mdx$`).exec(file);
    if (!match?.[1] || !match[2]) continue;
    changes.push({ policy: match[1], version: match[2], file, change });
  }
  return changes.sort((a, b) => a.policy.localeCompare(b.policy) || compareVersionIds(a.version, b.version));
}
