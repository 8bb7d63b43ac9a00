/**
 * The word diff inside a pair of units, and the inline content rebuilt from its words.
 * Words are aligned by jsdiff (`diffArrays`, Myers' algorithm) on their text alone: a word set in
 * bold or linked elsewhere is the same word, and it keeps the newer version's formatting.
 */
import { diffArrays } from 'diff';
import type { Inline } from '../document.ts';
import type { Token } from './flatten.ts';
import type { Mark, WordOp } from './types.ts';

export type Op = WordOp['op'];

/** A run of words with one operation, still as tokens (with their formatting). */
export interface TokenOp {
  readonly op: Op;
  readonly tokens: Token[];
}

const sameWord = (left: Token, right: Token): boolean => left.text === right.text;

/** A run of one operation, as index ranges into both sides (a removal has an empty range in `b`). */
interface Segment {
  readonly op: Op;
  readonly a0: number;
  readonly a1: number;
  readonly b0: number;
  readonly b1: number;
}

/** The edit from the words of `a` to the words of `b`, read as a person would write it. */
export function wordDiff(a: readonly Token[], b: readonly Token[]): TokenOp[] {
  const segments: Segment[] = [];
  let i = 0;
  let j = 0;
  for (const change of diffArrays([...a], [...b], { comparator: sameWord })) {
    const n = change.count;
    const op: Op = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    segments.push({ op, a0: i, a1: op === 'insert' ? i : i + n, b0: j, b1: op === 'delete' ? j : j + n });
    if (op !== 'insert') i += n;
    if (op !== 'delete') j += n;
  }
  // Common words are shown as `b` has them (its formatting), removed ones as `a` had them.
  const ops = slide(segments, a, b).map((s) => ({
    op: s.op,
    tokens: s.op === 'delete' ? a.slice(s.a0, s.a1) : b.slice(s.b0, s.b1),
  }));
  return readable(ops);
}

const sameWords = (x: readonly Token[], y: readonly Token[]): boolean =>
  x.length === y.length && x.every((token, k) => token.text === (y[k] as Token).text);

/**
 * Where one edit could sit on either side of the words next to it ("categories of" → "of of":
 * the added "of" before or after the kept one), move it so that it absorbs an unchanged run and
 * joins the edit beyond: the same edit, in fewer pieces. (diff-match-patch's sideways shift, on
 * words; Myers' algorithm leaves such ties to chance.)
 */
function slide(input: readonly Segment[], a: readonly Token[], b: readonly Token[]): Segment[] {
  let segments = [...input];
  for (let changed = true; changed;) {
    changed = false;
    for (let k = 1; k < segments.length - 1 && !changed; k++) {
      const prev = segments[k - 1] as Segment;
      const edit = segments[k] as Segment;
      const next = segments[k + 1] as Segment;
      if (prev.op !== 'equal' || next.op !== 'equal' || edit.op === 'equal') continue;
      const words = edit.op === 'delete' ? a.slice(edit.a0, edit.a1) : b.slice(edit.b0, edit.b1);
      const before = b.slice(prev.b0, prev.b1);
      const after = b.slice(next.b0, next.b1);
      if (before.length <= words.length && sameWords(words.slice(words.length - before.length), before)) {
        const q = before.length;
        const moved = { ...edit, a0: edit.a0 - q, a1: edit.a1 - q, b0: edit.b0 - q, b1: edit.b1 - q };
        segments.splice(k - 1, 3, moved, { ...next, a0: next.a0 - q, b0: next.b0 - q });
        changed = true;
      } else if (after.length <= words.length && sameWords(words.slice(0, after.length), after)) {
        const n = after.length;
        const moved = { ...edit, a0: edit.a0 + n, a1: edit.a1 + n, b0: edit.b0 + n, b1: edit.b1 + n };
        segments.splice(k - 1, 3, { ...prev, a1: prev.a1 + n, b1: prev.b1 + n }, moved);
        changed = true;
      }
    }
    segments = merge(segments);
  }
  return segments;
}

/** Join neighbouring segments of the same operation. */
function merge(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (last?.op === segment.op) out[out.length - 1] = { ...last, a1: segment.a1, b1: segment.b1 };
    else out.push(segment);
  }
  return out;
}

/**
 * Make a word diff read like an edit: an unchanged word or two stranded between larger edits
 * ("the", "and") is folded into them, and every removal comes before its replacement.
 * (The idea of diff-match-patch's semantic cleanup, on words.)
 */
function readable(input: TokenOp[]): TokenOp[] {
  let ops = regroup(input);
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

/** Nest runs of text under their marks, outermost first, merging neighbours that share one. */
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

/** The public form of a word diff: plain text and formatted inlines for each run. */
export function toWordOps(ops: readonly TokenOp[]): WordOp[] {
  return ops.map((op) => ({
    op: op.op,
    text: op.tokens.map((t) => t.text).join(' '),
    inlines: tokensToInlines(op.tokens),
  }));
}
