/**
 * When was a version published, and has it changed since? Answered from git history.
 *
 * What is fixed at publication is what a reader can see or rely on: the version id, the title,
 * the printed dates, the status and the text, compared as the canonical text of the document
 * model, so re-wrapping lines in the MDX source is not a change (docs/decisions/0005-integrity.md).
 */
import path from 'node:path';
import { parseVersionSource } from '../content/load.ts';
import { documentText } from '../document.ts';
import { fileRevisions, type Commit, type Repository, type Revision } from './git.ts';
import { textSha256 } from './hash.ts';

/** The parts of a version that may never change once it is published. */
export interface VersionRecord {
  readonly version: string;
  readonly title: string;
  readonly lastModified: string;
  readonly effective: string;
  readonly status: 'draft' | 'published';
  /** Canonical text without the title line. */
  readonly text: string;
  /** SHA-256 of the canonical text with the title (what `sha256:` records). */
  readonly sha256: string;
  /** The `sha256:` front-matter field, when present. */
  readonly recordedSha256: string | undefined;
  /** The file passes the loader's rules (e.g. its `version` is its file name). */
  readonly valid: boolean;
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
    text: full.slice(full.indexOf('\n') + 1),
    sha256: textSha256(version.document),
    recordedSha256: version.sha256,
    valid: problems.length === 0,
  };
}

const fixedFields = ['version', 'title', 'lastModified', 'effective', 'status', 'text'] as const;
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
  /** Null when no commit has the file with `status: published` (a draft, or a publication not yet committed). */
  readonly publication: Publication | null;
  /** Null when the file still says exactly what was published. */
  readonly change: LaterChange | null;
  readonly revisions: readonly Revision[];
}

/**
 * Find the commit that published `repoRelativePath` (the first commit in which it is a valid
 * version saying `status: published`) and whether the file, as it is now (`currentSource`, null when
 * unreadable or gone), still matches it.
 */
export async function tracePublication(
  repo: Repository,
  repoRelativePath: string,
  currentSource: string | null,
): Promise<Trace> {
  const revisions = await fileRevisions(repo, repoRelativePath);
  const records = revisions.map((revision) =>
    revision.source === null ? null : recordOf(revision.source, revision.path),
  );
  // Published = committed with `status: published` in a file that passes the loader's rules. A copy
  // of the previous version committed as pasted (its `version` still the old file's) is not yet one.
  const index = records.findIndex((record) => record?.status === 'published' && record.valid);
  const published = records[index];
  const revision = revisions[index];
  if (index < 0 || !published || !revision) return { publication: null, change: null, revisions };
  const publication: Publication = { commit: revision.commit, path: revision.path, record: published };
  const current = currentSource === null ? null : recordOf(currentSource, repoRelativePath);
  const fields = changedFields(published, current);
  if (!fields.length) return { publication, change: null, revisions };
  // Name the commit that began the change still present now: a change later undone does not count.
  let start = -1;
  for (let i = index + 1; i < records.length; i++) {
    const differs = changedFields(published, records[i] ?? null).length > 0;
    if (!differs) start = -1;
    else if (start < 0) start = i;
  }
  const commit = start < 0 ? null : (revisions[start]?.commit ?? null);
  let laterCommits = 0;
  for (let i = start + 1; start >= 0 && i < records.length; i++) {
    if (changedFields(records[i - 1] ?? null, records[i] ?? null).length) laterCommits++;
  }
  return { publication, change: { fields, commit, laterCommits }, revisions };
}
