/**
 * Change a few front-matter fields of a version file and keep every other byte as written:
 * the text legal wrote is never re-serialised, only the named lines are replaced.
 */
import { stringify } from 'yaml';

/** A field's new value, or null to remove the line. */
export type FieldChanges = Readonly<Record<string, string | null>>;

const opening = /^---\r?\n/;
const indented = (text: string): boolean => /^[ \t]+\S/.test(text);

/** Apply `changes` to the front matter of `source`. Fields not present yet are added at its end. */
export function editFrontmatter(source: string, changes: FieldChanges): string {
  if (!opening.test(source)) throw new Error('The file has no front matter (a block between two "---" lines).');
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const lines = source.split(/\r?\n/);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new Error('The front matter is not closed by a "---" line.');
  const head = lines.slice(1, end);
  const out: string[] = [];
  const done = new Set<string>();
  const line = (key: string, value: string): string => `${key}: ${stringify(value, { lineWidth: 0 }).trimEnd()}`;
  for (let i = 0; i < head.length; i++) {
    const current = head[i] ?? '';
    const key = /^([A-Za-z0-9_]+)\s*:/.exec(current)?.[1];
    if (key === undefined || !(key in changes)) {
      out.push(current);
      continue;
    }
    // Skip the value's continuation lines (a folded or block value is indented under its key).
    let next = i + 1;
    while (next < head.length) {
      if (indented(head[next] ?? '')) next++;
      else if ((head[next] ?? '').trim() === '') {
        let after = next;
        while (after < head.length && (head[after] ?? '').trim() === '') after++;
        if (after < head.length && indented(head[after] ?? '')) next = after;
        else break;
      } else break;
    }
    i = next - 1;
    done.add(key);
    const value = changes[key];
    if (value !== null && value !== undefined) out.push(line(key, value));
  }
  for (const [key, value] of Object.entries(changes)) {
    if (!done.has(key) && value !== null) out.push(line(key, value));
  }
  return ['---', ...out, ...lines.slice(end)].join(eol);
}
