/**
 * Reads from git the provenance of every published version before Astro syncs the content
 * collection, so that the collection's loader never waits (src/lib/versions/loader.ts says why).
 */
import type { AstroIntegration } from 'astro';
import { contentDir } from '../lib/versions/build-settings.ts';
import { takeProvenanceSnapshot } from '../lib/versions/provenance-snapshot.ts';

export function versionProvenance(): AstroIntegration {
  return {
    name: 'allwork:version-provenance',
    hooks: {
      'astro:config:done': async () => {
        await takeProvenanceSnapshot(contentDir());
      },
    },
  };
}
