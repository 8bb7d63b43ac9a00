/**
 * A version diff as plain text, for terminals, logs and the golden files the tests compare
 * against. Added words read `{+like this+}`, removed ones `[-like this-]` (the wdiff convention);
 * a terminal can pass its own markers (colours) instead.
 */
import type { BlockChange, VersionDiff, WordOp } from './diff.ts';

export interface DiffTextOptions {
  /** Wrap added words. Default `{+…+}`. */
  readonly insert?: (text: string) => string;
  /** Wrap removed words. Default `[-…-]`. */
  readonly delete?: (text: string) => string;
  /** Unchanged words kept on each side of an edit inside a changed passage; the rest becomes "…". Default 8. */
  readonly context?: number;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${String(n)} ${n === 1 ? one : many}`;

/** "12 words added, 3 removed; 2 sections changed, 1 added, 0 removed; 1 passage moved". */
export function countsLine(diff: VersionDiff): string {
  const c = diff.counts;
  return (
    `${plural(c.wordsAdded, 'word')} added, ${String(c.wordsRemoved)} removed; ` +
    `${plural(c.sectionsChanged, 'section')} changed, ${String(c.sectionsAdded)} added, ${String(c.sectionsRemoved)} removed; ` +
    `${plural(c.blocksMoved, 'passage')} moved`
  );
}

/** What kind of passage a block is, in words: "paragraph", "list item", "heading", "title". */
export function kindName(block: Pick<BlockChange, 'kind'>): string {
  return block.kind === 'item' ? 'list item' : block.kind;
}

function elide(text: string, context: number, keepStart: boolean, keepEnd: boolean): string {
  const words = text.split(' ');
  const head = keepStart ? context : 0;
  const tail = keepEnd ? context : 0;
  if (words.length <= head + tail + 1) return text;
  return [...words.slice(0, head), '…', ...words.slice(words.length - tail)].join(' ');
}

function opsText(ops: readonly WordOp[], options: Required<DiffTextOptions>): string {
  return ops
    .map((op, index) => {
      if (op.op === 'insert') return options.insert(op.text);
      if (op.op === 'delete') return options.delete(op.text);
      // Keep the words next to an edit; drop the middle of long unchanged runs.
      return elide(op.text, options.context, index > 0, index < ops.length - 1);
    })
    .join(' ');
}

/** The whole diff as text: counts, changed sections, then each change with its words. */
export function diffToText(diff: VersionDiff, options: DiffTextOptions = {}): string {
  const opts: Required<DiffTextOptions> = {
    insert: options.insert ?? ((t) => `{+${t}+}`),
    delete: options.delete ?? ((t) => `[-${t}-]`),
    context: options.context ?? 8,
  };
  const lines = [countsLine(diff), ''];
  if (!diff.sections.length) lines.push('No changes to the text.');
  for (const section of diff.sections) {
    const where = [...section.path, section.title].join(' › ');
    const words =
      section.kind === 'moved'
        ? 'text unchanged'
        : `+${String(section.wordsAdded)} -${String(section.wordsRemoved)} words`;
    lines.push(`${section.kind.padEnd(7)} ${where} (#${section.id || 'top'}; ${words})`);
    for (const block of diff.blocks.filter((b) => b.section === section.id && b.change !== null)) {
      const label =
        block.status === 'moved'
          ? `moved ${kindName(block)}${block.movedFrom && block.movedFrom.id !== section.id ? ` from “${block.movedFrom.title}”` : ''}, text unchanged`
          : `${block.status} ${kindName(block)}`;
      lines.push(`  ${String(block.change)}. ${label}`);
      const text =
        block.status === 'moved'
          ? elide(block.ops[0]?.text ?? '', opts.context, true, false)
          : opsText(block.ops, opts);
      lines.push(`     ${text}`);
    }
  }
  return lines.join('\n') + '\n';
}
