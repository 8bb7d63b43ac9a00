/**
 * Read a version's front matter into its fields, with every problem at the file's own line and the
 * value as written: YAML that cannot be read, a value wrapped in curly quotes (which YAML keeps as
 * part of the value), and the schema's rules, one problem per field.
 */
import { LineCounter, isMap, isScalar, parseDocument as parseYaml, type YAMLError } from 'yaml';
import type { ZodIssue } from 'zod';
import type { ContentProblem } from './errors.ts';
import { fieldHints, policyFrontmatter, type PolicyFrontmatter } from './schema.ts';

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

/** The file's line of each front-matter field; `end` is the closing `---`, where a missing field goes. */
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
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (isScalar(pair.key))
        lines[String(pair.key.value)] = counter.linePos(pair.key.range[0]).line + FIRST_LINE - 1;
    }
  }
  const error = document.errors[0];
  if (error) return { lines, problems: [yamlProblem(file, error, split.yaml)] };
  const js: unknown = document.toJS() ?? {};
  const raw: Record<string, unknown> = typeof js === 'object' && js !== null ? { ...js } : {};
  const problems: ContentProblem[] = [];
  for (const [field, value] of Object.entries(raw)) {
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
      problems.push(issueProblem(file, issue, raw, lines));
    }
    return { lines, problems };
  }
  return { data: result.data, lines, problems };
}
