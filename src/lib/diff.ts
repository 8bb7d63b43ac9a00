/**
 * What changed between two versions of a policy, computed on the document model (never on
 * raw MDX), so a change of markup alone is not a change of text.
 *
 * 1. Each document is flattened into text units: the title, every heading, and every paragraph
 *    (a list item's first paragraph is an "item"), each with the containers it sits in.
 * 2. Units are aligned by their plain text (whitespace-normalised) with a longest common
 *    subsequence weighted by word count, so long passages anchor the alignment.
 * 3. Units left over on both sides with identical text are moves: reported, but not as words.
 * 4. Between two anchors, the remaining units are paired by word overlap (and headings by their
 *    stable id, so a renamed section is one changed heading), then diffed word by word.
 *
 * Pure and dependency-free: the site's pages, the compare page in the browser and the legal
 * team's CLI all run this same function. The rules are recorded in docs/decisions/0002-diff.md.
 */
import type { Block, Inline, PolicyDocument } from './document.ts';

export type ChangeStatus = 'unchanged' | 'changed' | 'added' | 'removed' | 'moved';
export type UnitKind = 'title' | 'heading' | 'paragraph' | 'item';

/** Inline formatting a word carries; kept so changed text still renders its bold, italics and links. */
export type Mark =
  { readonly type: 'strong' } | { readonly type: 'emphasis' } | { readonly type: 'link'; readonly href: string };

/** One run of words: unchanged, added or removed. `text` is plain; `inlines` keeps the formatting. */
export interface WordOp {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
  readonly inlines: readonly Inline[];
}

/** A container a unit sits in. `key` identifies the same container across both versions. */
export type Frame =
  | { readonly kind: 'notice'; readonly key: string; readonly id: string }
  | { readonly kind: 'list'; readonly key: string; readonly ordered: boolean }
  | { readonly kind: 'item'; readonly key: string; readonly number: number };

/** One text unit of either version, aligned with its counterpart. Listed in reading order. */
export interface BlockChange {
  readonly status: ChangeStatus;
  readonly kind: UnitKind;
  /** Heading level, for headings. */
  readonly level?: 2 | 3 | 4;
  /** Id of the section the unit belongs to ('' before the first heading). */
  readonly section: string;
  /** 1-based number among the changes (every status but `unchanged`), else null. */
  readonly change: number | null;
  readonly frames: readonly Frame[];
  readonly ops: readonly WordOp[];
  readonly wordsAdded: number;
  readonly wordsRemoved: number;
  /** Index of the unit in the older version, when it exists there. */
  readonly before: number | null;
  /** Index of the unit in the newer version, when it exists there. */
  readonly after: number | null;
  /** For a moved unit: the section it was in. */
  readonly movedFrom?: { readonly id: string; readonly title: string };
}

export type SectionChangeKind = 'changed' | 'added' | 'removed' | 'moved';

/** A section with at least one change. Sections are identified by heading id, so renaming keeps them. */
export interface SectionChange {
  /** Heading id, or '' for the text before the first heading. */
  readonly id: string;
  /** Title in the newer version (the older one for a removed section). */
  readonly title: string;
  readonly level: 1 | 2 | 3 | 4;
  /** Titles of the enclosing sections, outermost first. */
  readonly path: readonly string[];
  /** `moved`: only passages moved (text unchanged); `changed`: words changed inside it. */
  readonly kind: SectionChangeKind;
  readonly wordsAdded: number;
  readonly wordsRemoved: number;
  /** The change numbers in this section, in order. */
  readonly changes: readonly number[];
}

export interface DiffCounts {
  readonly wordsAdded: number;
  readonly wordsRemoved: number;
  readonly sectionsChanged: number;
  readonly sectionsAdded: number;
  readonly sectionsRemoved: number;
  /** Headings, paragraphs or list items moved with their text unchanged. */
  readonly blocksMoved: number;
  /** Number of changes (anchors "change-1"…). */
  readonly changes: number;
}

export interface VersionDiff {
  readonly counts: DiffCounts;
  readonly sections: readonly SectionChange[];
  readonly blocks: readonly BlockChange[];
}

/** The title given to the text before the first heading. */
export const openingSectionTitle = 'Opening text';

// ---------------------------------------------------------------------------------------------
// Flattening the model into text units

interface Token {
  readonly text: string;
  readonly parts: readonly { readonly text: string; readonly marks: readonly Mark[] }[];
}

interface Unit {
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

interface SectionInfo {
  readonly id: string;
  readonly title: string;
  readonly level: 1 | 2 | 3 | 4;
  readonly path: readonly string[];
}

interface Flat {
  readonly units: readonly Unit[];
  readonly sections: ReadonlyMap<string, SectionInfo>;
}

function plain(inlines: readonly Inline[]): string {
  return inlines.map((node) => (node.type === 'text' ? node.value : plain(node.children))).join('');
}

function markOf(node: Exclude<Inline, { type: 'text' }>): Mark {
  return node.type === 'link' ? { type: 'link', href: node.href } : { type: node.type };
}

/** Split inline content into words; a word keeps the formatting of each of its parts. */
export function tokenize(inlines: readonly Inline[]): Token[] {
  const tokens: Token[] = [];
  let parts: { text: string; marks: readonly Mark[] }[] = [];
  const flush = (): void => {
    if (parts.length) tokens.push({ text: parts.map((p) => p.text).join(''), parts });
    parts = [];
  };
  const walk = (nodes: readonly Inline[], marks: readonly Mark[]): void => {
    for (const node of nodes) {
      if (node.type !== 'text') {
        walk(node.children, [...marks, markOf(node)]);
        continue;
      }
      const pieces = node.value.split(/(\s+)/);
      pieces.forEach((piece, index) => {
        if (index % 2 === 1) flush();
        else if (piece) parts.push({ text: piece, marks });
      });
    }
  };
  walk(inlines, []);
  flush();
  return tokens;
}

function flatten(doc: Pick<PolicyDocument, 'title' | 'blocks'>, side: 'a' | 'b'): Flat {
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
            title: plain(block.children),
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

// ---------------------------------------------------------------------------------------------
// Sequence alignment

interface Pair {
  readonly i: number;
  readonly j: number;
}

/**
 * Longest common subsequence of two sequences of lengths n and m, maximising the total score of
 * the matched pairs; `score(i, j)` > 0 when item i of the first may pair with item j of the second.
 * O(n·m) time and memory, on typed arrays.
 */
function weightedLcs(n: number, m: number, score: (i: number, j: number) => number): Pair[] {
  const w = m + 1;
  const table = new Float64Array((n + 1) * w);
  const scores = new Float64Array(n * m);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = score(i, j);
      scores[i * m + j] = s;
      const down = table[(i + 1) * w + j]!;
      const right = table[i * w + j + 1]!;
      let best = down > right ? down : right;
      if (s > 0 && s + table[(i + 1) * w + j + 1]! > best) best = s + table[(i + 1) * w + j + 1]!;
      table[i * w + j] = best;
    }
  }
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = scores[i * m + j]!;
    if (s > 0 && table[i * w + j] === s + table[(i + 1) * w + j + 1]!) {
      pairs.push({ i, j });
      i++;
      j++;
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Align two sequences of keys on equal keys, maximising the total `weight` of what matches
 * (the weight of a key must depend on the key alone). The common head and tail are matched
 * first, which is optimal under that condition and leaves only the edited middle to the O(n·m) step.
 */
function alignEqual(a: readonly string[], b: readonly string[], weight: (i: number) => number): Pair[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = weightedLcs(a.length - head - tail, b.length - head - tail, (i, j) =>
    a[head + i] === b[head + j] ? weight(head + i) : 0,
  );
  const pairs: Pair[] = [];
  for (let k = 0; k < head; k++) pairs.push({ i: k, j: k });
  for (const pair of middle) pairs.push({ i: head + pair.i, j: head + pair.j });
  for (let k = tail; k > 0; k--) pairs.push({ i: a.length - k, j: b.length - k });
  return pairs;
}

/** A word for measuring overlap: lower case, without the punctuation around it ("Ask." ~ "ask"). */
const bare = (token: Token): string => token.text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/** Share of words two units have in common (Dice coefficient over word multisets), 0–1. */
function overlap(a: Unit, b: Unit): number {
  if (!a.tokens.length && !b.tokens.length) return 1;
  const counts = new Map<string, number>();
  for (const t of a.tokens) counts.set(bare(t), (counts.get(bare(t)) ?? 0) + 1);
  let shared = 0;
  for (const t of b.tokens) {
    const key = bare(t);
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(key, left - 1);
    }
  }
  return (2 * shared) / (a.tokens.length + b.tokens.length);
}

/** How well two unmatched units pair as "the same passage, edited". 0 = not a pair. */
function pairScore(a: Unit, b: Unit): number {
  if ((a.kind === 'heading') !== (b.kind === 'heading') || (a.kind === 'title') !== (b.kind === 'title')) return 0;
  // A heading keeping its id ({#id}, or the same slug) is the same section, however it was renamed.
  if (a.kind === 'heading' && a.headingId === b.headingId) return 2;
  if (a.kind === 'title') return 2;
  const similarity = overlap(a, b);
  return similarity >= 0.5 ? similarity : 0;
}

// ---------------------------------------------------------------------------------------------
// Word diff

type Op = 'equal' | 'insert' | 'delete';
interface TokenOp {
  readonly op: Op;
  readonly tokens: Token[];
}

function wordDiff(a: readonly Token[], b: readonly Token[]): TokenOp[] {
  const pairs = alignEqual(
    a.map((t) => t.text),
    b.map((t) => t.text),
    () => 1,
  );
  const ops: TokenOp[] = [];
  const push = (op: Op, token: Token): void => {
    const last = ops.at(-1);
    if (last?.op === op) last.tokens.push(token);
    else ops.push({ op, tokens: [token] });
  };
  let i = 0;
  let j = 0;
  for (const pair of [...pairs, { i: a.length, j: b.length }]) {
    while (i < pair.i) push('delete', a[i++] as Token);
    while (j < pair.j) push('insert', b[j++] as Token);
    if (i < a.length && j < b.length) {
      push('equal', b[j] as Token);
      i++;
      j++;
    }
  }
  return readable(ops);
}

/**
 * Make a word diff read like an edit: an unchanged word or two stranded between larger edits
 * ("the", "and") is folded into them, and every removal comes before its replacement.
 * (The idea of diff-match-patch's semantic cleanup, on words.)
 */
function readable(input: TokenOp[]): TokenOp[] {
  let ops = input;
  for (let changed = true; changed;) {
    changed = false;
    for (let k = 1; k < ops.length - 1; k++) {
      const op = ops[k] as TokenOp;
      if (op.op !== 'equal') continue;
      const editsAround = (from: number, step: number): number => {
        let words = 0;
        for (let x = from; x >= 0 && x < ops.length && (ops[x] as TokenOp).op !== 'equal'; x += step) {
          words += (ops[x] as TokenOp).tokens.length;
        }
        return words;
      };
      const before = editsAround(k - 1, -1);
      const after = editsAround(k + 1, 1);
      if (before > 0 && after > 0 && op.tokens.length <= Math.min(before, after) && op.tokens.length <= 2) {
        ops = [
          ...ops.slice(0, k),
          { op: 'delete', tokens: op.tokens },
          { op: 'insert', tokens: op.tokens },
          ...ops.slice(k + 1),
        ];
        changed = true;
        break;
      }
    }
    ops = regroup(ops);
  }
  return ops;
}

/** Merge each run of edits into one removal followed by one addition. */
function regroup(ops: readonly TokenOp[]): TokenOp[] {
  const out: TokenOp[] = [];
  let del: Token[] = [];
  let ins: Token[] = [];
  const flush = (): void => {
    if (del.length) out.push({ op: 'delete', tokens: del });
    if (ins.length) out.push({ op: 'insert', tokens: ins });
    del = [];
    ins = [];
  };
  for (const op of ops) {
    if (op.op === 'delete') del = [...del, ...op.tokens];
    else if (op.op === 'insert') ins = [...ins, ...op.tokens];
    else {
      flush();
      const last = out.at(-1);
      if (last?.op === 'equal') out[out.length - 1] = { op: 'equal', tokens: [...last.tokens, ...op.tokens] };
      else out.push({ op: 'equal', tokens: [...op.tokens] });
    }
  }
  flush();
  return out;
}

function sameMark(a: Mark | undefined, b: Mark | undefined): boolean {
  if (!a || !b || a.type !== b.type) return false;
  return a.type !== 'link' || a.href === (b as { href: string }).href;
}

/** Rebuild inline content (with its formatting) from words, joined by single spaces. */
export function tokensToInlines(tokens: readonly Token[]): Inline[] {
  const runs: { text: string; marks: readonly Mark[] }[] = [];
  tokens.forEach((token, index) => {
    if (index > 0) {
      // The space between two words sits inside the formatting both share (e.g. one link).
      const left = (tokens[index - 1] as Token).parts.at(-1)?.marks ?? [];
      const right = token.parts[0]?.marks ?? [];
      let shared = 0;
      while (shared < left.length && sameMark(left[shared], right[shared])) shared++;
      runs.push({ text: ' ', marks: left.slice(0, shared) });
    }
    runs.push(...token.parts);
  });
  return build(runs, 0);
}

function build(runs: readonly { text: string; marks: readonly Mark[] }[], depth: number): Inline[] {
  const out: Inline[] = [];
  let k = 0;
  while (k < runs.length) {
    const run = runs[k] as { text: string; marks: readonly Mark[] };
    const mark = run.marks[depth];
    if (!mark) {
      const last = out.at(-1);
      if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + run.text };
      else out.push({ type: 'text', value: run.text });
      k++;
      continue;
    }
    let end = k;
    while (end < runs.length && sameMark(runs[end]?.marks[depth], mark)) end++;
    const children = build(runs.slice(k, end), depth + 1);
    out.push(mark.type === 'link' ? { type: 'link', href: mark.href, children } : { type: mark.type, children });
    k = end;
  }
  return out;
}

function toWordOps(ops: readonly TokenOp[]): WordOp[] {
  return ops.map((op) => ({
    op: op.op,
    text: op.tokens.map((t) => t.text).join(' '),
    inlines: tokensToInlines(op.tokens),
  }));
}

// ---------------------------------------------------------------------------------------------
// Putting it together

interface Row {
  status: ChangeStatus;
  a: number | null;
  b: number | null;
  ops: TokenOp[];
}

/** Rows for the units between two anchors: pairs by word overlap, the rest added or removed. */
function gapRows(
  as: readonly number[],
  bs: readonly number[],
  A: readonly Unit[],
  B: readonly Unit[],
  moved: Set<number>,
): Row[] {
  const candidates = bs.filter((j) => !moved.has(j));
  const pairs = weightedLcs(as.length, candidates.length, (i, j) =>
    pairScore(A[as[i] as number] as Unit, B[candidates[j] as number] as Unit),
  );
  const rows: Row[] = [];
  let ai = 0;
  let bi = 0;
  const emitAdded = (upTo: number): void => {
    while (bi < bs.length && (bs[bi] as number) !== upTo) {
      const j = bs[bi++] as number;
      const unit = B[j] as Unit;
      rows.push(
        moved.has(j)
          ? { status: 'moved', a: null, b: j, ops: [{ op: 'equal', tokens: [...unit.tokens] }] }
          : { status: 'added', a: null, b: j, ops: [{ op: 'insert', tokens: [...unit.tokens] }] },
      );
    }
  };
  for (const pair of pairs) {
    const i = as[pair.i] as number;
    const j = candidates[pair.j] as number;
    while ((as[ai] as number) !== i) {
      const k = as[ai++] as number;
      rows.push({ status: 'removed', a: k, b: null, ops: [{ op: 'delete', tokens: [...(A[k] as Unit).tokens] }] });
    }
    emitAdded(j);
    ai++;
    bi++;
    const ops = wordDiff((A[i] as Unit).tokens, (B[j] as Unit).tokens);
    rows.push({ status: ops.some((op) => op.op !== 'equal') ? 'changed' : 'unchanged', a: i, b: j, ops });
  }
  while (ai < as.length) {
    const k = as[ai++] as number;
    rows.push({ status: 'removed', a: k, b: null, ops: [{ op: 'delete', tokens: [...(A[k] as Unit).tokens] }] });
  }
  emitAdded(-1);
  return rows;
}

/**
 * Compare two versions of a policy: `a` the older, `b` the newer.
 * Returns every unit in reading order with its status and word-level changes, the sections
 * that changed, and the totals. Formatting-only edits and moved passages add no words.
 */
export function diffVersions(
  a: Pick<PolicyDocument, 'title' | 'blocks'>,
  b: Pick<PolicyDocument, 'title' | 'blocks'>,
): VersionDiff {
  const flatA = flatten(a, 'a');
  const flatB = flatten(b, 'b');
  const A = flatA.units;
  const B = flatB.units;

  // 1. Anchors: identical text, longest passages first.
  const anchors = alignEqual(
    A.map((u) => u.key),
    B.map((u) => u.key),
    (i) => (A[i] as Unit).tokens.length + 1,
  );
  const matchedA = new Set(anchors.map((p) => p.i));
  const matchedB = new Set(anchors.map((p) => p.j));

  // 2. Moves: identical text left unmatched on both sides.
  const movedFrom = new Map<number, number>(); // b index → a index
  const byKey = new Map<string, number[]>();
  A.forEach((unit, i) => {
    if (!matchedA.has(i) && unit.tokens.length) byKey.set(unit.key, [...(byKey.get(unit.key) ?? []), i]);
  });
  B.forEach((unit, j) => {
    if (matchedB.has(j)) return;
    const i = byKey.get(unit.key)?.shift();
    if (i !== undefined) movedFrom.set(j, i);
  });
  const movedA = new Set(movedFrom.values());
  const movedB = new Set(movedFrom.keys());

  // 3. Gaps between anchors.
  const rows: Row[] = [];
  let lastI = -1;
  let lastJ = -1;
  for (const anchor of [...anchors, { i: A.length, j: B.length }]) {
    const as: number[] = [];
    for (let i = lastI + 1; i < anchor.i; i++) if (!movedA.has(i)) as.push(i);
    const bs: number[] = [];
    for (let j = lastJ + 1; j < anchor.j; j++) bs.push(j);
    rows.push(...gapRows(as, bs, A, B, movedB));
    if (anchor.i < A.length) {
      rows.push({ status: 'unchanged', a: anchor.i, b: anchor.j, ops: [] });
    }
    lastI = anchor.i;
    lastJ = anchor.j;
  }

  return assemble(rows, flatA, flatB, movedFrom);
}

function assemble(rows: readonly Row[], flatA: Flat, flatB: Flat, movedFrom: ReadonlyMap<number, number>): VersionDiff {
  const A = flatA.units;
  const B = flatB.units;

  // A heading paired with a heading of another id (renamed without keeping its {#id}) makes the
  // two sections one: what was removed from the old one belongs to the new one.
  const sectionOf = new Map<string, string>();
  for (const row of rows) {
    if (row.a === null || row.b === null || row.status === 'moved') continue;
    const x = A[row.a] as Unit;
    const y = B[row.b] as Unit;
    if (x.kind === 'heading' && y.kind === 'heading' && x.headingId && y.headingId)
      sectionOf.set(x.headingId, y.headingId);
  }
  const sectionIn = (id: string): string => sectionOf.get(id) ?? id;

  // Containers of the older version take the key of their counterpart in the newer one, so a
  // removed list item renders inside the list it was removed from.
  const frameKey = new Map<string, string>();
  for (const row of rows) {
    if (row.a === null || row.b === null || row.status === 'moved') continue;
    const fa = (A[row.a] as Unit).frames;
    const fb = (B[row.b] as Unit).frames;
    for (let d = 0; d < Math.min(fa.length, fb.length); d++) {
      const x = fa[d] as Frame;
      const y = fb[d] as Frame;
      if (x.kind !== y.kind) break;
      if (!frameKey.has(x.key)) frameKey.set(x.key, y.key);
    }
  }

  let changeNumber = 0;
  const blocks: BlockChange[] = rows.map((row) => {
    const fromB = row.b !== null;
    const unit = (fromB ? B[row.b as number] : A[row.a as number]) as Unit;
    const frames = fromB ? unit.frames : unit.frames.map((f) => ({ ...f, key: frameKey.get(f.key) ?? f.key }));
    const ops: WordOp[] =
      row.status === 'unchanged' || row.status === 'moved'
        ? [{ op: 'equal', text: unit.key, inlines: unit.inlines }]
        : row.status === 'added'
          ? [{ op: 'insert', text: unit.key, inlines: unit.inlines }]
          : row.status === 'removed'
            ? [{ op: 'delete', text: unit.key, inlines: unit.inlines }]
            : toWordOps(row.ops);
    const count = (op: Op): number => row.ops.filter((o) => o.op === op).reduce((sum, o) => sum + o.tokens.length, 0);
    const origin = row.status === 'moved' && row.b !== null ? movedFrom.get(row.b) : undefined;
    const originSection = origin !== undefined ? sectionIn((A[origin] as Unit).section) : undefined;
    return {
      status: row.status,
      kind: unit.kind,
      ...(unit.level ? { level: unit.level } : {}),
      section: fromB ? unit.section : sectionIn(unit.section),
      change: row.status === 'unchanged' ? null : ++changeNumber,
      frames,
      ops,
      wordsAdded: row.status === 'moved' ? 0 : count('insert'),
      wordsRemoved: row.status === 'moved' ? 0 : count('delete'),
      before: row.status === 'moved' ? (origin ?? null) : row.a,
      after: row.b,
      ...(originSection !== undefined
        ? {
            movedFrom: {
              id: originSection,
              title: flatB.sections.get(originSection)?.title ?? flatA.sections.get(originSection)?.title ?? '',
            },
          }
        : {}),
    };
  });

  // Sections by id, in order of first appearance (a section's rows may be split by a move).
  const byId = new Map<string, SectionChange>();
  for (const block of blocks) {
    let section = byId.get(block.section);
    if (!section) {
      const info = (flatB.sections.get(block.section) ?? flatA.sections.get(block.section)) as SectionInfo;
      section = { ...info, kind: 'moved', wordsAdded: 0, wordsRemoved: 0, changes: [] };
      byId.set(block.section, section);
    }
    if (block.change === null) continue;
    const kind: SectionChangeKind =
      block.kind === 'heading' && (block.status === 'added' || block.status === 'removed')
        ? block.status
        : section.kind === 'moved' && block.status !== 'moved'
          ? 'changed'
          : section.kind;
    byId.set(block.section, {
      ...section,
      kind,
      wordsAdded: section.wordsAdded + block.wordsAdded,
      wordsRemoved: section.wordsRemoved + block.wordsRemoved,
      changes: [...section.changes, block.change],
    });
  }
  const sections = [...byId.values()];
  const changed = sections.filter((s) => s.changes.length > 0);
  return {
    counts: {
      wordsAdded: blocks.reduce((sum, b) => sum + b.wordsAdded, 0),
      wordsRemoved: blocks.reduce((sum, b) => sum + b.wordsRemoved, 0),
      sectionsChanged: changed.filter((s) => s.kind === 'changed').length,
      sectionsAdded: changed.filter((s) => s.kind === 'added').length,
      sectionsRemoved: changed.filter((s) => s.kind === 'removed').length,
      blocksMoved: blocks.filter((b) => b.status === 'moved').length,
      changes: changeNumber,
    },
    sections: changed,
    blocks,
  };
}
