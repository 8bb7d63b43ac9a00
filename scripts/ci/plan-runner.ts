/**
 * Running a plan of deploy-plan.ts: the ssh options from the secrets, and the commands one after
 * another, stopping at the first that fails. Shared by `npm run deploy`, `npm run deploy:server`
 * and `npm run ci:alerts`, so every connection to a host is made the same way.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { shellQuote, sshDefaults, type Plan } from './deploy-plan.ts';

/** A step that could not run or failed: the message says which and what to do. */
export class DeployError extends Error {
  override name = 'DeployError';
}

/**
 * ssh options from the secrets: DEPLOY_SSH_KEY (a private key) and DEPLOY_SSH_KNOWN_HOSTS (the
 * host's public keys, as `ssh-keyscan` prints them) are written to files in `scratch` only this
 * user can read (the caller removes it when done); DEPLOY_SSH_PORT when not 22.
 */
export function sshOptions(scratch: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const options = [...sshDefaults];
  const { DEPLOY_SSH_KEY: key, DEPLOY_SSH_KNOWN_HOSTS: knownHosts, DEPLOY_SSH_PORT: port } = env;
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
 * The commands' environment: CI passes every setting, empty when its variable is not set, and
 * tools take an empty value for a wrong one (AWS_REGION=''), so empty means unset.
 */
const childEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));

/** Prints each step (`<prefix>: says`, then the command) and runs it unless `dryRun`; then the notes. */
export function runPlan(plan: Plan, options: { readonly prefix: string; readonly dryRun: boolean }): void {
  const { prefix, dryRun } = options;
  for (const step of plan.commands) {
    process.stdout.write(`${prefix}: ${step.says}\n$ ${[step.command, ...step.args].map(shellQuote).join(' ')}\n`);
    if (dryRun) continue;
    const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: childEnv() });
    if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new DeployError(`${step.command} is not installed here (Debian: apt-get install ${step.command}).`);
    }
    if (result.error) throw result.error;
    if (result.status !== 0) throw new DeployError(`${step.command} failed with exit code ${result.status ?? 'none'}.`);
  }
  for (const note of plan.notes) process.stdout.write(`${prefix}: ${note}\n`);
}
