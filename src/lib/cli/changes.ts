/**
 * What the CLI's `diff` prints: passages (headings, paragraphs, list items) that were added,
 * removed or changed, each as runs of words. It is a view of the site's diff
 * (src/lib/diff.ts: block alignment + word diff), so the CLI and the changes pages always agree;
 * moved passages and formatting-only edits are not text changes and are left out, as on the site.
 */
import { diffVersions, openingSectionTitle } from '../diff.ts';
import type { PolicyDocument } from '../document.ts';

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
  /** Changed passages in reading order; unchanged and moved passages are left out. */
  readonly passages: readonly PassageChange[];
  /** Words added and removed in all. */
  readonly wordsAdded: number;
  readonly wordsRemoved: number;
}

const runKind = { equal: 'same', insert: 'added', delete: 'removed' } as const;

/** Compare two versions of a document, `from` the older and `to` the newer. */
export function compareDocuments(from: PolicyDocument, to: PolicyDocument): DocumentChanges {
  const diff = diffVersions(from, to);
  const titles = new Map(diff.sections.map((section) => [section.id, section.title]));
  const passages: PassageChange[] = [];
  for (const block of diff.blocks) {
    if (block.status !== 'changed' && block.status !== 'added' && block.status !== 'removed') continue;
    const title = titles.get(block.section);
    passages.push({
      kind: block.status,
      section: title === undefined || title === openingSectionTitle ? null : title,
      runs: block.ops.map((op) => ({ kind: runKind[op.op], text: op.text })),
    });
  }
  return { passages, wordsAdded: diff.counts.wordsAdded, wordsRemoved: diff.counts.wordsRemoved };
}
