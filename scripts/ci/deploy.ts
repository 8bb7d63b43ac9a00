/**
 * `npm run deploy [-- --target pages|rsync|s3] [--dry-run]`: publish the built site (OUT_DIR,
 * default dist) to a target; the target defaults to DEPLOY_TARGET.
 * `npm run deploy:server [-- --dry-run]`: copy the form server's files to its host and restart it.
 * Settings are environment variables (repository variables and secrets in CI): docs/git-host.md.
 * `--dry-run` prints the commands without running them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { immutableFolders, PlanError, serverPlan, sitePlan, targets, type Target } from './deploy-plan.ts';
import { DeployError, runPlan, sshOptions } from './plan-runner.ts';

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

const scratch = mkdtempSync(path.join(tmpdir(), 'deploy-'));
try {
  if (what === 'server') {
    // The adapter's handler, the server the unit runs, and the alerts CLI its oneshot unit runs.
    requireBuilt(['server/entry.mjs', 'server/main.mjs', 'server/alerts.mjs']);
    runPlan(serverPlan(process.env, { ssh: sshOptions(scratch) }), { prefix: 'deploy', dryRun });
  } else {
    const target = chosenTarget();
    requireBuilt(['client/index.html', 'client/_headers']);
    const contentNamed = immutableFolders(readFileSync(path.join(outDir, 'client/_headers'), 'utf8'));
    runPlan(sitePlan(target, outDir, process.env, { ssh: sshOptions(scratch), contentNamed }), {
      prefix: 'deploy',
      dryRun,
    });
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
