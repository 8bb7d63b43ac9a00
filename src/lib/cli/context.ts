/**
 * What every command receives: where the content is, what "today" is, where to write, and
 * whether colour is wanted. The script builds it from the process; tests build it by hand.
 */
import path from 'node:path';
import type { ContentProblem } from '../content/errors.ts';
import { compareVersionIds } from '../content/load.ts';
import type { GitOptions } from '../publishing/git.ts';
import type { PolicyInfo } from '../../site.config.ts';
import { collectVersionRecords } from '../versions/files.ts';
import type { VersionRecord } from '../versions/record.ts';

export interface Output {
  write(text: string): void;
}

export interface CliContext {
  /** The project root: paths are printed relative to it and git runs there. */
  readonly cwd: string;
  /**
   * Where the person ran the command (npm runs scripts in the project root and says where it was
   * started in INIT_CWD): the files they name are relative to it. Default: `cwd`.
   */
  readonly invokedFrom?: string;
  /** Absolute path of the folder with one sub-folder per policy. */
  readonly contentDir: string;
  readonly policies: readonly PolicyInfo[];
  /** YYYY-MM-DD. */
  readonly today: string;
  /** Colour the diff (a terminal that did not ask for NO_COLOR). */
  readonly color: boolean;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly git?: GitOptions;
  /** Environment of `sign` and `verify` (SIGNING_KEY, TSA_URL); default: the process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Wrong command line: exit code 2, with a pointer to the help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command will not do it (content or repository state): exit code 1, saying why and how to fix it. */
export class Refusal extends Error {
  override name = 'Refusal';
  readonly problems: readonly ContentProblem[];
  constructor(message: string, problems: readonly ContentProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** The policy named on the command line, or a usage error listing the known ones. */
export function requirePolicy(context: CliContext, id: string | undefined): PolicyInfo {
  const known = context.policies.map((p) => p.id).join(', ');
  if (!id) throw new UsageError(`Name a policy: ${known}.`);
  const policy = context.policies.find((p) => p.id === id);
  if (!policy) throw new UsageError(`"${id}" is not a policy. Known policies: ${known}.`);
  return policy;
}

/** A file the person named on the command line, as an absolute path. */
export function namedFile(context: CliContext, file: string): string {
  return path.resolve(context.invokedFrom ?? context.cwd, file);
}

/** A path as printed: relative to the project root, with forward slashes. */
export function shown(context: CliContext, absolute: string): string {
  const relative = path.relative(context.cwd, absolute);
  return relative.startsWith('..') ? absolute : relative.split(path.sep).join('/');
}

/** The records of one policy's versions that load (drafts included), oldest first, and the problems in its folder. */
export function policyVersions(
  context: CliContext,
  policy: PolicyInfo,
): { versions: VersionRecord[]; problems: ContentProblem[] } {
  const { records: versions, problems } = collectVersionRecords(context.contentDir, {
    policies: context.policies.map((p) => p.id),
    root: context.cwd,
  });
  const folder = `${shown(context, path.join(context.contentDir, policy.id))}/`;
  return {
    versions: versions.filter((v) => v.policy === policy.id).sort((a, b) => compareVersionIds(a.version, b.version)),
    problems: problems.filter((problem) => problem.file.startsWith(folder)),
  };
}
