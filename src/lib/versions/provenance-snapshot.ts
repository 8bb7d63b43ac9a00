/**
 * The provenance of every version file, read from git before Astro syncs the content collection
 * and handed to the collection's loader as a file, so that the loader needs nothing asynchronous
 * (src/lib/versions/loader.ts says why it must not wait). The integration in
 * src/integrations/version-provenance.ts takes the snapshot; the file lives as long as the build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, writeCachedJson } from '../cache/json-cache.ts';
import { versionProvenance, type Provenance } from '../publishing/provenance.ts';
import { collectVersionRecords } from './files.ts';

/** The environment variable naming this build's snapshot file. */
export const SNAPSHOT_VARIABLE = 'VERSION_PROVENANCE_SNAPSHOT';

/**
 * Read the provenance of every published version below `dir`, write it to a file, and name it in
 * the environment. The files are read as the loader reads them (their models cached, so the
 * loader's reading is quick); a file with problems is left for the loader to report.
 */
export async function takeProvenanceSnapshot(dir: string): Promise<string> {
  const files = collectVersionRecords(dir)
    .records.filter((record) => record.status === 'published')
    .map((record) => record.file);
  const provenances = await Promise.all(files.map((file) => versionProvenance(file)));
  const folder = path.resolve('node_modules/.cache/provenance-snapshots');
  const key = cacheKey(path.resolve(dir));
  const entries = files.map((name, index) => [path.resolve(name), provenances[index]]);
  const file = writeCachedJson(folder, key, entries);
  process.env[SNAPSHOT_VARIABLE] = file;
  return file;
}

/** The snapshot this build took: provenance by absolute path of the version file. */
export function readProvenanceSnapshot(): Map<string, Provenance> {
  const file = process.env[SNAPSHOT_VARIABLE];
  if (file === undefined) {
    throw new Error(
      `No provenance snapshot: ${SNAPSHOT_VARIABLE} is not set. Hint: the allwork:version-provenance integration takes it before the content sync; it belongs in astro.config.mjs.`,
    );
  }
  return new Map(JSON.parse(readFileSync(file, 'utf8')) as [string, Provenance][]);
}
