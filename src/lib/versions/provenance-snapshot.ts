/**
 * The provenance of every published version, read from git before Astro syncs the content
 * collection and handed to the collection's loader as a file, so that the loader needs nothing
 * asynchronous (src/lib/versions/loader.ts says why it must not wait). The integration in
 * src/integrations/provenance-snapshot.ts takes it. The file is this process's own (two builds of
 * one folder may read git differently: another base branch, another HEAD) and is deleted when the
 * process exits.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { versionProvenance, type Provenance } from '../publishing/provenance.ts';
import { collectVersionRecords } from './files.ts';

/** The environment variable naming this process's snapshot file. */
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
  const previous = process.env[SNAPSHOT_VARIABLE];
  const file = previous ?? path.join(tmpdir(), `allwork-provenance-${process.pid}-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(files.map((name, index) => [path.resolve(name), provenances[index]])));
  if (previous === undefined) {
    process.env[SNAPSHOT_VARIABLE] = file;
    process.once('exit', () => {
      rmSync(file, { force: true });
    });
  }
  return file;
}

/** The snapshot this process took: provenance by absolute path of the version file. */
export function readProvenanceSnapshot(): Map<string, Provenance> {
  const file = process.env[SNAPSHOT_VARIABLE];
  if (file === undefined) {
    throw new Error(
      `No provenance snapshot: ${SNAPSHOT_VARIABLE} is not set. Hint: the allwork:provenance-snapshot integration takes it before the content sync; it belongs in astro.config.mjs.`,
    );
  }
  return new Map(JSON.parse(readFileSync(file, 'utf8')) as [string, Provenance][]);
}
