/**
 * Versions over time on the fixture content: the version in force on a date (at its
 * boundaries), the compare page's input checks, feeds, versions.json and the text fingerprint.
 */
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { documentText } from '../../src/lib/document/model.ts';
import { parseDocument } from '../../src/lib/document/parse.ts';
import { policyFeed, siteFeed, versionsIndex, xmlEscape } from '../../src/lib/feeds.ts';
import { chooseDate, choosePair } from '../../src/lib/history/choose.ts';
import { textSha256 } from '../../src/lib/publishing/hash.ts';
import { versionOptions } from '../../src/lib/history/options.ts';
import { changesIn, compareVersions, versionState } from '../../src/lib/history/versions.ts';
import { fileRepository, versionInForce, type Policy } from '../../src/lib/versions/index.ts';
import { site } from '../../src/site.config.ts';
import { seedContentDir } from '../helpers/shipped.ts';

const saved = { dir: process.env.CONTENT_DIR, day: process.env.BUILD_DATE };
let policy: Policy;
beforeAll(() => {
  process.env.CONTENT_DIR = 'tests/fixtures/content';
  process.env.BUILD_DATE = '2026-01-01';
  policy = fileRepository().policy('privacy-policy');
});
afterAll(() => {
  if (saved.dir === undefined) delete process.env.CONTENT_DIR;
  else process.env.CONTENT_DIR = saved.dir;
  if (saved.day === undefined) delete process.env.BUILD_DATE;
  else process.env.BUILD_DATE = saved.day;
});

const inForce = (day: string) => {
  const result = versionInForce(policy, day);
  return result.found ? result.version.version : result.message;
};

describe('versionInForce: the version in force on a date', () => {
  it('is the new version on its effective day itself', () => {
    expect(inForce('2025-01-15')).toBe('2025-01-15');
    expect(inForce('2025-09-01')).toBe('2025-09-01');
    expect(inForce('2024-04-25')).toBe('2024-04-25');
  });

  it('is still the previous version the day before', () => {
    expect(inForce('2025-01-14')).toBe('2024-04-25');
    expect(inForce('2025-08-31')).toBe('2025-01-15');
  });

  it('is the latest version on any later day', () => {
    expect(inForce('2030-12-31')).toBe('2025-09-01');
  });

  it('says clearly that nothing was in force before the first version', () => {
    expect(inForce('2024-04-24')).toBe(
      'No version of the Privacy Policy was in force on April 24, 2024: the first version took effect on April 25, 2024.',
    );
  });

  it('agrees with each version’s "in force until" (the day before the next one takes effect)', () => {
    for (const version of policy.versions) {
      if (!version.inForceUntil) continue;
      expect(inForce(version.inForceUntil)).toBe(version.version);
    }
    expect(policy.versions.map((v) => [v.version, v.inForceUntil, versionState(v)])).toEqual([
      ['2024-04-25', '2025-01-14', 'archived'],
      ['2025-01-15', '2025-08-31', 'archived'],
      ['2025-09-01', null, 'current'],
    ]);
  });
});

describe('choosing on the compare page', () => {
  const ids = ['2024-04-25', '2025-01-15', '2025-09-01'];
  it('accepts two versions and puts them in order, older first', () => {
    expect(choosePair(ids, '2024-04-25', '2025-09-01')).toEqual({ ok: true, from: '2024-04-25', to: '2025-09-01' });
    expect(choosePair(ids, '2025-09-01', '2024-04-25')).toEqual({ ok: true, from: '2024-04-25', to: '2025-09-01' });
  });
  it('refuses the same version twice, or a version that does not exist, saying what to do', () => {
    expect(choosePair(ids, '2025-01-15', '2025-01-15')).toEqual({
      ok: false,
      errors: [{ field: 'to', message: 'Choose two different versions to compare' }],
    });
    expect(choosePair(ids, '2023-01-01', null)).toEqual({
      ok: false,
      errors: [
        { field: 'from', message: 'Choose the version to compare from' },
        { field: 'to', message: 'Choose the version to compare with' },
      ],
    });
  });
  it('accepts a real date and refuses anything else', () => {
    expect(chooseDate('2025-01-15')).toEqual({ ok: true, day: '2025-01-15' });
    expect(chooseDate('')).toMatchObject({ ok: false, errors: [{ field: 'date', message: 'Enter a date' }] });
    expect(chooseDate('2025-02-30')).toMatchObject({ ok: false, errors: [{ field: 'date' }] });
    expect(chooseDate('15/01/2025')).toMatchObject({ ok: false, errors: [{ field: 'date' }] });
  });
  it('labels versions by date, newest first, with which one and its id when two share a day', () => {
    expect(versionOptions(policy.versions).map((o) => o.label)).toEqual([
      'September 1, 2025',
      'January 15, 2025',
      'April 25, 2024',
    ]);
    expect(
      versionOptions([
        { version: '2025-01-15', label: 'January 15, 2025 (first version that day)' },
        { version: '2025-01-15-2', label: 'January 15, 2025 (second version that day)' },
      ]).map((o) => o.label),
    ).toEqual([
      'January 15, 2025 (second version that day, 2025-01-15-2)',
      'January 15, 2025 (first version that day, 2025-01-15)',
    ]);
  });
});

describe('comparisons', () => {
  it('the first version has no changes; the others compare with their predecessor', () => {
    expect(changesIn(policy, policy.versions[0]!)).toBeNull();
    const second = changesIn(policy, policy.versions[1]!);
    expect(second?.from.version).toBe('2024-04-25');
    expect(second?.consecutive).toBe(true);
    expect(compareVersions(policy, policy.versions[0]!, policy.versions[2]!).consecutive).toBe(false);
  });
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const origin = 'https://policies.example.org/';

describe('Atom feeds', () => {
  it('one policy: an entry per version, newest first, substantive changes marked', () => {
    const xml = parser.parse(policyFeed(policy, origin)) as { feed: Record<string, unknown> };
    const feed = xml.feed as {
      id: string;
      link: { rel: string; href: string }[];
      updated: string;
      entry: { id: string; title: string; category: { term: string }; link: unknown; summary: { '#text': string } }[];
    };
    expect(feed.id).toBe('https://policies.example.org/privacy-policy/feed.xml');
    expect(feed.updated).toBe('2025-09-01T00:00:00Z');
    expect(feed.entry.map((e) => [e.id, e.category.term])).toEqual([
      ['https://policies.example.org/privacy-policy/2025-09-01/', 'editorial'],
      ['https://policies.example.org/privacy-policy/2025-01-15/', 'substantive'],
      ['https://policies.example.org/privacy-policy/2024-04-25/', 'first'],
    ]);
    expect(feed.entry[1]?.title).toBe('Substantive change: AllWork Privacy Policy, January 15, 2025');
    expect(feed.entry[1]?.summary['#text']).toContain('We now say how quickly we notify you');
    expect(feed.entry[2]?.summary['#text']).toContain('This is the first published version.');
    expect(JSON.stringify(feed.entry[1]?.link)).toContain('/privacy-policy/2025-01-15/changes/');
  });

  it('the site: every version of every policy, newest first', () => {
    const xml = parser.parse(siteFeed(fileRepository().policies, origin)) as { feed: { entry: { updated: string }[] } };
    const dates = xml.feed.entry.map((e) => e.updated);
    expect(dates).toHaveLength(6);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('escapes text for XML', () => {
    expect(xmlEscape(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });
});

describe('versions.json and the text fingerprint', () => {
  it('lists every version with its dates, addresses and the SHA-256 of its canonical text', () => {
    const index = versionsIndex(fileRepository().policies, origin);
    expect(index.policies.map((p) => p.id)).toEqual(['privacy-policy', 'california-privacy-notice']);
    const record = index.policies[0]!.versions[1]!;
    expect(record).toMatchObject({
      version: '2025-01-15',
      state: 'archived',
      change: 'substantive',
      lastModified: '2025-01-15',
      effective: '2025-01-15',
      inForceUntil: '2025-08-31',
      url: 'https://policies.example.org/privacy-policy/2025-01-15/',
      changesUrl: 'https://policies.example.org/privacy-policy/2025-01-15/changes/',
    });
    const text = documentText(policy.versions[1]!.document);
    expect(record.sha256).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect(index.policies[0]!.versions[0]).toMatchObject({ change: 'first', changesUrl: null });
  });

  it('gives different versions different fingerprints, and a formatting-only edit none', () => {
    const hashes = policy.versions.map((v) => textSha256(v.document));
    expect(new Set(hashes).size).toBe(3);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(textSha256(parseDocument('T', 'A **bold** word.'))).toBe(textSha256(parseDocument('T', 'A bold word.')));
  });

  it('keeps the published fingerprints of the shipped content (documentText is a contract: see decision 0001)', () => {
    // Same as `sha256sum` of the canonical text. If this fails, the canonical text format changed,
    // and every published fingerprint with it: that needs a decision record, not a new number here.
    const shipped = loadContent(seedContentDir(), { policies: site.policies.map((p) => p.id) });
    expect(Object.fromEntries(shipped.map((v) => [`${v.policy}/${v.version}`, textSha256(v.document)]))).toEqual({
      'privacy-policy/2024-04-25': '3195e270a97abf2d1409af4d4decff287b9009b5dd3964431766e31607d7fb0a',
      'california-privacy-notice/2024-04-25': 'a7e1ae534613ddf0247e35b13b24263c399f876ea32952a0f2b3fb243e9f433a',
    });
  });
});
