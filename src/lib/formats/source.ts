/**
 * What every alternative format is made from: one version's document model and the few facts
 * printed with it. Renderers read only this object, so the cache key (its hash plus the
 * renderer's code) covers everything that can change a file, the key points and the glossary too.
 */
import { formatDate } from '../dates.ts';
import { documentText, type Block, type PolicyDocument, type TextOptions } from '../document/model.ts';
import type { GlossaryEntry } from '../render/glossary.ts';
import { glossaryBlocks, keyPointsBlocks } from '../render/supplements.ts';

/** The language of the policies, as BCP 47. Every format declares it (WCAG 3.1.1 Language of Page). */
export const documentLanguage = 'en-US';

export interface FormatSource {
  /** Policy id, e.g. `privacy-policy`. */
  readonly policy: string;
  /** Version id, e.g. `2024-04-25`. */
  readonly version: string;
  readonly title: string;
  /** YYYY-MM-DD. */
  readonly lastModified: string;
  /** YYYY-MM-DD. */
  readonly effective: string;
  /** Who publishes the document (the organisation), for the formats' author metadata. */
  readonly publisher: string;
  /** The version's permanent page, absolute. Used as the e-book identifier and in file metadata. */
  readonly permanentUrl: string;
  readonly language: string;
  readonly document: PolicyDocument;
  /** Legal's non-binding key points, printed before the text under "Key points"; often none. */
  readonly keyPoints: readonly string[];
  /** The site glossary's terms that this version uses, printed after the text under "Glossary". */
  readonly glossary: readonly GlossaryEntry[];
}

/** What a format prints before the text (the key points) and after it (the glossary), as blocks. */
export function supplements(source: FormatSource): { readonly before: Block[]; readonly after: Block[] } {
  return { before: keyPointsBlocks(source.keyPoints), after: glossaryBlocks(source.glossary) };
}

/**
 * The lines printed under the title on the first page of every format: the date legal prints
 * ("Last Modified: April 25, 2024", as on the web page), the effective date when it differs,
 * and the version id, so a printed or downloaded copy says which text it is.
 */
export function preambleLines(source: FormatSource): string[] {
  return [
    `Last Modified: ${formatDate(source.lastModified)}`,
    ...(source.effective !== source.lastModified ? [`Effective: ${formatDate(source.effective)}`] : []),
    `Version ${source.version}`,
  ];
}

/**
 * The preamble of the PDFs: also the permanent address, since a page printed from one cannot be
 * followed back to its source otherwise (the web page prints it too, print.css).
 */
export function printedPreambleLines(source: FormatSource): string[] {
  return [...preambleLines(source), `Permanent address: ${source.permanentUrl}`];
}

/** A document's text without its title line. */
function textAfterTitle(document: PolicyDocument, options: TextOptions): string {
  const lines = documentText(document, options).split('\n');
  // documentText starts with the title (and its underline, when asked), then a blank line.
  const bodyStart = lines.indexOf('') + 1;
  return lines.slice(bodyStart).join('\n');
}

/** The document's text without its title line: the body every format carries after the preamble. */
export function bodyText(source: FormatSource, options: TextOptions = {}): string {
  return textAfterTitle(source.document, options);
}

/** Blocks that are not the document's (the key points, the glossary) as text, laid out like the body. */
export function blocksText(blocks: readonly Block[], options: TextOptions = {}): string {
  return blocks.length ? textAfterTitle({ title: '-', blocks, toc: [] }, options) : '';
}

/**
 * The key points' box in plain text: a rule above and below (with `underlineHeadings`, the .txt),
 * so the policy's first paragraph after it is not read as part of the summary.
 */
function boxedText(text: string, options: TextOptions): string {
  if (!text || !options.underlineHeadings) return text;
  // As wide as the label, its first line: the points may be long, and a text editor wraps them.
  const rule = '-'.repeat(text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  return `${rule}\n${text.replace(/\n+$/, '')}\n${rule}`;
}

/**
 * The full text a format carries, in reading order: title, preamble, key points, body, glossary.
 * Fidelity tests compare each format's extracted text with this, and this, without the key
 * points and the glossary, with the seed.
 */
export function formatText(
  source: FormatSource,
  options: TextOptions = {},
  preamble: readonly string[] = preambleLines(source),
): string {
  const title = documentText(source.document, options).split('\n\n')[0] ?? source.title;
  const { before, after } = supplements(source);
  const parts = [
    title,
    preamble.join('\n\n'),
    boxedText(blocksText(before, options), options),
    bodyText(source, options),
  ];
  parts.push(blocksText(after, options));
  // Each part without its final line break, one blank line between parts, one break at the end.
  return `${parts
    .map((part) => part.replace(/\n+$/, ''))
    .filter(Boolean)
    .join('\n\n')}\n`;
}

/** `2024-04-25T00:00:00Z`: dates inside files are the version's own, so a version's files never change. */
export function fileDate(source: FormatSource): Date {
  return new Date(`${source.lastModified}T00:00:00Z`);
}
