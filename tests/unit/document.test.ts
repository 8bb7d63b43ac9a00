import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { documentText } from '../../src/lib/document/model.ts';
import { parseDocument } from '../../src/lib/document/parse.ts';
import { site } from '../../src/site.config.ts';
import { firstDifference, normalizeText, readSeed } from '../helpers/seed.ts';
import { seedContentDir } from '../helpers/shipped.ts';

const versions = loadContent(seedContentDir(), { policies: site.policies.map((p) => p.id) });
const seed = readSeed();

describe('document model of the shipped content', () => {
  for (const id of ['privacy-policy', 'california-privacy-notice'] as const) {
    it(`${id}: the model's text equals the seed word for word`, () => {
      const version = versions.find((v) => v.policy === id);
      expect(version).toBeDefined();
      const doc = version!.document;
      expect(doc.title).toBe(seed[id].title);
      const modelBody = normalizeText(documentText(doc).split('\n').slice(1).join('\n'));
      const seedBody = normalizeText(seed[id].body);
      expect(firstDifference(modelBody, seedBody)).toBeNull();
    });
  }

  it('gives every section a stable id without its number', () => {
    const notice = versions.find((v) => v.policy === 'california-privacy-notice')!;
    const ids = notice.document.toc.map((entry) => entry.id);
    expect(ids).toContain('introduction');
    expect(ids).toContain('your-choices-and-rights');
    expect(ids.every((id) => !/^\d/.test(id))).toBe(true);
  });

  it('keeps the Notice at Collection as a notice block with its anchor', () => {
    const notice = versions.find((v) => v.policy === 'california-privacy-notice')!;
    const block = notice.document.blocks.find((b) => b.type === 'notice');
    expect(block).toMatchObject({ type: 'notice', id: 'notice-at-collection' });
  });

  it('nests lists where the text nests them', () => {
    const notice = versions.find((v) => v.policy === 'california-privacy-notice')!;
    expect(documentText(notice.document)).toContain('\n  • Health or medical information');
  });
});

describe('parseDocument', () => {
  it('keeps the same anchor when a section is renumbered', () => {
    const a = parseDocument('T', '## 2. Sources\n\nText.');
    const b = parseDocument('T', '## 3. Sources\n\nText.');
    expect(a.toc[0]?.id).toBe('sources');
    expect(b.toc[0]?.id).toBe('sources');
  });

  it('takes an explicit {#id} so a renamed section keeps its anchor', () => {
    const doc = parseDocument('T', '## Cookies and similar technologies {#cookies}\n\nText.');
    expect(doc.toc[0]).toMatchObject({ id: 'cookies', title: 'Cookies and similar technologies' });
  });

  it('refuses a table with the line and a hint', () => {
    expect(() => parseDocument('T', 'Intro.\n\n| a | b |\n| - | - |\n| 1 | 2 |', 6)).toThrowError(
      expect.objectContaining({
        problem: expect.objectContaining({ line: 9, message: 'A table is not allowed in policy text' }),
      }),
    );
  });

  it('refuses GFM task-list checkboxes (they render as unlabelled inputs)', () => {
    expect(() => parseDocument('T', '- [ ] a task')).toThrow(/task-list checkbox/);
  });

  it('drops paragraphs that are only a no-break space', () => {
    expect(parseDocument('T', 'One.\n\n\u00a0\n\nTwo.').blocks).toHaveLength(2);
  });
});
