/**
 * `npm run policy -- <command>`: the legal team's CLI for publishing policy versions through git.
 * See `npm run policy -- --help` and docs/publishing.md. The commands live in src/lib/cli/.
 */
import path from 'node:path';
import { runCli } from '../src/lib/cli/main.ts';
import { today } from '../src/lib/dates.ts';
import { site } from '../src/site.config.ts';

// Colour only on a terminal, unless NO_COLOR is set (no-color.org) or FORCE_COLOR asks for it.
const { FORCE_COLOR, NO_COLOR, TERM } = process.env;
const color =
  FORCE_COLOR !== undefined && FORCE_COLOR !== '0' ? true : process.stdout.isTTY && !NO_COLOR && TERM !== 'dumb';

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  invokedFrom: process.env.INIT_CWD,
  contentDir: path.resolve(process.env.CONTENT_DIR ?? 'content/policies'),
  policies: site.policies,
  today: today(),
  color,
  stdout: process.stdout,
  stderr: process.stderr,
});
