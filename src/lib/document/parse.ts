/**
 * The MDX subset → document model (docs/decisions/0011-mdx-subset.md): headings with stable
 * ids, paragraphs, lists, notices, links and MDX comments; anything else is refused with the
 * file's line and a hint. Node only (remark): browser code imports ./model.ts.
 */
import GithubSlugger from 'github-slugger';
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ContentProblem } from '../content/errors.ts';
import { inlineText, sectionNumber, type Inline, type Block, type TocEntry, type PolicyDocument } from './model.ts';

const explicitId = /\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;

export class DocumentParseError extends Error {
  readonly problem: Omit<ContentProblem, 'file'>;
  constructor(problem: Omit<ContentProblem, 'file'>) {
    super(problem.message);
    this.problem = problem;
  }
}

const supported =
  'Policy text supports headings (## to ####), paragraphs, bulleted and numbered lists, links, **bold**, *italics* and <Notice id="…">.';

function unsupported(node: Nodes, what: string, lineOffset: number): never {
  throw new DocumentParseError({
    field: 'body',
    line: (node.position?.start.line ?? 0) + lineOffset,
    message: `${what} is not allowed in policy text`,
    hint: supported,
  });
}

interface Builder {
  readonly slugger: GithubSlugger;
  readonly lineOffset: number;
}

function toInlines(nodes: readonly PhrasingContent[], b: Builder): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push({ type: 'text', value: node.value });
        break;
      case 'strong':
      case 'emphasis':
        out.push({ type: node.type, children: toInlines(node.children, b) });
        break;
      case 'link':
        out.push({ type: 'link', href: node.url, children: toInlines(node.children, b) });
        break;
      case 'break':
        out.push({ type: 'text', value: '\n' });
        break;
      case 'mdxTextExpression':
        if (!isComment(node.value)) unsupported(node, describe(node), b.lineOffset);
        out.push({ type: 'text', value: COMMENT });
        break;
      default:
        unsupported(node, `Inline "${node.type}"`, b.lineOffset);
    }
  }
  return mergeText(out);
}

/** Where an inline comment was: it goes, with the space on one side of it, so no double space is left. */
const COMMENT = '\u0000';

function mergeText(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    const last = out.at(-1);
    if (node.type === 'text' && last?.type === 'text') {
      out[out.length - 1] = { type: 'text', value: last.value + node.value };
    } else out.push(node);
  }
  return out
    .map((node, index): Inline => {
      if (node.type !== 'text' || !node.value.includes(COMMENT)) return node;
      const value = node.value.replace(
        /([ \t]*)\u0000([ \t]*)/g,
        (match, before: string, after: string, offset: number, whole: string) => {
          if (index === 0 && offset === 0) return ''; // At the start of the text: no space before it.
          if (index === out.length - 1 && offset + match.length === whole.length) return '';
          return before && after ? before : before + after;
        },
      );
      return { type: 'text', value };
    })
    .filter((node) => node.type !== 'text' || node.value !== '');
}

function headingId(inlines: Inline[], b: Builder): { id: string; inlines: Inline[] } {
  const last = inlines.at(-1);
  if (last?.type === 'text') {
    const match = explicitId.exec(last.value);
    if (match?.[1]) {
      const trimmed = last.value.slice(0, match.index);
      const rest = trimmed ? [...inlines.slice(0, -1), { ...last, value: trimmed }] : inlines.slice(0, -1);
      return { id: b.slugger.slug(match[1], true), inlines: rest };
    }
  }
  return { id: b.slugger.slug(inlineText(inlines).replace(sectionNumber, '').trim()), inlines };
}

function toBlocks(nodes: readonly RootContent[], b: Builder): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'heading': {
        if (node.depth < 2 || node.depth > 4) {
          unsupported(node, `A level-${node.depth} heading`, b.lineOffset);
        }
        const { id, inlines } = headingId(toInlines(node.children, b), b);
        out.push({ type: 'heading', level: node.depth as 2 | 3 | 4, id, children: inlines });
        break;
      }
      case 'paragraph': {
        const children = toInlines(node.children, b);
        // A paragraph of only whitespace (e.g. a lone no-break space) carries no text.
        if (inlineText(children).trim()) out.push({ type: 'paragraph', children });
        break;
      }
      case 'list':
        out.push({
          type: 'list',
          ordered: Boolean(node.ordered),
          start: node.start ?? 1,
          items: node.children.map((item) => {
            if (typeof item.checked === 'boolean') {
              unsupported(item, 'A task-list checkbox', b.lineOffset);
            }
            return { children: toBlocks(item.children, b) };
          }),
        });
        break;
      case 'mdxJsxFlowElement': {
        const idAttr = node.attributes.find((attr) => attr.type === 'mdxJsxAttribute' && attr.name === 'id');
        if (node.name !== 'Notice' || !idAttr || typeof idAttr.value !== 'string') {
          unsupported(node, `The element <${node.name ?? ''}>`, b.lineOffset);
        }
        out.push({
          type: 'notice',
          id: b.slugger.slug(idAttr.value, true),
          children: toBlocks(node.children, b),
        });
        break;
      }
      case 'mdxFlowExpression':
        if (!isComment(node.value)) unsupported(node, describe(node), b.lineOffset);
        break;
      default:
        unsupported(node, describe(node), b.lineOffset);
    }
  }
  return out;
}

/**
 * `{/* … *\/}`, the MDX comment: a note for editors, kept out of the model and so out of every
 * rendering. Any other expression would be code, which policy text never runs.
 */
function isComment(expression: string): boolean {
  return /^\s*\/\*[\s\S]*?\*\/\s*$/.test(expression) && expression.indexOf('*/') === expression.lastIndexOf('*/');
}

function describe(node: Nodes): string {
  const names: Record<string, string> = {
    code: 'A code block',
    table: 'A table',
    blockquote: 'A block quote',
    thematicBreak: 'A horizontal rule',
    html: 'Raw HTML',
    image: 'An image',
    mdxjsEsm: 'An import or export',
    mdxFlowExpression: 'A {…} expression',
    mdxTextExpression: 'A {…} expression',
  };
  return names[node.type] ?? `"${node.type}"`;
}

function buildToc(blocks: readonly Block[]): TocEntry[] {
  const root: { children: TocEntry[]; level: number }[] = [{ children: [], level: 1 }];
  const walk = (list: readonly Block[]): void => {
    for (const block of list) {
      if (block.type === 'notice') walk(block.children);
      if (block.type !== 'heading') continue;
      while ((root.at(-1)?.level ?? 1) >= block.level) root.pop();
      const entry = { id: block.id, level: block.level, title: inlineText(block.children), children: [] as TocEntry[] };
      root.at(-1)?.children.push(entry);
      root.push(entry);
    }
  };
  walk(blocks);
  return root[0]?.children ?? [];
}

const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

/**
 * Parse one version's MDX body. `lineOffset` is the number of lines before the body
 * (the front matter), so errors point at the right line of the file.
 */
export function parseDocument(title: string, body: string, lineOffset = 0): PolicyDocument {
  let tree: Root;
  try {
    // `## Title {#id}` would be an MDX expression; escape the braces so it parses as text.
    tree = processor.parse(body.replace(/^(#{2,4} .*?)\s*\{#([a-z0-9-]+)\}[ \t]*$/gm, '$1 \\{#$2\\}'));
  } catch (error) {
    throw new DocumentParseError(syntaxProblem(error as Error & { line?: number }, body, lineOffset));
  }
  const blocks = toBlocks(tree.children, { slugger: new GithubSlugger(), lineOffset });
  return { title, blocks, toc: buildToc(blocks) };
}

/** The MDX parser's complaint, with the file's line, the line as written and a hint that is safe to follow. */
function syntaxProblem(
  error: Error & { line?: number },
  body: string,
  lineOffset: number,
): Omit<ContentProblem, 'file'> {
  const place = error.line;
  const text = place ? (body.split(/\r?\n/)[place - 1] ?? '').trim() : '';
  const quoted = text ? `: \`${text.length > 80 ? `${text.slice(0, 77)}…` : text}\`` : '';
  const line = place ? place + lineOffset : undefined;
  // The parser's own suggestion, `{/* … */}` for a comment, is supported; escaping `<` would
  // publish the comment as policy text.
  if (/<!--/.test(text) || /to create a comment in MDX/.test(error.message)) {
    return {
      field: 'body',
      line,
      message: `an HTML comment (<!-- … -->) cannot be used in policy text${quoted}`,
      hint: 'Delete it, or write it as an MDX comment, `{/* … */}`, which is never published.',
    };
  }
  if (/[“”‘’]/.test(text) && /attribute/i.test(error.message)) {
    return {
      field: 'body',
      line,
      message: `an attribute value is in curly quotes (“ ”)${quoted}`,
      hint: 'Write the value between straight double quotes, e.g. `<Notice id="notice-at-collection">`.',
    };
  }
  return {
    field: 'body',
    line,
    message: `the text cannot be read as MDX (${error.message})${quoted}`,
    hint: 'Check for a stray "<" or "{" in the text; write them as \\< and \\{.',
  };
}

/** Marker for one list item, as a reader sees it in plain text. */
