/**
 * Reading version records from the content folder: the one place, with the content
 * collection's loader that calls it, where content files are read and their MDX parsed.
 * Pure Node, so the CLI, the checks, the benchmarks and the unit tests use it outside Astro.
 */
import { site } from '../../site.config.ts';
import { ContentError, type ContentProblem } from '../content/errors.ts';
import { collectContent, type LoadedVersion } from '../content/load.ts';
import { today } from '../dates.ts';
import { contentDir, previewDrafts } from './build-settings.ts';
import { toRecord, type VersionRecord } from './record.ts';
import { VersionRepository } from './repository.ts';

/** What reading a content folder found: the records, the files they came from, the problems. */
export interface ContentReading {
  /** A record per file that loaded, in folder order. */
  readonly records: VersionRecord[];
  /** The same files as read (front matter with the line of each field), for the checks' messages. */
  readonly files: LoadedVersion[];
  /** Every problem of every file; the files with problems that could still be read are in `files`. */
  readonly problems: ContentProblem[];
}

/**
 * Read every version file below `dir`, collecting problems rather than throwing, so `policy
 * check` and the CLI report them all. A folder that cannot be read at all is thrown as a ContentError.
 */
export function collectVersionRecords(
  dir: string = contentDir(),
  options: { policies?: readonly string[]; root?: string } = {},
): ContentReading {
  const policies = options.policies ?? site.policies.map((p) => p.id);
  const { versions, problems } = collectContent(
    dir,
    options.root === undefined ? { policies } : { policies, root: options.root },
  );
  return { records: versions.map((loaded) => toRecord(loaded)), files: versions, problems };
}

/** Every version file below `dir`, validated and parsed. Throws a ContentError naming every problem. */
export function readVersionRecords(dir: string = contentDir()): VersionRecord[] {
  const { records, problems } = collectVersionRecords(dir);
  if (problems.length) throw new ContentError(problems);
  return records;
}

let cached: { key: string; repository: VersionRepository } | null = null;

/**
 * The repository of a content folder, read once per process for a given folder, day and
 * preview setting (the defaults come from the environment, as for the build).
 */
export function fileRepository(
  options: { contentDir?: string; today?: string; previewDrafts?: boolean } = {},
): VersionRepository {
  const dir = options.contentDir ?? contentDir();
  const day = options.today ?? today();
  const drafts = options.previewDrafts ?? previewDrafts();
  const key = `${dir}|${day}|${String(drafts)}`;
  if (cached?.key !== key) {
    const repository = new VersionRepository(readVersionRecords(dir), {
      policies: site.policies,
      today: day,
      previewDrafts: drafts,
    });
    cached = { key, repository };
  }
  return cached.repository;
}
