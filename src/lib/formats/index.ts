/**
 * Every alternative format, in the order the formats pages list them.
 */
import { brailleFormat } from './braille.ts';
import { docxFormat } from './docx.ts';
import { epubFormat } from './epub.ts';
import type { FormatId, FormatRenderer } from './format.ts';
import { largePrintFormat } from './large-print.ts';
import { markdownFormat } from './markdown.ts';
import { pdfFormat } from './pdf.ts';
import { textFormat } from './text.ts';

export type { FormatId, FormatRenderer } from './format.ts';

export const formats: readonly FormatRenderer[] = [
  pdfFormat,
  largePrintFormat,
  docxFormat,
  epubFormat,
  textFormat,
  markdownFormat,
  brailleFormat,
];

export function formatById(id: FormatId): FormatRenderer {
  const format = formats.find((candidate) => candidate.id === id);
  if (!format) throw new Error(`Unknown format "${id}"`);
  return format;
}

/** `privacy-policy-2024-04-25.pdf`, `privacy-policy-2024-04-25-large-print.pdf`. */
export function formatFileName(policy: string, version: string, format: FormatRenderer): string {
  return `${policy}-${version}${format.suffix}`;
}
