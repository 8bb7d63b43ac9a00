/**
 * `npm run ci:check [-- --base <ref>]`: the pull request's content gate. Runs
 * `npm run policy -- check --base <ref>` (base: see baseRef) and exits with its code; the
 * problems are printed as the CLI prints them (as annotations on GitHub), and any limit of the
 * check becomes a CI warning.
 */
import { parseArgs } from 'node:util';
import { runContentCheck } from './content-check.ts';
import { baseRef } from './git.ts';
import { warning } from './output.ts';

const { values } = parseArgs({ options: { base: { type: 'string' } } });
const base = baseRef(values.base);
// On GitHub, problems become annotations on their lines of the pull request's diff.
const check = runContentCheck(process.cwd(), base, process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
if (check.note) warning('policy check', check.note);
process.stdout.write(check.stdout);
process.stderr.write(check.stderr);
process.exitCode = check.code;
