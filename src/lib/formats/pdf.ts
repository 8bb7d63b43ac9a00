/**
 * PDF (.pdf): a tagged PDF for printing and for screen readers, US Letter, 11-point
 * Atkinson Hyperlegible with generous line spacing. Layout and tagging: pdf-layout.ts.
 */
import type { FormatRenderer } from './format.ts';
import { sharedCode } from './format.ts';
import { fontPackage } from './fonts.ts';
import { renderPdf, type PdfStyle } from './pdf-layout.ts';

export const pdfStyle: PdfStyle = {
  page: [612, 792],
  margin: 72,
  bodySize: 11,
  lineHeight: 1.45,
  headingLineHeight: 1.25,
  headingSizes: { 1: 22, 2: 16, 3: 13.5, 4: 12 },
  paragraphGap: 0.75,
  listIndent: 1.8,
  footerSize: 9,
};

/** Code shared by both PDF renderers. */
export const pdfCode = [
  ...sharedCode,
  'src/lib/formats/pdf-layout.ts',
  'src/lib/formats/pdf-typesetter.ts',
  'src/lib/formats/pdf-artifacts.ts',
  'src/lib/formats/pdf-words.ts',
  'src/lib/formats/fonts.ts',
];

/** Packages shared by both PDF renderers: PDFKit, the font parser it uses, the typeface. */
export const pdfPackages = ['pdfkit', 'fontkit', fontPackage];

export const pdfFormat: FormatRenderer = {
  id: 'pdf',
  name: 'PDF document',
  kind: 'PDF',
  suffix: '.pdf',
  mediaType: 'application/pdf',
  description: 'For printing and reading on screen; tagged for screen readers, with bookmarks for every section.',
  code: { files: [...pdfCode, 'src/lib/formats/pdf.ts'], packages: pdfPackages },
  render: (source) => renderPdf(source, pdfStyle),
};
