/**
 * Reads from git the provenance of every published version before Astro syncs the content
 * collection, so that the collection's loader never waits (src/lib/versions/loader.ts says why).
 * Not for `astro preview`, which serves a build and syncs nothing.
 */
import type { AstroIntegration } from 'astro';
import { contentDir } from '../lib/versions/build-settings.ts';
import { takeProvenanceSnapshot } from '../lib/versions/provenance-snapshot.ts';

export function provenanceSnapshot(): AstroIntegration {
  let preview = false;
  return {
    name: 'allwork:provenance-snapshot',
    hooks: {
      'astro:config:setup': ({ command }) => {
        preview = command === 'preview';
      },
      'astro:config:done': async () => {
        if (!preview) await takeProvenanceSnapshot(contentDir());
      },
    },
  };
}
