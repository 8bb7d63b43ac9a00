/**
 * The content collection's loader: reads every version record (readVersionRecords) and stores it
 * complete, with the provenance the build read before the sync (provenance-snapshot.ts).
 *
 * It fills the store in one synchronous step, never waiting on anything, because of how Astro
 * 5.18 saves its data store: a save starts 500 ms after the last change, and a save asked for
 * while another is being written is dropped, that other one written again instead
 * (withastro/astro#15672). A loader that awaited while its collection was half made (cleared,
 * then git asked about each version) could leave the store on disk as it was at that moment, so
 * the site was built from an empty collection (4 pages) or from the previous build's versions.
 * No save can start while this loader runs. One can still start just before it, if the process
 * stalls for 500 ms between Astro's own first changes to the store and the loader (the same holds
 * for any other collection with a loader that waits); so the pages check that what they read is
 * what was stored (store-digest.ts), and the build stops if not. docs/decisions/0021.
 */
import path from 'node:path';
import type { DataStore, Loader } from 'astro/loaders';
import type { Provenance } from '../publishing/provenance.ts';
import { contentDir } from './build-settings.ts';
import { readVersionRecords } from './files.ts';
import { readProvenanceSnapshot } from './provenance-snapshot.ts';
import { toStored } from './record.ts';
import { recordStored } from './store-digest.ts';

/**
 * A published version the snapshot does not have: added after it was taken, which only happens
 * in `astro dev` (the snapshot is taken when the server starts).
 */
const unread: Extract<Provenance, { available: false }> = {
  available: false,
  reason: 'the file was added after the server read git (restart it to read the provenance)',
  notCommitted: false,
};

/**
 * Replace the collection's entries with the records of the content folder, synchronously.
 * Returns the published versions the provenance snapshot did not have.
 */
export function fillVersionStore(store: Pick<DataStore, 'clear' | 'set'>, dir: string = contentDir()): string[] {
  const records = readVersionRecords(dir);
  const snapshot = readProvenanceSnapshot();
  const missing: string[] = [];
  const entries = records.map((record) => {
    let provenance: Provenance | null = null;
    if (record.status === 'published') {
      provenance = snapshot.get(path.resolve(record.file)) ?? unread;
      if (provenance === unread) missing.push(record.file);
    }
    return [`${record.policy}/${record.version}`, toStored(record, provenance), record.file] as const;
  });
  store.clear();
  // Astro refuses an absolute path for an entry's file, and a file outside the project (a
  // CONTENT_DIR elsewhere) is named by its absolute path: such entries go without one.
  for (const [id, data, file] of entries) store.set({ id, data, ...(path.isAbsolute(file) ? {} : { filePath: file }) });
  recordStored(entries.map(([id, data]) => [id, data]));
  return missing;
}

export function policyVersionsLoader(): Loader {
  return {
    name: 'policy-versions',
    // Not async: see the header. The promise is only the type Astro asks for.
    load: ({ store, logger }) => {
      const missing = fillVersionStore(store);
      if (missing.length) logger.warn(`provenance not read for ${missing.join(', ')}: ${unread.reason}`);
      return Promise.resolve();
    },
  };
}
