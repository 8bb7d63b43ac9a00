/**
 * The policy content collection: one entry per version file `content/policies/<policy>/<version>.mdx`,
 * holding the complete version record (front matter, document model, canonical text, SHA-256,
 * provenance). The loader (src/lib/versions/loader.ts) is where the build reads the content
 * files, once, and why it never waits; pages and the server's on-demand routes read the records
 * back through `siteRepository()` (src/lib/versions/collection.ts), so nothing parses MDX after this.
 *
 * The front-matter schema, with a line on every field and its default, is `policyFrontmatter` in
 * src/lib/content/schema.ts: the legal team's CLI and the tests validate the same files outside
 * Astro. A broken file fails the build with its path, line, field and a hint (src/lib/content/errors.ts).
 */
import { defineCollection, z } from 'astro:content';
import { policyVersionsLoader } from './lib/versions/loader.ts';
import type { StoredRecord } from './lib/versions/record.ts';

const policies = defineCollection({
  loader: policyVersionsLoader(),
  // Records are validated when read (readVersionRecords); the schema only types them.
  schema: z.custom<StoredRecord>(),
});

export const collections = { policies };
