/**
 * Read, validate and parse every policy version in a content folder.
 * Pure Node (no Astro imports) so the build, the CLI and the tests share it.
 * Every problem in every file is collected, then thrown at once as a ContentError.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type PolicyDocument } from '../document/model.ts';
import { parseDocumentCached } from '../document/cache.ts';
import { DocumentParseError } from '../document/parse.ts';
import { checkEvidence, isEvidenceFile, loadKeyList, type VersionEvidence } from '../evidence/stored.ts';
import { ContentError, type ContentProblem } from './errors.ts';
import { readFrontmatter, splitFrontmatter, type FieldLines } from './frontmatter.ts';
import { fieldHints, versionId, type PolicyFrontmatter } from './schema.ts';

export interface LoadedVersion extends PolicyFrontmatter {
  /** Policy id, the folder name. */
  readonly policy: string;
  /** Path relative to the project root (or absolute when outside it). */
  readonly file: string;
  /** The MDX body as written, without front matter. */
  readonly body: string;
  readonly document: PolicyDocument;
  /** The file's line of each front-matter field (`end`: the closing `---`), for messages. */
  readonly fieldLines?: FieldLines;
  /** Its signature and time-stamp token, checked against the text; null when it has none yet. */
  readonly evidence?: VersionEvidence | null;
}

export interface LoadOptions {
  /** Known policy ids; a folder not listed is an error (typo guard). */
  readonly policies: readonly string[];
  /** Base for the relative paths printed in errors. Default: the current directory. */
  readonly root?: string;
}

export interface ParseOptions {
  /** The other file names in the version's folder, so a hint never suggests a name already taken. */
  readonly siblings?: readonly string[];
}

/** Parse one file. Returns the version, or the problems found in it. */
export function loadVersionFile(
  absolutePath: string,
  policy: string,
  displayPath: string,
  options: ParseOptions = {},
): { version?: LoadedVersion; problems: ContentProblem[] } {
  return parseVersionSource(
    readFileSync(absolutePath, 'utf8'),
    policy,
    displayPath,
    path.basename(absolutePath),
    options,
  );
}

const isVersionId = (id: string): boolean => versionId.safeParse(id).success;

/** The file-name rule: a version's id is its file name, and `version:` says the same. */
function fileNameProblem(
  file: string,
  data: PolicyFrontmatter,
  fileName: string,
  lines: FieldLines,
  siblings: ReadonlySet<string>,
): ContentProblem | null {
  const id = path.basename(fileName, '.mdx');
  const folder = path.posix.dirname(file.split(path.sep).join('/'));
  const free = (name: string): boolean => !siblings.has(`${name}.mdx`);
  if (!isVersionId(id)) {
    // Suggest one free name that is a version id, so following the hint ends the problem.
    let name = free(data.version) ? data.version : data.lastModified;
    for (let n = 2; !free(name) || !isVersionId(name); n++) name = `${data.lastModified}-${n}`;
    return {
      file,
      field: 'file name',
      message: `"${fileName}" is not a version id: name the file after the version, like 2024-04-25.mdx`,
      hint:
        name === data.version
          ? `Rename the file to ${name}.mdx, its \`version:\`.`
          : `Rename the file to ${name}.mdx and set \`version: ${name}\`.`,
    };
  }
  if (data.version === id) return null;
  if (!free(data.version)) {
    return {
      file,
      line: lines.version,
      field: 'version',
      message: `"${data.version}" is already used by ${folder}/${data.version}.mdx`,
      hint: `The file name is the version id: set \`version: ${id}\`. (A second version on the same day is named ${data.version.slice(0, 10)}-2.mdx, with \`version: ${data.version.slice(0, 10)}-2\`.)`,
    };
  }
  return {
    file,
    line: lines.version,
    field: 'version',
    message: `is "${data.version}" but the file is named "${id}.mdx"`,
    hint: `Make them the same: set \`version: ${id}\`, or rename the file to ${data.version}.mdx.`,
  };
}

/**
 * Parse one version from its source text. `fileName` (e.g. `2024-04-25.mdx`) is the version's id,
 * which the `version` field must match. Used for files on disk and for past revisions read from git.
 */
export function parseVersionSource(
  source: string,
  policy: string,
  displayPath: string,
  fileName: string,
  options: ParseOptions = {},
): { version?: LoadedVersion; problems: ContentProblem[] } {
  const file = displayPath;
  const parts = splitFrontmatter(source);
  if (!parts) {
    return {
      problems: [
        {
          file,
          line: 1,
          field: 'front matter',
          message: 'is missing',
          hint: 'Start the file with a block between two "---" lines; copy it from the previous version.',
        },
      ],
    };
  }
  const { data, lines, problems } = readFrontmatter(file, parts);
  if (!data) return { problems };
  const naming = fileNameProblem(file, data, fileName, lines, new Set(options.siblings ?? []));
  if (naming) problems.push(naming);
  const id = path.basename(fileName, '.mdx');
  try {
    const document = parseDocumentCached(data.title, parts.body, parts.bodyLine);
    // A file whose name is not a version id cannot be placed among the versions.
    if (!isVersionId(id)) return { problems };
    // The id is the file name, so a `version:` left over from a copy does not put it in another's place.
    const version = { ...data, version: id, policy, file, body: parts.body, document, fieldLines: lines };
    return { version, problems };
  } catch (error) {
    if (error instanceof DocumentParseError) return { problems: [...problems, { file, ...error.problem }] };
    throw error;
  }
}

/** Cross-file rule: a summary on every published version after the first. */
function crossChecks(versions: readonly LoadedVersion[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byPolicy = new Map<string, LoadedVersion[]>();
  for (const version of versions) byPolicy.set(version.policy, [...(byPolicy.get(version.policy) ?? []), version]);
  for (const list of byPolicy.values()) {
    const published = list.filter((v) => v.status === 'published').sort((a, b) => compareVersionIds(a.version, b.version));
    for (const version of published.slice(1)) {
      if (!version.summary) {
        problems.push({
          file: version.file,
          line: version.fieldLines?.summary ?? version.fieldLines?.end,
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
  const { keys, problems: keyProblems } = loadKeyList(contentDir, display);
  problems.push(...keyProblems);
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
    const names = readdirSync(folder).sort();
    for (const name of names) {
      const full = path.join(folder, name);
      if (isEvidenceFile(name)) {
        if (!names.includes(name.replace(/\.\w+$/, '.mdx'))) {
          problems.push({
            file: display(full),
            field: 'evidence',
            message: 'is the signature or time-stamp of a version file that does not exist',
            hint: 'Evidence files sit beside their version, e.g. 2024-04-25.sig beside 2024-04-25.mdx; delete this one.',
          });
        }
        continue;
      }
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
      const siblings = names.filter((other) => other !== name);
      const result = loadVersionFile(full, policy, display(full), { siblings });
      problems.push(...result.problems);
      if (result.version) {
        const checked = checkEvidence(result.version, full, keys, display);
        problems.push(...checked.problems);
        versions.push({ ...result.version, evidence: checked.evidence });
      }
    }
  }
  problems.push(...crossChecks(versions));
  return { versions, problems };
}
