/**
 * What changed between two versions of a policy, computed on the document model (never on
 * raw MDX), so a change of markup alone is not a change of text: the document is flattened into
 * text units (flatten.ts), the units of both versions aligned (align.ts: anchors, renamed
 * headings, moves, pairs), paired units diffed word by word (words.ts), and the rows assembled
 * into blocks, sections and counts (assemble.ts).
 *
 * The site's pages, the compare page in the browser and the legal team's CLI all run this same
 * function. The rules are recorded in docs/decisions/0004-changes-and-comparisons.md.
 */
import { align } from './align.ts';
import { assemble } from './assemble.ts';
import { flatten, type DiffableDocument } from './flatten.ts';
import type { BlockChange, VersionDiff } from './types.ts';

export type * from './types.ts';
export { openingSectionTitle } from './types.ts';
export { tokenize, type DiffableDocument } from './flatten.ts';
export { tokensToInlines } from './words.ts';

/**
 * Compare two versions of a policy: `a` the older, `b` the newer.
 * Returns every unit in reading order with its status and word-level changes, the sections
 * that changed, and the totals. Formatting-only edits and moved passages add no words.
 */
export function diffVersions(a: DiffableDocument, b: DiffableDocument): VersionDiff {
  const flatA = flatten(a, 'a');
  const flatB = flatten(b, 'b');
  const { rows, movedFrom } = align(flatA.units, flatB.units);
  return assemble(rows, flatA, flatB, movedFrom);
}

/** A block's text as the newer version has it (for a renamed heading: the new title). */
export function newerText(block: Pick<BlockChange, 'ops'>): string {
  return block.ops
    .filter((op) => op.op !== 'delete')
    .map((op) => op.text)
    .join(' ');
}
