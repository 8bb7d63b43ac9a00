/**
 * The content collection's loader: reads every version record (readVersionRecords) and stores it
 * complete, with the provenance the build took before the sync (provenance-snapshot.ts).
 *
 * It fills the store in one synchronous step, never waiting on anything, because of how Astro
 * 5.18 saves its data store: a save starts 500 ms after the last change, and a save asked for
 * while another is being written is dropped, that other one written again instead
 * (withastro/astro#15672). A loader that awaited while its collection was half made (cleared,
 * then git asked about each version) could leave the store on disk as it was at that moment, so
 * the site was built from an empty collection (4 pages) or from the previous build's versions.
 * A loader that does not yield cannot be interrupted by a save: the only one is Astro's own at
 * the end of the sync, with everything in it. `storeDigest` lets the pages check that what they
 * read is what was stored (collection.ts).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DataStore, Loader } from 'astro/loaders';
import type { Provenance } from '../publishing/provenance.ts';
import { contentDir } from './build-settings.ts';
import { readVersionRecords } from './files.ts';
import { readProvenanceSnapshot } from './provenance-snapshot.ts';
import { toStored, type StoredRecord } from './record.ts';

/** The environment variable through which the loader tells the pages what it stored. */
export const DIGEST_VARIABLE = 'POLICY_STORE_DIGEST';

/** A version file that appeared after the snapshot was taken (a moment before): never in a real build. */
const unread: Provenance = {
  available: false,
  reason: 'the file was not there when the build read git',
  notCommitted: false,
};

/** SHA-256 of a collection's entries, by id: the loader's and the pages' views of it must agree. */
export function storeDigest(entries: readonly (readonly [id: string, data: StoredRecord])[]): string {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** Replace the collection's entries with the records of the content folder, synchronously. */
export function fillVersionStore(store: Pick<DataStore, 'clear' | 'set'>, dir: string = contentDir()): void {
  const records = readVersionRecords(dir);
  const provenance = readProvenanceSnapshot();
  const entries = records.map((record) => {
    const stored = toStored(
      record,
      record.status === 'published' ? (provenance.get(path.resolve(record.file)) ?? unread) : null,
    );
    return [`${record.policy}/${record.version}`, stored, record.file] as const;
  });
  store.clear();
  // Astro takes only paths inside the project for an entry's file (a CONTENT_DIR may be elsewhere).
  for (const [id, data, file] of entries) store.set({ id, data, ...(path.isAbsolute(file) ? {} : { filePath: file }) });
  process.env[DIGEST_VARIABLE] = storeDigest(entries.map(([id, data]) => [id, data]));
}

/**
 * Throws unless `entries` (the collection as the pages read it) are what this build's loader
 * stored. The message says what happened and what to do; the cause is Astro's, not the content's.
 */
export function assertStoredAsLoaded(entries: readonly (readonly [id: string, data: StoredRecord])[]): void {
  const stored = process.env[DIGEST_VARIABLE];
  if (stored === undefined) {
    throw new Error(
      'The policy collection was not loaded by this build, so its pages would show no versions or old ones. ' +
        'Hint: look above for a "[content]" error (Astro skips the content sync when its configuration takes more than 5 s to load, on a very busy machine) and build again.',
    );
  }
  if (storeDigest(entries) !== stored) {
    throw new Error(
      `The policy collection the pages read (${entries.length} versions) is not the one this build stored: Astro kept an earlier state of its data store (withastro/astro#15672). ` +
        'Hint: build again; if it happens again, delete node_modules/.astro first.',
    );
  }
}

export function policyVersionsLoader(): Loader {
  return {
    name: 'policy-versions',
    // Not async: see the header. The promise is only the type Astro asks for.
    load: ({ store }) => {
      fillVersionStore(store);
      return Promise.resolve();
    },
  };
}
