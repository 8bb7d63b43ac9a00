/**
 * What the shipped policies do not exercise: a link whose text is not its address, bold and
 * italics, a numbered list starting at 5 nested in a bulleted one, a hard line break. Every
 * format must still carry the text and the structure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/lib/document/parse.ts';
import { brailleText, wrap } from '../../src/lib/formats/braille.ts';
import { docxFormat } from '../../src/lib/formats/docx.ts';
import { epubFormat } from '../../src/lib/formats/epub.ts';
import { markdownText } from '../../src/lib/formats/markdown.ts';
import { pdfFormat } from '../../src/lib/formats/pdf.ts';
import { formatText, preambleLines, printedPreambleLines, type FormatSource } from '../../src/lib/formats/source.ts';
import { textFormat } from '../../src/lib/formats/text.ts';
import { backTranslateBrf, readPdf, unzipText, wordRecall, words } from '../helpers/formats.ts';
import { normalizeText } from '../helpers/seed.ts';

const body = `Read [our site](https://example.com/privacy) or write to [info@example.com](mailto:info@example.com).

## 1. Choices {#choices}

We **never** sell data, *ever*.

- First bullet
- Second bullet, with steps:

   5. Step five
   6. Step six

#### A minor heading

Line one\\
line two.
`;

const source: FormatSource = {
  policy: 'test-policy',
  version: '2030-01-02',
  title: 'Test Policy',
  lastModified: '2030-01-02',
  effective: '2030-02-01',
  publisher: 'AllWork, Inc.',
  permanentUrl: 'https://policies.example/test-policy/2030-01-02/',
  language: 'en-US',
  document: parseDocument('Test Policy', body),
  // No key points and no glossary terms: this file is about the text (formats-key-points.test.ts).
  keyPoints: [],
  glossary: [],
};

describe('formats of a document with links, emphasis and nested lists', () => {
  it('the preamble says the version, last-modified and (when different) effective dates', () => {
    expect(preambleLines(source)).toEqual([
      'Last Modified: January 2, 2030',
      'Effective: February 1, 2030',
      'Version 2030-01-02',
    ]);
  });

  it('plain text spells out a link whose text is not its address, and only that one', async () => {
    const text = new TextDecoder().decode(await textFormat.render(source));
    expect(text).toContain('Read our site (https://example.com/privacy) or write to info@example.com.');
    expect(text).toContain('• Second bullet, with steps:\n  5. Step five\n  6. Step six');
  });

  it('Markdown keeps links, emphasis, the list start and nesting', () => {
    const markdown = markdownText(source);
    expect(markdown).toContain('[our site](https://example.com/privacy)');
    expect(markdown).toContain('We **never** sell data, *ever*.');
    expect(markdown).toMatch(/^- Second bullet, with steps:\n\n {2}5\. Step five\n {2}6\. Step six$/m);
    expect(markdown).toContain('#### A minor heading');
  });

  it('PDF: one Link element per link with its annotation, bold and italic fonts embedded, text intact', async () => {
    const bytes = await pdfFormat.render(source);
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw.match(/\/S \/Link\b/g)).toHaveLength(2);
    expect(raw).toContain('/URI (https://example.com/privacy)');
    // Each link annotation belongs to the structure tree (StructParent) and describes itself.
    expect(raw.match(/\/Subtype \/Link[^>]*\/StructParent \d+/g) ?? raw.match(/\/StructParent \d+/g)).toHaveLength(2);
    const dir = mkdtempSync(path.join(tmpdir(), 'formats-model-'));
    writeFileSync(path.join(dir, 'doc.pdf'), bytes);
    const fonts = execFileSync('pdffonts', [path.join(dir, 'doc.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/AtkinsonHyperlegible-Bold\s/);
    expect(fonts).toMatch(/AtkinsonHyperlegible-Italic\s/);
    const extracted = await readPdf(bytes);
    expect(normalizeText(extracted.text)).toBe(normalizeText(formatText(source, {}, printedPreambleLines(source))));
    expect(extracted.outline).toEqual([
      { title: '1. Choices', depth: 1 },
      { title: 'A minor heading', depth: 2 },
    ]);
  });

  it('EPUB: real links and an ordered list starting at 5', async () => {
    const files = unzipText(await epubFormat.render(source));
    const xhtml = files['EPUB/policy.xhtml'] ?? '';
    expect(xhtml).toContain('<a href="https://example.com/privacy">our site</a>');
    expect(xhtml).toContain('<ol start="5">');
    expect(xhtml).toContain('<strong>never</strong>');
    expect(xhtml).toContain('Line one<br/>line two.');
  });

  it('Word: a hyperlink relationship, bold and italic runs, numbering that starts at 5 one level in', async () => {
    const files = unzipText(await docxFormat.render(source));
    expect(files['word/_rels/document.xml.rels']).toContain(
      'Target="https://example.com/privacy" TargetMode="External"',
    );
    const document = files['word/document.xml'] ?? '';
    expect(document).toMatch(/<w:hyperlink [^>]*r:id="rIdLink1"/);
    expect(document).toMatch(/<w:b\/>.*never/);
    expect(document).toMatch(/<w:i\/>.*ever/);
    expect(document).toMatch(/<w:ilvl w:val="1"\/>/);
    expect(files['word/numbering.xml']).toMatch(/<w:start w:val="5"\/>/);
  });

  it('Braille: emphasis indicators for bold and italics, the link address spelled out, words intact', () => {
    const listeners = process.listeners('uncaughtException').length;
    const brf = brailleText(source);
    // Loading liblouis leaves no process-wide exception handler behind.
    expect(process.listeners('uncaughtException')).toHaveLength(listeners);
    // UEB bold word indicator (dots 45-2) and italic word indicator (dots 46-2), in ASCII Braille.
    expect(brf).toContain('^1N"E SELL');
    expect(brf).toContain('.1"E');
    const lines = brf.split(/\r\n|\f/).filter((line) => line.trim() && !/^ +#[A-J]+$/.test(line));
    const back = backTranslateBrf(lines).join('\n');
    expect(wordRecall(words(back), words(formatText(source, { spellLinks: true })))).toBeGreaterThanOrEqual(0.95);
    expect(back.toLowerCase()).toContain('example.com/privacy');
  });
});

describe('Braille line wrapping', () => {
  it('breaks between words only, with the first-line and runover indents', () => {
    const words40 = Array.from({ length: 30 }, (_, i) => `W${i}`).join(' ');
    const lines = wrap(words40, 2, 0);
    expect(lines[0]?.startsWith('  W0 ')).toBe(true);
    expect(lines[1]?.startsWith('W')).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines.join(' ').split(/\s+/).filter(Boolean).join(' ')).toBe(words40);
  });

  it('divides a word longer than a line, and nothing else', () => {
    const long = 'X'.repeat(95);
    const lines = wrap(`AB ${long} CD`, 0, 2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    // The long word starts a line and its pieces join with nothing added; other words keep their spaces.
    expect(lines[0]).toBe('AB');
    expect(
      lines
        .slice(1)
        .map((l) => l.trim())
        .join(''),
    ).toBe(`${long} CD`);
    expect(lines.slice(1).every((l) => l.startsWith('  X'))).toBe(true);
  });
});
