/**
 * A version diff as plain text: what the legal team's CLI prints (`npm run policy -- diff`) and
 * what the golden files the tests compare against hold. It lists the same changes, numbered the
 * same way, as the site's changes pages. Added words read `{+like this+}`, removed ones
 * `[-like this-]` (the wdiff convention), so a change never depends on colour; on a colour
 * terminal they are also green and red, and section lines bold.
 */
import { plural } from '../text.ts';
import { newerText, type BlockChange, type SectionChange, type VersionDiff, type WordOp } from './index.ts';

export interface DiffTextOptions {
  /** Colour added and removed words (ANSI), for a terminal. Default false. */
  readonly color?: boolean;
  /** Unchanged words kept on each side of an edit inside a changed passage; the rest becomes "…". Default 8. */
  readonly context?: number;
}

const ansi = { red: '\x1b[31m', green: '\x1b[32m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** "5 changes: 12 words added, 3 removed; 2 sections changed, 1 added, 0 removed, 1 renamed; 1 passage moved". */
export function countsLine(diff: VersionDiff): string {
  const c = diff.counts;
  return (
    `${plural(c.changes, 'change')}: ${plural(c.wordsAdded, 'word')} added, ${String(c.wordsRemoved)} removed; ` +
    `${plural(c.sectionsChanged, 'section')} changed, ${String(c.sectionsAdded)} added, ` +
    `${String(c.sectionsRemoved)} removed, ${String(c.sectionsRenamed)} renamed; ` +
    `${plural(c.blocksMoved, 'passage')} moved`
  );
}

/** What kind of passage a block is, in words: "paragraph", "list item", "heading", "title". */
export function kindName(block: Pick<BlockChange, 'kind'>): string {
  return block.kind === 'item' ? 'list item' : block.kind;
}

/** One change in words, as the changes page's label says it. */
export function changeLabel(block: BlockChange, section: Pick<SectionChange, 'id'>): string {
  switch (block.status) {
    case 'moved':
      return `moved ${kindName(block)}${block.movedFrom && block.movedFrom.id !== section.id ? ` from “${block.movedFrom.title}”` : ''}, text unchanged`;
    case 'renamed':
      return `section renamed from “${block.renamedFrom?.title ?? ''}” to “${newerText(block)}”`;
    default:
      return `${block.status} ${kindName(block)}`;
  }
}

function elide(text: string, context: number, keepStart: boolean, keepEnd: boolean): string {
  const words = text.split(' ');
  const head = keepStart ? context : 0;
  const tail = keepEnd ? context : 0;
  if (words.length <= head + tail + 1) return text;
  return [...words.slice(0, head), '…', ...words.slice(words.length - tail)].join(' ');
}

function opsText(ops: readonly WordOp[], context: number, color: boolean): string {
  const paint = (text: string, colour: string): string => (color ? `${colour}${text}${ansi.reset}` : text);
  return ops
    .map((op, index) => {
      if (op.op === 'insert') return paint(`{+${op.text}+}`, ansi.green);
      if (op.op === 'delete') return paint(`[-${op.text}-]`, ansi.red);
      // Keep the words next to an edit; drop the middle of long unchanged runs.
      return elide(op.text, context, index > 0, index < ops.length - 1);
    })
    .join(' ');
}

function sectionLine(section: SectionChange): string {
  const where = [...section.path, section.title].join(' › ');
  const renamed =
    section.renamedFrom && section.kind !== 'renamed' ? `; renamed from “${section.renamedFrom.title}”` : '';
  const words =
    section.kind === 'moved'
      ? 'text unchanged'
      : `+${String(section.wordsAdded)} -${String(section.wordsRemoved)} words`;
  return `${section.kind.padEnd(7)} ${where} (#${section.id || 'top'}${renamed}; ${words})`;
}

/** The whole diff as text: counts, then each changed section with its numbered changes. */
export function diffToText(diff: VersionDiff, options: DiffTextOptions = {}): string {
  const color = options.color ?? false;
  const context = options.context ?? 8;
  const lines = [countsLine(diff), ''];
  if (!diff.sections.length) lines.push('No changes to the text.');
  for (const section of diff.sections) {
    const line = sectionLine(section);
    lines.push(color ? `${ansi.bold}${line}${ansi.reset}` : line);
    for (const block of diff.blocks.filter((b) => b.section === section.id && b.change !== null)) {
      lines.push(`  ${String(block.change)}. ${changeLabel(block, section)}`);
      const text =
        block.status === 'moved'
          ? elide(block.ops[0]?.text ?? '', context, true, false)
          : opsText(block.ops, context, color);
      lines.push(`     ${text}`);
    }
  }
  return lines.join('\n') + '\n';
}
