/**
 * The document model as markup, written once for every view that shows it as HTML: the pages
 * (Blocks.astro, Toc.astro), the changes views (changes.ts, for the words of each change) and
 * the EPUB's XHTML. Every text and attribute value is escaped here, so callers pass the model as
 * it is and may insert the result as raw HTML (`set:html`, `innerHTML`).
 *
 * The output is compact (no whitespace between elements): whitespace the source had is in the
 * text nodes of the model, and nowhere else, so the page reads exactly as the model does.
 */
import type { Block, Inline, TocEntry } from '../document/model.ts';
import { escapeHtml } from '../text.ts';

/**
 * `html` for the site's pages, `xhtml` for the EPUB. XHTML is XML: void elements close
 * themselves (`<br/>`); the escaping (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`) suits both.
 */
export type Syntax = 'html' | 'xhtml';

/** A hard line break of the source (`\` or two spaces at the end of a line). */
const lineBreak = (syntax: Syntax): string => (syntax === 'xhtml' ? '<br/>' : '<br>');

/** Inline content: text, bold, italics, links; hard breaks become line-break elements. */
export function inlinesMarkup(nodes: readonly Inline[], syntax: Syntax = 'html'): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return escapeHtml(node.value).replaceAll('\n', lineBreak(syntax));
        case 'strong':
          return `<strong>${inlinesMarkup(node.children, syntax)}</strong>`;
        case 'emphasis':
          return `<em>${inlinesMarkup(node.children, syntax)}</em>`;
        case 'link':
          return `<a href="${escapeHtml(node.href)}">${inlinesMarkup(node.children, syntax)}</a>`;
      }
    })
    .join('');
}

/**
 * Blocks: headings carry their stable ids (the anchors of the table of contents, of links from
 * other pages and of search results), notices keep theirs, an ordered list not starting at 1
 * says where it starts.
 */
export function blocksMarkup(blocks: readonly Block[], syntax: Syntax = 'html'): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'heading':
          return `<h${String(block.level)} id="${escapeHtml(block.id)}">${inlinesMarkup(block.children, syntax)}</h${String(block.level)}>`;
        case 'paragraph':
          return `<p>${inlinesMarkup(block.children, syntax)}</p>`;
        case 'notice':
          return `<div class="notice" id="${escapeHtml(block.id)}">${blocksMarkup(block.children, syntax)}</div>`;
        case 'list': {
          const items = block.items.map((item) => `<li>${blocksMarkup(item.children, syntax)}</li>`).join('');
          if (!block.ordered) return `<ul>${items}</ul>`;
          return block.start === 1 ? `<ol>${items}</ol>` : `<ol start="${String(block.start)}">${items}</ol>`;
        }
      }
    })
    .join('');
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
