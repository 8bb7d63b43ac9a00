/**
 * Read a version's front matter into its fields, with every problem at the file's own line and the
 * value as written: YAML that cannot be read, a value wrapped in curly quotes (which YAML keeps as
 * part of the value), and the schema's rules, one problem per field.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument as parseYaml, type YAMLError } from 'yaml';
import type { ZodIssue } from 'zod';
import type { ContentProblem } from './errors.ts';
import { fieldHints, keyPointLimits, policyFrontmatter, type PolicyFrontmatter } from './schema.ts';

const frontmatterPattern = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

export interface SplitSource {
  readonly yaml: string;
  readonly body: string;
  /** Lines before the body (the front matter with its two `---` lines). */
  readonly bodyLine: number;
}

export function splitFrontmatter(source: string): SplitSource | null {
  const match = frontmatterPattern.exec(source);
  if (!match) return null;
  const yaml = match[1] ?? '';
  return { yaml, body: source.slice(match[0].length), bodyLine: match[0].split('\n').length - 1 };
}

/**
 * The file's line of each front-matter field, and of each item of a list field as `field.index`
 * (`keyPoints.0`); `end` is the closing `---`, where a missing field goes.
 */
export type FieldLines = Readonly<Record<string, number>> & { readonly end: number };

export type FrontmatterResult =
  | { readonly data: PolicyFrontmatter; readonly lines: FieldLines; readonly problems: ContentProblem[] }
  | { readonly data?: undefined; readonly lines: FieldLines; readonly problems: ContentProblem[] };

/** YAML counts from the line after the opening `---`, which is the file's line 2. */
const FIRST_LINE = 2;

/** A value as the reader wrote it, to repeat in a message. */
const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

const curlyOpen = /^[“‘„‚«]/;
const curlyClose = /[”’“‘»]$/;
const curly = /[“”‘’„‚«»]/;

/** `“text”` → `text`, when the curly quotes wrap the whole value (quotes inside it are typography). */
function unwrapCurly(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length < 2 || !curlyOpen.test(trimmed) || !curlyClose.test(trimmed)) return null;
  const inner = trimmed.slice(1, -1);
  return curly.test(inner) ? null : inner;
}

/** How to write `value` as a YAML value: bare when YAML reads it back unchanged, else in straight quotes. */
function straight(value: string): string {
  return /^[\w(][^:#]*$/.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}

function yamlProblem(file: string, error: YAMLError, yaml: string): ContentProblem {
  const yamlLine = error.linePos?.[0].line ?? 1;
  // yaml's message ends with its own position ("at line 2, column 10:" and an excerpt), counted from
  // the front matter; the file's line is given instead, with the line as written.
  const reason = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').split('\n')[0] ?? '';
  const text = (yaml.split(/\r?\n/)[yamlLine - 1] ?? '').trim();
  return {
    file,
    line: yamlLine + FIRST_LINE - 1,
    field: 'front matter',
    message: `cannot be read: ${reason}, in \`${text}\``,
    hint: 'Each line is `name: value`. Put a value that contains a colon between straight double quotes, e.g. `summary: "We changed: the retention period."`.',
  };
}

/** A problem with one item of a list field (`keyPoints`), at the item's own line. */
function itemProblem(
  file: string,
  issue: ZodIssue,
  raw: Record<string, unknown>,
  lines: FieldLines,
  yamlLine: (line: number) => string,
): ContentProblem {
  // Only called for a path `[field, index]` (issue.path.length === 2, a number last).
  const [field, index] = issue.path as [string, number];
  const items = raw[field];
  const value: unknown = Array.isArray(items) ? items[index] : undefined;
  const line = lines[`${field}.${index}`] ?? lines[field];
  const point = `point ${index + 1}`;
  const hint = fieldHints[field] ?? '';
  if (value !== null && typeof value === 'object') {
    // `- We collect: your name` is a YAML map, not text: the colon made it "name: value".
    const written = line === undefined ? '' : yamlLine(line).replace(/^\s*-\s*/, '');
    return {
      file,
      line,
      field,
      message: `${point} has a colon followed by a space, so it is read as \`name: value\`, not as text`,
      hint: `Put the point between straight double quotes: \`- ${JSON.stringify(written)}\`.`,
    };
  }
  if (issue.code === 'too_big' && typeof value === 'string') {
    return {
      file,
      line,
      field,
      message: `${point} has ${value.length} characters, more than ${keyPointLimits.length}`,
      hint: 'Shorten it to one plain sentence, or make it two points: the key points are a short summary read before the text.',
    };
  }
  const message =
    value === null || value === undefined ? `${point} is empty` : `${point} is ${shown(value)}, but ${issue.message}`;
  return { file, line, field, message, hint };
}

function issueProblem(file: string, issue: ZodIssue, raw: Record<string, unknown>, lines: FieldLines): ContentProblem {
  if (issue.code === 'unrecognized_keys') {
    return {
      file,
      line: lines[issue.keys[0] ?? ''],
      field: issue.keys.join(', '),
      message: 'is not a known field',
      hint: `Known fields: ${Object.keys(fieldHints).join(', ')}. Check the spelling.`,
    };
  }
  const field = issue.path.length ? issue.path.join('.') : 'front matter';
  const value = raw[field];
  const message =
    value === undefined
      ? 'is required'
      : value === null && field === 'keyPoints'
        ? 'is empty'
        : Array.isArray(value)
          ? issue.message
      : `is ${shown(value)}, ${issue.message.startsWith('is ') ? 'which' : 'but'} ${issue.message}`;
  return {
    file,
    line: lines[field] ?? lines.end,
    field,
    message,
    hint: fieldHints[field] ?? 'See src/lib/content/schema.ts for every field.',
  };
}

/** Parse and validate the front matter of `split`; `file` is the path printed in problems. */
export function readFrontmatter(file: string, split: SplitSource): FrontmatterResult {
  const counter = new LineCounter();
  const document = parseYaml(split.yaml, { lineCounter: counter });
  const lines: Record<string, number> & { end: number } = { end: split.yaml.split('\n').length + FIRST_LINE };
  const lineAt = (offset: number): number => counter.linePos(offset).line + FIRST_LINE - 1;
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      lines[key] = lineAt(pair.key.range[0]);
      if (isSeq(pair.value)) {
        pair.value.items.forEach((item, index) => {
          const range = (item as { range?: [number, number, number] } | null)?.range;
          if (range) lines[`${key}.${index}`] = lineAt(range[0]);
        });
      }
    }
  }
  const yamlLine = (line: number): string => split.yaml.split(/\r?\n/)[line - FIRST_LINE] ?? '';
  const error = document.errors[0];
  if (error) return { lines, problems: [yamlProblem(file, error, split.yaml)] };
  const js: unknown = document.toJS() ?? {};
  const raw: Record<string, unknown> = typeof js === 'object' && js !== null ? { ...js } : {};
  const problems: ContentProblem[] = [];
  for (const [field, value] of Object.entries(raw)) {
    if (Array.isArray(value)) {
      // A list's items (key points) are printed too: the same rule, at each item's line.
      raw[field] = value.map((item: unknown, index) => {
        const inner = typeof item === 'string' ? unwrapCurly(item) : null;
        if (typeof item !== 'string' || inner === null) return item;
        problems.push({
          file,
          line: lines[`${field}.${index}`] ?? lines[field],
          field,
          message: `point ${index + 1} is ${item}, in curly quotes (“ ”), which would be printed as part of the point`,
          hint: `Use straight quotes (") or none: \`- ${straight(inner)}\`.`,
        });
        return inner;
      });
      continue;
    }
    const inner = typeof value === 'string' ? unwrapCurly(value) : null;
    if (typeof value !== 'string' || inner === null) continue;
    problems.push({
      file,
      line: lines[field],
      field,
      message: `is ${value}, in curly quotes (“ ”), which would be printed as part of the ${field}`,
      hint: `Use straight quotes (") or none: \`${field}: ${straight(inner)}\`.`,
    });
    // Read on without them, so the same value is not reported twice.
    raw[field] = inner;
  }
  const result = policyFrontmatter.safeParse(raw);
  if (!result.success) {
    // One problem per field: a date that is not YYYY-MM-DD is not also "not a real calendar date".
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const key = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.join('.');
      if (seen.has(key)) continue;
      seen.add(key);
      const item = issue.path.length === 2 && typeof issue.path[1] === 'number';
      problems.push(item ? itemProblem(file, issue, raw, lines, yamlLine) : issueProblem(file, issue, raw, lines));
    }
    return { lines, problems };
  }
  return { data: result.data, lines, problems };
}
