/**
 * `policy check`: every rule on the content, all problems at once, each with file, line, field and
 * hint. Run by `npm run build` (before Astro), by a pull request's check, and by `policy publish`.
 *
 * Errors fail: broken schema, version ≠ file name, dates out of order, not exactly one current
 * version, a version on the base branch changed or deleted. Warnings do not: provenance unavailable
 * (no git history), dates that look like a slip, and a current version last modified more than 12
 * months ago. The rules live in rules.ts (the versions as they are) and integrity.ts (their history).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadedVersion } from '../content/load.ts';
import { collectVersionRecords } from '../versions/files.ts';
import { ContentError, type ContentProblem } from '../content/errors.ts';
import type { PolicyInfo } from '../../site.config.ts';
import { evidenceHistoryProblems } from './evidence-history.ts';
import { openHistory, type GitOptions, type HistoryAccess } from './git.ts';
import { integrityProblems, type PendingPublication, type VersionFile } from './integrity.ts';
import type { Trace } from './publication.ts';
import { currencyProblems, dateWarnings, orderProblems, stalenessWarnings } from './rules.ts';

export { oneYearAfter } from './rules.ts';
export type { PendingPublication } from './integrity.ts';

export interface CheckOptions {
  /** Folder with one sub-folder per policy. */
  readonly contentDir: string;
  /** Base for the paths printed in problems (the project root). */
  readonly root: string;
  readonly policies: readonly PolicyInfo[];
  /** The day the check treats as today (YYYY-MM-DD), for the 12-month rule. */
  readonly today: string;
  /** Git environment and the base branch (`--base`). */
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
  /** Versions marked published that are not on the base branch yet: merging publishes them. */
  readonly pending: readonly PendingPublication[];
}

/** Every `.mdx` file in the known policy folders, readable or not. */
function versionFiles(options: CheckOptions, display: (absolute: string) => string): VersionFile[] {
  const files: VersionFile[] = [];
  for (const policy of options.policies) {
    const folder = path.join(options.contentDir, policy.id);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).sort()) {
      const absolute = path.join(folder, name);
      if (name.endsWith('.mdx')) files.push({ policy: policy.id, absolute, file: display(absolute) });
    }
  }
  return files;
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
    const collected = collectVersionRecords(options.contentDir, {
      policies: options.policies.map((p) => p.id),
      root: options.root,
    });
    versions = collected.files;
    errors.push(...collected.problems);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    const history = await openHistory(options.root, options.git);
    return { errors: error.problems, warnings, versions, history, traces: new Map(), pending: [] };
  }
  errors.push(...orderProblems(versions));
  errors.push(...currencyProblems(versions, options, display));
  const history = await openHistory(options.contentDir, options.git);
  const integrity = await integrityProblems(versionFiles(options, display), history, options.contentDir, display);
  errors.push(...integrity.errors);
  errors.push(...(await evidenceHistoryProblems(history, options.contentDir, display)));
  warnings.push(...integrity.warnings);
  warnings.push(...dateWarnings(versions, options));
  warnings.push(...stalenessWarnings(versions, options));
  return { errors, warnings, versions, history, traces: integrity.traces, pending: integrity.pending };
}
