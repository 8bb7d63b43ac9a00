/** Markdown pieces for CI summaries: text shown verbatim, whatever characters it holds. */

/**
 * `text` in a fenced code block, so nothing in it is read as Markdown or HTML. The fence is
 * longer than any run of backticks in the text (CommonMark), so a backtick in a policy cannot
 * close it early.
 */
export function fenced(text: string, info = 'text'): string {
  const longestRun = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${info}\n${text.replace(/\n+$/, '')}\n${fence}\n`;
}

/** Inline code for a short value (a ref, a path, a command). */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

/**
 * At most `limit` characters of `text`, cut at a line end, saying how much was left out:
 * GitHub keeps at most 1 MiB of summary per step.
 */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf('\n', limit);
  const kept = text.slice(0, cut > 0 ? cut : limit);
  const lines = text.slice(kept.length).split('\n').filter(Boolean).length;
  return `${kept}\n… ${lines} more lines: run the command locally to see them all.\n`;
}
