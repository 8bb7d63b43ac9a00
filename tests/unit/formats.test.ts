/**
 * Every alternative format of every shipped version: its text, read back the way its readers
 * read it, equals the document's text word for word (Braille: at least 99% of words after
 * back-translation by an independent liblouis), and equals the seed; and each format has the
 * structure its readers rely on (tags, bookmarks, headings, lists, metadata, page geometry).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root as MdRoot } from 'mdast';
import { toString as mdText } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { readVersionRecords, type VersionRecord } from '../../src/lib/versions/index.ts';
import { formatDate } from '../../src/lib/dates.ts';
import type { TocEntry } from '../../src/lib/document/model.ts';
import { cellsPerLine, linesPerPage } from '../../src/lib/formats/braille.ts';
import { formatSource } from '../../src/lib/formats/files.ts';
import { formats, type FormatId } from '../../src/lib/formats/index.ts';
import { translate, uebGrade2Brf } from '../../src/lib/formats/liblouis.ts';
import { formatText, preambleLines, printedPreambleLines, type FormatSource } from '../../src/lib/formats/source.ts';
import { site } from '../../src/site.config.ts';
import {
  backTranslateBrf,
  orderedXml,
  readPdf,
  unzipText,
  walkXml,
  wordRecall,
  words,
  xmlText,
  type PdfText,
} from '../helpers/formats.ts';
import { firstDifference, normalizeText, readSeed } from '../helpers/seed.ts';
import { seedContentDir } from '../helpers/shipped.ts';

const seed = readSeed();
const shipped = readVersionRecords(seedContentDir());
const policies = ['privacy-policy', 'california-privacy-notice'] as const;

interface Rendered {
  readonly version: VersionRecord;
  readonly source: FormatSource;
  readonly files: Record<FormatId, Uint8Array>;
}
const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  for (const version of shipped) {
    const source = formatSource(version, site.siteUrl);
    const files = {} as Record<FormatId, Uint8Array>;
    // Straight from the renderers, no cache: this is what a cold build writes.
    for (const format of formats) files[format.id] = await format.render(source);
    rendered.set(version.policy, { version, source, files });
  }
}, 240_000);

function get(policy: string): Rendered {
  const entry = rendered.get(policy);
  if (!entry) throw new Error(`${policy} was not rendered`);
  return entry;
}

/** Every TOC entry, depth first. */
function flatToc(entries: readonly TocEntry[]): TocEntry[] {
  return entries.flatMap((entry) => [entry, ...flatToc(entry.children)]);
}

/**
 * The seed as a format carries it: the title, the "Last Modified" line (the seed of the
 * California notice has none; the formats print it, as its web page does), the line the formats
 * add ("Version <id>", so a copy says which text it is), then the body.
 */
function seedText(policy: (typeof policies)[number], entry: Rendered, printed = false): string {
  const doc = seed[policy];
  const lastModified = doc.lastModifiedLine ?? `Last Modified: ${formatDate(entry.version.lastModified)}`;
  // The PDFs also print the permanent address on page 1.
  const address = printed ? [`Permanent address: ${entry.source.permanentUrl}`] : [];
  return [doc.title, lastModified, `Version ${entry.version.version}`, ...address, doc.body].join('\n');
}

/** Extracted text must equal the document's text and the seed, word for word. */
function expectSameText(extracted: string, entry: Rendered, policy: (typeof policies)[number], printed = false): void {
  const actual = normalizeText(extracted);
  const preamble = printed ? printedPreambleLines(entry.source) : preambleLines(entry.source);
  expect(firstDifference(actual, normalizeText(formatText(entry.source, {}, preamble)))).toBeNull();
  expect(firstDifference(actual, normalizeText(seedText(policy, entry, printed)))).toBeNull();
}

const pdfs = new Map<string, PdfText>();
async function pdf(policy: string, id: 'pdf' | 'large-print'): Promise<PdfText> {
  const key = `${policy}/${id}`;
  let text = pdfs.get(key);
  if (!text) {
    text = await readPdf(get(policy).files[id]);
    pdfs.set(key, text);
  }
  return text;
}

function tempFile(name: string, bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'formats-')), name);
  writeFileSync(file, bytes);
  return file;
}

/** Paragraph texts and styles of a DOCX body, in order. */
function docxParagraphs(documentXml: string): { style: string | null; numbered: boolean; text: string }[] {
  const out: { style: string | null; numbered: boolean; text: string }[] = [];
  walkXml(orderedXml.parse(documentXml), (name, _attributes, children) => {
    if (name !== 'w:p') return undefined;
    let style: string | null = null;
    let numbered = false;
    let text = '';
    walkXml(children, (inner, attributes, innerChildren) => {
      if (inner === 'w:pStyle') style = attributes['@_w:val'] ?? null;
      if (inner === 'w:numPr') numbered = true;
      if (inner === 'w:t') text += xmlText(innerChildren);
      if (inner === 'w:br') text += '\n';
      return undefined;
    });
    out.push({ style, numbered, text });
    return false;
  });
  return out;
}

for (const policy of policies) {
  describe(`${policy}: fidelity of every format`, () => {
    it('plain text is the document text, links spelled out and headings underlined', () => {
      const entry = get(policy);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(entry.files.text);
      expect(text).toBe(formatText(entry.source, { spellLinks: true, underlineHeadings: true }));
      // Underlines are layout, not words: without them the text is the document's.
      const withoutRules = text
        .split('\n')
        .filter((line) => !/^[=-]{3,}$/.test(line))
        .join('\n');
      expectSameText(withoutRules, entry, policy);
      for (const entry2 of entry.source.document.toc)
        expect(text).toContain(`\n${entry2.title}\n${'-'.repeat(entry2.title.length)}\n`);
    });

    it('Markdown parses (GFM) to the same headings, lists and text', () => {
      const entry = get(policy);
      const markdown = new TextDecoder().decode(entry.files.markdown);
      const tree: MdRoot = unified().use(remarkParse).use(remarkGfm).parse(markdown);
      const headings = tree.children.filter((node) => node.type === 'heading');
      expect(headings.map((h) => [h.depth, mdText(h)])).toEqual([
        [1, entry.source.title],
        ...flatToc(entry.source.document.toc).map((t) => [t.level, t.title]),
      ]);
      const modelLists = entry.source.document.blocks.filter((b) => b.type === 'list');
      const mdLists = tree.children.filter((node) => node.type === 'list');
      expect(mdLists.map((l) => [l.ordered, l.children.length])).toEqual(
        modelLists.map((l) => [l.ordered, l.items.length]),
      );
      // Text block by block (list items on their own lines, as the canonical text has them).
      const lines: string[] = [];
      const collect = (nodes: MdRoot['children']): void => {
        for (const node of nodes) {
          if (node.type === 'list') for (const item of node.children) collect(item.children);
          else if (node.type === 'blockquote') collect(node.children);
          else lines.push(mdText(node));
        }
      };
      collect(tree.children);
      expectSameText(lines.join('\n'), entry, policy);
    });

    for (const id of ['pdf', 'large-print'] as const) {
      it(`${id}: text extracted in reading order (pdfjs, artifacts left out) is the document text`, async () => {
        const entry = get(policy);
        expectSameText((await pdf(policy, id)).text, entry, policy, true);
      });
    }

    it('EPUB: the content document carries the document text', () => {
      const entry = get(policy);
      const files = unzipText(entry.files.epub);
      const lines: string[] = [];
      walkXml(orderedXml.parse(files['EPUB/policy.xhtml'] ?? ''), (name, _attributes, children) => {
        // Headings and paragraphs (list items hold paragraphs, so their text is found inside).
        if (!/^(h[1-6]|p)$/.test(name)) return undefined;
        lines.push(xmlText(children));
        return false;
      });
      expectSameText(lines.join('\n'), entry, policy);
    });

    it('Word: the paragraphs carry the document text', () => {
      const entry = get(policy);
      const paragraphs = docxParagraphs(unzipText(entry.files.docx)['word/document.xml'] ?? '');
      expectSameText(paragraphs.map((p) => p.text).join('\n'), entry, policy);
    });

    it('Braille: back-translated by Debian liblouis, at least 99% of the words, in order', () => {
      const entry = get(policy);
      const brf = new TextDecoder('ascii').decode(entry.files.braille);
      // Page numbers and box lines are layout; everything else is text.
      const lines = brf
        .split(/\r\n|\f/)
        .filter((line) => line.trim() && !/^ +#[A-J]+$/.test(line) && !/^7+$/.test(line));
      const back = backTranslateBrf(lines).join('\n');
      const expected = words(formatText(entry.source, { spellLinks: true }));
      const recall = wordRecall(words(back), expected);
      expect(recall).toBeGreaterThanOrEqual(0.99);
      expect(wordRecall(words(back), words(seedText(policy, entry)))).toBeGreaterThanOrEqual(0.99);
    });
  });

  describe(`${policy}: structure of every format`, () => {
    it('PDF: tagged, titled, in English, fonts embedded', () => {
      const file = tempFile('doc.pdf', get(policy).files.pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(/^PDF version:\s+1\.7$/m);
      expect(info).toContain(`Title:           ${get(policy).source.title}`);
      // PDF/UA-1, declared in the XMP metadata (ISO 14289-1, 5).
      const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
      expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
      expect(xmp).toContain(`<rdf:li xml:lang="x-default">${get(policy).source.title}</rdf:li>`);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      // Columns: name, type, encoding, emb, sub, uni: every font embedded, with a Unicode map.
      for (const line of fonts) expect(line).toMatch(/AtkinsonHyperlegible\S*\s.*\byes\s+yes\s+yes\s/);
    });

    for (const id of ['pdf', 'large-print'] as const) {
      it(`${id}: structure tree, bookmarks for every section, named destinations, page numbers as artifacts`, async () => {
        const entry = get(policy);
        const text = await pdf(policy, id);
        expect(text.lang).toBe('en-US');
        expect(text.title).toBe(entry.source.title);
        // Page 1 says which text this is: title, last-modified date, version and permanent address.
        const firstPage = text.lines
          .filter((line) => line.page === 1)
          .map((line) => line.str)
          .join('');
        // Lines are joined without their breaks: a long address may wrap in large print.
        const unbroken = (text: string) => text.replace(/\s/g, '');
        for (const line of [...entry.source.title.split(' '), ...printedPreambleLines(entry.source)]) {
          expect(unbroken(firstPage)).toContain(unbroken(line));
        }
        const toc = flatToc(entry.source.document.toc);
        expect(text.outline).toEqual(toc.map((t) => ({ title: t.title, depth: t.level - 1 })));
        expect([...text.destinations].sort()).toEqual(expect.arrayContaining(toc.map((t) => t.id)));
        expect(text.artifacts).toEqual(Array.from({ length: text.pages }, (_, i) => `Page ${i + 1} of ${text.pages}`));
        expect(text.text).not.toMatch(/Page \d+ of \d+/);
        const roles = structureRoles(entry.files[id]);
        const headingCount = (level: number): number => toc.filter((t) => t.level === level).length;
        expect(roles.get('H1')).toBe(1);
        for (const level of [2, 3, 4]) expect(roles.get(`H${level}`) ?? 0).toBe(headingCount(level));
        for (const role of ['Document', 'P', 'L', 'LI', 'Lbl', 'LBody'])
          expect(roles.get(role) ?? 0).toBeGreaterThan(0);
        expect(roles.get('Lbl')).toBe(roles.get('LI'));
        const links = countLinks(entry.source.document.blocks);
        expect(roles.get('Link') ?? 0).toBe(links);
      });
    }

    it('large print: every character of the text at 18 pt or more, headings larger, 1.5 line spacing', async () => {
      const text = await pdf(policy, 'large-print');
      expect(Math.min(...text.sizes)).toBeGreaterThanOrEqual(18);
      const standard = await pdf(policy, 'pdf');
      expect(Math.max(...standard.sizes)).toBeLessThan(Math.min(...text.sizes) + 10);
      // Headings (the title and the section headings) are larger than the body.
      const title = text.lines.find((line) => line.str.startsWith(get(policy).source.title.split(' ')[0] ?? ''));
      expect(title?.size).toBeGreaterThan(18);
      const sections = get(policy).source.document.toc.map((entry) => entry.title);
      const headingLines = text.lines.filter((line) => sections.includes(line.str.trim()));
      expect(headingLines.length).toBeGreaterThanOrEqual(sections.length / 2);
      for (const line of headingLines) expect(line.size).toBeGreaterThan(18);
      // Distance between successive baselines on a page: never less than 1.5 × 18 pt.
      for (let page = 1; page <= text.pages; page++) {
        const ys = [...new Set(text.lines.filter((l) => l.page === page).map((l) => Math.round(l.y * 100) / 100))].sort(
          (a, b) => b - a,
        );
        for (let i = 1; i < ys.length; i++) expect(ys[i - 1]! - ys[i]!).toBeGreaterThanOrEqual(27 - 0.01);
      }
    });

    it('EPUB: epubcheck finds no errors; navigation lists every section; accessibility metadata present', () => {
      const entry = get(policy);
      const file = tempFile('book.epub', entry.files.epub);
      // C1-only JIT and the serial collector: epubcheck starts in a quarter of the time.
      const result = execFileSync(
        'java',
        ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', '/usr/share/java/epubcheck.jar', file],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(result).toMatch(/No errors or warnings detected/);
      const files = unzipText(entry.files.epub);
      const opf = files['EPUB/package.opf'] ?? '';
      expect(opf).toContain('<dc:language>en-US</dc:language>');
      for (const property of [
        'schema:accessMode">textual',
        'schema:accessModeSufficient">textual',
        'schema:accessibilityFeature">structuralNavigation',
        'schema:accessibilityFeature">tableOfContents',
        'schema:accessibilityHazard">none',
        'schema:accessibilitySummary">',
        'dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA',
      ]) {
        expect(opf).toContain(`<meta property="${property}`);
      }
      // The summary reads as sentences: "AllWork, Inc." ends one with its own period, not "Inc..".
      const summary = /accessibilitySummary">([^<]+)</.exec(opf)?.[1] ?? '';
      expect(summary).toContain('as published by AllWork, Inc. Every section has a heading');
      expect(summary).not.toMatch(/\.\./);
      const nav = files['EPUB/nav.xhtml'] ?? '';
      const targets = [...nav.matchAll(/<a href="policy\.xhtml#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
      expect(targets).toEqual(flatToc(entry.source.document.toc).map((t) => [t.id, escapeXml(t.title)]));
      const content = files['EPUB/policy.xhtml'] ?? '';
      for (const t of flatToc(entry.source.document.toc)) expect(content).toContain(`<h${t.level} id="${t.id}">`);
      // The text's cross-references link to their section, as on the pages (epubcheck checks the targets).
      expect(content).toMatch(/“<a href="#your-choices[a-z-]*">Your Choices<\/a>”/);
    }, 240_000);

    it('Word: the title in Heading 1, Heading 2–4 for the sections, US Letter, numbered and bulleted lists, title and language set', () => {
      const entry = get(policy);
      const files = unzipText(entry.files.docx);
      const paragraphs = docxParagraphs(files['word/document.xml'] ?? '');
      // The title is a heading (Heading 1), the sections Heading 2–4, as on the web page.
      expect(paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([entry.source.title]);
      expect(paragraphs.filter((p) => p.style === 'Title')).toEqual([]);
      const toc = flatToc(entry.source.document.toc);
      for (const level of [2, 3, 4] as const) {
        expect(paragraphs.filter((p) => p.style === `Heading${level}`).map((p) => p.text)).toEqual(
          toc.filter((t) => t.level === level).map((t) => t.title),
        );
      }
      // US Letter (8.5 × 11 in, in twentieths of a point), like the PDFs.
      expect(files['word/document.xml']).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
      // Every list item is a real Word list paragraph (numbering, not typed numbers).
      const items = countListItems(entry.source.document.blocks);
      expect(paragraphs.filter((p) => p.numbered)).toHaveLength(items);
      expect(paragraphs.filter((p) => /^(\d+\.|•)\s/.test(p.text) && p.numbered)).toHaveLength(0);
      const numbering = files['word/numbering.xml'] ?? '';
      expect(numbering).toContain('w:val="decimal"');
      expect(numbering).toContain('w:val="bullet"');
      expect(files['docProps/core.xml']).toContain(`<dc:title>${escapeXml(entry.source.title)}</dc:title>`);
      expect(files['docProps/core.xml']).toContain('<dc:language>en-US</dc:language>');
      expect(files['word/styles.xml']).toMatch(/<w:lang w:val="en-US"/);
    });

    it('Braille: 40 cells by 25 lines, form feeds between pages, page numbers on line 25, ASCII Braille only', () => {
      const brf = new TextDecoder('ascii', { fatal: true }).decode(get(policy).files.braille);
      expect(brf).toMatch(/^[\x20-\x5f\r\n\f]+$/);
      const pages = brf.split('\f');
      expect(pages.length).toBeGreaterThan(5);
      pages.forEach((page, index) => {
        expect(page.endsWith('\r\n')).toBe(true);
        const lines = page.slice(0, -2).split('\r\n');
        expect(lines.length).toBeLessThanOrEqual(linesPerPage);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(cellsPerLine);
        const number = translate(uebGrade2Brf, String(index + 1));
        expect(lines.at(-1)).toBe(' '.repeat(cellsPerLine - number.length) + number);
        expect(lines).toHaveLength(linesPerPage);
      });
    });
  });
}

describe('reproducible files', () => {
  it('rendering the same version twice gives the same bytes in every format (stable SHA-256)', async () => {
    const entry = get('privacy-policy');
    for (const format of formats) {
      const again = await format.render(entry.source);
      expect(Buffer.from(again).equals(Buffer.from(entry.files[format.id])), format.id).toBe(true);
    }
  }, 120_000);
});

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Blocks = FormatSource['document']['blocks'];

function countListItems(blocks: Blocks): number {
  let count = 0;
  for (const block of blocks) {
    if (block.type === 'list') {
      for (const item of block.items) {
        if (item.children[0]?.type === 'paragraph') count++;
        count += countListItems(item.children);
      }
    } else if (block.type === 'notice') count += countListItems(block.children);
  }
  return count;
}

function countLinks(blocks: Blocks): number {
  const inInlines = (inlines: readonly import('../../src/lib/document/model.ts').Inline[]): number =>
    inlines.reduce(
      (sum, node) => sum + (node.type === 'link' ? 1 : 0) + (node.type === 'text' ? 0 : inInlines(node.children)),
      0,
    );
  let count = 0;
  for (const block of blocks) {
    if (block.type === 'heading' || block.type === 'paragraph') count += inInlines(block.children);
    else if (block.type === 'notice') count += countLinks(block.children);
    else for (const item of block.items) count += countLinks(item.children);
  }
  return count;
}

/**
 * How many structure elements of each role the PDF has. PDFKit writes structure elements as
 * plain (uncompressed) dictionaries `<< /S /H2 /P … /K … >>`, so counting `/S /<role>` is exact
 * for the roles we use (actions use /S too, but with /URI and /GoTo).
 */
function structureRoles(bytes: Uint8Array): Map<string, number> {
  const raw = Buffer.from(bytes).toString('latin1');
  const counts = new Map<string, number>();
  for (const match of raw.matchAll(/\/S \/(Document|H1|H2|H3|H4|P|L|LI|Lbl|LBody|Link|Div)\b/g)) {
    counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  }
  return counts;
}
