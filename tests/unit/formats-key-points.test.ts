/**
 * Key points and the glossary in every format, on the fixtures' privacy policy of 2025-09-01
 * (the one version with key points): the labelled key points after the preamble and before the
 * text, the glossary of the terms the version uses at the end, and the legal text between them
 * exactly as without either. The format cache keys on both.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Blockquote, List, Root as MdRoot } from 'mdast';
import { toString as mdText } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/lib/formats/cache.ts';
import { formatSource } from '../../src/lib/formats/files.ts';
import { formats, type FormatId } from '../../src/lib/formats/index.ts';
import { textFormat } from '../../src/lib/formats/text.ts';
import { bodyText, preambleLines, type FormatSource } from '../../src/lib/formats/source.ts';
import { glossaryFor, glossaryLine, keyPointsTitle } from '../../src/lib/render/supplements.ts';
import { readVersionRecords } from '../../src/lib/versions/index.ts';
import { site } from '../../src/site.config.ts';
import { backTranslateBrf, orderedXml, readPdf, unzipText, walkXml, words, xmlText } from '../helpers/formats.ts';
import { normalizeText } from '../helpers/seed.ts';

const version = readVersionRecords('tests/fixtures/content').find(
  (v) => v.policy === 'privacy-policy' && v.version === '2025-09-01',
);
if (!version) throw new Error('The fixtures have no privacy-policy 2025-09-01');
const source = formatSource(version, site.siteUrl);
const points = version.keyPoints;
const files = {} as Record<FormatId, Uint8Array>;

beforeAll(async () => {
  for (const format of formats) files[format.id] = await format.render(source);
}, 120_000);

const glossaryLines = [
  'APIs — application programming interfaces',
  'IP — Internet Protocol',
  'SSL — Secure Sockets Layer',
  'US — United States',
];

describe('the fixture', () => {
  it('has three key points, the text none of them, and the glossary the four terms the text and points use', () => {
    expect(points).toHaveLength(3);
    expect(points[2]).toBe(
      'You choose: update your profile at any time, reject cookies, and opt out of promotional emails.',
    );
    for (const point of points) expect(version.canonicalText).not.toContain(point);
    // CPRA is in the site glossary but not in this text: not listed.
    expect(source.glossary.map(glossaryLine)).toEqual(glossaryLines);
    expect(
      glossaryFor(site.glossary, 'No abbreviations here.', ['Only in a point: the US.']).map((e) => e.term),
    ).toEqual(['US']);
  });
});

/**
 * `text` (normalized) is preamble, key points, legal text, glossary, in that order, each once; the
 * legal text exactly as without them (`spellLinks`: as the plain text writes links).
 */
function expectOrder(text: string, spellLinks = false): void {
  const legal = normalizeText(bodyText(source, { spellLinks }));
  const at = (needle: string): number => {
    const index = text.indexOf(normalizeText(needle));
    expect(index, needle).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(normalizeText(needle), index + 1), `${needle} twice`).toBe(-1);
    return index;
  };
  const preamble = at(preambleLines(source).at(-1) ?? '');
  const label = at(keyPointsTitle);
  const body = at(legal);
  const glossary = at('Glossary Abbreviations used in this document and what they stand for.');
  expect(preamble).toBeLessThan(label);
  for (const point of points) {
    const index = at(point);
    expect(index).toBeGreaterThan(label);
    expect(index).toBeLessThan(body);
  }
  expect(body + legal.length).toBeLessThanOrEqual(glossary);
  for (const line of glossaryLines) expect(at(line)).toBeGreaterThan(glossary);
}

describe('key points and glossary in every format', () => {
  it('plain text: the key points between two rules after the preamble, the glossary last', () => {
    const text = new TextDecoder().decode(files.text);
    const rule = '-'.repeat(keyPointsTitle.length);
    expect(text).toContain(
      `Version 2025-09-01\n\n${rule}\n${keyPointsTitle}\n\n${points.map((p) => `• ${p}`).join('\n')}\n${rule}\n\nProtecting user privacy`,
    );
    const glossary = glossaryLines.map((line) => `• ${line}`).join('\n');
    expect(text).toMatch(
      new RegExp(
        `\nGlossary\n-{8}\n\nAbbreviations used in this document and what they stand for\\. This list is not part of the policy\\.\n\n${glossary}\n$`,
      ),
    );
    // Rules and underlines are layout: without them, the order of the parts.
    expectOrder(normalizeText(text.replace(/^[=-]{3,}$/gm, '')), true);
  });

  it('Markdown: a block quote with the label in bold and the points as a list, then the text, the glossary last', () => {
    const markdown = new TextDecoder().decode(files.markdown);
    const tree: MdRoot = unified().use(remarkParse).parse(markdown);
    const quote = tree.children.find((node): node is Blockquote => node.type === 'blockquote');
    expect(quote).toBeDefined();
    expect(tree.children.indexOf(quote!)).toBe(1 + preambleLines(source).length);
    const [label, list] = quote!.children;
    expect(label?.type === 'paragraph' && label.children[0]?.type).toBe('strong');
    expect(mdText(label)).toBe(keyPointsTitle);
    expect((list as List).children.map((item) => mdText(item))).toEqual(points);
    const last = tree.children.slice(-3);
    expect(last.map((node) => node.type)).toEqual(['heading', 'paragraph', 'list']);
    expect(mdText(last[0])).toBe('Glossary');
    // Block by block, list items on their own lines, as the canonical text has them.
    const lines: string[] = [];
    const collect = (nodes: MdRoot['children']): void => {
      for (const node of nodes) {
        if (node.type === 'list') for (const item of node.children) collect(item.children);
        else if (node.type === 'blockquote') collect(node.children);
        else lines.push(mdText(node));
      }
    };
    collect(tree.children);
    expectOrder(normalizeText(lines.join('\n')));
  });

  for (const id of ['pdf', 'large-print'] as const) {
    it(`${id}: the key points boxed after the preamble, the glossary last with its bookmark`, async () => {
      const pdf = await readPdf(files[id]);
      expectOrder(normalizeText(pdf.text));
      expect(pdf.outline.at(-1)).toEqual({ title: 'Glossary', depth: 1 });
      expect(pdf.outline.map((item) => item.title)).not.toContain('Key points');
      // A structure element (Div) of its own, drawn boxed: the text has no notice of its own here.
      const raw = Buffer.from(files[id]).toString('latin1');
      expect(raw.match(/\/S \/Div\b/g)).toHaveLength(1);
    });
  }

  it('EPUB: a section named "Key points" before the text, the glossary a section last; both in the navigation; epubcheck passes', () => {
    const epub = unzipText(files.epub);
    const content = epub['EPUB/policy.xhtml'] ?? '';
    expect(content).toContain(
      `<section class="key-points" id="key-points" aria-label="Key points"><p><strong>${keyPointsTitle}</strong></p><ul>`,
    );
    expect(content).toMatch(
      /<section class="glossary" aria-labelledby="glossary-of-abbreviations"><h2 id="glossary-of-abbreviations">Glossary<\/h2>/,
    );
    const lines: string[] = [];
    walkXml(orderedXml.parse(content), (name, _attributes, children) => {
      if (!/^(h[1-6]|p)$/.test(name)) return undefined;
      lines.push(xmlText(children));
      return false;
    });
    expectOrder(normalizeText(lines.join('\n')));
    const nav = epub['EPUB/nav.xhtml'] ?? '';
    const targets = [...nav.matchAll(/<a href="policy\.xhtml#([^"]+)">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(targets[0]).toBe('key-points');
    expect(targets.at(-1)).toBe('glossary-of-abbreviations');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'key-points-')), 'book.epub');
    writeFileSync(file, files.epub);
    const result = execFileSync(
      'java',
      ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', '/usr/share/java/epubcheck.jar', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(result).toMatch(/No errors or warnings detected/);
  }, 120_000);

  it('Word: the label and the points in bordered paragraphs, the points a real list; Glossary the last Heading 2', () => {
    const xml = unzipText(files.docx)['word/document.xml'] ?? '';
    const paragraphs: { text: string; style: string | null; bordered: boolean; numbered: boolean }[] = [];
    walkXml(orderedXml.parse(xml), (name, _attributes, children) => {
      if (name !== 'w:p') return undefined;
      const paragraph = { text: '', style: null as string | null, bordered: false, numbered: false };
      walkXml(children, (inner, attributes, innerChildren) => {
        if (inner === 'w:pStyle') paragraph.style = attributes['@_w:val'] ?? null;
        if (inner === 'w:pBdr') paragraph.bordered = true;
        if (inner === 'w:numPr') paragraph.numbered = true;
        if (inner === 'w:t') paragraph.text += xmlText(innerChildren);
        return undefined;
      });
      paragraphs.push(paragraph);
      return false;
    });
    const label = paragraphs.findIndex((p) => p.text === keyPointsTitle);
    expect(label).toBe(1 + preambleLines(source).length);
    const box = paragraphs.slice(label, label + 1 + points.length);
    expect(box.map((p) => p.text)).toEqual([keyPointsTitle, ...points]);
    expect(box.every((p) => p.bordered)).toBe(true);
    expect(box.slice(1).every((p) => p.numbered)).toBe(true);
    expect(paragraphs[label + 1 + points.length]?.bordered).toBe(false);
    expect(paragraphs.filter((p) => p.style === 'Heading2').at(-1)?.text).toBe('Glossary');
    expectOrder(normalizeText(paragraphs.map((p) => p.text).join('\n')));
  });

  it('Braille: the key points between box lines before the text, the glossary last (back-translated)', () => {
    const brf = new TextDecoder('ascii').decode(files.braille);
    const lines = brf.split(/\r\n|\f/).filter((line) => line.trim() && !/^ +#[A-J]+$/.test(line));
    const box = lines.findIndex((line) => /^7+$/.test(line));
    const end = lines.findIndex((line, index) => index > box && /^7+$/.test(line));
    expect(box).toBeGreaterThan(0);
    const inside = words(backTranslateBrf(lines.slice(box + 1, end)).join(' '));
    // The label comes first, in bold (Debian's liblouis reads the bold indicators back as "\45/").
    expect(inside.join(' ')).toMatch(/^(45 )?key points this summary does not replace the policy (45 )?we collect/);
    for (const point of points) expect(inside.join(' ')).toContain(words(point).slice(0, 4).join(' '));
    const after = words(backTranslateBrf(lines.slice(end + 1)).join(' '));
    expect(after.slice(0, 4)).toEqual(['protecting', 'user', 'privacy', 'is']);
    expect(after.slice(-9).join(' ')).toContain('us united states');
    expect(after.join(' ')).toContain('glossary abbreviations used in this document');
  });
});

describe('the format cache keys on the key points and the glossary', () => {
  const key = (changed: Partial<FormatSource>): string => cacheKey(textFormat, { ...source, ...changed });

  it('a different point, no points, or another glossary give another key; the same source the same key', () => {
    const same = key({});
    expect(key({ keyPoints: [...points] })).toBe(same);
    expect(key({ keyPoints: [...points.slice(0, 2), 'Another point.'] })).not.toBe(same);
    expect(key({ keyPoints: [] })).not.toBe(same);
    expect(key({ glossary: source.glossary.slice(1) })).not.toBe(same);
  });
});
