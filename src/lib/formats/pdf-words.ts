/**
 * Line breaking for the PDFs: inline content as words of styled pieces, filled greedily into
 * lines. Lines break at ordinary spaces only, never after a hyphen or inside a word (UKAAF large
 * print: no split words); PDFKit's own wrapper would break "sub-/domains". Each word keeps its
 * trailing spaces, so extracted and spoken text keeps its word breaks.
 */
import type { Inline } from '../document.ts';
import type { FontStyle } from './fonts.ts';

export interface Piece {
  readonly text: string;
  readonly font: FontStyle;
  /** Index of the link the piece belongs to, within its paragraph. */
  readonly link: number | null;
}

export interface Word {
  readonly pieces: Piece[];
  /** Width without trailing spaces (what must fit) and with them (how far the next word starts). */
  width: number;
  advance: number;
  /** A forced line break follows (a Markdown hard break). */
  breakAfter: boolean;
}

/** Width of `text` in `font` at the size being laid out, in points. */
export type Measure = (text: string, font: FontStyle) => number;

/** Inline content as words, each a list of styled pieces, with its trailing spaces. */
export function inlineWords(inlines: readonly Inline[], base: FontStyle, measure: Measure): Word[] {
  const pieces: Piece[] = [];
  let links = 0;
  const walk = (nodes: readonly Inline[], bold: boolean, italic: boolean, link: number | null): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        pieces.push({ text: node.value, font: fontOf(bold || base === 'bold', italic), link });
      } else if (node.type === 'link') walk(node.children, bold, italic, links++);
      else walk(node.children, bold || node.type === 'strong', italic || node.type === 'emphasis', link);
    }
  };
  walk(inlines, false, false, null);
  const words: Word[] = [];
  let word: Word = { pieces: [], width: 0, advance: 0, breakAfter: false };
  let trailing = false;
  const finish = (breakAfter: boolean): void => {
    if (word.pieces.length) {
      word.breakAfter = breakAfter;
      words.push(word);
    } else if (breakAfter && words.length) words[words.length - 1]!.breakAfter = true;
    word = { pieces: [], width: 0, advance: 0, breakAfter: false };
    trailing = false;
  };
  for (const piece of pieces) {
    // Break opportunities are ordinary spaces only; no-break spaces stay inside words.
    for (const part of piece.text.split(/( +|\n)/)) {
      if (!part) continue;
      if (part === '\n') {
        finish(true);
        continue;
      }
      const isSpace = part.startsWith(' ');
      if (!isSpace && trailing) finish(false);
      const width = measure(part, piece.font);
      word.pieces.push({ ...piece, text: part });
      word.advance += width;
      if (!isSpace) word.width = word.advance;
      trailing ||= isSpace;
    }
  }
  finish(false);
  return words;
}

/** Greedy line filling; a word wider than the line (none in the policies) is split by characters. */
export function breakLines(words: readonly Word[], width: number): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  let x = 0;
  for (const word of words) {
    if (line.length && x + word.width > width) {
      lines.push(line);
      line = [];
      x = 0;
    }
    line.push(word);
    x += word.advance;
    if (word.breakAfter) {
      lines.push(line);
      line = [];
      x = 0;
    }
  }
  if (line.length) lines.push(line);
  return lines;
}

/** The pieces of one line as runs: neighbouring pieces of the same font and link merged. */
export function lineRuns(line: readonly Word[], last: boolean): Piece[] {
  const runs: Piece[] = [];
  for (const piece of line.flatMap((word) => word.pieces)) {
    const previous = runs.at(-1);
    if (previous && previous.font === piece.font && previous.link === piece.link) {
      runs[runs.length - 1] = { ...previous, text: previous.text + piece.text };
    } else runs.push(piece);
  }
  // The last line of a block has no trailing space to keep.
  if (last && runs.length) {
    const final = runs[runs.length - 1]!;
    runs[runs.length - 1] = { ...final, text: final.text.trimEnd() };
  }
  return runs;
}

function fontOf(bold: boolean, italic: boolean): FontStyle {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

/** The targets of the links in inline content, in reading order (the index `inlineWords` gives pieces). */
export function linkTargets(inlines: readonly Inline[]): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly Inline[]): void => {
    for (const node of nodes) {
      if (node.type === 'link') {
        out.push(node.href);
        walk(node.children);
      } else if (node.type !== 'text') walk(node.children);
    }
  };
  walk(inlines);
  return out;
}
