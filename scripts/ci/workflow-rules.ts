/**
 * The rules every workflow in .github/workflows keeps, so that what CI does can be run and
 * tested here, where no git host runs: valid against the workflow schema (action-validator),
 * every `run:` step an npm script (or a plain `echo`), every script it names in package.json,
 * and every job that works on the repository checked out with its full history.
 * Used by the tests and by `npm run ci:workflows`.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

export interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

export interface Job {
  readonly steps?: readonly Step[];
}

export interface Workflow {
  readonly on?: unknown;
  readonly jobs?: Record<string, Job>;
}

export interface WorkflowFile {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly source: string;
  readonly workflow: Workflow;
}

export const workflowsDir = '.github/workflows';

export function loadWorkflows(root: string): WorkflowFile[] {
  const folder = path.join(root, workflowsDir);
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const source = readFileSync(path.join(folder, name), 'utf8');
      return { file: `${workflowsDir}/${name}`, source, workflow: parse(source) as Workflow };
    });
}

const validatorCli = createRequire(import.meta.url).resolve('@action-validator/cli/cli.mjs');

/**
 * Problems action-validator finds in a workflow's source, checked against the workflow schema
 * (SchemaStore's github-workflow.json, in the package's WebAssembly). Empty when it is valid.
 */
export async function schemaProblems(source: string): Promise<string[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'workflow-'));
  try {
    // The CLI reads a file, and tells workflows from actions by the file name.
    const file = path.join(scratch, 'workflow.yml');
    await writeFile(file, source);
    await promisify(execFile)(process.execPath, [validatorCli, file], { encoding: 'utf8' });
    return [];
  } catch (error) {
    const { stdout, stderr, code } = error as { stdout?: string; stderr?: string; code?: unknown };
    if (typeof code !== 'number') throw error;
    return [`${stderr ?? ''}${stdout ?? ''}`.trim() || `action-validator exited with ${code}`];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Every job with its name and steps. */
const jobsOf = (workflow: Workflow): [string, readonly Step[]][] =>
  Object.entries(workflow.jobs ?? {}).map(([id, job]) => [id, job.steps ?? []]);

/** The lines a `run:` step executes (comments and blank lines aside). */
const commandLines = (run: string): string[] =>
  run
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

/** `npm ci …`, `npm run <script> …`, or an `echo`: nothing CI runs that a laptop cannot. */
const allowedCommand = /^(?:npm ci(?: |$)|npm run [\w:.-]+(?: |$)|echo(?: |$))/;

/** Shell that chains or substitutes would hide a second command behind an allowed one. */
const shellSyntax = /&&|\|\||[;|`]|\$\(/;

export function runStepProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [job, steps] of jobsOf(workflow)) {
    for (const step of steps) {
      if (step.run === undefined) continue;
      for (const line of commandLines(step.run)) {
        if (!allowedCommand.test(line) || shellSyntax.test(line.replace(/^echo .*/, 'echo'))) {
          problems.push(`job ${job}: "${line}" is not an npm script: put it in package.json and run it with npm run`);
        }
      }
    }
  }
  return problems;
}

/** Names of the npm scripts a workflow runs (`npm run <name>`). */
export function npmScriptsNamed(workflow: Workflow): string[] {
  const names = new Set<string>();
  for (const [, steps] of jobsOf(workflow)) {
    for (const step of steps) {
      for (const match of (step.run ?? '').matchAll(/\bnpm run ([\w:.-]+)/g)) if (match[1]) names.add(match[1]);
    }
  }
  return [...names];
}

export function missingScripts(workflow: Workflow, scripts: Record<string, string>): string[] {
  return npmScriptsNamed(workflow)
    .filter((name) => !(name in scripts))
    .map((name) => `"npm run ${name}" names no script in package.json`);
}

const isCheckout = (step: Step): boolean => /^actions\/checkout@/.test(step.uses ?? '');

/**
 * Every job that runs a command checks out first, with the full history (`fetch-depth: 0`):
 * provenance and the content check read the commits that published each version.
 */
export function checkoutProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [job, steps] of jobsOf(workflow)) {
    const firstRun = steps.findIndex((step) => step.run !== undefined);
    if (firstRun < 0) continue;
    const checkout = steps.findIndex(isCheckout);
    if (checkout < 0 || checkout > firstRun) {
      problems.push(`job ${job}: runs commands without checking out the repository first`);
    }
    for (const step of steps.filter(isCheckout)) {
      if (step.with?.['fetch-depth'] !== 0) {
        problems.push(
          `job ${job}: ${step.uses ?? 'checkout'} without "fetch-depth: 0" is shallow: provenance unavailable`,
        );
      }
    }
  }
  return problems;
}

/** Every rule above, for one workflow file. */
export async function workflowProblems(file: WorkflowFile, scripts: Record<string, string>): Promise<string[]> {
  return [
    ...(await schemaProblems(file.source)),
    ...runStepProblems(file.workflow),
    ...missingScripts(file.workflow, scripts),
    ...checkoutProblems(file.workflow),
  ].map((problem) => `${file.file}: ${problem}`);
}
