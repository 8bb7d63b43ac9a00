/**
 * The typesetter of the PDFs: walks a version's document model and draws it on PDFKit's pages,
 * building the structure tree as it goes (Document, H1–H4, P, L/LI/Lbl/LBody, Link, Div),
 * with a bookmark and a named destination for every section, the Notice at Collection boxed by
 * artifact rules and "Page 2 of 9" as pagination artifacts (pdf-artifacts.ts). Line breaking:
 * pdf-words.ts.
 */
import type { Block, Inline, ListBlock } from '../document/model.ts';
import { inlineText, listMarker } from '../document/model.ts';
import type { FontStyle } from './fonts.ts';
import { drawNoticeBoxes, drawPageNumbers, textColor, type NoticeBox } from './pdf-artifacts.ts';
import type { PdfStyle } from './pdf-layout.ts';
import { breakLines, inlineWords, lineRuns, linkTargets, type Word } from './pdf-words.ts';
import { printedPreambleLines, type FormatSource } from './source.ts';

type Struct = PDFKit.PDFStructureElement;

const linkColor = '#0b4f8a';

export class Typesetter {
  private readonly left: number;
  private right: number;
  private readonly top: number;
  private readonly bottom: number;
  private y: number;
  private readonly outlines: PDFKit.PDFOutline[];
  private readonly notices: NoticeBox[] = [];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly style: PdfStyle,
  ) {
    this.left = style.margin;
    this.right = style.page[0] - style.margin;
    this.top = style.margin;
    // Room for the page number below the text.
    this.bottom = style.page[1] - style.margin - style.footerSize * 1.5;
    this.y = this.top;
    this.outlines = [doc.outline];
  }

  document(source: FormatSource): void {
    const root = this.doc.struct('Document');
    this.doc.addStructure(root);
    this.heading(root, 1, [{ type: 'text', value: source.title }], null);
    for (const value of printedPreambleLines(source)) this.paragraph(root, [{ type: 'text', value }], this.left, 'P');
    this.y += this.style.bodySize * 0.5;
    this.blocks(root, source.document.blocks, this.left);
    root.end();
    drawNoticeBoxes(this.doc, this.notices);
    drawPageNumbers(this.doc, this.style);
  }

  private blocks(parent: Struct, blocks: readonly Block[], x: number): void {
    for (const block of blocks) {
      switch (block.type) {
        case 'heading':
          this.heading(parent, block.level, block.children, block.id);
          break;
        case 'paragraph':
          this.paragraph(parent, block.children, x, 'P');
          break;
        case 'list':
          this.list(parent, block, x);
          break;
        case 'notice':
          this.notice(parent, block.children, x);
          break;
      }
    }
  }

  private pageIndex(): number {
    return this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1;
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Start a new page unless `height` more points fit on this one. */
  private ensureSpace(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top) this.newPage();
  }

  private heading(parent: Struct, level: 1 | 2 | 3 | 4, inlines: readonly Inline[], id: string | null): void {
    const size = this.style.headingSizes[level];
    const lineHeight = size * this.style.headingLineHeight;
    const before = level === 1 ? 0 : size * 0.9;
    if (this.y > this.top) this.y += before;
    // Keep the heading with the first two lines of what follows it.
    const words = this.words(inlines, size, 'bold');
    const lines = breakLines(words, this.right - this.left);
    this.ensureSpace(lines.length * lineHeight + 2 * this.style.bodySize * this.style.lineHeight);
    if (level > 1) this.bookmark(level as 2 | 3 | 4, inlines);
    if (id !== null) {
      // A named destination per section: `…pdf#introduction` opens at that heading, as on the web page.
      this.doc.addNamedDestination(id, 'XYZ', null, Math.max(0, this.y - 4), null);
    }
    const element = this.doc.struct(`H${level}`);
    parent.add(element);
    this.drawLines(element, `H${level}`, lines, [], this.left, size, lineHeight);
    element.end();
    this.y += size * 0.35;
  }

  private bookmark(level: 2 | 3 | 4, inlines: readonly Inline[]): void {
    // Outline items nest like the headings: a level-3 heading under the level-2 before it.
    const depth = level - 1;
    this.outlines.length = Math.min(this.outlines.length, depth);
    const parent = this.outlines.at(-1) ?? this.doc.outline;
    const item = parent.addItem(inlineText(inlines), { expanded: true });
    // Go to the heading itself, not just its page: XYZ with the heading's top, keeping the zoom.
    const data = (item as unknown as { outlineData: Record<string, unknown> }).outlineData;
    data.Dest = [this.doc.page.dictionary, 'XYZ', null, this.style.page[1] - this.y + 4, null];
    this.outlines.push(item);
  }

  /** A paragraph of text, or the text of a list body when `tag` is LBody (then `parent` is that LBody). */
  private paragraph(parent: Struct, inlines: readonly Inline[], x: number, tag: 'P' | 'LBody', gap = true): void {
    const size = this.style.bodySize;
    const lineHeight = size * this.style.lineHeight;
    const links = linkTargets(inlines);
    const lines = breakLines(this.words(inlines, size, 'regular'), this.right - x);
    const element = tag === 'P' ? this.doc.struct('P') : parent;
    if (tag === 'P') parent.add(element);
    this.drawLines(element, tag, lines, links, x, size, lineHeight);
    if (tag === 'P') element.end();
    if (gap) this.y += size * this.style.paragraphGap;
  }

  private list(parent: Struct, list: ListBlock, x: number): void {
    const size = this.style.bodySize;
    const lineHeight = size * this.style.lineHeight;
    this.font('regular', size);
    const markers = list.items.map((_, index) => `${listMarker(list, index)} `);
    const widest = Math.max(...markers.map((marker) => this.doc.widthOfString(marker)));
    const indent = Math.max(this.style.listIndent * size, widest + size * 0.4);
    const element = this.doc.struct('L');
    parent.add(element);
    list.items.forEach((item, index) => {
      const li = this.doc.struct('LI');
      element.add(li);
      this.ensureSpace(lineHeight);
      const label = this.doc.struct('Lbl');
      li.add(label);
      this.drawRun(label, 'Lbl', markers[index] ?? '', 'regular', x, size, null);
      label.end();
      const body = this.doc.struct('LBody');
      li.add(body);
      const [first, ...rest] = item.children;
      const isLast = index === list.items.length - 1;
      if (first?.type === 'paragraph') {
        this.paragraph(body, first.children, x + indent, 'LBody', false);
        this.blocks(body, rest, x + indent);
      } else {
        this.blocks(body, item.children, x + indent);
      }
      body.end();
      li.end();
      this.y += size * (isLast ? this.style.paragraphGap : this.style.paragraphGap / 3);
    });
    element.end();
  }

  private notice(parent: Struct, blocks: readonly Block[], x: number): void {
    const size = this.style.bodySize;
    const padding = size * 0.9;
    const element = this.doc.struct('Div');
    parent.add(element);
    this.ensureSpace(size * this.style.lineHeight * 3);
    const start = { page: this.pageIndex(), y: this.y };
    this.y += padding;
    const saved = this.right;
    this.right = saved - padding;
    this.blocks(element, blocks, x + padding * 1.4);
    this.right = saved;
    element.end();
    // Record the box, one rectangle per page it spans; drawn as artifacts at the end.
    const end = { page: this.pageIndex(), y: this.y };
    for (let page = start.page; page <= end.page; page++) {
      this.notices.push({
        page,
        from: page === start.page ? start.y : this.top,
        to: page === end.page ? end.y : this.bottom,
        x,
        width: saved - x,
      });
    }
    this.y += size;
  }

  /** Fonts are registered under their style's name (pdf-layout.ts). */
  private font(style: FontStyle, size: number): void {
    this.doc.font(style).fontSize(size);
  }

  /** Inline content as words, measured in `size`-point type. */
  private words(inlines: readonly Inline[], size: number, base: FontStyle): Word[] {
    return inlineWords(inlines, base, (text, font) => {
      this.font(font, size);
      return this.doc.widthOfString(text);
    });
  }

  /** Draw laid-out lines at `x`, tagging text as `tag` under `element` and links as Link elements. */
  private drawLines(
    element: Struct,
    tag: string,
    lines: readonly Word[][],
    links: readonly string[],
    x: number,
    size: number,
    lineHeight: number,
  ): void {
    const linkElements = new Map<number, Struct>();
    lines.forEach((line, lineIndex) => {
      this.ensureSpace(lineHeight);
      let cursor = x;
      for (const run of lineRuns(line, lineIndex === lines.length - 1)) {
        if (run.link === null) {
          cursor += this.drawRun(element, tag, run.text, run.font, cursor, size, null);
          continue;
        }
        let linkElement = linkElements.get(run.link);
        if (!linkElement) {
          linkElement = this.doc.struct('Link');
          element.add(linkElement);
          linkElements.set(run.link, linkElement);
        }
        cursor += this.drawRun(linkElement, 'Link', run.text, run.font, cursor, size, links[run.link] ?? null);
      }
      this.y += lineHeight;
    });
    for (const linkElement of linkElements.values()) linkElement.end();
  }

  /** Draw one run of text as marked content of `element`; returns its width. */
  private drawRun(
    element: Struct,
    tag: string,
    text: string,
    font: FontStyle,
    x: number,
    size: number,
    href: string | null,
  ): number {
    this.font(font, size);
    const width = this.doc.widthOfString(text);
    const content = this.doc.markStructureContent(tag);
    this.doc
      .fillColor(href ? linkColor : textColor)
      .text(text, x, this.y, { lineBreak: false, underline: Boolean(href) });
    this.doc.endMarkedContent();
    element.add(content);
    if (href) {
      const visible = this.doc.widthOfString(text.trimEnd());
      // PDFKit 0.20 reads `structParent` (the Link element gets the annotation as an OBJR) and a
      // PDF string for Contents; @types/pdfkit knows neither.
      this.doc.link(x, this.y, visible, size * 1.2, href, {
        structParent: element,
        Contents: new String(`Link to ${href.replace(/^mailto:/, '')}`),
      } as unknown as PDFKit.Mixins.AnnotationOption);
    }
    return width;
  }
}
