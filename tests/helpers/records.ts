/** Version records made in a test (one short paragraph each), for repository and component tests. */
import { parseDocument } from '../../src/lib/document/parse.ts';
import { site } from '../../src/site.config.ts';
import { toRecord, VersionRepository, type VersionRecord } from '../../src/lib/versions/index.ts';

/** A published Privacy Policy version `version`; `fields` override its dates or status. */
export function record(version: string, fields: Partial<VersionRecord> = {}): VersionRecord {
  const lastModified = fields.lastModified ?? version.slice(0, 10);
  return toRecord({
    policy: 'privacy-policy',
    file: `content/policies/privacy-policy/${version}.mdx`,
    title: 'AllWork Privacy Policy',
    version,
    lastModified,
    effective: fields.effective ?? lastModified,
    status: fields.status ?? 'published',
    change: 'substantive',
    summary: version === '2024-04-25' ? '' : `Changes of ${version}.`,
    body: '',
    document: parseDocument('AllWork Privacy Policy', `Text of ${version}.`),
  });
}

/** The repository of `records` on the day `today`. */
export const repository = (records: VersionRecord[], today: string): VersionRepository =>
  new VersionRepository(records, { policies: site.policies, today });
