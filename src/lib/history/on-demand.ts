/**
 * Versions for the routes the Node server renders on demand (the compare form's target and
 * comparisons of non-consecutive versions). They read the content collection that the build
 * stores inside the server, not the content folder, so the server needs no source files.
 * Server-only: imports astro:content.
 */
import { getCollection } from 'astro:content';
import { compareVersionIds } from '../content/load.ts';
import { diffVersions, type VersionDiff } from '../diff/index.ts';
import { parseDocument } from '../document.ts';
import { site, type PolicyInfo } from '../../site.config.ts';
import { makeComparison, type Comparison, type VersionInfo } from './versions.ts';

export interface StoredVersion extends VersionInfo {
  /** The MDX body, parsed again only when a comparison needs the text. */
  readonly body: string;
}

/** The policy named in a URL, or undefined. */
export const policyInfo = (id: string | undefined): PolicyInfo | undefined => site.policies.find((p) => p.id === id);

/** Published versions of a policy, oldest first. */
export async function storedVersions(policyId: string): Promise<StoredVersion[]> {
  const entries = await getCollection('policies', (entry) => entry.id.startsWith(`${policyId}/`));
  return entries
    .filter((entry) => entry.data.status === 'published')
    .map((entry) => ({ ...entry.data, body: entry.body ?? '' }))
    .sort((a, b) => compareVersionIds(a.version, b.version));
}

// Comparisons already computed, most recent last; a small bound keeps memory flat.
const cache = new Map<string, VersionDiff>();
const cacheSize = 64;

/** Compare two stored versions (ids must be among `versions`, `from` older than `to`). */
export function compareStored(
  policyId: string,
  versions: readonly StoredVersion[],
  from: string,
  to: string,
): Comparison {
  const a = versions.find((v) => v.version === from) as StoredVersion;
  const b = versions.find((v) => v.version === to) as StoredVersion;
  const key = `${policyId}/${from}/${to}`;
  let diff = cache.get(key);
  if (!diff) {
    diff = diffVersions(parseDocument(a.title, a.body), parseDocument(b.title, b.body));
    cache.set(key, diff);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  }
  return makeComparison(policyId, versions, a, b, diff);
}
