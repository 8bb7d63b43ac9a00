/**
 * `npm run ci:workflows`: check every workflow in .github/workflows against the rules of
 * workflow-rules.ts (schema, npm scripts only, scripts that exist, full-history checkouts).
 */
import { readFileSync } from 'node:fs';
import { plural } from '../../src/lib/text.ts';
import { loadWorkflows, workflowProblems } from './workflow-rules.ts';

const root = process.cwd();
const { scripts = {} } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts?: Record<string, string> };
const files = loadWorkflows(root);
const problems = (await Promise.all(files.map((file) => workflowProblems(file, scripts)))).flat();
for (const problem of problems) process.stdout.write(`error: ${problem}\n`);
process.stdout.write(
  problems.length
    ? `ci:workflows: ${plural(problems.length, 'problem')} in ${plural(files.length, 'workflow')}.\n`
    : `ci:workflows: ${plural(files.length, 'workflow')} valid.\n`,
);
process.exitCode = problems.length ? 1 : 0;
