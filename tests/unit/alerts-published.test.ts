/**
 * What `alerts send` reads as the published versions (src/lib/alerts/published.ts): the
 * versions index, from a built versions.json or computed from the content, described the same
 * way; a file that is missing or not an index is refused with its name and the field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { announcedVersions, readPublishedIndex } from '../../src/lib/alerts/published.ts';
import { versionsIndex } from '../../src/lib/feeds.ts';
import { fileRepository } from '../../src/lib/versions/files.ts';
import { site } from '../../src/site.config.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'alerts-published-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
const fixtures = fileRepository({
  contentDir: path.resolve('tests/fixtures/content'),
  today: '2026-01-01',
  previewDrafts: false,
});
const index = versionsIndex(fixtures.policies, site.siteUrl);

function written(name: string, content: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

describe('announcedVersions', () => {
  it('describes every published version, a first version as substantive with no changes page', () => {
    const versions = announcedVersions(index);
    const published = fixtures.policies.flatMap((p) => p.versions.filter((v) => v.status === 'published'));
    expect(versions.size).toBe(published.length);
    const [policy] = fixtures.policies;
    const [first, second] = policy?.versions ?? [];
    expect(versions.get(`${policy?.id}/${first?.version}`)).toMatchObject({
      change: 'substantive',
      hasChanges: false,
      summary: 'This is the first published version.',
    });
    expect(versions.get(`${policy?.id}/${second?.version}`)).toEqual({
      policy: policy?.id,
      title: second?.title,
      version: second?.version,
      label: second?.label,
      change: second?.change,
      summary: second?.summary,
      effective: second?.effective,
      hasChanges: true,
    });
  });
});

describe('readPublishedIndex', () => {
  it('reads a versions.json as the build writes it, the same as the index computed from the content', async () => {
    const file = written('versions.json', `${JSON.stringify(index, null, 2)}\n`);
    expect(announcedVersions(await readPublishedIndex(file))).toEqual(announcedVersions(index));
  });

  it('refuses a missing file, one that is not JSON, and one without a field, naming the file and the field', async () => {
    const missing = path.join(scratch, 'nowhere.json');
    await expect(readPublishedIndex(missing)).rejects.toThrow(`${missing} is missing: alerts are sent from a build`);
    const broken = written('broken.json', '{"policies": [');
    await expect(readPublishedIndex(broken)).rejects.toThrow(`${broken} is not JSON`);
    const damaged = JSON.parse(JSON.stringify(index)) as { policies: { versions: Record<string, unknown>[] }[] };
    delete damaged.policies[0]?.versions[1]?.label;
    const wrong = written('wrong.json', JSON.stringify(damaged));
    await expect(readPublishedIndex(wrong)).rejects.toThrow(
      `${wrong}: policies[0].versions[1].label: Required. It is not a versions index this release wrote`,
    );
  });
});
