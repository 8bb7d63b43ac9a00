/**
 * What the PDFs draw outside the structure tree, once the text is laid out: the Notice at
 * Collection's box and "Page 2 of 9" under every page. Both are marked as artifacts, so a screen
 * reader skips them and the tagged text reads as the web page does.
 */
import type { PdfStyle } from './pdf-layout.ts';

export const textColor = '#1a1a1a';
const noticeColor = '#1f4e79';

/** One rectangle of a notice's box on one page (a notice that spans pages has one per page). */
export interface NoticeBox {
  page: number;
  from: number;
  to: number;
  x: number;
  width: number;
}

/** Draw every notice's box as a layout artifact, and return to the page that was current. */
export function drawNoticeBoxes(doc: PDFKit.PDFDocument, boxes: readonly NoticeBox[]): void {
  const { start, count } = doc.bufferedPageRange();
  const current = start + count - 1;
  for (const box of boxes) {
    doc.switchToPage(box.page);
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    doc
      .lineWidth(1.5)
      .strokeColor(noticeColor)
      .rect(box.x, box.from, box.width, box.to - box.from)
      .stroke();
    doc.rect(box.x, box.from, 5, box.to - box.from).fill(noticeColor);
    doc.restore();
    doc.endMarkedContent();
  }
  doc.switchToPage(current);
}

/** "Page 2 of 9", centred under the text of every page, marked as a pagination artifact. */
export function drawPageNumbers(doc: PDFKit.PDFDocument, style: PdfStyle): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const label = `Page ${index + 1} of ${count}`;
    // Fonts are registered under their style's name (pdf-layout.ts).
    doc.font('regular').fontSize(style.footerSize);
    const width = doc.widthOfString(label);
    const y = style.page[1] - style.margin - style.footerSize;
    doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
    doc.fillColor(textColor).text(label, (style.page[0] - width) / 2, y, { lineBreak: false });
    doc.endMarkedContent();
  }
}
