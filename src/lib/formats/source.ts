/**
 * What every alternative format is made from: one version's document model and the few facts
 * printed with it. Renderers read only this object, so the cache key (its hash plus the
 * renderer's code) covers everything that can change a file.
 */
import { formatDate } from '../dates.ts';
import { documentText, type PolicyDocument, type TextOptions } from '../document/model.ts';

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

/** The document's text without its title line: the body every format carries after the preamble. */
export function bodyText(source: FormatSource, options: TextOptions = {}): string {
  const text = documentText(source.document, options);
  const lines = text.split('\n');
  // documentText starts with the title (and its underline, when asked), then a blank line.
  const bodyStart = lines.indexOf('') + 1;
  return lines.slice(bodyStart).join('\n');
}

/**
 * The full text a format carries, in reading order: title, preamble, body. Fidelity tests compare
 * each format's extracted text with this, and this with the seed.
 */
export function formatText(
  source: FormatSource,
  options: TextOptions = {},
  preamble: readonly string[] = preambleLines(source),
): string {
  const title = documentText(source.document, options).split('\n\n')[0] ?? source.title;
  return [title, preamble.join('\n\n'), bodyText(source, options)].join('\n\n');
}

/** `2024-04-25T00:00:00Z`: dates inside files are the version's own, so a version's files never change. */
export function fileDate(source: FormatSource): Date {
  return new Date(`${source.lastModified}T00:00:00Z`);
}
