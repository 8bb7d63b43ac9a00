/**
 * Markdown (.md, GitHub Flavored Markdown): the document model turned into a Markdown syntax
 * tree and serialised by remark, so escaping is remark's, not ours. Headings and lists
 * are those of the source; the Notice at Collection becomes a block quote so it stands out.
 */
import type { BlockContent, ListItem as MdListItem, PhrasingContent, Root, RootContent } from 'mdast';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { Block, Inline } from '../document/model.ts';
import type { FormatRenderer } from './format.ts';
import { sharedCode } from './format.ts';
import { preambleLines, supplements, type FormatSource } from './source.ts';

function phrasing(inlines: readonly Inline[]): PhrasingContent[] {
  return inlines.map((node): PhrasingContent => {
    switch (node.type) {
      case 'text':
        return { type: 'text', value: node.value };
      case 'strong':
        return { type: 'strong', children: phrasing(node.children) };
      case 'emphasis':
        return { type: 'emphasis', children: phrasing(node.children) };
      case 'link':
        return { type: 'link', url: node.href, children: phrasing(node.children) };
    }
  });
}

function blocks(list: readonly Block[]): RootContent[] {
  return list.map((block): RootContent => {
    switch (block.type) {
      case 'heading':
        return { type: 'heading', depth: block.level, children: phrasing(block.children) };
      case 'paragraph':
        return { type: 'paragraph', children: phrasing(block.children) };
      case 'notice':
        return { type: 'blockquote', children: blocks(block.children) as BlockContent[] };
      case 'list':
        return {
          type: 'list',
          ordered: block.ordered,
          start: block.ordered ? block.start : null,
          spread: false,
          children: block.items.map((item): MdListItem => ({
            type: 'listItem',
            spread: false,
            children: blocks(item.children) as BlockContent[],
          })),
        };
    }
  });
}

/** The Markdown text of one version: key points (if any) before the text, the glossary after it. */
export function markdownText(source: FormatSource): string {
  const { before, after } = supplements(source);
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: source.title }] },
      ...preambleLines(source).map((line): RootContent => ({
        type: 'paragraph',
        children: [{ type: 'text', value: line }],
      })),
      ...blocks(before),
      ...blocks(source.document.blocks),
      ...blocks(after),
    ],
  };
  // CommonMark output is valid GFM; remark-gfm's serializer would only add needless escapes
  // (a backslash before the dot in "allworknow.com") against autolink literals the text never needs.
  return unified()
    .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', listItemIndent: 'one', incrementListMarker: true })
    .stringify(tree);
}

export const markdownFormat: FormatRenderer = {
  id: 'markdown',
  name: 'Markdown',
  kind: 'MD',
  suffix: '.md',
  mediaType: 'text/markdown; charset=utf-8',
  description: 'Plain text with headings and lists marked up (GitHub Flavored Markdown), for reuse and comparison.',
  code: { files: [...sharedCode, 'src/lib/formats/markdown.ts'], packages: ['remark-stringify', 'unified'] },
  render(source) {
    return Promise.resolve(new TextEncoder().encode(markdownText(source)));
  },
};
