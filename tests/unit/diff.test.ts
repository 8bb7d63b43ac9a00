/**
 * The diff of the document model. Golden files (tests/unit/__golden__/diff/*.txt) hold the
 * expected change list of every fixture pair as text; they were read and checked by hand against
 * the edits made in tests/fixtures/content. Regenerate with UPDATE_GOLDEN=1 and review the git diff.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent, type LoadedVersion } from '../../src/lib/content/load.ts';
import { diffVersions, tokenize, type VersionDiff } from '../../src/lib/diff/index.ts';
import { diffToText } from '../../src/lib/diff/text.ts';
import { parseDocument, type PolicyDocument } from '../../src/lib/document.ts';
import { site } from '../../src/site.config.ts';
import { golden } from '../helpers/golden.ts';

const fixtures = loadContent('tests/fixtures/content', { policies: site.policies.map((p) => p.id) });
const goldenDir = path.join(import.meta.dirname, '__golden__/diff');

function version(policy: string, id: string): LoadedVersion {
  const found = fixtures.find((v) => v.policy === policy && v.version === id);
  if (!found) throw new Error(`no fixture ${policy}/${id}`);
  return found;
}

const pairs = site.policies.flatMap<[string, string, string]>((p) => [
  [p.id, '2024-04-25', '2025-01-15'],
  [p.id, '2025-01-15', '2025-09-01'],
  [p.id, '2024-04-25', '2025-09-01'],
]);

const doc = (body: string): PolicyDocument => parseDocument('T', body);
const words = (d: PolicyDocument): string[] => {
  const all: string[] = [d.title];
  const walk = (blocks: PolicyDocument['blocks']): void => {
    for (const b of blocks) {
      if (b.type === 'heading' || b.type === 'paragraph') all.push(...tokenize(b.children).map((t) => t.text));
      else if (b.type === 'notice') walk(b.children);
      else for (const item of b.items) walk(item.children);
    }
  };
  walk(d.blocks);
  return all.flatMap((w) => w.split(/\s+/)).filter(Boolean);
};
/** The words of one side, read back from the diff. */
function side(diff: VersionDiff, which: 'before' | 'after'): string[] {
  const keep = which === 'before' ? 'delete' : 'insert';
  const blocks = diff.blocks.filter((b) => b[which] !== null);
  if (which === 'before') blocks.sort((x, y) => (x.before ?? 0) - (y.before ?? 0));
  return blocks
    .flatMap((b) =>
      b.status === 'moved'
        ? [b.ops[0]?.text ?? '']
        : b.ops.filter((op) => op.op === 'equal' || op.op === keep).map((op) => op.text),
    )
    .flatMap((text) => text.split(/\s+/))
    .filter(Boolean);
}

describe('diffVersions on the fixtures', () => {
  for (const [policy, from, to] of pairs) {
    it(`${policy} ${from} → ${to} gives the reviewed change list`, () => {
      const diff = diffVersions(version(policy, from).document, version(policy, to).document);
      const text = diffToText(diff);
      expect(text).toBe(golden(path.join(goldenDir, `${policy}_${from}_${to}.txt`), text));
    });

    it(`${policy} ${from} → ${to} accounts for every word of both versions`, () => {
      const a = version(policy, from).document;
      const b = version(policy, to).document;
      const diff = diffVersions(a, b);
      expect(side(diff, 'after')).toEqual(words(b));
      expect(side(diff, 'before')).toEqual(words(a));
    });
  }

  it('privacy policy, 2025-01-15 → 2025-09-01: a rename, a move and a formatting change', () => {
    const a = version('privacy-policy', '2025-01-15').document;
    const b = version('privacy-policy', '2025-09-01').document;
    const diff = diffVersions(a, b);
    expect(diff.counts).toEqual({
      wordsAdded: 2,
      wordsRemoved: 0,
      sectionsChanged: 0,
      sectionsAdded: 0,
      sectionsRemoved: 0,
      sectionsRenamed: 1,
      blocksMoved: 1,
      changes: 2,
    });
    expect(diff.sections.map((s) => [s.id, s.kind, s.title, s.renamedFrom?.title])).toEqual([
      ['sharing-of-information', 'moved', 'Sharing of Information', undefined],
      ['your-choices', 'renamed', 'Your Choices and Controls', 'Your Choices'],
    ]);
  });

  it('does not report a moved paragraph as words added or removed', () => {
    const diff = diffVersions(
      version('privacy-policy', '2025-01-15').document,
      version('privacy-policy', '2025-09-01').document,
    );
    const moved = diff.blocks.filter((b) => b.status === 'moved');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, section: 'sharing-of-information' });
    expect(moved[0]?.ops.map((op) => op.op)).toEqual(['equal']);
    const text = moved[0]?.ops[0]?.text ?? '';
    expect(diff.blocks.some((b) => b.ops.some((op) => op.op !== 'equal' && op.text.includes(text)))).toBe(false);
  });

  it('does not report a formatting-only change (a term set in bold) at all', () => {
    const a = version('privacy-policy', '2025-01-15').document;
    const b = version('privacy-policy', '2025-09-01').document;
    const para = (d: PolicyDocument) =>
      d.blocks.find((x) => x.type === 'paragraph' && JSON.stringify(x).includes('For purposes of'));
    // The model does differ: the new version wraps the term in <strong>.
    expect(JSON.stringify(para(a))).not.toBe(JSON.stringify(para(b)));
    expect(JSON.stringify(para(b))).toContain('"strong"');
    const block = diffVersions(a, b).blocks.find((x) => x.ops[0]?.text.startsWith('For purposes of'));
    expect(block?.status).toBe('unchanged');
    expect(block?.change).toBeNull();
  });

  it('takes about a millisecond per pair, not seconds (sanity bound; timings live in bench/)', () => {
    const a = version('california-privacy-notice', '2024-04-25').document;
    const b = version('california-privacy-notice', '2025-09-01').document;
    expect(diffVersions(a, b).counts.changes).toBeGreaterThan(0);
  });
});

describe('diffVersions rules', () => {
  it('finds nothing between a document and itself', () => {
    const d = version('california-privacy-notice', '2025-09-01').document;
    const diff = diffVersions(d, d);
    expect(diff.counts.changes).toBe(0);
    expect(diff.sections).toEqual([]);
    expect(diff.blocks.every((b) => b.status === 'unchanged')).toBe(true);
  });

  it('ignores markup: emphasis, links, line breaks, list vs paragraph, heading level', () => {
    const a = doc(
      '## Rights\n\nYou may ask us\nat any time.\n\n- Keep it short.\n\n### Cookies\n\nSee [our page](/a).',
    );
    const b = doc(
      '## Rights\n\nYou *may* ask us at any time.\n\nKeep it short.\n\n#### Cookies\n\nSee [our page](/b).',
    );
    const diff = diffVersions(a, b);
    expect(diff.counts).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, changes: 0 });
  });

  it('pairs a renamed heading by its {#id}, even when no word is shared', () => {
    const a = doc('## Cookies {#cookies}\n\nText one.\n\n## Contact\n\nWrite.');
    const b = doc('## Tracking technologies {#cookies}\n\nText one.\n\n## Contact\n\nWrite.');
    const diff = diffVersions(a, b);
    expect(diff.sections).toEqual([
      expect.objectContaining({
        id: 'cookies',
        kind: 'renamed',
        title: 'Tracking technologies',
        renamedFrom: { id: 'cookies', title: 'Cookies' },
        wordsAdded: 2,
        wordsRemoved: 1,
      }),
    ]);
    expect(diff.counts).toMatchObject({ sectionsChanged: 0, sectionsAdded: 0, sectionsRemoved: 0, sectionsRenamed: 1 });
    expect(diff.blocks.find((x) => x.kind === 'heading')).toMatchObject({
      status: 'renamed',
      change: 1,
      renamedFrom: { id: 'cookies', title: 'Cookies' },
    });
  });

  it('keeps a section renumbered "2." → "3." as the same section, and reports the number as a word change', () => {
    const a = doc('## 2. Sources\n\nText.');
    const b = doc('## 3. Sources\n\nText.');
    const diff = diffVersions(a, b);
    expect(diff.sections.map((s) => [s.id, s.kind])).toEqual([['sources', 'renamed']]);
    expect(diff.blocks.find((x) => x.kind === 'heading')?.ops.map((op) => `${op.op}:${op.text}`)).toEqual([
      'delete:2.',
      'insert:3.',
      'equal:Sources',
    ]);
  });

  it('reports added and removed sections with all their words', () => {
    const a = doc('## Keep\n\nStays here.\n\n## Contests\n\nGoes away now.');
    const b = doc('## Keep\n\nStays here.\n\n## Data portability\n\nBrand new words here.');
    const diff = diffVersions(a, b);
    expect(diff.sections.map((s) => [s.id, s.kind])).toEqual([
      ['contests', 'removed'],
      ['data-portability', 'added'],
    ]);
    expect(diff.counts).toMatchObject({ sectionsAdded: 1, sectionsRemoved: 1, wordsAdded: 6, wordsRemoved: 4 });
  });

  it('pairs a heading renamed without its {#id} when the titles overlap, and keeps its text in one section', () => {
    const a = doc('## Your Choices\n\nOpt out by email.\n\nWrite to us.');
    const b = doc('## Your Choices and Controls\n\nWrite to us.');
    const diff = diffVersions(a, b);
    expect(diff.sections.map((s) => [s.id, s.kind, s.wordsAdded, s.wordsRemoved])).toEqual([
      ['your-choices-and-controls', 'changed', 2, 4],
    ]);
    expect(diff.blocks.find((x) => x.status === 'removed')?.section).toBe('your-choices-and-controls');
  });

  it('reports a list item removed from the list it was in', () => {
    const a = doc('Intro.\n\n1. One thing.\n2. Two things.\n3. Three things.');
    const b = doc('Intro.\n\n1. One thing.\n2. Three things.');
    const diff = diffVersions(a, b);
    const removed = diff.blocks.filter((x) => x.status === 'removed');
    expect(removed.map((x) => [x.kind, x.ops[0]?.text])).toEqual([['item', 'Two things.']]);
    // Same list container as its neighbours, so it renders inside that list; its own number kept.
    const list = (x: (typeof diff.blocks)[number]) => x.frames[0]?.key;
    expect(new Set(diff.blocks.filter((x) => x.kind === 'item').map(list)).size).toBe(1);
    expect(removed[0]?.frames[1]).toMatchObject({ kind: 'item', number: 2 });
  });

  it('diffs words inside a changed paragraph and keeps their formatting', () => {
    const a = doc('Email [info@allworknow.com](mailto:info@allworknow.com) for **any** question.');
    const b = doc('Email [info@allworknow.com](mailto:info@allworknow.com) for **every single** question.');
    const block = diffVersions(a, b).blocks.find((x) => x.status === 'changed');
    expect(block?.ops.map((op) => `${op.op}:${op.text}`)).toEqual([
      'equal:Email info@allworknow.com for',
      'delete:any',
      'insert:every single',
      'equal:question.',
    ]);
    expect(block?.ops[0]?.inlines).toEqual([
      { type: 'text', value: 'Email ' },
      { type: 'link', href: 'mailto:info@allworknow.com', children: [{ type: 'text', value: 'info@allworknow.com' }] },
      { type: 'text', value: ' for' },
    ]);
    expect(block?.ops[2]?.inlines).toEqual([{ type: 'strong', children: [{ type: 'text', value: 'every single' }] }]);
  });

  it('folds a stranded common word into the edit around it, so a rewrite reads as one', () => {
    // A plain longest common subsequence would keep the "of" in the middle of the rewrite.
    const a = doc('We keep your data for a period of five years and then we delete it.');
    const b = doc('We keep your data until the end of the contract and then we delete it.');
    const block = diffVersions(a, b).blocks.find((x) => x.status === 'changed');
    expect(block?.ops.map((op) => `${op.op}:${op.text}`)).toEqual([
      'equal:We keep your data',
      'delete:for a period of five years',
      'insert:until the end of the contract',
      'equal:and then we delete it.',
    ]);
  });

  it('treats a rewritten title as a change', () => {
    const a = parseDocument('Old Title', 'Same text.');
    const b = parseDocument('New Title', 'Same text.');
    const diff = diffVersions(a, b);
    expect(diff.blocks[0]).toMatchObject({ kind: 'title', status: 'changed', change: 1 });
  });
});
