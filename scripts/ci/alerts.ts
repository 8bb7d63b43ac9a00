/**
 * `npm run ci:alerts [-- --dry-run]`: after a successful deploy, tell subscribers about new
 * versions. The subscribers, their database and the outbox are on the form server, so the send
 * runs there: DEPLOY_ALERTS_COMMAND (default: start deploy/allwork-policies-alerts.service) in
 * DEPLOY_SERVER_DEST's folder, over ssh with the deploy's options (plan-runner.ts). Without a
 * form server it says that no alerts were sent, and why, and succeeds.
 * `--dry-run` prints the commands without running them. Settings: docs/git-host.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alertsPlan } from './deploy-plan.ts';
import { DeployError, runPlan, sshOptions } from './plan-runner.ts';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } });
const scratch = mkdtempSync(path.join(tmpdir(), 'ci-alerts-'));
try {
  runPlan(alertsPlan(process.env, { ssh: sshOptions(scratch) }), {
    prefix: 'ci:alerts',
    dryRun: values['dry-run'] ?? false,
  });
} catch (error) {
  if (!(error instanceof DeployError)) throw error;
  process.stderr.write(`ci:alerts: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
