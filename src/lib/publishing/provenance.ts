/**
 * Provenance for the site: the commit of the base branch that published each version, read from
 * git once per build. It never fails the build: a tarball, a shallow clone (as CI often makes), a
 * missing git binary, a clone without the base branch or an unreadable history all give
 * "provenance unavailable" with the reason.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { commitDay, fileAt, openHistory, repoPath, type GitOptions, type HistoryAccess } from './git.ts';
import { recordOf, tracePublication } from './publication.ts';

export type Provenance =
  | {
      readonly available: true;
      /** Full commit hash. */
      readonly commit: string;
      /** Abbreviated hash, as printed. */
      readonly short: string;
      /** Day of the commit, UTC (YYYY-MM-DD). */
      readonly date: string;
      readonly author: string;
    }
  | {
      readonly available: false;
      /** Why, for the build log. */
      readonly reason: string;
      /** True when history is there but the base branch does not have the version yet (a local or preview build). */
      readonly notCommitted: boolean;
    };

/** Compute the provenance of one version file (absolute path) in the repository that holds it. */
export async function provenanceOf(absoluteFile: string, history: HistoryAccess): Promise<Provenance> {
  if (!history.available) return { available: false, reason: history.reason, notCommitted: false };
  try {
    const relative = repoPath(history.repo, absoluteFile);
    if (relative === null)
      return { available: false, reason: 'the file is outside the git repository', notCommitted: false };
    const trace = await tracePublication(history.repo, relative, readFileSync(absoluteFile, 'utf8'), history.base.ref);
    const commit = trace.publication?.commit;
    if (!commit) {
      const committed = recordOf((await fileAt(history.repo, 'HEAD', relative)) ?? '', relative);
      const reason =
        committed?.status === 'published'
          ? `the version is not on the base branch (${history.base.ref}) yet: it is published when merged`
          : 'the version is not committed as published yet';
      return { available: false, reason, notCommitted: true };
    }
    return {
      available: true,
      commit: commit.hash,
      short: commit.short,
      date: commitDay(commit),
      author: commit.author,
    };
  } catch (error) {
    const reason = `the git history could not be read (${(error as Error).message.split('\n')[0]})`;
    return { available: false, reason, notCommitted: false };
  }
}

let history: Promise<HistoryAccess> | null = null;
const cache = new Map<string, Promise<Provenance>>();
const reported = new Set<string>();

/**
 * Provenance of a version file (path relative to the working directory, as `LoadedVersion.file`),
 * computed once per build and cached. Logs once per reason when provenance is unavailable.
 */
export function versionProvenance(file: string, options: GitOptions = {}): Promise<Provenance> {
  const absolute = path.resolve(file);
  // Every version lives in the same repository: open it once, from the first file asked about.
  history ??= openHistory(path.dirname(absolute), options).catch((error: unknown): HistoryAccess => ({
    available: false,
    reason: `git could not be run (${(error as Error).message.split('\n')[0]})`,
    repo: null,
  }));
  const cached = cache.get(absolute);
  if (cached) return cached;
  const result = history
    .then((access) => provenanceOf(absolute, access))
    .then((provenance) => {
      if (!provenance.available && !reported.has(provenance.reason)) {
        reported.add(provenance.reason);
        console.warn(`[provenance] unavailable for ${file}: ${provenance.reason}`);
      }
      return provenance;
    });
  cache.set(absolute, result);
  return result;
}
