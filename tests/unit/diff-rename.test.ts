/**
 * Renamed sections in the diff model: a heading that keeps its id (or most of its words) and
 * changes its words is the same section renamed, never a section removed and another added.
 */
import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/lib/diff/index.ts';
import { parseDocument } from '../../src/lib/document.ts';

const diff = (a: string, b: string) => diffVersions(parseDocument('T', a), parseDocument('T', b));
const changes = (d: ReturnType<typeof diff>) =>
  d.blocks.filter((x) => x.change !== null).map((x) => [x.change, x.status, x.kind, x.section]);

describe('renamed headings', () => {
  it('a section renamed and moved after another is renamed, with its paragraph moved', () => {
    const d = diff(
      '## Alpha {#a}\n\nFirst paragraph, long enough.\n\n## Beta {#b}\n\nSecond paragraph, longer than the first one is.',
      '## Beta {#b}\n\nSecond paragraph, longer than the first one is.\n\n## Alpha renamed {#a}\n\nFirst paragraph, long enough.',
    );
    expect(changes(d)).toEqual([
      [1, 'renamed', 'heading', 'a'],
      [2, 'moved', 'paragraph', 'a'],
    ]);
    expect(d.sections.map((s) => [s.id, s.kind, s.renamedFrom?.title])).toEqual([['a', 'renamed', 'Alpha']]);
    expect(d.counts).toMatchObject({ sectionsAdded: 0, sectionsRemoved: 0, sectionsRenamed: 1, wordsAdded: 1 });
    // Shown where the newer version has it, pointing back at the older one (unit 0 is the title).
    expect(d.blocks.find((x) => x.status === 'renamed')).toMatchObject({ before: 1, after: 3 });
  });

  it('a heading renamed while the text before it moves under it is still one renamed heading', () => {
    const d = diff(
      'Intro words here.\n\n## Old name {#x}\n\nBody text stays.',
      '## New name {#x}\n\nIntro words here.\n\nBody text stays.',
    );
    expect(changes(d)).toEqual([[1, 'renamed', 'heading', 'x']]);
    expect(d.counts).toMatchObject({ sectionsAdded: 0, sectionsRemoved: 0, sectionsRenamed: 1 });
  });

  it('two sections renamed in one stretch are each renamed', () => {
    const d = diff('## One {#one}\n\nA.\n\n## Two {#two}\n\nB.', '## Uno {#one}\n\nA.\n\n## Dos {#two}\n\nB.');
    expect(d.sections.map((s) => [s.id, s.kind, s.title, s.renamedFrom?.title])).toEqual([
      ['one', 'renamed', 'Uno', 'One'],
      ['two', 'renamed', 'Dos', 'Two'],
    ]);
  });

  it('a renamed section whose text changed too is changed, and says it was renamed', () => {
    const d = diff(
      '## Cookies {#cookies}\n\nWe use cookies.\n\n## Contact\n\nWrite.',
      '## Trackers {#cookies}\n\nWe use cookies and pixels.\n\n## Contact\n\nWrite.',
    );
    expect(d.sections).toEqual([
      expect.objectContaining({ id: 'cookies', kind: 'changed', renamedFrom: { id: 'cookies', title: 'Cookies' } }),
    ]);
    expect(d.counts).toMatchObject({ sectionsChanged: 1, sectionsRenamed: 0, sectionsAdded: 0, sectionsRemoved: 0 });
    expect(changes(d)).toEqual([
      [1, 'renamed', 'heading', 'cookies'],
      [2, 'changed', 'paragraph', 'cookies'],
    ]);
  });

  it('a heading renamed without its {#id}, paired by its words, is renamed from the old id', () => {
    const d = diff('## Your Choices\n\nWrite to us.', '## Your Choices and Controls\n\nWrite to us.');
    expect(d.blocks[1]).toMatchObject({
      status: 'renamed',
      section: 'your-choices-and-controls',
      renamedFrom: { id: 'your-choices', title: 'Your Choices' },
    });
    expect(d.counts).toMatchObject({ sectionsRenamed: 1, sectionsAdded: 0, sectionsRemoved: 0 });
  });

  it('a heading with the same words is not renamed, whatever its level', () => {
    const d = diff('## Rights\n\nText.', '### Rights\n\nText.');
    expect(d.counts.changes).toBe(0);
    expect(d.blocks.some((x) => x.status === 'renamed')).toBe(false);
  });
});
