/**
 * The document model: one parsed form of a policy version that every view reads —
 * the HTML page, the table of contents, diffs, search and each alternative format — and its
 * plain text. Because they all render this one structure, the text is the same everywhere by
 * construction. No parser here: the compare page's browser script imports this module.
 */
export type Inline =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'strong'; readonly children: readonly Inline[] }
  | { readonly type: 'emphasis'; readonly children: readonly Inline[] }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly Inline[] };

export interface HeadingBlock {
  readonly type: 'heading';
  /** 2–4: the document title is the only level 1. */
  readonly level: 2 | 3 | 4;
  /** Stable anchor: `{#id}` when the source gives one, else the slug of the title without its number. */
  readonly id: string;
  readonly children: readonly Inline[];
}
export interface ParagraphBlock {
  readonly type: 'paragraph';
  readonly children: readonly Inline[];
}
export interface ListBlock {
  readonly type: 'list';
  readonly ordered: boolean;
  /** First number of an ordered list. */
  readonly start: number;
  readonly items: readonly ListItem[];
}
export interface ListItem {
  readonly children: readonly Block[];
}
/** A passage the law asks to be prominent, e.g. the California "Notice at Collection". */
export interface NoticeBlock {
  readonly type: 'notice';
  readonly id: string;
  readonly children: readonly Block[];
}
export type Block = HeadingBlock | ParagraphBlock | ListBlock | NoticeBlock;

export interface TocEntry {
  readonly id: string;
  readonly level: 2 | 3 | 4;
  readonly title: string;
  readonly children: readonly TocEntry[];
}

export interface PolicyDocument {
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly toc: readonly TocEntry[];
}

/** Options for plain-text views of the model (the plain-text and Braille formats). */
export interface TextOptions {
  /**
   * Write a link's address after its text, "text (address)", unless the text already shows it:
   * a reader of plain text or Braille cannot follow a link, so the address must be on the page.
   */
  readonly spellLinks?: boolean;
  /** Underline the title with "=" and each level-2 heading with "-", so headings stand out in plain text. */
  readonly underlineHeadings?: boolean;
}

/** Where a link goes, as a reader would write it: `mailto:` dropped. */
export function linkAddress(href: string): string {
  return href.replace(/^mailto:/i, '');
}

/** Plain text of inline content, exactly as it reads. */
export function inlineText(inlines: readonly Inline[], options: TextOptions = {}): string {
  return inlines
    .map((node) => {
      if (node.type === 'text') return node.value;
      const text = inlineText(node.children, options);
      if (node.type !== 'link' || !options.spellLinks) return text;
      const address = linkAddress(node.href);
      return text.trim() === address ? text : `${text} (${address})`;
    })
    .join('');
}

/** A heading's leading section number ("2. ", "10.1 "): presentation, so anchors survive renumbering. */
export const sectionNumber = /^\s*\d+(\.\d+)*\.?\s+/;

/** The marker of a list item: its number in an ordered list, else a bullet. */
export function listMarker(list: ListBlock, index: number): string {
  return list.ordered ? `${list.start + index}.` : '•';
}

/**
 * The canonical plain text of a document: title, then each block separated by a blank
 * line, list items with their markers, nested items indented. Its SHA-256 identifies a
 * version's text (versions.json, the integrity check), so any change here changes every hash.
 * With the default options the text is the canonical one; `options` only serve the plain-text
 * views (the .txt and Braille formats), which spell out links and underline headings.
 */
export function documentText(doc: PolicyDocument, options: TextOptions = {}): string {
  const underline = (text: string, char: string): string[] =>
    options.underlineHeadings ? [char.repeat(Math.max(3, text.length))] : [];
  const lines: string[] = [doc.title, ...underline(doc.title, '='), ''];
  const emit = (blocks: readonly Block[], indent: string): void => {
    for (const block of blocks) {
      switch (block.type) {
        case 'heading': {
          const text = inlineText(block.children, options);
          lines.push(indent + text, ...(block.level === 2 ? underline(text, '-') : []), '');
          break;
        }
        case 'paragraph':
          lines.push(indent + inlineText(block.children, options), '');
          break;
        case 'notice':
          emit(block.children, indent);
          break;
        case 'list':
          block.items.forEach((item, index) => {
            const marker = `${listMarker(block, index)} `;
            const [first, ...rest] = item.children;
            if (first?.type === 'paragraph') {
              lines.push(indent + marker + inlineText(first.children, options));
              if (rest.length) emit(rest, indent + ' '.repeat(marker.length));
            } else emit(item.children, indent + ' '.repeat(marker.length));
          });
          lines.push('');
          break;
      }
    }
  };
  emit(doc.blocks, '');
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}
