/**
 * Read, validate and parse every policy version in a content folder.
 * Pure Node (no Astro imports) so the build, the CLI and the tests share it.
 * Every problem in every file is collected, then thrown at once as a ContentError.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodIssue } from 'zod';
import { parseDocument, DocumentParseError, type PolicyDocument } from '../document.ts';
import { ContentError, type ContentProblem } from './errors.ts';
import { fieldHints, policyFrontmatter, type PolicyFrontmatter } from './schema.ts';

export interface LoadedVersion extends PolicyFrontmatter {
  /** Policy id, the folder name. */
  readonly policy: string;
  /** Path relative to the project root (or absolute when outside it). */
  readonly file: string;
  /** The MDX body as written, without front matter. */
  readonly body: string;
  readonly document: PolicyDocument;
}

export interface LoadOptions {
  /** Known policy ids; a folder not listed is an error (typo guard). */
  readonly policies: readonly string[];
  /** Base for the relative paths printed in errors. Default: the current directory. */
  readonly root?: string;
}

const frontmatterPattern = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function splitFrontmatter(source: string): { yaml: string; body: string; bodyLine: number } | null {
  const match = frontmatterPattern.exec(source);
  if (!match) return null;
  const yaml = match[1] ?? '';
  return { yaml, body: source.slice(match[0].length), bodyLine: match[0].split('\n').length - 1 };
}

function issueToProblem(file: string, issue: ZodIssue): ContentProblem {
  const field = issue.path.length ? issue.path.join('.') : 'front matter';
  if (issue.code === 'unrecognized_keys') {
    return {
      file,
      field: issue.keys.join(', '),
      message: 'is not a known field',
      hint: `Known fields: ${Object.keys(fieldHints).join(', ')}. Check the spelling.`,
    };
  }
  const message = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
  return { file, field, message, hint: fieldHints[field] ?? 'See src/lib/content/schema.ts for every field.' };
}

/** Parse one file. Returns the version, or the problems found in it. */
export function loadVersionFile(
  absolutePath: string,
  policy: string,
  displayPath: string,
): { version?: LoadedVersion; problems: ContentProblem[] } {
  return parseVersionSource(readFileSync(absolutePath, 'utf8'), policy, displayPath, path.basename(absolutePath));
}

/**
 * Parse one version from its source text. `fileName` (e.g. `2024-04-25.mdx`) is what the
 * `version` field must match. Used for files on disk and for past revisions read from git.
 */
export function parseVersionSource(
  source: string,
  policy: string,
  displayPath: string,
  fileName: string,
): { version?: LoadedVersion; problems: ContentProblem[] } {
  const file = displayPath;
  const parts = splitFrontmatter(source);
  if (!parts) {
    return {
      problems: [
        {
          file,
          field: 'front matter',
          message: 'is missing',
          hint: 'Start the file with a block between two "---" lines; copy it from the previous version.',
        },
      ],
    };
  }
  let raw: unknown;
  try {
    raw = parseYaml(parts.yaml) ?? {};
  } catch (error) {
    return {
      problems: [
        {
          file,
          field: 'front matter',
          message: `cannot be read (${(error as Error).message.split('\n')[0]})`,
          hint: 'Each line is `name: value`; quote values that contain a colon.',
        },
      ],
    };
  }
  const result = policyFrontmatter.safeParse(raw);
  if (!result.success) return { problems: result.error.issues.map((issue) => issueToProblem(file, issue)) };
  const data = result.data;
  const expected = path.basename(fileName, '.mdx');
  const problems: ContentProblem[] = [];
  if (data.version !== expected) {
    problems.push({
      file,
      field: 'version',
      message: `is "${data.version}" but the file is named "${expected}.mdx"`,
      hint: `Make them the same: set \`version: ${expected}\`, or rename the file to ${data.version}.mdx.`,
    });
  }
  try {
    const document = parseDocument(data.title, parts.body, parts.bodyLine);
    return { version: { ...data, policy, file, body: parts.body, document }, problems };
  } catch (error) {
    if (error instanceof DocumentParseError) return { problems: [...problems, { file, ...error.problem }] };
    throw error;
  }
}

/** Cross-file rules: unique version ids, a summary on every published version after the first. */
function crossChecks(versions: readonly LoadedVersion[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Map<string, LoadedVersion>();
  for (const version of versions) {
    const key = `${version.policy}/${version.version}`;
    const other = seen.get(key);
    if (other) {
      problems.push({
        file: version.file,
        field: 'version',
        message: `"${version.version}" is already used by ${other.file}`,
        hint: 'Two versions cannot share an id. For a second version on the same day use the suffix -2, e.g. 2024-04-25-2.',
      });
    }
    seen.set(key, version);
  }
  const byPolicy = new Map<string, LoadedVersion[]>();
  for (const version of versions) byPolicy.set(version.policy, [...(byPolicy.get(version.policy) ?? []), version]);
  for (const list of byPolicy.values()) {
    const published = list.filter((v) => v.status === 'published').sort((a, b) => compareVersionIds(a.version, b.version));
    for (const version of published.slice(1)) {
      if (!version.summary) {
        problems.push({
          file: version.file,
          field: 'summary',
          message: 'is required on every published version after the first',
          hint: fieldHints.summary ?? '',
        });
      }
    }
  }
  return problems;
}

/** Order of version ids: by date, then by same-day suffix (2024-04-25 < 2024-04-25-2 < 2024-04-25-10). */
export function compareVersionIds(a: string, b: string): number {
  const [dateA, suffixA] = [a.slice(0, 10), Number(a.slice(11) || 1)];
  const [dateB, suffixB] = [b.slice(0, 10), Number(b.slice(11) || 1)];
  return dateA === dateB ? suffixA - suffixB : dateA < dateB ? -1 : 1;
}

/** Load every `<policy>/<version>.mdx` below `contentDir`. Throws ContentError listing all problems. */
export function loadContent(contentDir: string, options: LoadOptions): LoadedVersion[] {
  const { versions, problems } = collectContent(contentDir, options);
  if (problems.length) throw new ContentError(problems);
  return versions;
}

/**
 * Like `loadContent`, but returns the readable versions together with every problem instead
 * of throwing, so `policy check` can run its further rules on the files that did load.
 * A content folder that cannot be read is still thrown as a ContentError: nothing else can run.
 */
export function collectContent(
  contentDir: string,
  options: LoadOptions,
): { versions: LoadedVersion[]; problems: ContentProblem[] } {
  const root = options.root ?? process.cwd();
  const display = (p: string): string => {
    const relative = path.relative(root, p);
    return relative.startsWith('..') ? p : relative;
  };
  const problems: ContentProblem[] = [];
  const versions: LoadedVersion[] = [];
  let folders: string[];
  try {
    folders = readdirSync(contentDir).filter((name) => statSync(path.join(contentDir, name)).isDirectory());
  } catch {
    throw new ContentError([
      {
        file: display(contentDir),
        field: 'folder',
        message: 'does not exist or cannot be read',
        hint: 'Set CONTENT_DIR to a folder that holds one sub-folder per policy, or unset it to use content/policies.',
      },
    ]);
  }
  for (const policy of folders.sort()) {
    const folder = path.join(contentDir, policy);
    if (!options.policies.includes(policy)) {
      problems.push({
        file: display(folder),
        field: 'folder',
        message: `"${policy}" is not a known policy`,
        hint: `Known policies: ${options.policies.join(', ')}. Rename the folder, or add the policy to src/site.config.ts.`,
      });
      continue;
    }
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      if (!name.endsWith('.mdx')) {
        if (!name.startsWith('.') && !name.endsWith('.json')) {
          problems.push({
            file: display(full),
            field: 'file name',
            message: 'is not an .mdx file',
            hint: 'Policy versions are files named <version>.mdx, e.g. 2024-04-25.mdx.',
          });
        }
        continue;
      }
      const result = loadVersionFile(full, policy, display(full));
      problems.push(...result.problems);
      if (result.version) versions.push(result.version);
    }
  }
  problems.push(...crossChecks(versions));
  return { versions, problems };
}
