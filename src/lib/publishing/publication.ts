/**
 * When was a version published, and has it changed since? Answered from git history.
 *
 * Published means "on the base branch" (docs/decisions/0009-published-on-base-branch.md): the
 * publishing commit is the first commit of the base branch's first-parent line (the commits the
 * branch itself moved through: merges of pull requests, direct commits) in which the file is a
 * valid published version. A pull request's own commits are not on that line, so its versions can
 * change freely until it is merged.
 *
 * What is fixed at publication is everything a reader can see or rely on: the version id, the
 * title, the printed dates, the status, the change kind, the summary, the key points and the text, compared as the
 * canonical text of the document model, so re-wrapping lines in the MDX source is not a change
 * (docs/decisions/0005-integrity.md).
 */
import path from 'node:path';
import type { FieldLines } from '../content/frontmatter.ts';
import { parseVersionSource } from '../content/load.ts';
import { documentText } from '../document/model.ts';
import { fileRevisions, type Commit, type Repository, type Revision } from './git.ts';
import { textSha256 } from './hash.ts';

/** The parts of a version that may never change once it is published. */
export interface VersionRecord {
  readonly version: string;
  readonly title: string;
  readonly lastModified: string;
  readonly effective: string;
  readonly status: 'draft' | 'published';
  readonly change: 'substantive' | 'editorial';
  readonly summary: string;
  /** The key points as JSON (none: `[]`), to compare: not legal text, but fixed like the summary. */
  readonly keyPoints: string;
  /** Canonical text without the title line. */
  readonly text: string;
  /** SHA-256 of the canonical text with the title (what `sha256:` records). */
  readonly sha256: string;
  /** The `sha256:` front-matter field, when present. */
  readonly recordedSha256: string | undefined;
  /** The file passes the loader's rules (e.g. its `version` is its file name). */
  readonly valid: boolean;
  /** The file's line of each front-matter field, for messages. */
  readonly lines: FieldLines;
}

/** Read a record from a file's source; null when the file cannot be read as a version. */
export function recordOf(source: string, fileName: string): VersionRecord | null {
  const { version, problems } = parseVersionSource(source, '', fileName, path.posix.basename(fileName));
  if (!version) return null;
  const full = documentText(version.document);
  return {
    version: version.version,
    title: version.title,
    lastModified: version.lastModified,
    effective: version.effective,
    status: version.status,
    change: version.change,
    summary: version.summary,
    keyPoints: JSON.stringify(version.keyPoints ?? []),
    text: full.slice(full.indexOf('\n') + 1),
    sha256: textSha256(version.document),
    recordedSha256: version.sha256,
    valid: problems.length === 0,
    lines: version.fieldLines ?? { end: 1 },
  };
}

const fixedFields = [
  'version',
  'title',
  'lastModified',
  'effective',
  'status',
  'change',
  'summary',
  'keyPoints',
  'text',
] as const;
export type FixedField = (typeof fixedFields)[number];

/** The fixed fields that differ; every field when one side cannot be read. */
export function changedFields(before: VersionRecord | null, after: VersionRecord | null): FixedField[] {
  if (!before || !after) return before === after ? [] : ['text'];
  return fixedFields.filter((field) => before[field] !== after[field]);
}

/** The commit that published a file, with the file's text at that commit. */
export interface Publication {
  readonly commit: Commit;
  /** Repository-relative path of the file in that commit. */
  readonly path: string;
  readonly record: VersionRecord;
}

/** How the file in the work tree differs from what was published. */
export interface LaterChange {
  readonly fields: readonly FixedField[];
  /** The first commit of the run of commits that left the file as it is now; null when the change is not committed. */
  readonly commit: Commit | null;
  /** How many later commits changed it further. */
  readonly laterCommits: number;
}

export interface Trace {
  /** Null when the base branch has no commit with the file as a valid published version (not published yet). */
  readonly publication: Publication | null;
  /** Null when the file still says exactly what was published. */
  readonly change: LaterChange | null;
}

const records = (revisions: readonly Revision[]): (VersionRecord | null)[] =>
  revisions.map((revision) => (revision.source === null ? null : recordOf(revision.source, revision.path)));

/**
 * Find the commit of the base branch `base` (a ref; default HEAD) that published `repoRelativePath`
 * and whether the file, as it is now (`currentSource`, null when unreadable or gone), still matches it.
 */
export async function tracePublication(
  repo: Repository,
  repoRelativePath: string,
  currentSource: string | null,
  base = 'HEAD',
): Promise<Trace> {
  // The base branch's own line: with merges of pull requests, each merge is one step of it.
  const line = await fileRevisions(repo, repoRelativePath, ['--first-parent', '--diff-merges=first-parent', base]);
  // Published = with `status: published` in a file that passes the loader's rules. A copy of the
  // previous version committed as pasted (its `version` still the old file's) is not yet one.
  const states = records(line);
  const index = states.findIndex((record) => record?.status === 'published' && record.valid);
  const revision = line[index];
  const published = states[index];
  if (!revision || !published) return { publication: null, change: null };
  const publication: Publication = { commit: revision.commit, path: revision.path, record: published };
  const current = currentSource === null ? null : recordOf(currentSource, repoRelativePath);
  const fields = changedFields(published, current);
  if (!fields.length) return { publication, change: null };
  // What came after it, as the work tree has it: later commits of the base branch and the branch's own.
  const later = await fileRevisions(repo, repoRelativePath, ['--topo-order', `${revision.commit.hash}..HEAD`]);
  return { publication, change: laterChange(published, fields, later) };
}

/** Name the commit that began the change still present now: a change later undone does not count. */
function laterChange(
  published: VersionRecord,
  fields: readonly FixedField[],
  revisions: readonly Revision[],
): LaterChange {
  const states = [published, ...records(revisions)];
  let start = -1;
  for (let i = 1; i < states.length; i++) {
    const differs = changedFields(published, states[i] ?? null).length > 0;
    if (!differs) start = -1;
    else if (start < 0) start = i;
  }
  const commit = start < 0 ? null : (revisions[start - 1]?.commit ?? null);
  let laterCommits = 0;
  for (let i = start + 1; start >= 0 && i < states.length; i++) {
    if (changedFields(states[i - 1] ?? null, states[i] ?? null).length) laterCommits++;
  }
  return { fields, commit, laterCommits };
}
