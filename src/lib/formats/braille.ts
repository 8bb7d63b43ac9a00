/**
 * Braille-ready file (.brf): Unified English Braille grade 2, translated in-process by liblouis
 * (liblouis.ts), laid out for an embosser or a braille display: 40 cells a line, 25 lines a
 * page, a form feed between pages, the braille page number at the right of line 25.
 *
 * Layout follows BANA's Braille Formats (2016) in its simplest form: the title and main
 * headings centred with a blank line before and after, minor headings from cell 5 and cell 7,
 * paragraphs from cell 3 with runovers in cell 1, list items from cell 1 with runovers in
 * cell 3 (nested: 3/5, 5/7), the Notice at Collection between box lines, bold and italics with
 * UEB emphasis indicators, links spelled out. Words are never split across lines.
 */
import type { Block, Inline } from '../document/model.ts';
import { linkAddress, listMarker } from '../document/model.ts';
import type { FormatRenderer } from './format.ts';
import { sharedCode } from './format.ts';
import { translate, typeform, uebGrade2Brf } from './liblouis.ts';
import { preambleLines, supplements, type FormatSource } from './source.ts';

export const cellsPerLine = 40;
export const linesPerPage = 25;
/** Line 25 carries the page number, so text fills 24. */
const textLines = linesPerPage - 1;
/** A full line of dots 2-3-5-6 ("7" in ASCII Braille): the box line. */
const boxLine = '7'.repeat(cellsPerLine);
/** Centred headings keep at least three blank cells on each side. */
const centredWidth = cellsPerLine - 6;

/** Print text with a typeform per character: emphasis as liblouis wants it, links spelled out. */
function emphasised(inlines: readonly Inline[]): { text: string; emphasis: number[] } {
  let text = '';
  const emphasis: number[] = [];
  const add = (value: string, form: number): void => {
    text += value;
    for (let i = 0; i < value.length; i++) emphasis.push(form);
  };
  const walk = (nodes: readonly Inline[], form: number): void => {
    for (const node of nodes) {
      if (node.type === 'text') add(node.value.replaceAll('\n', ' '), form);
      else if (node.type === 'strong') walk(node.children, form | typeform.bold);
      else if (node.type === 'emphasis') walk(node.children, form | typeform.italic);
      else {
        const start = text.length;
        walk(node.children, form);
        const address = linkAddress(node.href);
        if (text.slice(start).trim() !== address) add(` (${address})`, form);
      }
    }
  };
  walk(inlines, typeform.plain);
  return { text, emphasis };
}

function braille(text: string, emphasis?: readonly number[]): string {
  // Runs of spaces become one; a no-break space is still a space to a braille reader.
  let print = '';
  const forms: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const space = /[\s\u00a0]/.test(text[i]!);
    if (space && (print === '' || print.endsWith(' '))) continue;
    print += space ? ' ' : text.charAt(i);
    forms.push(emphasis?.[i] ?? typeform.plain);
  }
  const cells = translate(uebGrade2Brf, print.trimEnd(), emphasis ? forms : undefined);
  return cells.replace(/ +/g, ' ').trim();
}

/** Braille words into lines: `first` blank cells before the first line, `runover` before the rest. */
export function wrap(cells: string, first: number, runover: number, width = cellsPerLine): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(first);
  let empty = true;
  for (const word of cells.split(' ').filter(Boolean)) {
    const indent = lines.length || !empty ? runover : first;
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(runover);
      empty = true;
    }
    let rest = word;
    // Only a word longer than a whole line (none in the policies) is divided.
    while ((empty ? line.length : line.length + 1) + rest.length > width && rest.length > width - indent) {
      const room = width - line.length - (empty ? 0 : 1);
      line += (empty ? '' : ' ') + rest.slice(0, room);
      lines.push(line);
      rest = rest.slice(room);
      line = ' '.repeat(runover);
      empty = true;
    }
    if (rest) {
      line += (empty ? '' : ' ') + rest;
      empty = false;
    }
  }
  if (!empty) lines.push(line);
  return lines;
}

function centred(cells: string): string[] {
  return wrap(cells, 0, 0, centredWidth).map((line) => ' '.repeat(Math.floor((cellsPerLine - line.length) / 2)) + line);
}

/** Fills pages of 24 text lines; blank lines never start a page. */
class Pager {
  readonly pages: string[][] = [];
  private current: string[] = [];

  blank(): void {
    if (this.current.length && this.current.at(-1) !== '' && this.current.length < textLines) this.current.push('');
  }

  /** Start a new page unless `count` more lines fit on this one. */
  keep(count: number): void {
    if (this.current.length + count > textLines && this.current.some((line) => line !== '')) this.finishPage();
  }

  lines(lines: readonly string[]): void {
    for (const line of lines) {
      if (this.current.length >= textLines) this.finishPage();
      this.current.push(line);
    }
  }

  finishPage(): void {
    while (this.current.at(-1) === '') this.current.pop();
    if (!this.current.length) return;
    this.pages.push(this.current);
    this.current = [];
  }
}

function blocks(pager: Pager, list: readonly Block[], depth: number): void {
  for (const block of list) {
    switch (block.type) {
      case 'heading': {
        const cells = braille(inlineTextOf(block.children));
        if (block.level === 2) {
          const lines = centred(cells);
          pager.blank();
          pager.keep(lines.length + 2);
          pager.lines(lines);
          pager.blank();
        } else {
          const indent = block.level === 3 ? 4 : 6;
          const lines = wrap(cells, indent, indent);
          pager.blank();
          pager.keep(lines.length + 1);
          pager.lines(lines);
        }
        break;
      }
      case 'paragraph': {
        const { text, emphasis } = emphasised(block.children);
        const indent = depth * 2;
        pager.lines(wrap(braille(text, emphasis), indent + 2, indent));
        break;
      }
      case 'notice':
        pager.blank();
        pager.keep(3);
        pager.lines([boxLine]);
        blocks(pager, block.children, depth);
        pager.lines([boxLine]);
        pager.blank();
        break;
      case 'list': {
        if (depth === 0) pager.blank();
        block.items.forEach((item, index) => {
          const [first, ...rest] = item.children;
          const indent = depth * 2;
          if (first?.type === 'paragraph') {
            const { text, emphasis } = emphasised(first.children);
            const marker = `${listMarker(block, index)} `;
            const cells = braille(marker + text, [
              ...new Array<number>(marker.length).fill(typeform.plain),
              ...emphasis,
            ]);
            pager.lines(wrap(cells, indent, indent + 2));
            blocks(pager, rest, depth + 1);
          } else blocks(pager, item.children, depth + 1);
        });
        if (depth === 0) pager.blank();
        break;
      }
    }
  }
}

function inlineTextOf(inlines: readonly Inline[]): string {
  return emphasised(inlines).text;
}

/** The pages of one version, each a list of at most 24 lines of ASCII Braille. */
export function braillePages(source: FormatSource): string[][] {
  const pager = new Pager();
  pager.lines(centred(braille(source.title)));
  pager.blank();
  for (const line of preambleLines(source)) pager.lines(centred(braille(line)));
  pager.blank();
  const { before, after } = supplements(source);
  blocks(pager, before, 0);
  blocks(pager, source.document.blocks, 0);
  blocks(pager, after, 0);
  pager.finishPage();
  return pager.pages;
}

/** The .brf text: lines ending CR LF, the page number on line 25, a form feed between pages. */
export function brailleText(source: FormatSource): string {
  return braillePages(source)
    .map((page, index) => {
      const number = braille(String(index + 1));
      const lines = [...page, ...new Array<string>(textLines - page.length).fill('')];
      lines.push(' '.repeat(cellsPerLine - number.length) + number);
      return lines.map((line) => line.trimEnd() + '\r\n').join('');
    })
    .join('\f');
}

export const brailleFormat: FormatRenderer = {
  id: 'braille',
  name: 'Braille-ready file',
  kind: 'BRF',
  suffix: '.brf',
  mediaType: 'text/plain; charset=us-ascii',
  description: 'Unified English Braille, grade 2, 40 cells by 25 lines, for braille embossers and braille displays.',
  code: {
    files: [...sharedCode, 'src/lib/formats/braille.ts', 'src/lib/formats/liblouis.ts'],
    packages: ['liblouis', 'liblouis-build'],
  },
  render(source) {
    const text = brailleText(source);
    // en-us-brf writes one ASCII character per cell; anything else means a character liblouis could not translate.
    const stray = /[^\x20-\x5f\r\n\f]/.exec(text);
    if (stray)
      throw new Error(`Braille for ${source.policy} ${source.version} has a non-Braille character "${stray[0]}"`);
    return Promise.resolve(new TextEncoder().encode(text));
  },
};
