import { afterEach, describe, expect, it } from 'vitest';
import { fileRepository } from '../../src/lib/versions/index.ts';
import { searchEntry, searchTags } from '../../src/lib/search/entry.ts';

/** The fixture content: three versions of each policy (2024-04-25, 2025-01-15, 2025-09-01). */
function fixturePolicy(buildDate: string) {
  process.env['CONTENT_DIR'] = 'tests/fixtures/content';
  process.env['BUILD_DATE'] = buildDate;
  return fileRepository().policy('privacy-policy');
}

afterEach(() => {
  delete process.env['CONTENT_DIR'];
  delete process.env['BUILD_DATE'];
});

describe('which pages the search index holds', () => {
  it('indexes the current version once, under the policy address, and archived versions at their own', () => {
    const policy = fixturePolicy('2026-01-01');
    const [first, second, current] = policy.versions;
    expect(current!.isCurrent).toBe(true);
    expect(searchEntry(policy, current!, '/privacy-policy/')).toEqual({
      status: 'current',
      policy: 'privacy-policy',
      title: 'AllWork Privacy Policy',
      version: '2025-09-01',
      versionDate: 'September 1, 2025',
    });
    // Its permanent page shows the same text: indexing it too would list every section twice.
    expect(searchEntry(policy, current!, '/privacy-policy/2025-09-01/')).toBeNull();
    expect(searchEntry(policy, first!, '/privacy-policy/2024-04-25/')).toMatchObject({
      status: 'archived',
      version: '2024-04-25',
      versionDate: 'April 25, 2024',
    });
    expect(searchEntry(policy, second!, '/privacy-policy/2025-01-15')).toMatchObject({ status: 'archived' });
    // Other pages that show a version's text (its changes, a comparison) are never indexed.
    expect(searchEntry(policy, second!, '/privacy-policy/2025-01-15/changes/')).toBeNull();
    expect(searchEntry(policy, first!, '/privacy-policy/compare/')).toBeNull();
    expect(searchEntry(policy, current!, '/privacy-policy/compare/')).toBeNull();
  });

  it('leaves out a version that is not in force yet', () => {
    const policy = fixturePolicy('2025-06-01');
    const upcoming = policy.versions.at(-1)!;
    expect(upcoming.isUpcoming).toBe(true);
    expect(searchEntry(policy, upcoming, upcoming.url)).toBeNull();
    expect(searchEntry(policy, policy.current, '/privacy-policy/')).toMatchObject({
      status: 'current',
      version: '2025-01-15',
    });
  });

  it('writes one Pagefind key:value per attribute, commas and all', () => {
    const policy = fixturePolicy('2026-01-01');
    const entry = searchEntry(policy, policy.versions[0]!, '/privacy-policy/2024-04-25/')!;
    expect(searchTags(entry)).toEqual([
      { attribute: 'data-pagefind-filter', value: 'policy:privacy-policy' },
      { attribute: 'data-pagefind-filter', value: 'status:archived' },
      { attribute: 'data-pagefind-meta', value: 'title:AllWork Privacy Policy' },
      { attribute: 'data-pagefind-meta', value: 'version:2024-04-25' },
      { attribute: 'data-pagefind-meta', value: 'version_date:April 25, 2024' },
    ]);
  });
});
