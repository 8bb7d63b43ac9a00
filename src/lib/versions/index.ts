/** The version repository's public face for code that runs outside Astro (CLI, checks, tests, benchmarks). */
export { contentDir, previewDrafts } from './build-settings.ts';
export { fileRepository, readVersionRecords } from './files.ts';
export { versionDay, versionLabel } from './labels.ts';
export { toRecord, type VersionRecord } from './record.ts';
export {
  VersionRepository,
  nextVersion,
  previousVersion,
  versionInForce,
  type AsOfResult,
  type Policy,
  type Version,
} from './repository.ts';
