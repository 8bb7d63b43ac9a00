/**
 * `npm run ci:build`: `npm run build` with the site's settings from CI variables, an unset
 * variable (an empty string) leaving the build's default (settings.ts). `npm run ci:preview`
 * (`--preview`) builds drafts too (PREVIEW_DRAFTS=1) into dist-preview/, for a pull request's
 * reviewers.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildEnv } from './settings.ts';

const { values } = parseArgs({ options: { preview: { type: 'boolean' } } });
const result = spawnSync('npm', ['run', 'build'], {
  stdio: 'inherit',
  env: buildEnv(process.env, values.preview ?? false),
});
if (result.error) throw result.error;
process.exitCode = result.status ?? 1;
