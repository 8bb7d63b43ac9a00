/**
 * What the collection's loader stored, as a SHA-256, and the check the pages make of what they
 * read against it (src/lib/versions/loader.ts says why Astro can hand them something else). Kept
 * apart from the loader: the server's on-demand routes import the collection, not git.
 */
import { createHash } from 'node:crypto';
import type { StoredRecord } from './record.ts';

/** The environment variable through which the loader tells the pages what it stored. */
export const DIGEST_VARIABLE = 'POLICY_STORE_DIGEST';

export type StoredEntries = readonly (readonly [id: string, data: StoredRecord])[];

/**
 * SHA-256 of a collection's entries, by id: the loader's and the pages' views of it must agree.
 * JSON is enough: a stored record holds only strings, numbers, booleans, null, arrays and objects.
 */
export function storeDigest(entries: StoredEntries): string {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** Record what the loader stored, for this process's pages. */
export function recordStored(entries: StoredEntries): void {
  process.env[DIGEST_VARIABLE] = storeDigest(entries);
}

/**
 * Throws unless `entries` (the collection as the pages read it) are what this process's loader
 * stored. The message says what happened and what to do; the cause is never the content.
 */
export function assertStoredAsLoaded(entries: StoredEntries): void {
  const stored = process.env[DIGEST_VARIABLE];
  if (stored === undefined) {
    throw new Error(
      'The policy collection was not loaded by this build, so its pages would show no versions or old ones. ' +
        'Hint: look above for a "[content]" error (Astro skips the content sync when its configuration takes more than 5 s to load, on a very busy machine) and build again.',
    );
  }
  if (storeDigest(entries) !== stored) {
    throw new Error(
      `The policy collection the pages read (${entries.length} versions) is not the one this build stored: Astro kept an earlier state of its data store (withastro/astro#15672), or another build of this checkout wrote it meanwhile. ` +
        'Hint: build again, one build at a time; if it happens again, delete node_modules/.astro (.astro for astro dev) first.',
    );
  }
}
