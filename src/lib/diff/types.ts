/**
 * The shape of a version diff: what `diffVersions` returns and every view of it (the changes
 * pages, the compare page, the CLI's text) reads.
 */
import type { Inline } from '../document.ts';

/**
 * `renamed` is a heading paired with its counterpart (same id, or the same words mostly) whose
 * words changed: the same section under a new title.
 */
export type ChangeStatus = 'unchanged' | 'changed' | 'added' | 'removed' | 'moved' | 'renamed';
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

/** A section named by its heading id and its (plain text) title. */
export interface SectionRef {
  readonly id: string;
  readonly title: string;
}

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
  readonly movedFrom?: SectionRef;
  /** For a renamed heading: the section as the older version named it. */
  readonly renamedFrom?: SectionRef;
}

/**
 * `renamed`: its heading's words changed and nothing else in it but moves; `changed`: words
 * changed in its text (its heading may be renamed too: see `renamedFrom`); `moved`: only
 * passages moved, text unchanged.
 */
export type SectionChangeKind = 'changed' | 'added' | 'removed' | 'moved' | 'renamed';

/** A section with at least one change. Sections are identified by heading id, so renaming keeps them. */
export interface SectionChange {
  /** Heading id, or '' for the text before the first heading. */
  readonly id: string;
  /** Title in the newer version (the older one for a removed section). */
  readonly title: string;
  readonly level: 1 | 2 | 3 | 4;
  /** Titles of the enclosing sections, outermost first. */
  readonly path: readonly string[];
  readonly kind: SectionChangeKind;
  /** When its heading was renamed: the older id and title. */
  readonly renamedFrom?: SectionRef;
  readonly wordsAdded: number;
  readonly wordsRemoved: number;
  /** The change numbers in this section, in order. */
  readonly changes: readonly number[];
}

/** Totals. Each changed section counts once, by its kind. */
export interface DiffCounts {
  readonly wordsAdded: number;
  readonly wordsRemoved: number;
  readonly sectionsChanged: number;
  readonly sectionsAdded: number;
  readonly sectionsRemoved: number;
  /** Sections whose only change of words is their heading's. */
  readonly sectionsRenamed: number;
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
