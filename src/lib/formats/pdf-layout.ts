/**
 * The tagged PDF shared by the PDF and the large-print PDF: a PDFKit document with its metadata,
 * fonts and style, typeset by pdf-typesetter.ts (structure tree, bookmarks; page numbers in pdf-artifacts.ts), lines
 * broken by pdf-words.ts. The two formats differ only in their `PdfStyle`.
 */
import PDFDocument from 'pdfkit';
import { fontStyles, sharedFonts } from './fonts.ts';
import { Typesetter } from './pdf-typesetter.ts';
import { fileDate, preambleLines, type FormatSource } from './source.ts';

export interface PdfStyle {
  /** Page size in points (US Letter: 612 × 792). */
  readonly page: readonly [number, number];
  readonly margin: number;
  /** Body text size in points. */
  readonly bodySize: number;
  /** Baseline-to-baseline distance as a multiple of the font size. */
  readonly lineHeight: number;
  readonly headingLineHeight: number;
  /** Sizes of the title (1) and the section headings (2–4), in points. */
  readonly headingSizes: Readonly<Record<1 | 2 | 3 | 4, number>>;
  /** Space after a paragraph, as a multiple of the body size. */
  readonly paragraphGap: number;
  /** Indent of each list level, as a multiple of the body size. */
  readonly listIndent: number;
  readonly footerSize: number;
}

/** Lay out one version as a tagged PDF and return its bytes. */
export async function renderPdf(source: FormatSource, style: PdfStyle): Promise<Uint8Array> {
  const fonts = sharedFonts();
  const date = fileDate(source);
  const doc = new PDFDocument({
    size: [...style.page],
    margin: style.margin,
    pdfVersion: '1.7',
    tagged: true,
    // PDF/UA-1: PDFKit writes the identifier (pdfuaid:part 1) into the XMP metadata; the tagging,
    // title, language and embedded fonts it asks for are ours (tested with pdfinfo). PDFKit has
    // the subset since 0.14; its types (@types/pdfkit) know only the PDF/A ones.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    lang: source.language,
    displayTitle: true,
    bufferPages: true,
    // No initial font: the default would register Helvetica, a font that is never embedded. (null,
    // unlike undefined, skips PDFKit's default; its types do not know that.)
    font: null as unknown as string,
    info: {
      Title: source.title,
      Author: source.publisher,
      Subject: preambleLines(source).join('. '),
      Keywords: `${source.policy}, ${source.version}, ${source.permanentUrl}`,
      Creator: source.publisher,
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // The shared, already parsed fonts, by style name (PDFKit takes fontkit fonts; its types do not
  // say so). PDFKit numbers fonts F1, F2… as they are first used: regular first, as ever.
  for (const fontStyle of fontStyles) {
    doc.registerFont(fontStyle, fonts[fontStyle] as unknown as PDFKit.Mixins.PDFFontSource);
  }
  doc.font('regular');
  new Typesetter(doc, style).document(source);
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
