/**
 * The CLI's word diff (behind `compareDocuments`): passages aligned, changed ones compared word
 * by word. Run on the multi-version fixtures, whose edits are known.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/lib/cli/changes.ts';
import { formatChanges } from '../../src/lib/cli/diff-format.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { parseDocument } from '../../src/lib/document.ts';
import { site } from '../../src/site.config.ts';

const fixtures = loadContent('tests/fixtures/content', { policies: site.policies.map((p) => p.id) });
const version = (policy: string, id: string) => fixtures.find((v) => v.policy === policy && v.version === id)!;

describe('compareDocuments', () => {
  it('finds nothing between a version and itself', () => {
    const doc = version('privacy-policy', '2024-04-25').document;
    expect(compareDocuments(doc, doc)).toEqual({ passages: [], wordsAdded: 0, wordsRemoved: 0 });
  });

  it('reports an added paragraph, a removed list item and a changed sentence', () => {
    const before = parseDocument(
      'T',
      'Intro.\n\n## Rights\n\nYou may ask us.\n\n- Access\n- Deletion\n- Portability\n',
    );
    const after = parseDocument(
      'T',
      'Intro.\n\n## Rights\n\nYou may ask us at any time.\n\n- Access\n- Portability\n\nWe answer within 45 days.\n',
    );
    expect(formatChanges(compareDocuments(before, after), { color: false })).toMatchInlineSnapshot(`
      "3 passages changed: 9 words added, 2 words removed.

      In “Rights”:
        changed: You may ask [-us.-] {+us at any time.+}
        removed: [-Deletion-]
        added: {+We answer within 45 days.+}
      "
    `);
  });

  it('the fixtures: Privacy Policy 2024-04-25 → 2025-01-15', () => {
    const changes = compareDocuments(
      version('privacy-policy', '2024-04-25').document,
      version('privacy-policy', '2025-01-15').document,
    );
    expect(formatChanges(changes, { color: false })).toMatchInlineSnapshot(`
      "3 passages changed: 19 words added, 8 words removed.

      In “Information We Collect Automatically When You Use the AllWork Platform”:
        changed: Website [-an-] {+and+} Application Interaction Information: We may record mouse clicks, …

      In “Use of Information”:
        removed: [-Process and deliver contest entries and rewards;-]

      In “Security”:
        changed: … with the Payment Card Industry’s Data Security Standards. {+If we learn of a security incident that affects your information, we will notify you without undue delay.+}
      "
    `);
  });
});
