/**
 * What the CLI's `diff` needs from a document diff: passages (headings, paragraphs, list items)
 * that were added, removed or changed, each as runs of words. The site's diff (src/lib/diff.ts,
 * block alignment + word diff) is the one to use, so the CLI and the site say the same thing;
 * until it is wired in, `compareDocuments` is the small word diff in ./word-diff.ts.
 */
import type { PolicyDocument } from '../document.ts';
import { wordDiffDocuments } from './word-diff.ts';

/** A run of text that is in both versions, only in the newer, or only in the older. */
export interface WordRun {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

export interface PassageChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** Title of the section the passage belongs to (null before the first heading). */
  readonly section: string | null;
  readonly runs: readonly WordRun[];
}

export interface DocumentChanges {
  /** Changed passages in reading order; unchanged passages are left out. */
  readonly passages: readonly PassageChange[];
  /** Words added and removed in all. */
  readonly wordsAdded: number;
  readonly wordsRemoved: number;
}

/** Compare two versions of a document. Swap this binding for the site's diff when it lands. */
export const compareDocuments: (from: PolicyDocument, to: PolicyDocument) => DocumentChanges = wordDiffDocuments;
