/**
 * The legal team's CLI (`npm run policy`) as the CI scripts call it: a real process, so CI sees
 * exactly what a person at a terminal sees. Runs from any folder (the tests run it inside
 * temporary repositories), so tsx and the script are found from this file, not from the cwd.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commandHelp, type CommandName } from '../../src/lib/cli/usage.ts';

const policyScript = fileURLToPath(new URL('../policy.ts', import.meta.url));
// tsx's loader by absolute URL: `--import tsx` would be looked up from the cwd.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `npm run policy -- ...args` in `cwd`, without colour, and capture what it prints. */
export function runPolicy(cwd: string, args: readonly string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', tsxLoader, policyScript, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Whether `policy <command> --help` documents `option`. The CI scripts ask instead of assuming,
 * so they keep working while the CLI gains options (`check --base`). The help text is read from
 * the CLI's own module: the same text, without starting a process.
 */
export function policySupports(command: CommandName, option: string): boolean {
  return commandHelp(command).includes(option);
}
