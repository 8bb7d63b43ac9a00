/**
 * Word (.docx): the policy with Word's own structure, so its navigation pane, screen readers and
 * "Save as PDF" understand it: the title in Heading 1, sections in Heading 2–4, on US Letter
 * pages like the PDFs, real numbered and bulleted lists (Word numbering, not typed numbers), real
 * hyperlinks, the document title and language (en-US) set. Built with the `docx` package, then re-zipped with fixed dates
 * and ids so a version's file is the same on every build.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ILevelsOptions,
  type IRunOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { unzipSync, strFromU8 } from 'fflate';
import type { Block, Inline, ListBlock } from '../document/model.ts';
import type { FormatRenderer } from './format.ts';
import { sharedCode } from './format.ts';
import { fileDate, preambleLines, supplements, type FormatSource } from './source.ts';
import { zip } from './zip.ts';

/** The title is Heading 1 (a heading, in Word's navigation pane and in a tagged PDF saved from it); sections follow. */
const headingLevels = { 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;
/** US Letter with 1-inch margins, in twentieths of a point: the size of the PDFs. */
const letterPage = {
  size: { width: 12240, height: 15840 },
  margin: { top: 1440, right: 1440, bottom: 1440, left: 1440 },
};
const noticeBorder = { style: BorderStyle.SINGLE, size: 12, color: '1F4E79', space: 6 };
/** Twentieths of a point: one list level indents half an inch. */
const levelIndent = 720;
const hanging = 360;

interface RunStyle {
  readonly bold?: boolean;
  readonly italics?: boolean;
  /** Text of a hyperlink takes Word's Hyperlink character style (underlined, link colour). */
  readonly link?: boolean;
}

function runs(nodes: readonly Inline[], style: RunStyle = {}): ParagraphChild[] {
  return nodes.flatMap((node): ParagraphChild[] => {
    switch (node.type) {
      case 'text':
        return node.value.split('\n').map((text, index) => {
          const options: IRunOptions = {
            text,
            ...(style.bold ? { bold: true } : {}),
            ...(style.italics ? { italics: true } : {}),
            ...(style.link ? { style: 'Hyperlink' } : {}),
            ...(index > 0 ? { break: 1 } : {}),
          };
          return new TextRun(options);
        });
      case 'strong':
        return runs(node.children, { ...style, bold: true });
      case 'emphasis':
        return runs(node.children, { ...style, italics: true });
      case 'link':
        return [new ExternalHyperlink({ link: node.href, children: runs(node.children, { ...style, link: true }) })];
    }
  });
}

interface Context {
  readonly paragraphs: Paragraph[];
  /** One numbering definition per ordered list, so each starts at its own number. */
  readonly numberings: { reference: string; levels: ILevelsOptions[] }[];
}

function orderedLevels(start: number): ILevelsOptions[] {
  return [0, 1, 2, 3].map((level) => ({
    level,
    format: LevelFormat.DECIMAL,
    text: `%${level + 1}.`,
    start: level === 0 ? start : 1,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: levelIndent * (level + 1), hanging } } },
  }));
}

const bulletLevels: ILevelsOptions[] = ['•', '◦', '▪', '•'].map((text, level) => ({
  level,
  format: LevelFormat.BULLET,
  text,
  alignment: AlignmentType.START,
  style: { paragraph: { indent: { left: levelIndent * (level + 1), hanging } } },
}));

function blocks(context: Context, list: readonly Block[], depth: number, extra: Partial<IParagraphOptions> = {}): void {
  for (const block of list) {
    switch (block.type) {
      case 'heading':
        context.paragraphs.push(new Paragraph({ heading: headingLevels[block.level], children: runs(block.children) }));
        break;
      case 'paragraph':
        context.paragraphs.push(
          new Paragraph({
            ...extra,
            ...(depth > 0 && !extra.numbering ? { indent: { left: levelIndent * depth } } : {}),
            children: runs(block.children),
          }),
        );
        break;
      case 'notice':
        blocks(context, block.children, depth, {
          border: { top: noticeBorder, bottom: noticeBorder, left: { ...noticeBorder, size: 36 }, right: noticeBorder },
        });
        break;
      case 'list':
        list_(context, block, depth, extra);
        break;
    }
  }
}

function list_(context: Context, list: ListBlock, depth: number, extra: Partial<IParagraphOptions>): void {
  let reference = 'bullets';
  if (list.ordered) {
    reference = `ordered-${context.numberings.length + 1}`;
    context.numberings.push({ reference, levels: orderedLevels(list.start) });
  }
  for (const item of list.items) {
    const [first, ...rest] = item.children;
    if (first?.type === 'paragraph') {
      context.paragraphs.push(
        new Paragraph({ ...extra, numbering: { reference, level: depth }, children: runs(first.children) }),
      );
      blocks(context, rest, depth + 1, extra);
    } else {
      blocks(context, item.children, depth + 1, extra);
    }
  }
}

/**
 * Make the package reproducible: `docx` stamps the current time into the core properties and
 * numbers hyperlink relationships at random. Dates become the version's own; relationship ids
 * are renumbered in document order; `dc:language` is added (Word reads the proofing language
 * from the styles, other tools from here).
 */
function normalizePackage(bytes: Uint8Array, source: FormatSource): Uint8Array {
  const files = unzipSync(bytes);
  const text = (name: string): string => strFromU8(files[name] ?? new Uint8Array());
  const stamp = `${source.lastModified}T00:00:00Z`;
  let core = text('docProps/core.xml')
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
  if (!core.includes('<dc:language>'))
    core = core.replace('</cp:coreProperties>', `<dc:language>${source.language}</dc:language></cp:coreProperties>`);
  let document = text('word/document.xml');
  let relations = text('word/_rels/document.xml.rels');
  const ids = new Map<string, string>();
  for (const match of document.matchAll(/r:id="([^"]+)"/g)) {
    const id = match[1]!;
    if (!ids.has(id) && !/^rId\d+$/.test(id)) ids.set(id, `rIdLink${ids.size + 1}`);
  }
  for (const [from, to] of ids) {
    document = document.replaceAll(`r:id="${from}"`, `r:id="${to}"`);
    relations = relations.replaceAll(`Id="${from}"`, `Id="${to}"`);
  }
  const replaced: Record<string, string> = {
    'docProps/core.xml': core,
    'word/document.xml': document,
    'word/_rels/document.xml.rels': relations,
  };
  const names = Object.keys(files).sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b),
  );
  return zip(
    names.map((name) => ({ path: name, data: replaced[name] ?? files[name]! })),
    fileDate(source),
  );
}

export async function renderDocx(source: FormatSource): Promise<Uint8Array> {
  const context: Context = { paragraphs: [], numberings: [] };
  context.paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(source.title)] }));
  for (const line of preambleLines(source)) context.paragraphs.push(new Paragraph({ children: [new TextRun(line)] }));
  const { before, after } = supplements(source);
  blocks(context, before, 0);
  blocks(context, source.document.blocks, 0);
  blocks(context, after, 0);
  const heading = (size: number) => ({
    run: { bold: true, size, color: '1A1A1A', font: 'Arial' },
    paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
  });
  const doc = new Document({
    title: source.title,
    subject: preambleLines(source).join('. '),
    creator: source.publisher,
    lastModifiedBy: source.publisher,
    description: `${source.title}, version ${source.version}: ${source.permanentUrl}`,
    keywords: `${source.policy} ${source.version}`,
    revision: 1,
    styles: {
      default: {
        document: {
          run: { font: 'Arial', size: 24, language: { value: source.language } },
          paragraph: { spacing: { after: 160, line: 300 } },
        },
        heading1: heading(44),
        heading2: heading(32),
        heading3: heading(28),
        heading4: heading(26),
        hyperlink: { run: { color: '0B4F8A', underline: {} } },
      },
    },
    numbering: {
      config: [{ reference: 'bullets', levels: bulletLevels }, ...context.numberings],
    },
    sections: [{ properties: { page: letterPage }, children: context.paragraphs }],
  });
  return normalizePackage(new Uint8Array(await Packer.toBuffer(doc)), source);
}

export const docxFormat: FormatRenderer = {
  id: 'docx',
  name: 'Word document',
  kind: 'DOCX',
  suffix: '.docx',
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  description: 'For Microsoft Word and other word processors, with real headings and lists.',
  code: { files: [...sharedCode, 'src/lib/formats/docx.ts', 'src/lib/formats/zip.ts'], packages: ['docx', 'fflate'] },
  render: renderDocx,
};
