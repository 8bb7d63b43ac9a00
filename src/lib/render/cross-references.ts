/**
 * The text's own cross-references: a quoted section title ("please see “Your Choices” below",
 * 'Notice at Collection') becomes a link to that section. Only the words between the quotes
 * become the link's text, so the text reads exactly as legal wrote it, word for word.
 *
 * A quotation is a reference when it names exactly one section: the whole title of a heading
 * (without its number) or a notice's id, or, for two words or more, the start of exactly one
 * title (the California notice quotes “Your Choices” for "9. Your Choices and Rights"). Defined
 * terms (“Personal Information”, “AllWork”) name no section, so they stay text.
 */
import { inlineText, sectionNumber, type Block } from '../document/model.ts';

export interface SectionTarget {
  /** The title as compared: lower case, words joined by "-". */
  readonly key: string;
  readonly id: string;
}

/** A run of text: plain, or the words of a quotation that link to a section. */
export type TextPiece = { readonly text: string; readonly href?: string };

const titleKey = (text: string): string =>
  text
    .replace(sectionNumber, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');

/** Every section a quotation may name: headings by their title, notices by their id. */
export function sectionTargets(blocks: readonly Block[]): SectionTarget[] {
  return blocks.flatMap((block): SectionTarget[] => {
    switch (block.type) {
      case 'heading':
        return [{ key: titleKey(inlineText(block.children)), id: block.id }];
      case 'notice':
        return [{ key: titleKey(block.id), id: block.id }, ...sectionTargets(block.children)];
      case 'list':
        return block.items.flatMap((item) => sectionTargets(item.children));
      case 'paragraph':
        return [];
    }
  });
}

/** The one section a quotation names, if it names one. */
export function sectionNamed(quotation: string, targets: readonly SectionTarget[]): string | undefined {
  const key = titleKey(quotation);
  if (!key) return undefined;
  const only = (found: readonly SectionTarget[]) => (found.length === 1 ? found[0]?.id : undefined);
  const exact = targets.filter((target) => target.key === key);
  if (exact.length) return only(exact);
  if (!key.includes('-')) return undefined;
  return only(targets.filter((target) => target.key.startsWith(`${key}-`)));
}

/**
 * Curly double and single quotes, and straight ones not inside a word (an apostrophe is not a
 * quote: "AllWork's"). The first group that matched holds the words between the quotes.
 */
const quotation =
  /“([^“”\n]{1,120})”|‘([^‘’\n]{1,120})’|(?<![\p{L}\p{N}])'([^'\n]{1,120})'(?![\p{L}\p{N}])|"([^"\n]{1,120})"/gu;

/** Split text into plain runs and the quoted section titles in it, linked to their sections. */
export function linkQuotedTitles(text: string, targets: readonly SectionTarget[]): TextPiece[] {
  if (!targets.length) return text ? [{ text }] : [];
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(quotation)) {
    const words = match.slice(1).find(Boolean) ?? '';
    const id = sectionNamed(words, targets);
    if (!id) continue;
    const start = match.index + 1;
    pieces.push({ text: text.slice(last, start) }, { text: words, href: `#${id}` });
    last = start + words.length;
  }
  pieces.push({ text: text.slice(last) });
  return pieces.filter((piece) => piece.text !== '');
}
