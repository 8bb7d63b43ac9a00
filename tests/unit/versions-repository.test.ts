/**
 * The version repository: one read of the content folder per process, immutable records, and
 * the rules for "current", "upcoming" and "in force", including two versions on one day.
 */
import { describe, expect, it } from 'vitest';
import { policyFeed, versionsIndex } from '../../src/lib/feeds.ts';
import { fileRepository, versionLabel } from '../../src/lib/versions/index.ts';
import { record, repository } from '../helpers/records.ts';

describe('the version repository', () => {
  it('reads a content folder once per process and hands out frozen records', () => {
    const options = { contentDir: 'tests/fixtures/content', today: '2026-01-01', previewDrafts: false };
    const first = fileRepository(options);
    expect(fileRepository(options)).toBe(first);
    const version = first.policy('privacy-policy').current;
    expect(Object.isFrozen(version)).toBe(true);
    expect(Object.isFrozen(version.document.blocks)).toBe(true);
    expect(() => {
      (version as { title: string }).title = 'changed';
    }).toThrow(TypeError);
    expect(version.canonicalText.startsWith('AllWork Privacy Policy')).toBe(true);
    expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds versions by id, their neighbours, and the version in force on a date', () => {
    const repo = repository([record('2024-04-25'), record('2025-01-15'), record('2025-09-01')], '2026-01-01');
    const middle = repo.version('privacy-policy', '2025-01-15');
    expect(middle && repo.previous(middle)?.version).toBe('2024-04-25');
    expect(middle && repo.next(middle)?.version).toBe('2025-09-01');
    expect(repo.find('no-such-policy')).toBeUndefined();
    const inForce = repo.inForce('privacy-policy', '2025-08-31');
    expect(inForce.found && inForce.version.version).toBe('2025-01-15');
  });
});

describe('two versions on one day', () => {
  const repo = repository([record('2024-04-25'), record('2026-12-01'), record('2026-12-01-2')], '2026-12-05');
  const [first, replaced, second] = repo.policy('privacy-policy').versions;

  it('says the first was replaced on its own day, with no period ending before it began', () => {
    expect(replaced?.inForceUntil).toBeNull();
    expect(replaced?.replacedSameDay).toBe(true);
    expect(replaced?.isCurrent).toBe(false);
    expect(second?.isCurrent).toBe(true);
    expect(first?.inForceUntil).toBe('2026-11-30');
    const day = repo.inForce('privacy-policy', '2026-12-01');
    expect(day.found && day.version.version).toBe('2026-12-01-2');
  });

  it('names each one unambiguously, and a lone version by its date', () => {
    expect(replaced?.label).toBe('December 1, 2026 (first version that day)');
    expect(second?.label).toBe('December 1, 2026 (second version that day)');
    expect(first?.label).toBe('April 25, 2024');
    expect(versionLabel('2026-12-01-3', [{ version: '2026-12-01' }, { version: '2026-12-01-3' }])).toBe(
      'December 1, 2026 (third version that day)',
    );
  });
});

describe('an upcoming version', () => {
  it('is announced by its policy and is not current before its effective day', () => {
    const records = [record('2024-04-25'), record('2026-11-20', { effective: '2027-01-01' })];
    const policy = repository(records, '2026-12-01').policy('privacy-policy');
    expect(policy.current.version).toBe('2024-04-25');
    expect(policy.upcoming?.version).toBe('2026-11-20');
    expect(policy.current.inForceUntil).toBeNull();
    const later = repository(records, '2027-01-01').policy('privacy-policy');
    expect(later.current.version).toBe('2026-11-20');
    expect(later.upcoming).toBeNull();
    expect(later.versions[0]?.inForceUntil).toBe('2026-12-31');
  });
});

describe('feeds and versions.json for two versions on one day and an upcoming version', () => {
  const origin = 'https://policies.example.org/';
  const records = [
    record('2024-04-25'),
    record('2026-11-02'),
    record('2026-11-02-2'),
    record('2026-11-20', { effective: '2027-01-01' }),
  ];
  const policy = repository(records, '2026-12-01').policy('privacy-policy');
  const titles = [...policyFeed(policy, origin).matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);

  it('gives every entry its own title, and announces the upcoming one with its effective day', () => {
    expect(titles.slice(1)).toEqual([
      'Upcoming, Substantive change: AllWork Privacy Policy, November 20, 2026',
      'Substantive change: AllWork Privacy Policy, November 2, 2026 (second version that day)',
      'Substantive change: AllWork Privacy Policy, November 2, 2026 (first version that day)',
      'First published version: AllWork Privacy Policy, April 25, 2024',
    ]);
    expect(policyFeed(policy, origin)).toContain(
      'Takes effect on January 1, 2027; until then the current version applies.',
    );
  });

  it('says in versions.json which version is upcoming and which was replaced on its own day', () => {
    const entry = versionsIndex([policy], origin).policies[0];
    expect(entry?.current).toBe('2026-11-02-2');
    expect(entry?.upcoming).toBe('2026-11-20');
    expect(entry?.versions.map((v) => [v.version, v.inForceUntil, v.replacedSameDay, v.state])).toEqual([
      ['2024-04-25', '2026-11-01', false, 'archived'],
      ['2026-11-02', null, true, 'archived'],
      ['2026-11-02-2', null, false, 'current'],
      ['2026-11-20', null, false, 'upcoming'],
    ]);
  });
});
