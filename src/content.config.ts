/**
 * The policy content collection. Each file `content/policies/<policy>/<version>.mdx` is one
 * immutable version. The front-matter schema, with a line on every field and its default,
 * is `policyFrontmatter` in src/lib/content/schema.ts; it lives there, not here, because the
 * legal team's CLI and the tests validate the same files outside Astro.
 *
 * The loader reports every broken file at once, each with its path, field and a hint
 * (see src/lib/content/errors.ts), and fails the build.
 */
import { defineCollection } from 'astro:content';
import { policyFrontmatter } from './lib/content/schema.ts';
import { contentDir } from './lib/policies.ts';
import { loadContent } from './lib/content/load.ts';
import { site } from './site.config.ts';

const policies = defineCollection({
  loader: {
    name: 'policy-versions',
    load: async (context) => {
      const { store } = context;
      store.clear();
      for (const version of loadContent(contentDir(), { policies: site.policies.map((p) => p.id) })) {
        const { title, lastModified, effective, status, change, summary } = version;
        const id = `${version.policy}/${version.version}`;
        const data = await context.parseData({
          id,
          data: { title, version: version.version, lastModified, effective, status, change, summary },
        });
        store.set({ id, data, body: version.body, filePath: version.file });
      }
    },
  },
  schema: policyFrontmatter,
});

export const collections = { policies };
