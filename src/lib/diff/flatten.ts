/**
 * A document flattened into text units: the title, every heading and every paragraph (a list
 * item's first paragraph is an "item"), each with the containers it sits in and its section.
 * A unit's words are tokens that keep their formatting, so a diff can rebuild it; its key is
 * the plain text, whitespace-normalised, so formatting alone never makes two units differ.
 */
import { inlineText, type Block, type Inline, type PolicyDocument } from '../document.ts';
import { openingSectionTitle, type Frame, type Mark, type UnitKind } from './types.ts';

/** One word, made of parts that each carry their formatting ("**AllWork**’s" is two parts). */
export interface Token {
  readonly text: string;
  readonly parts: readonly { readonly text: string; readonly marks: readonly Mark[] }[];
}

export interface Unit {
  readonly kind: UnitKind;
  readonly level?: 2 | 3 | 4;
  readonly headingId?: string;
  readonly inlines: readonly Inline[];
  readonly tokens: readonly Token[];
  /** Whitespace-normalised plain text: the key for "same text". */
  readonly key: string;
  readonly frames: readonly Frame[];
  readonly section: string;
}

export interface SectionInfo {
  readonly id: string;
  readonly title: string;
  readonly level: 1 | 2 | 3 | 4;
  readonly path: readonly string[];
}

export interface Flat {
  readonly units: readonly Unit[];
  readonly sections: ReadonlyMap<string, SectionInfo>;
}

/** What a diff reads of a document (also what the compare page fetches). */
export type DiffableDocument = Pick<PolicyDocument, 'title' | 'blocks'>;

function markOf(node: Exclude<Inline, { type: 'text' }>): Mark {
  return node.type === 'link' ? { type: 'link', href: node.href } : { type: node.type };
}

const otherSpace = /\s/;

/** Whitespace as `\s` means it, tested without a regular expression for ASCII (the hot path). */
function isSpace(code: number, char: string): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return otherSpace.test(char);
}

/** Split inline content into words; a word keeps the formatting of each of its parts. */
export function tokenize(inlines: readonly Inline[]): Token[] {
  const tokens: Token[] = [];
  let parts: { text: string; marks: readonly Mark[] }[] = [];
  const flush = (): void => {
    if (parts.length === 1) tokens.push({ text: (parts[0] as { text: string }).text, parts });
    else if (parts.length) tokens.push({ text: parts.map((p) => p.text).join(''), parts });
    parts = [];
  };
  const walk = (nodes: readonly Inline[], marks: readonly Mark[]): void => {
    for (const node of nodes) {
      if (node.type !== 'text') {
        walk(node.children, [...marks, markOf(node)]);
        continue;
      }
      // Words are the runs between whitespace; whitespace ends the word being built.
      const value = node.value;
      let start = 0;
      for (let k = 0; k < value.length; k++) {
        if (!isSpace(value.charCodeAt(k), value.charAt(k))) continue;
        if (k > start) parts.push({ text: value.slice(start, k), marks });
        flush();
        start = k + 1;
      }
      if (value.length > start) parts.push({ text: value.slice(start), marks });
    }
  };
  walk(inlines, []);
  flush();
  return tokens;
}

/**
 * Flatten one version. `side` prefixes the keys of its list containers, which are anonymous;
 * notices are keyed by their id, so the same notice has the same key in both versions.
 */
export function flatten(doc: DiffableDocument, side: 'a' | 'b'): Flat {
  const units: Unit[] = [];
  const sections = new Map<string, SectionInfo>([['', { id: '', title: openingSectionTitle, level: 1, path: [] }]]);
  const open: SectionInfo[] = [];
  let section = '';
  let counter = 0;
  const unit = (kind: UnitKind, inlines: readonly Inline[], frames: readonly Frame[], extra: Partial<Unit> = {}) => {
    const tokens = tokenize(inlines);
    units.push({ kind, inlines, tokens, key: tokens.map((t) => t.text).join(' '), frames, section, ...extra });
  };
  const walk = (blocks: readonly Block[], frames: readonly Frame[], inItem = false): void => {
    blocks.forEach((block, index) => {
      switch (block.type) {
        case 'heading': {
          while ((open.at(-1)?.level ?? 1) >= block.level) open.pop();
          const info: SectionInfo = {
            id: block.id,
            title: inlineText(block.children),
            level: block.level,
            path: open.map((s) => s.title),
          };
          sections.set(block.id, info);
          open.push(info);
          section = block.id;
          unit('heading', block.children, frames, { level: block.level, headingId: block.id });
          break;
        }
        case 'paragraph':
          // A list item's first paragraph is the item itself, as a reader sees it.
          unit(inItem && index === 0 ? 'item' : 'paragraph', block.children, frames);
          break;
        case 'notice':
          walk(block.children, [...frames, { kind: 'notice', key: `notice:${block.id}`, id: block.id }]);
          break;
        case 'list': {
          const list: Frame = { kind: 'list', key: `${side}${String(++counter)}`, ordered: block.ordered };
          block.items.forEach((item, number) => {
            const itemFrame: Frame = { kind: 'item', key: `${side}${String(++counter)}`, number: block.start + number };
            walk(item.children, [...frames, list, itemFrame], true);
          });
          break;
        }
      }
    });
  };
  if (doc.title) unit('title', [{ type: 'text', value: doc.title }], []);
  walk(doc.blocks, []);
  return { units, sections };
}
