/**
 * Provenance for the site: the commit of the base branch that published each version, read from
 * git once per build. It never fails the build: a tarball, a shallow clone (as CI often makes), a
 * missing git binary, a clone without the base branch or an unreadable history all give
 * "provenance unavailable" with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheFolder, cacheKey, readCachedJson, writeCachedJson } from '../cache/json-cache.ts';
import { codeHash, type CodeOf } from '../formats/cache.ts';
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

/**
 * Compute the provenance of one version file (absolute path) in the repository that holds it;
 * `text` is the file's content when the caller has read it already.
 */
export async function provenanceOf(absoluteFile: string, history: HistoryAccess, text?: string): Promise<Provenance> {
  if (!history.available) return { available: false, reason: history.reason, notCommitted: false };
  try {
    const relative = repoPath(history.repo, absoluteFile);
    if (relative === null)
      return { available: false, reason: 'the file is outside the git repository', notCommitted: false };
    const trace = await tracePublication(
      history.repo,
      relative,
      text ?? readFileSync(absoluteFile, 'utf8'),
      history.base.ref,
    );
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

/** The code a provenance is computed by: a change to any of it computes every provenance again. */
const tracer: CodeOf = {
  id: 'provenance',
  name: 'provenance',
  code: {
    files: [
      'src/lib/publishing/provenance.ts',
      'src/lib/publishing/publication.ts',
      'src/lib/publishing/git.ts',
      'src/lib/content/load.ts',
      'src/lib/content/frontmatter.ts',
      'src/lib/content/schema.ts',
      'src/lib/document/parse.ts',
      'src/lib/document/model.ts',
    ],
    packages: ['simple-git', 'yaml'],
  },
};

interface Traced {
  readonly access: HistoryAccess;
  /** What a provenance depends on besides the file: the code and the commits of HEAD and the base branch; null: do not cache. */
  readonly key: string | null;
}

/**
 * The commits HEAD and the base branch point at: the history a provenance is read from. Git
 * history never changes under a commit id, so with the same commits, the same file and the same
 * code, the answer is the one computed before — a build of an unchanged checkout runs no git
 * command per version.
 */
async function historyKey(access: HistoryAccess): Promise<string | null> {
  if (!access.available || !tracer.code.files.every((file) => existsSync(file))) return null;
  const heads = await access.repo.git.revparse(['HEAD', access.base.ref]).catch(() => null);
  return heads === null ? null : cacheKey(codeHash(tracer), access.repo.root, heads.trim());
}

let history: Promise<Traced> | null = null;
const cache = new Map<string, Promise<Provenance>>();
const reported = new Set<string>();

/** The provenance from the cache (node_modules/.cache/provenance, PROVENANCE_CACHE_DIR), or computed and stored. */
async function tracedProvenance(absolute: string, traced: Traced): Promise<Provenance> {
  const dir = cacheFolder('provenance', 'PROVENANCE_CACHE_DIR');
  if (dir === null || traced.key === null) return provenanceOf(absolute, traced.access);
  const text = readFileSync(absolute, 'utf8');
  const key = cacheKey(traced.key, absolute, text);
  const cached = readCachedJson(dir, key) as Provenance | undefined;
  if (cached) return cached;
  const provenance = await provenanceOf(absolute, traced.access, text);
  // "The git history could not be read" is an accident of this run, not a fact of the history.
  if (provenance.available || provenance.notCommitted) writeCachedJson(dir, key, provenance);
  return provenance;
}

/**
 * Provenance of a version file (path relative to the working directory, as `LoadedVersion.file`),
 * computed once per build and cached. Logs once per reason when provenance is unavailable.
 */
export function versionProvenance(file: string, options: GitOptions = {}): Promise<Provenance> {
  const absolute = path.resolve(file);
  // Every version lives in the same repository: open it once, from the first file asked about.
  history ??= openHistory(path.dirname(absolute), options)
    .catch((error: unknown): HistoryAccess => ({
      available: false,
      reason: `git could not be run (${(error as Error).message.split('\n')[0]})`,
      repo: null,
    }))
    .then(async (access) => ({ access, key: await historyKey(access) }));
  const cached = cache.get(absolute);
  if (cached) return cached;
  const result = history
    .then((traced) => tracedProvenance(absolute, traced))
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
