/**
 * `npm run deploy [-- --target pages|rsync|s3] [--dry-run]`: publish the built site (OUT_DIR,
 * default dist) to a target; the target defaults to DEPLOY_TARGET.
 * `npm run deploy:server [-- --dry-run]`: copy the form server's files to its host and restart it.
 * Settings are environment variables (repository variables and secrets in CI): docs/git-host.md.
 * `--dry-run` prints the commands without running them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  immutableFolders,
  PlanError,
  serverPlan,
  shellQuote,
  sitePlan,
  sshDefaults,
  targets,
  type Plan,
  type Target,
} from './deploy-plan.ts';

class DeployError extends Error {
  override name = 'DeployError';
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { target: { type: 'string' }, 'dry-run': { type: 'boolean' } },
});
const what = positionals[0] === 'server' ? 'server' : 'site';
const dryRun = values['dry-run'] ?? false;
const outDir = process.env.OUT_DIR ?? 'dist';

function chosenTarget(): Target {
  const name = values.target ?? process.env.DEPLOY_TARGET;
  const target = targets.find((t) => t === name);
  if (!target) {
    throw new DeployError(
      `${name ? `"${name}" is not a deploy target` : 'No deploy target'}: give --target ${targets.join('|')} or set DEPLOY_TARGET.`,
    );
  }
  return target;
}

function requireBuilt(files: readonly string[]): void {
  const missing = files.filter((file) => !existsSync(path.join(outDir, file)));
  if (missing.length) {
    throw new DeployError(
      `${missing.map((f) => path.join(outDir, f)).join(', ')} missing: run \`npm run build\` first.`,
    );
  }
}

/**
 * ssh options from the secrets: DEPLOY_SSH_KEY (a private key) and DEPLOY_SSH_KNOWN_HOSTS (the
 * host's public keys, as `ssh-keyscan` prints them) are written to files only this user can read,
 * removed when the deploy ends; DEPLOY_SSH_PORT when not 22.
 */
function sshOptions(scratch: string): string[] {
  const options = [...sshDefaults];
  const { DEPLOY_SSH_KEY: key, DEPLOY_SSH_KNOWN_HOSTS: knownHosts, DEPLOY_SSH_PORT: port } = process.env;
  if (key?.trim()) {
    const file = path.join(scratch, 'key');
    writeFileSync(file, `${key.trim()}\n`, { mode: 0o600 });
    options.push('-i', file, '-o', 'IdentitiesOnly=yes');
  }
  if (knownHosts?.trim()) {
    const file = path.join(scratch, 'known_hosts');
    writeFileSync(file, `${knownHosts.trim()}\n`, { mode: 0o600 });
    options.push('-o', `UserKnownHostsFile=${file}`);
  }
  if (port?.trim()) options.push('-p', port.trim());
  return options;
}

/**
 * The copy commands' environment: CI passes every setting, empty when its variable is not set,
 * and tools take an empty value for a wrong one (AWS_REGION=''), so empty means unset.
 */
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));

function run(plan: Plan): void {
  for (const step of plan.commands) {
    process.stdout.write(`deploy: ${step.says}\n$ ${[step.command, ...step.args].map(shellQuote).join(' ')}\n`);
    if (dryRun) continue;
    const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: childEnv });
    if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new DeployError(`${step.command} is not installed here (Debian: apt-get install ${step.command}).`);
    }
    if (result.error) throw result.error;
    if (result.status !== 0) throw new DeployError(`${step.command} failed with exit code ${result.status ?? 'none'}.`);
  }
  for (const note of plan.notes) process.stdout.write(`deploy: ${note}\n`);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'deploy-'));
try {
  if (what === 'server') {
    requireBuilt(['server/entry.mjs']);
    run(serverPlan(process.env, { ssh: sshOptions(scratch) }));
  } else {
    const target = chosenTarget();
    requireBuilt(['client/index.html', 'client/_headers']);
    const contentNamed = immutableFolders(readFileSync(path.join(outDir, 'client/_headers'), 'utf8'));
    run(sitePlan(target, outDir, process.env, { ssh: sshOptions(scratch), contentNamed }));
    // The Pages upload step reads the folder from here, so the workflow names it once.
    if (process.env.GITHUB_OUTPUT)
      writeFileSync(process.env.GITHUB_OUTPUT, `dir=${path.join(outDir, 'client')}\n`, { flag: 'a' });
  }
} catch (error) {
  if (!(error instanceof DeployError || error instanceof PlanError)) throw error;
  process.stderr.write(`deploy: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
