/**
 * Integrity: a version on the base branch never changes (text and metadata), and is never deleted.
 * On a pull request's branch a version that is not on the base branch yet changes freely
 * (docs/decisions/0009-published-on-base-branch.md). Without history, the `sha256:` line a file
 * may carry stands in (docs/decisions/0005-integrity.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../content/errors.ts';
import { plural } from '../text.ts';
import { commitDay, fileAt, removedFiles, repoPath, type Commit, type HistoryAccess, type Repository } from './git.ts';
import { changedFields, recordOf, tracePublication, type Trace, type VersionRecord } from './publication.ts';

/** A version file found in a policy folder. */
export interface VersionFile {
  readonly policy: string;
  readonly absolute: string;
  /** As printed in problems. */
  readonly file: string;
}

/** A version marked published that the base branch does not have yet: it is published on merge. */
export interface PendingPublication {
  readonly file: string;
  readonly policy: string;
  readonly version: string;
}

export interface IntegrityResult {
  readonly errors: ContentProblem[];
  readonly warnings: ContentProblem[];
  /** Publication traces by printed path, when history is available. */
  readonly traces: Map<string, Trace>;
  readonly pending: PendingPublication[];
}

const describeCommit = (commit: Commit): string =>
  `${commit.short} (“${commit.subject}”, ${commit.author}, ${commitDay(commit)})`;

const newVersionHint = (policy: string): string =>
  `put the new wording in a new version instead: \`npm run policy -- new ${policy}\``;

/** Check every version file against the base branch's history (or, without it, its recorded sha256). */
export async function integrityProblems(
  files: readonly VersionFile[],
  history: HistoryAccess,
  contentDir: string,
  display: (absolute: string) => string,
): Promise<IntegrityResult> {
  const result: IntegrityResult = { errors: [], warnings: [], traces: new Map(), pending: [] };
  const repo = history.available ? history.repo : null;
  const base = history.available ? history.base.ref : null;
  let unverified = 0;
  for (const { policy, absolute, file } of files) {
    const source = readFileSync(absolute, 'utf8');
    const current = recordOf(source, absolute);
    const relative = repo ? repoPath(repo, absolute) : null;
    const trace = repo && relative && base ? await tracePublication(repo, relative, source, base) : null;
    if (trace) result.traces.set(file, trace);
    const publication = trace?.publication ?? null;
    const change = trace?.change ?? null;
    if (publication && change) {
      result.errors.push(changeProblem(file, policy, publication.commit, publication.path, change));
      continue;
    }
    if (!current) continue; // The loader has reported why the file cannot be read.
    if (!trace && current.status === 'published' && !current.recordedSha256) unverified++;
    result.errors.push(...hashProblems(file, current, trace !== null, publication !== null, policy));
    if (repo && relative && trace && !publication && current.status === 'published') {
      if (await committedAsIs(repo, relative, current)) {
        result.pending.push({ file, policy, version: current.version });
      } else {
        result.warnings.push({
          file,
          line: current.lines.status,
          field: 'status',
          // Also after a correction on a pull request's branch: the file is committed, its edit is not.
          message: 'is published, but the file has changes not committed yet: provenance unavailable until they are',
          hint: `Commit the file (a new version: \`npm run policy -- publish ${policy}\`, or the message "Publish ${policy} ${current.version}"; a correction: any message). It is published when the pull request is merged.`,
        });
      }
    }
  }
  if (!history.available) {
    const unchecked = unverified
      ? ` ${plural(unverified, 'published version')} record${unverified === 1 ? 's' : ''} no sha256 and could not be checked here; the pull request’s check, with history, did check ${unverified === 1 ? 'it' : 'them'}.`
      : '';
    result.warnings.unshift({
      file: display(contentDir),
      field: 'git history',
      message: `provenance unavailable: ${history.reason}`,
      hint: `Published texts were checked against the sha256 recorded in each file instead.${unchecked} Run the check in a full clone (\`git fetch --unshallow\`) to check them against the commits that published them.`,
    });
  }
  if (repo && base) result.errors.push(...(await removalProblems(repo, base, contentDir, display)));
  return result;
}

function changeProblem(
  file: string,
  policy: string,
  published: Commit,
  publishedPath: string,
  change: NonNullable<Trace['change']>,
): ContentProblem {
  const when = `${published.short} (${commitDay(published)})`;
  const field = change.fields.join(', ');
  if (change.commit) {
    const more = change.laterCommits ? ` and ${plural(change.laterCommits, 'later commit')}` : '';
    return {
      file,
      field,
      message: `changed in commit ${describeCommit(change.commit)}${more}, after the version was published in commit ${when}`,
      hint: `A published version never changes. Restore it with \`git checkout ${published.short} -- ${publishedPath}\` and commit that, then ${newVersionHint(policy)}.`,
    };
  }
  return {
    file,
    field,
    message: `has uncommitted changes, but the version was published in commit ${when} and cannot change`,
    // `git checkout HEAD --` also undoes a `git add` or `git rm`, which `git restore <file>` would not.
    hint: `Undo them with \`git checkout HEAD -- ${publishedPath}\`, then ${newVersionHint(policy)}.`,
  };
}

/** Whether HEAD holds the file exactly as it is in the work tree (fixed fields compared). */
async function committedAsIs(repo: Repository, relative: string, current: VersionRecord): Promise<boolean> {
  const committed = await fileAt(repo, 'HEAD', relative);
  return committed !== null && changedFields(recordOf(committed, relative), current).length === 0;
}

/**
 * The `sha256:` line is optional. When present it must match the text: with history, because a
 * wrong line would raise a false alarm in a later build without history; without history it is the
 * only witness, so a mismatch means the text changed.
 */
function hashProblems(
  file: string,
  current: VersionRecord,
  withHistory: boolean,
  onBase: boolean,
  policy: string,
): ContentProblem[] {
  const line = `\`sha256: ${current.sha256}\``;
  if (current.status === 'draft') {
    if (!current.recordedSha256) return [];
    return [
      {
        file,
        line: current.lines.sha256,
        field: 'sha256',
        message: 'is set on a draft',
        hint: 'Delete this line: it is written when the version is published (`npm run policy -- publish`), for the text as published.',
      },
    ];
  }
  if (!current.recordedSha256 || current.recordedSha256 === current.sha256) return [];
  if (withHistory) {
    // History shows the text is what was published (or is being published now): the recorded hash is wrong.
    return [
      {
        file,
        line: current.lines.sha256,
        field: 'sha256',
        message: onBase
          ? 'does not match the text, which is unchanged since it was published'
          : 'does not match the text (was it copied from another version?)',
        hint: onBase
          ? `Replace the line with ${line}.`
          : `Delete this line: the hash is computed from the text. (Or replace it with ${line}, for builds without git history.)`,
      },
    ];
  }
  return [
    {
      file,
      field: 'text',
      message: `differs from the text recorded when the version was published (sha256 ${current.recordedSha256.slice(0, 12)}…)`,
      hint: `A published version never changes: restore its published text from the repository, then ${newVersionHint(policy)}. Only if this file is a new version copied from an older one, replace the line with ${line}.`,
    },
  ];
}

/** Versions on the base branch that this work tree deleted or renamed (committed or not). */
async function removalProblems(
  repo: Repository,
  base: string,
  contentDir: string,
  display: (absolute: string) => string,
): Promise<ContentProblem[]> {
  const folder = repoPath(repo, contentDir);
  const problems: ContentProblem[] = [];
  for (const removal of folder === null ? [] : await removedFiles(repo, folder)) {
    // A version this branch published and removed again was never public; one on the base branch was.
    const trace = await tracePublication(repo, removal.path, null, base);
    if (!trace.publication) continue;
    const where = removal.commit
      ? `was deleted in commit ${describeCommit(removal.commit)}`
      : 'was deleted (not committed yet)';
    // `git checkout HEAD --` works after `git rm` too, where `git restore <file>` finds nothing to restore.
    const restore = removal.commit
      ? `\`git checkout ${removal.commit.short}^ -- ${removal.path}\``
      : `\`git checkout HEAD -- ${removal.path}\``;
    problems.push({
      file: display(path.join(repo.root, removal.path)),
      field: 'file',
      message: `${where}, but it is a published version`,
      hint: `Published versions stay on the site at their permanent URL forever. Restore it with ${restore}; to replace it, publish a new version.`,
    });
  }
  return problems;
}
