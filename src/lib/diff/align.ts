/**
 * Aligning the units of two versions into rows, in reading order:
 *
 * 1. Anchors: units with identical text, aligned by a longest common subsequence weighted by
 *    word count, so long passages anchor the alignment.
 * 2. Headings keeping their id with other words are the same section renamed: paired before
 *    anything else. Where the pair fits between the anchors it anchors too; where it crosses
 *    them (the section moved as well) it is shown where the newer version has it.
 * 3. Units left over on both sides with identical text are moves: reported, but not as words.
 * 4. Between two anchors, the remaining units are paired by word overlap (a heading only with a
 *    heading), then diffed word by word; the rest is added or removed.
 */
import type { Unit } from './flatten.ts';
import type { ChangeStatus } from './types.ts';
import { wordDiff, type TokenOp } from './words.ts';

/** One row of the diff: a unit of the older version (`a`), of the newer (`b`), or both. */
export interface Row {
  readonly status: ChangeStatus;
  readonly a: number | null;
  readonly b: number | null;
  readonly ops: TokenOp[];
}

export interface Alignment {
  readonly rows: readonly Row[];
  /** Moved units: index in the newer version → index in the older. */
  readonly movedFrom: ReadonlyMap<number, number>;
}

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
const bare = (text: string): string => text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/** Share of words two units have in common (Dice coefficient over word multisets), 0–1. */
function overlap(a: Unit, b: Unit): number {
  if (!a.tokens.length && !b.tokens.length) return 1;
  const counts = new Map<string, number>();
  for (const t of a.tokens) counts.set(bare(t.text), (counts.get(bare(t.text)) ?? 0) + 1);
  let shared = 0;
  for (const t of b.tokens) {
    const key = bare(t.text);
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
  if (a.kind === 'title') return 2;
  const similarity = overlap(a, b);
  return similarity >= 0.5 ? similarity : 0;
}

/** The row of two paired units: their word diff; a heading whose words changed is renamed. */
function pairRow(A: readonly Unit[], B: readonly Unit[], i: number, j: number): Row {
  const x = A[i] as Unit;
  const y = B[j] as Unit;
  if (x.key === y.key) return { status: 'unchanged', a: i, b: j, ops: [] };
  const ops = wordDiff(x.tokens, y.tokens);
  const status = !ops.some((op) => op.op !== 'equal') ? 'unchanged' : x.kind === 'heading' ? 'renamed' : 'changed';
  return { status, a: i, b: j, ops };
}

/** For each index of a sequence: how many anchors come before it (the gap it falls in). */
function gapIndex(length: number, anchorAt: readonly number[]): Int32Array {
  const gaps = new Int32Array(length);
  let next = 0;
  for (let k = 0; k < length; k++) {
    while (next < anchorAt.length && (anchorAt[next] as number) < k) next++;
    gaps[k] = next;
  }
  return gaps;
}

/**
 * Headings of both versions with the same id and other words, unmatched so far. `inOrder` fit
 * between the anchors (and each other); `across` do not: the section moved as well.
 */
function headingsById(A: readonly Unit[], B: readonly Unit[], anchors: readonly Pair[]) {
  const matchedA = new Set(anchors.map((p) => p.i));
  const matchedB = new Set(anchors.map((p) => p.j));
  const inB = new Map<string, number>();
  B.forEach((unit, j) => {
    if (!matchedB.has(j) && unit.kind === 'heading' && unit.headingId) inB.set(unit.headingId, j);
  });
  const candidates: Pair[] = [];
  A.forEach((unit, i) => {
    const j = unit.kind === 'heading' && unit.headingId ? inB.get(unit.headingId) : undefined;
    if (!matchedA.has(i) && j !== undefined && unit.key !== (B[j] as Unit).key) candidates.push({ i, j });
  });
  const gapA = gapIndex(
    A.length,
    anchors.map((p) => p.i),
  );
  const gapB = gapIndex(
    B.length,
    anchors.map((p) => p.j),
  );
  const fitting = candidates.filter((p) => gapA[p.i] === gapB[p.j]);
  // Of those within the right gap, the largest set that does not cross itself.
  const byJ = [...fitting].sort((x, y) => x.j - y.j);
  const chosen = weightedLcs(fitting.length, byJ.length, (x, y) => (fitting[x] === byJ[y] ? 1 : 0));
  const inOrder = new Set(chosen.map((p) => fitting[p.i] as Pair));
  return { inOrder: [...inOrder], across: candidates.filter((p) => !inOrder.has(p)) };
}

/** Rows for the units between two anchors: pairs by word overlap, the rest added or removed. */
function gapRows(
  as: readonly number[],
  bs: readonly number[],
  A: readonly Unit[],
  B: readonly Unit[],
  elsewhere: ReadonlyMap<number, Row>,
): Row[] {
  const candidates = bs.filter((j) => !elsewhere.has(j));
  const pairs = weightedLcs(as.length, candidates.length, (i, j) =>
    pairScore(A[as[i] as number] as Unit, B[candidates[j] as number] as Unit),
  );
  const rows: Row[] = [];
  let ai = 0;
  let bi = 0;
  const removed = (k: number): Row => ({
    status: 'removed',
    a: k,
    b: null,
    ops: [{ op: 'delete', tokens: [...(A[k] as Unit).tokens] }],
  });
  const emitAdded = (upTo: number): void => {
    while (bi < bs.length && (bs[bi] as number) !== upTo) {
      const j = bs[bi++] as number;
      rows.push(
        elsewhere.get(j) ?? {
          status: 'added',
          a: null,
          b: j,
          ops: [{ op: 'insert', tokens: [...(B[j] as Unit).tokens] }],
        },
      );
    }
  };
  for (const pair of pairs) {
    const i = as[pair.i] as number;
    const j = candidates[pair.j] as number;
    while ((as[ai] as number) !== i) rows.push(removed(as[ai++] as number));
    emitAdded(j);
    ai++;
    bi++;
    rows.push(pairRow(A, B, i, j));
  }
  while (ai < as.length) rows.push(removed(as[ai++] as number));
  emitAdded(-1);
  return rows;
}

/** Align the units of the older version `A` with those of the newer `B`. */
export function align(A: readonly Unit[], B: readonly Unit[]): Alignment {
  // 1. Anchors: identical text, longest passages first.
  const equal = alignEqual(
    A.map((u) => u.key),
    B.map((u) => u.key),
    (i) => (A[i] as Unit).tokens.length + 1,
  );

  // 2. Renamed headings, by id.
  const renamed = headingsById(A, B, equal);
  const anchors = [...equal, ...renamed.inOrder].sort((x, y) => x.i - y.i);
  const matchedA = new Set([...anchors, ...renamed.across].map((p) => p.i));
  const matchedB = new Set([...anchors, ...renamed.across].map((p) => p.j));

  // 3. Moves: identical text left unmatched on both sides.
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

  // Units shown where the newer version has them, whatever the gap: moves and moved renames.
  const elsewhere = new Map<number, Row>();
  for (const j of movedFrom.keys()) {
    elsewhere.set(j, { status: 'moved', a: null, b: j, ops: [{ op: 'equal', tokens: [...(B[j] as Unit).tokens] }] });
  }
  for (const { i, j } of renamed.across) elsewhere.set(j, pairRow(A, B, i, j));
  const takenA = new Set([...movedFrom.values(), ...renamed.across.map((p) => p.i)]);

  // 4. Gaps between anchors.
  const rows: Row[] = [];
  let lastI = -1;
  let lastJ = -1;
  for (const anchor of [...anchors, { i: A.length, j: B.length }]) {
    const as: number[] = [];
    for (let i = lastI + 1; i < anchor.i; i++) if (!takenA.has(i)) as.push(i);
    const bs: number[] = [];
    for (let j = lastJ + 1; j < anchor.j; j++) bs.push(j);
    rows.push(...gapRows(as, bs, A, B, elsewhere));
    if (anchor.i < A.length) rows.push(pairRow(A, B, anchor.i, anchor.j));
    lastI = anchor.i;
    lastJ = anchor.j;
  }
  return { rows, movedFrom };
}
