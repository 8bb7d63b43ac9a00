/**
 * Print document changes for a terminal. Removed words are written `[-like this-]` and added
 * words `{+like this+}` (git's word-diff notation) in every case, so the change never depends
 * on colour alone; on a colour terminal they are also red and green.
 */
import type { DocumentChanges, PassageChange, WordRun } from './changes.ts';

const ansi = { red: '\x1b[31m', green: '\x1b[32m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Words of unchanged context kept on each side of a change. */
const context = 8;

function trimmed(run: WordRun, position: 'first' | 'middle' | 'last' | 'only'): string {
  const words = run.text.split(' ');
  if (position === 'only' || words.length <= context * 2 + 1) return run.text;
  if (position === 'first') return `… ${words.slice(-context).join(' ')}`;
  if (position === 'last') return `${words.slice(0, context).join(' ')} …`;
  return `${words.slice(0, context).join(' ')} … ${words.slice(-context).join(' ')}`;
}

function renderRuns(runs: readonly WordRun[], color: boolean): string {
  return runs
    .map((run, index) => {
      if (run.kind === 'same') {
        const position =
          runs.length === 1 ? 'only' : index === 0 ? 'first' : index === runs.length - 1 ? 'last' : 'middle';
        return trimmed(run, position);
      }
      const marked = run.kind === 'added' ? `{+${run.text}+}` : `[-${run.text}-]`;
      if (!color) return marked;
      return `${run.kind === 'added' ? ansi.green : ansi.red}${marked}${ansi.reset}`;
    })
    .join(' ');
}

const label: Record<PassageChange['kind'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The changes as lines of text, grouped under their section titles. */
export function formatChanges(changes: DocumentChanges, options: { color: boolean }): string {
  if (!changes.passages.length) return 'No changes in the text.\n';
  const lines = [
    `${plural(changes.passages.length, 'passage')} changed: ${plural(changes.wordsAdded, 'word')} added, ${plural(changes.wordsRemoved, 'word')} removed.`,
  ];
  let section: string | null | undefined;
  for (const passage of changes.passages) {
    if (passage.section !== section) {
      section = passage.section;
      const title = `In “${section ?? 'the introduction'}”:`;
      lines.push('', options.color ? `${ansi.bold}${title}${ansi.reset}` : title);
    }
    lines.push(`  ${label[passage.kind]}: ${renderRuns(passage.runs, options.color)}`);
  }
  return `${lines.join('\n')}\n`;
}
