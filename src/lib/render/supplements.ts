/**
 * What a rendering of a version carries besides the legal text, and never inside it: legal's key
 * points before the text (a non-binding summary, labelled as such), and after it, in the formats,
 * a glossary of the abbreviations the text uses. One wording for the pages and every format
 * (docs/decisions/0017-key-points.md). They are built as blocks of the document model's kinds so
 * each renderer draws them with its own boxes, headings and lists, but they are never in a
 * version's document: its canonical text, SHA-256, signature and diffs are the legal text alone.
 */
import type { Block } from '../document/model.ts';
import { termsUsed, type GlossaryEntry } from './glossary.ts';

export const keyPointsHeading = 'Key points';
/** Said with the key points everywhere they are shown: they summarise, the policy applies. */
export const keyPointsLabel = 'This summary does not replace the policy.';
/** The formats' one-line label: "Key points — this summary does not replace the policy". */
export const keyPointsTitle = 'Key points — this summary does not replace the policy';
/** Anchor of the key points (page, EPUB, PDF destination). Not a slug a policy section would take. */
export const keyPointsId = 'key-points';

export const glossaryHeading = 'Glossary';
export const glossaryNote =
  'Abbreviations used in this document and what they stand for. This list is not part of the policy.';
/** Anchor of the glossary; "glossary" alone could be a section of a policy one day. */
export const glossaryId = 'glossary-of-abbreviations';

const text = (value: string) => [{ type: 'text', value } as const];

/** "IP — Internet Protocol": one line of the glossary. */
export function glossaryLine(entry: GlossaryEntry): string {
  return `${entry.term} — ${entry.expansion}`;
}

/**
 * The glossary entries a version's formats list: the terms that occur in its text or its key
 * points (whole words, case as written: the rule the pages' `<abbr>` follow).
 */
export function glossaryFor(
  entries: readonly GlossaryEntry[],
  canonicalText: string,
  keyPoints: readonly string[],
): GlossaryEntry[] {
  return termsUsed(entries, [canonicalText, ...keyPoints].join('\n'));
}

const bulleted = (items: readonly string[]): Block => ({
  type: 'list',
  ordered: false,
  start: 1,
  items: items.map((item) => ({ children: [{ type: 'paragraph', children: text(item) }] })),
});

/**
 * The key points as blocks: one box, drawn as each format draws a notice (a bordered panel, a
 * block quote, Braille box lines), opened by its label in bold, then one list item each. A box
 * and not a heading, because the text that follows is the policy's: under a "Key points" heading
 * the policy's opening paragraphs would read as part of the summary. None: no blocks.
 */
export function keyPointsBlocks(keyPoints: readonly string[]): Block[] {
  if (!keyPoints.length) return [];
  const label: Block = { type: 'paragraph', children: [{ type: 'strong', children: text(keyPointsTitle) }] };
  return [{ type: 'notice', id: keyPointsId, children: [label, bulleted(keyPoints)] }];
}

/**
 * The glossary as blocks: heading, note, "term — expansion" items; last in every format, so
 * nothing of the policy falls under its heading. No terms: no blocks.
 */
export function glossaryBlocks(entries: readonly GlossaryEntry[]): Block[] {
  if (!entries.length) return [];
  return [
    { type: 'heading', level: 2, id: glossaryId, children: text(glossaryHeading) },
    { type: 'paragraph', children: text(glossaryNote) },
    bulleted(entries.map(glossaryLine)),
  ];
}
