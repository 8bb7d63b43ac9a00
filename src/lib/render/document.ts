/**
 * The document model as markup, written once for every view that shows it as HTML: the pages
 * (Blocks.astro, Toc.astro), the changes views (changes.ts, for the words of each change) and
 * the EPUB's XHTML. Every text and attribute value is escaped here, so callers pass the model as
 * it is and may insert the result as raw HTML (`set:html`, `innerHTML`).
 *
 * The output is compact (no whitespace between elements): whitespace the source had is in the
 * text nodes of the model, and nowhere else, so the page reads exactly as the model does.
 */
import {
  inlineText,
  sectionNumber,
  type Block,
  type HeadingBlock,
  type Inline,
  type TocEntry,
} from '../document/model.ts';
import { escapeHtml } from '../text.ts';
import { linkQuotedTitles, sectionTargets, type SectionTarget } from './cross-references.ts';
import { GlossaryState, type GlossaryEntry } from './glossary.ts';

/**
 * `html` for the site's pages, `xhtml` for the EPUB. XHTML is XML: void elements close
 * themselves (`<br/>`); the escaping (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`) suits both.
 */
export type Syntax = 'html' | 'xhtml';

/** A hard line break of the source (`\` or two spaces at the end of a line). */
const lineBreak = (syntax: Syntax): string => (syntax === 'xhtml' ? '<br/>' : '<br>');

/** Inline content: text, bold, italics, links; hard breaks become line-break elements. */
export function inlinesMarkup(
  nodes: readonly Inline[],
  syntax: Syntax = 'html',
  targets: readonly SectionTarget[] = [],
  glossary?: GlossaryState,
): string {
  const text = (value: string): string => escapeHtml(value).replaceAll('\n', lineBreak(syntax));
  const plain = (value: string): string => (glossary ? glossary.markup(value, text) : text(value));
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return linkQuotedTitles(node.value, targets)
            .map((piece) =>
              piece.href ? `<a href="${escapeHtml(piece.href)}">${text(piece.text)}</a>` : plain(piece.text),
            )
            .join('');
        case 'strong':
          return `<strong>${inlinesMarkup(node.children, syntax, targets, glossary)}</strong>`;
        case 'emphasis':
          return `<em>${inlinesMarkup(node.children, syntax, targets, glossary)}</em>`;
        case 'link':
          return `<a href="${escapeHtml(node.href)}">${inlinesMarkup(node.children, syntax)}</a>`;
      }
    })
    .join('');
}

/** What a long text gets besides its words, to find a way around it. */
export interface ReadingAids {
  /** Quoted section titles link to their section (cross-references.ts): pages and EPUB. */
  readonly crossReferences?: boolean;
  /**
   * The pages' aids, given the contents list's anchor: a visible, labelled link to each heading
   * and "Back to contents" at the end of each top-level section. They are not the legal text:
   * marked `reading-aid`, search leaves them out and the fidelity tests read the text without them.
   */
  readonly contentsHref?: string;
  /** Abbreviations to expand with `<abbr>` at their first use in each section (glossary.ts). */
  readonly glossary?: readonly GlossaryEntry[];
}

interface Context {
  readonly syntax: Syntax;
  readonly targets: readonly SectionTarget[];
  readonly contentsHref?: string;
  readonly glossary?: GlossaryState | undefined;
}

function headingMarkup(block: HeadingBlock, context: Context): string {
  const tag = `h${String(block.level)}`;
  const id = escapeHtml(block.id);
  const heading = `<${tag} id="${id}">${inlinesMarkup(block.children, context.syntax)}</${tag}>`;
  if (context.contentsHref === undefined) return heading;
  const label = escapeHtml(`Link to this section: ${inlineText(block.children).replace(sectionNumber, '')}`);
  return `<div class="section-heading">${heading}<a class="section-link reading-aid" href="#${id}" aria-label="${label}">§</a></div>`;
}

function markup(blocks: readonly Block[], context: Context): string {
  const { syntax, targets } = context;
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'heading':
          context.glossary?.newSection();
          return headingMarkup(block, context);
        case 'paragraph':
          return `<p>${inlinesMarkup(block.children, syntax, targets, context.glossary)}</p>`;
        case 'notice':
          return `<div class="notice" id="${escapeHtml(block.id)}">${markup(block.children, context)}</div>`;
        case 'list': {
          const items = block.items.map((item) => `<li>${markup(item.children, context)}</li>`).join('');
          if (!block.ordered) return `<ul>${items}</ul>`;
          return block.start === 1 ? `<ol>${items}</ol>` : `<ol start="${String(block.start)}">${items}</ol>`;
        }
      }
    })
    .join('');
}

/** "Back to contents" before each top-level heading that ends a section, and after the last. */
function withBackLinks(blocks: readonly Block[], context: Context & { contentsHref: string }): string {
  const back = `<p class="back-to-contents reading-aid"><a href="${escapeHtml(context.contentsHref)}">Back to contents</a></p>`;
  let inSection = false;
  let html = '';
  for (const block of blocks) {
    if (block.type === 'heading' && block.level === 2) {
      if (inSection) html += back;
      inSection = true;
    }
    html += markup([block], context);
  }
  return inSection ? html + back : html;
}

/**
 * Blocks: headings carry their stable ids (the anchors of the table of contents, of links from
 * other pages and of search results), notices keep theirs, an ordered list not starting at 1
 * says where it starts.
 */
export function blocksMarkup(blocks: readonly Block[], syntax: Syntax = 'html', aids: ReadingAids = {}): string {
  const targets = aids.crossReferences ? sectionTargets(blocks) : [];
  const glossary = aids.glossary?.length ? new GlossaryState(aids.glossary) : undefined;
  const { contentsHref } = aids;
  if (contentsHref === undefined) return markup(blocks, { syntax, targets, glossary });
  return withBackLinks(blocks, { syntax, targets, contentsHref, glossary });
}

export interface TocOptions {
  /** Page the anchors are on, when the list is shown elsewhere (`/privacy-policy/`, `policy.xhtml`). */
  readonly base?: string;
  /** `ul` on the pages; the EPUB's navigation document must use `ol` (EPUB 3, nav). */
  readonly list?: 'ul' | 'ol';
}

/** The table of contents: every section, nested as the headings are, each linking to its anchor. */
export function tocMarkup(entries: readonly TocEntry[], options: TocOptions = {}): string {
  const { base = '', list = 'ul' } = options;
  const items = entries
    .map((entry) => {
      const children = entry.children.length ? tocMarkup(entry.children, options) : '';
      return `<li><a href="${escapeHtml(`${base}#${entry.id}`)}">${escapeHtml(entry.title)}</a>${children}</li>`;
    })
    .join('');
  return `<${list}>${items}</${list}>`;
}
