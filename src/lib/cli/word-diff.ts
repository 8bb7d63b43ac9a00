/**
 * A small word diff over the document model, behind the `compareDocuments` interface in
 * ./changes.ts, for the CLI until the site's diff (src/lib/diff.ts) is wired in there.
 *
 * Passages (headings, paragraphs, list items) are aligned by their exact text (longest common
 * subsequence); passages left over between two matches are paired when they share most of their
 * words, and those pairs are compared word by word.
 */
import { inlineText, type Block, type PolicyDocument } from '../document.ts';
import type { DocumentChanges, PassageChange, WordRun } from './changes.ts';

interface Passage {
  readonly section: string | null;
  readonly text: string;
}

/**
 * The document as a flat list of passages, each with its section title. List markers are left
 * out: renumbering a list is not a change of wording.
 */
function passagesOf(document: PolicyDocument): Passage[] {
  const out: Passage[] = [];
  let section: string | null = null;
  const walk = (blocks: readonly Block[]): void => {
    for (const block of blocks) {
      if (block.type === 'heading') {
        section = inlineText(block.children).replace(/\s+/g, ' ').trim();
        out.push({ section, text: section });
      } else if (block.type === 'paragraph') {
        out.push({ section, text: inlineText(block.children).replace(/\s+/g, ' ').trim() });
      } else if (block.type === 'notice') {
        walk(block.children);
      } else {
        for (const item of block.items) walk(item.children);
      }
    }
  };
  walk(document.blocks);
  return out;
}

/** Pairs of equal elements (indexes into a and b) of a longest common subsequence. */
function commonSubsequence<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = equal(a[i]!, b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (equal(a[i]!, b[j]!)) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

const wordsOf = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** Dice similarity of two passages' words (0: nothing shared, 1: same words). */
function similarity(a: string, b: string): number {
  const left = wordsOf(a);
  const right = wordsOf(b);
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of right) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(word, count - 1);
    }
  }
  return left.length + right.length ? (2 * shared) / (left.length + right.length) : 1;
}

/** Word runs turning `before` into `after`. */
export function wordRuns(before: string, after: string): WordRun[] {
  const a = wordsOf(before);
  const b = wordsOf(after);
  const pairs = commonSubsequence(a, b, (x, y) => x === y);
  const runs: WordRun[] = [];
  const push = (kind: WordRun['kind'], words: readonly string[]): void => {
    if (!words.length) return;
    const last = runs.at(-1);
    if (last?.kind === kind) runs[runs.length - 1] = { kind, text: `${last.text} ${words.join(' ')}` };
    else runs.push({ kind, text: words.join(' ') });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as [number, number]]) {
    push('removed', a.slice(i, pi));
    push('added', b.slice(j, pj));
    if (pi < a.length) push('same', [a[pi]!]);
    i = pi + 1;
    j = pj + 1;
  }
  return runs;
}

const countWords = (runs: readonly WordRun[], kind: WordRun['kind']): number =>
  runs.filter((run) => run.kind === kind).reduce((sum, run) => sum + wordsOf(run.text).length, 0);

/** Compare two documents passage by passage, then word by word. */
export function wordDiffDocuments(from: PolicyDocument, to: PolicyDocument): DocumentChanges {
  const before = passagesOf(from);
  const after = passagesOf(to);
  const anchors = commonSubsequence(before, after, (x, y) => x.text === y.text);
  const passages: PassageChange[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, aj] of [...anchors, [before.length, after.length] as [number, number]]) {
    const removed = before.slice(i, ai);
    const added = after.slice(j, aj);
    // Pair each removed passage with the first unpaired added one that shares most of its words.
    let next = 0;
    for (const old of removed) {
      const match = added.findIndex((candidate, index) => index >= next && similarity(old.text, candidate.text) >= 0.5);
      if (match < 0) {
        passages.push({ kind: 'removed', section: old.section, runs: [{ kind: 'removed', text: old.text }] });
        continue;
      }
      for (const fresh of added.slice(next, match)) {
        passages.push({ kind: 'added', section: fresh.section, runs: [{ kind: 'added', text: fresh.text }] });
      }
      const now = added[match]!;
      passages.push({ kind: 'changed', section: now.section, runs: wordRuns(old.text, now.text) });
      next = match + 1;
    }
    for (const fresh of added.slice(next)) {
      passages.push({ kind: 'added', section: fresh.section, runs: [{ kind: 'added', text: fresh.text }] });
    }
    i = ai + 1;
    j = aj + 1;
  }
  const runs = passages.flatMap((passage) => passage.runs);
  return { passages, wordsAdded: countWords(runs, 'added'), wordsRemoved: countWords(runs, 'removed') };
}
