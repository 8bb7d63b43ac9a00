/**
 * Read alternative-format files back the way their readers would: text in reading order from a
 * PDF (pdfjs-dist, without artifacts), the XHTML of an EPUB, the XML of a DOCX, Braille
 * back-translated by liblouis. Used by the fidelity and structure tests.
 */
import { execFileSync } from 'node:child_process';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';

export interface PdfText {
  /** Text of the tagged content, in content-stream (reading) order; a line break at each end of line. */
  readonly text: string;
  /** Text marked as artifacts, one string per page (the page numbers). */
  readonly artifacts: string[];
  /** Font size of every non-artifact text item. */
  readonly sizes: number[];
  /** Baseline positions of non-artifact text, per page: [y, size][]. */
  readonly lines: { page: number; y: number; x: number; size: number; str: string }[];
  readonly pages: number;
  /** Outline (bookmarks) titles, depth first, with their depth. */
  readonly outline: { title: string; depth: number }[];
  /** Named destinations. */
  readonly destinations: string[];
  /** Catalog language and whether the document title is shown. */
  readonly lang: string | null;
  readonly title: string | null;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  const artifacts: string[] = [];
  const sizes: number[] = [];
  const lines: PdfText['lines'] = [];
  for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
    const page = await pdf.getPage(pageNumber);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: boolean[] = [];
    let artifact = '';
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          // pdfjs sets `tag` on marked-content items; its types do not declare it.
          const tag = (item as TextMarkedContent & { tag?: string }).tag;
          stack.push(tag === 'Artifact' || stack.at(-1) === true);
        } else if (item.type === 'endMarkedContent') stack.pop();
        continue;
      }
      if (stack.at(-1) === true) {
        artifact += item.str;
        continue;
      }
      text += item.str + (item.hasEOL ? '\n' : '');
      if (item.str.trim()) {
        const size = Math.hypot(item.transform[0] ?? 0, item.transform[1] ?? 0);
        sizes.push(size);
        lines.push({ page: pageNumber, y: item.transform[5] ?? 0, x: item.transform[4] ?? 0, size, str: item.str });
      }
    }
    artifacts.push(artifact);
    text += '\n';
  }
  const outline: PdfText['outline'] = [];
  const walk = (items: Awaited<ReturnType<typeof pdf.getOutline>> | undefined, depth: number): void => {
    for (const item of items ?? []) {
      outline.push({ title: item.title, depth });
      walk(item.items, depth + 1);
    }
  };
  walk(await pdf.getOutline(), 1);
  const destinations = Object.keys(await pdf.getDestinations());
  const metadata = await pdf.getMetadata();
  const info = metadata.info as { Title?: string; Language?: string };
  const pages = pdf.numPages;
  await pdf.destroy();
  return {
    text,
    artifacts,
    sizes,
    lines,
    pages,
    outline,
    destinations,
    lang: info.Language ?? null,
    title: info.Title ?? null,
  };
}

/** The files of a ZIP container (EPUB, DOCX), as text. */
export function unzipText(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** Order-preserving XML parser, so text comes out in document order. */
export const orderedXml = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  trimValues: false,
  processEntities: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Walk an order-preserving parse; `visit` sees each element name, its attributes and children. */
export function walkXml(
  nodes: readonly OrderedNode[],
  visit: (name: string, attributes: Record<string, string>, children: OrderedNode[]) => boolean | undefined,
): void {
  for (const node of nodes) {
    for (const [name, value] of Object.entries(node)) {
      if (name === ':@') continue;
      const children: OrderedNode[] = Array.isArray(value) ? value : [];
      if (visit(name, node[':@'] ?? {}, children) === false) continue;
      walkXml(children, visit);
    }
  }
}

/** All text inside some parsed XML nodes, in order. */
export function xmlText(nodes: readonly OrderedNode[]): string {
  let out = '';
  for (const node of nodes) {
    for (const [name, value] of Object.entries(node)) {
      if (name === '#text') out += String(value);
      else if (name !== ':@' && Array.isArray(value)) out += xmlText(value);
    }
  }
  return out;
}

/**
 * Back-translate ASCII Braille (en-us-brf, UEB grade 2) with Debian's liblouis (`lou_translate`),
 * an independent, newer build than the one that wrote the file. Backslash is a Braille character
 * (dots 1256), but lou_translate reads `\` as an escape, so it is doubled.
 */
export function backTranslateBrf(lines: readonly string[]): string[] {
  const input = lines.map((line) => line.replaceAll('\\', '\\\\')).join('\n') + '\n';
  const output = execFileSync('lou_translate', ['--backward', 'en-us-brf.dis,en-ueb-g2.ctb'], {
    input,
    encoding: 'utf8',
  });
  return output.split('\n');
}

/** Words of a text for a word-level comparison: lower case, letters and digits (apostrophes inside words kept). */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []
  );
}

/** Share of `expected` words found, in order, in `actual` (longest common subsequence / expected). */
export function wordRecall(actual: readonly string[], expected: readonly string[]): number {
  const n = expected.length;
  const m = actual.length;
  if (n === 0) return 1;
  let previous = new Uint32Array(m + 1);
  let current = new Uint32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      current[j] = expected[i - 1] === actual[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[m]! / n;
}
