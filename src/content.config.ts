/**
 * The policy content collection: one entry per version file `content/policies/<policy>/<version>.mdx`,
 * holding the complete version record (front matter, document model, canonical text, SHA-256,
 * provenance). The loader is where the build reads the content files, once; pages and the
 * server's on-demand routes read the records back through `siteRepository()`
 * (src/lib/versions/collection.ts), so nothing parses MDX after this.
 *
 * The front-matter schema, with a line on every field and its default, is `policyFrontmatter` in
 * src/lib/content/schema.ts: the legal team's CLI and the tests validate the same files outside
 * Astro. A broken file fails the build with its path, line, field and a hint (src/lib/content/errors.ts).
 */
import { defineCollection, z } from 'astro:content';
import { versionProvenance } from './lib/publishing/provenance.ts';
import { contentDir } from './lib/versions/build-settings.ts';
import { readVersionRecords } from './lib/versions/files.ts';
import { toStored, type StoredRecord } from './lib/versions/record.ts';

const policies = defineCollection({
  loader: {
    name: 'policy-versions',
    load: async ({ store }) => {
      store.clear();
      const records = readVersionRecords(contentDir());
      const provenances = await Promise.all(
        records.map((record) =>
          record.status === 'published' ? versionProvenance(record.file) : Promise.resolve(null),
        ),
      );
      records.forEach((record, index) => {
        const stored = toStored(record, provenances[index] ?? null);
        store.set({ id: `${record.policy}/${record.version}`, data: stored, filePath: record.file });
      });
    },
  },
  // Records are validated when read (readVersionRecords); the schema only types them.
  schema: z.custom<StoredRecord>(),
});

export const collections = { policies };
