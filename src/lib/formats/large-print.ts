/**
 * Large-print PDF (-large-print.pdf), after the UK Association for Accessible Formats' large
 * print guidance: body text 18 point, headings larger, a clear sans-serif (Atkinson
 * Hyperlegible), 1.5 line spacing, text aligned left, no words split across lines.
 * Same tagging, bookmarks and page numbers as the PDF (pdf-layout.ts).
 */
import type { FormatRenderer } from './format.ts';
import { pdfCode, pdfPackages } from './pdf.ts';
import { renderPdf, type PdfStyle } from './pdf-layout.ts';

export const largePrintStyle: PdfStyle = {
  page: [612, 792],
  margin: 54,
  bodySize: 18,
  lineHeight: 1.5,
  headingLineHeight: 1.5,
  headingSizes: { 1: 28, 2: 24, 3: 21, 4: 19 },
  paragraphGap: 1,
  listIndent: 1.6,
  footerSize: 18,
};

export const largePrintFormat: FormatRenderer = {
  id: 'large-print',
  name: 'Large-print PDF',
  kind: 'PDF',
  suffix: '-large-print.pdf',
  mediaType: 'application/pdf',
  description: 'Printed in 18-point sans-serif type with 1.5 line spacing, for readers with low vision.',
  code: { files: [...pdfCode, 'src/lib/formats/large-print.ts'], packages: pdfPackages },
  render: (source) => renderPdf(source, largePrintStyle),
};
