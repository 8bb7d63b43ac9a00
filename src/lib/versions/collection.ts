/**
 * The repository inside Astro: built from the content collection, which stores every version
 * record complete (document model, canonical text, SHA-256, provenance). Prerendered pages and
 * the server's on-demand routes read it, so the build loads the content files once (in the
 * collection's loader) and no request ever parses MDX. Imports astro:content: Astro code only.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { site } from '../../site.config.ts';
import { today } from '../dates.ts';
import { previewDrafts } from './build-settings.ts';
import { assertStoredAsLoaded } from './store-digest.ts';
import { fromStored, type VersionRecord } from './record.ts';
import { VersionRepository } from './repository.ts';

let entries: Promise<CollectionEntry<'policies'>[]> | null = null;
let records: Promise<VersionRecord[]> | null = null;

/** The collection as this process reads it, once: the repository and the check share it. */
const policyEntries = (): Promise<CollectionEntry<'policies'>[]> => (entries ??= getCollection('policies'));
let cached: { key: string; repository: VersionRepository } | null = null;

/**
 * The site's repository for today (`BUILD_DATE` at build time; the server's clock on demand, so a
 * long-running server moves to the next version on its effective day).
 */
export async function siteRepository(): Promise<VersionRepository> {
  records ??= policyEntries().then((read) => read.map((entry) => fromStored(entry.data)));
  const stored = await records;
  const day = today();
  const key = `${day}|${String(previewDrafts())}`;
  if (cached?.key !== key) {
    cached = {
      key,
      repository: new VersionRepository(stored, {
        policies: site.policies,
        today: day,
        previewDrafts: previewDrafts(),
      }),
    };
  }
  return cached.repository;
}

let checked: Promise<void> | null = null;

/**
 * The site's repository for prerendering (the static paths of every dynamic route:
 * src/lib/routing/paths.ts), once the collection has been checked to be what this build's loader
 * stored: Astro can keep an earlier state of its store (src/lib/versions/loader.ts), and a site
 * built from it would be missing versions or show old ones. That is an integrity error: the build
 * stops (a page with no paths to compute, the home page say, may have been written by then).
 */
export async function prerenderRepository(): Promise<VersionRepository> {
  checked ??= policyEntries().then((read) => {
    assertStoredAsLoaded(read.map((entry) => [entry.id, entry.data] as const));
  });
  await checked;
  return siteRepository();
}
