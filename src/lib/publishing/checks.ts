/**
 * `policy check`: every rule on the content, all problems at once, each with file, field and hint.
 * Run by `npm run build` (before Astro) and therefore by CI; `policy publish` runs it too.
 *
 * Errors fail: broken schema, version ≠ file name, dates out of order, not exactly one current
 * version, a published text changed or deleted. Warnings do not: provenance unavailable (no git
 * history) and a current version last modified more than 12 months ago.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { collectContent, compareVersionIds, type LoadedVersion } from '../content/load.ts';
import { ContentError, type ContentProblem } from '../content/errors.ts';
import type { PolicyInfo } from '../../site.config.ts';
import {
  commitDay,
  openHistory,
  removedFiles,
  repoPath,
  type Commit,
  type GitOptions,
  type HistoryAccess,
} from './git.ts';
import { recordOf, tracePublication, type Trace, type VersionRecord } from './publication.ts';

export interface CheckOptions {
  /** Folder with one sub-folder per policy. */
  readonly contentDir: string;
  /** Base for the paths printed in problems (the project root). */
  readonly root: string;
  readonly policies: readonly PolicyInfo[];
  /** The day the check treats as today (YYYY-MM-DD), for the 12-month rule. */
  readonly today: string;
  readonly git?: GitOptions;
}

export interface CheckReport {
  readonly errors: readonly ContentProblem[];
  readonly warnings: readonly ContentProblem[];
  /** Versions that loaded (possibly with problems in other files). */
  readonly versions: readonly LoadedVersion[];
  readonly history: HistoryAccess;
  /** Publication traces by display path, when history is available. */
  readonly traces: ReadonlyMap<string, Trace>;
}

/** Run every rule. Never throws for bad content: problems are returned. */
export async function checkContent(options: CheckOptions): Promise<CheckReport> {
  const display = (absolute: string): string => {
    const relative = path.relative(options.root, absolute);
    return relative.startsWith('..') ? absolute : relative.split(path.sep).join('/');
  };
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  let versions: LoadedVersion[] = [];
  try {
    const collected = collectContent(options.contentDir, {
      policies: options.policies.map((p) => p.id),
      root: options.root,
    });
    versions = collected.versions;
    errors.push(...collected.problems);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    const history = await openHistory(options.root, options.git);
    return { errors: error.problems, warnings, versions, history, traces: new Map() };
  }
  errors.push(...orderProblems(versions));
  errors.push(...currencyProblems(versions, options, display));
  const history = await openHistory(options.contentDir, options.git);
  const integrity = await integrityProblems(options, history, display);
  errors.push(...integrity.errors);
  warnings.push(...integrity.warnings);
  warnings.push(...stalenessWarnings(versions, options));
  return { errors, warnings, versions, history, traces: integrity.traces };
}

// ---------------------------------------------------------------------------------------------
// Order: each version's dates come after the previous version's (file names give the order).

const sameDay = (a: LoadedVersion, b: LoadedVersion): boolean => a.version.slice(0, 10) === b.version.slice(0, 10);

function byPolicy(versions: readonly LoadedVersion[]): Map<string, LoadedVersion[]> {
  const map = new Map<string, LoadedVersion[]>();
  for (const version of versions) map.set(version.policy, [...(map.get(version.policy) ?? []), version]);
  for (const list of map.values()) list.sort((a, b) => compareVersionIds(a.version, b.version));
  return map;
}

function orderProblems(versions: readonly LoadedVersion[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const list of byPolicy(versions).values()) {
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1]!;
      const version = list[i]!;
      const orderHint =
        'Versions are ordered by their file names, so each version’s dates come after the previous one’s. ' +
        'Correct the date, or name the file after the date printed on the version.';
      if (
        version.lastModified < previous.lastModified ||
        (version.lastModified === previous.lastModified && !sameDay(previous, version))
      ) {
        problems.push({
          file: version.file,
          field: 'lastModified',
          message: `is ${version.lastModified}, but the previous version (${previous.version}) was last modified on ${previous.lastModified}`,
          hint: orderHint,
        });
      }
      if (version.effective < previous.effective) {
        problems.push({
          file: version.file,
          field: 'effective',
          message: `is ${version.effective}, but the previous version (${previous.version}) takes effect later, on ${previous.effective}`,
          hint: orderHint,
        });
      } else if (version.effective === previous.effective && !sameDay(previous, version)) {
        problems.push({
          file: version.file,
          field: 'effective',
          message: `is ${version.effective}, the day the previous version (${previous.version}) takes effect too: both would be the current version from that day`,
          hint: `Exactly one version is current on any day. Set \`effective:\` to the day this version takes effect (after ${previous.effective}), or remove the line to use lastModified.`,
        });
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Current: every policy on the site has a published version to show.

function currencyProblems(
  versions: readonly LoadedVersion[],
  options: CheckOptions,
  display: (absolute: string) => string,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const policy of options.policies) {
    if (versions.some((v) => v.policy === policy.id && v.status === 'published')) continue;
    const folder = path.join(options.contentDir, policy.id);
    const hasFiles = existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.mdx'));
    problems.push({
      file: display(folder),
      field: 'status',
      message: `the ${policy.name} has no published version, so the site would have no current version of it`,
      hint: hasFiles
        ? `Publish one: \`npm run policy -- publish ${policy.id}\`.`
        : `Add its first version as ${display(folder)}/<date>.mdx and publish it, or remove the policy from src/site.config.ts.`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Integrity: a published text never changes after the commit that published it.

interface IntegrityResult {
  errors: ContentProblem[];
  warnings: ContentProblem[];
  traces: Map<string, Trace>;
}

/** Every `.mdx` file in the known policy folders, readable or not. */
function versionFiles(options: CheckOptions): { policy: string; absolute: string }[] {
  const files: { policy: string; absolute: string }[] = [];
  for (const policy of options.policies) {
    const folder = path.join(options.contentDir, policy.id);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).sort()) {
      if (name.endsWith('.mdx')) files.push({ policy: policy.id, absolute: path.join(folder, name) });
    }
  }
  return files;
}

const describeCommit = (commit: Commit): string =>
  `${commit.short} (“${commit.subject}”, ${commit.author}, ${commitDay(commit)})`;

const newVersionHint = (policy: string): string =>
  `put the new wording in a new version instead: \`npm run policy -- new ${policy}\``;

async function integrityProblems(
  options: CheckOptions,
  history: HistoryAccess,
  display: (absolute: string) => string,
): Promise<IntegrityResult> {
  const result: IntegrityResult = { errors: [], warnings: [], traces: new Map() };
  const repo = history.available ? history.repo : null;
  if (!history.available) {
    result.warnings.push({
      file: display(options.contentDir),
      field: 'git history',
      message: `provenance unavailable: ${history.reason}`,
      hint: 'Published texts were checked against the sha256 recorded in each file instead. Run the check in a full clone (`git fetch --unshallow`) to check them against the commits that published them.',
    });
  }
  for (const { policy, absolute } of versionFiles(options)) {
    const file = display(absolute);
    const source = readFileSync(absolute, 'utf8');
    const current = recordOf(source, absolute);
    const relative = repo ? repoPath(repo, absolute) : null;
    const trace = repo && relative ? await tracePublication(repo, relative, source) : null;
    if (trace) result.traces.set(file, trace);
    const publication = trace?.publication ?? null;
    const change = trace?.change ?? null;

    if (publication && change) {
      const published = `${publication.commit.short} (${commitDay(publication.commit)})`;
      const restore = `\`git checkout ${publication.commit.short} -- ${publication.path}\``;
      if (change.commit) {
        const more = change.laterCommits
          ? ` and ${change.laterCommits} later commit${change.laterCommits > 1 ? 's' : ''}`
          : '';
        result.errors.push({
          file,
          field: change.fields.join(', '),
          message: `changed in commit ${describeCommit(change.commit)}${more}, after the version was published in commit ${published}`,
          hint: `A published version never changes. Restore it with ${restore} and commit that, then ${newVersionHint(policy)}.`,
        });
      } else {
        result.errors.push({
          file,
          field: change.fields.join(', '),
          message: `has uncommitted changes, but the version was published in commit ${published} and cannot change`,
          hint: `Undo them with \`git restore ${publication.path}\`, then ${newVersionHint(policy)}.`,
        });
      }
      continue;
    }
    if (!current) continue; // The loader has reported why the file cannot be read.
    result.errors.push(...hashProblems(file, policy, current, publication !== null, trace !== null));
    if (trace && current.status === 'published' && !publication) {
      result.warnings.push({
        file,
        field: 'status',
        message: 'is published but not committed yet: provenance unavailable until it is',
        hint: `Commit it on its own with \`npm run policy -- publish ${policy}\`, or commit the file with the message "Publish ${policy} ${current.version}".`,
      });
    }
  }
  if (repo) {
    const folder = repoPath(repo, options.contentDir);
    for (const removal of folder === null ? [] : await removedFiles(repo, folder)) {
      const before = recordOf(removal.lastSource, removal.path);
      if (before?.status !== 'published') continue;
      const where = removal.commit
        ? `was deleted in commit ${describeCommit(removal.commit)}`
        : 'was deleted (not committed yet)';
      const restore = removal.commit
        ? `\`git checkout ${removal.commit.short}^ -- ${removal.path}\``
        : `\`git restore ${removal.path}\``;
      result.errors.push({
        file: display(path.join(repo.root, removal.path)),
        field: 'file',
        message: `${where}, but it is a published version`,
        hint: `Published versions stay on the site at their permanent URL forever. Restore it with ${restore}; to replace it, publish a new version.`,
      });
    }
  }
  return result;
}

function hashProblems(
  file: string,
  policy: string,
  current: VersionRecord,
  committed: boolean,
  withHistory: boolean,
): ContentProblem[] {
  const line = `\`sha256: ${current.sha256}\``;
  if (current.status === 'draft') {
    if (!current.recordedSha256) return [];
    return [
      {
        file,
        field: 'sha256',
        message: 'is set on a draft',
        hint: 'Delete this line: it is written when the version is published (`npm run policy -- publish`), for the text as published.',
      },
    ];
  }
  if (!current.recordedSha256) {
    return [
      {
        file,
        field: 'sha256',
        message: 'is missing on a published version',
        hint: `Add the line ${line} to the front matter: the SHA-256 of the text as it is now. \`npm run policy -- publish\` writes it for you.`,
      },
    ];
  }
  if (current.recordedSha256 === current.sha256) return [];
  if (withHistory) {
    // History shows the text is what was published (or is being published now): the recorded hash is wrong.
    return [
      {
        file,
        field: 'sha256',
        message: committed
          ? 'does not match the text, which is unchanged since it was published'
          : 'does not match the text (was it copied from another version?)',
        hint: `Replace the line with ${line}.`,
      },
    ];
  }
  return [
    {
      file,
      field: 'text',
      message: `differs from the text recorded when the version was published (sha256 ${current.recordedSha256.slice(0, 12)}…)`,
      hint: `A published version never changes: restore its published text from the repository, then ${newVersionHint(policy)}. Only if this file is a new version copied from an older one, replace the line with ${line}.`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Yearly update: California Civil Code §1798.130(a)(5) requires a business to update the information
// in its online privacy policy "at least once every 12 months". A warning, not an error: the build
// must still publish the site, and only legal can decide what the update says.

/** The same calendar day a year later (29 February → 28 February). */
export function oneYearAfter(isoDay: string): string {
  const [year = 0, month = 1, day = 1] = isoDay.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year + 1, month, 0)).getUTCDate();
  const date = new Date(Date.UTC(year + 1, month - 1, Math.min(day, lastDay)));
  return date.toISOString().slice(0, 10);
}

function stalenessWarnings(versions: readonly LoadedVersion[], options: CheckOptions): ContentProblem[] {
  const warnings: ContentProblem[] = [];
  const lists = byPolicy(versions);
  for (const policy of options.policies) {
    const list = lists.get(policy.id) ?? [];
    const latest = list.filter((v) => v.status === 'published').at(-1);
    if (!latest || options.today <= oneYearAfter(latest.lastModified)) continue;
    const draft = list.find((v) => v.status === 'draft');
    const next = draft
      ? `A draft is in progress (${draft.file}): publish it with \`npm run policy -- publish ${latest.policy}\`.`
      : `Review it and publish a new version, even if only the date changes: \`npm run policy -- new ${latest.policy}\`.`;
    warnings.push({
      file: latest.file,
      field: 'lastModified',
      message: `is ${latest.lastModified}, more than 12 months before ${options.today}`,
      hint: `California Civil Code §1798.130(a)(5) requires the privacy policy’s information to be updated at least once every 12 months. ${next}`,
    });
  }
  return warnings;
}
