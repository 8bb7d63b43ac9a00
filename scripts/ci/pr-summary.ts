/**
 * `npm run ci:pr-summary [-- --base <ref>]`: writes the pull request's summary (Markdown) to the
 * job's summary page (GITHUB_STEP_SUMMARY), or prints it: the content check's result, and for
 * every version file the branch changes against the base, `npm run policy -- diff` against the
 * version before it. It reports; the gate is `npm run ci:check`, so this exits 0 when the check
 * fails, and 1 only when it cannot write the summary (no base in the checkout).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compareVersionIds } from '../../src/lib/content/load.ts';
import { runContentCheck } from './content-check.ts';
import { baseRef, changedVersions, isShallow, resolveCommit, type ChangedVersion } from './git.ts';
import { writeSummary } from './output.ts';
import { runPolicy } from './policy-cli.ts';
import { summaryMarkdown, type VersionDiff } from './pr-summary-markdown.ts';

const cwd = process.cwd();
const contentDir = process.env.CONTENT_DIR ?? 'content/policies';

/** The version just before `version` among the policy's files as the branch has them. */
function versionBefore(policy: string, version: string): string | undefined {
  const folder = path.resolve(cwd, contentDir, policy);
  if (!existsSync(folder)) return undefined;
  return readdirSync(folder)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => name.slice(0, -'.mdx'.length))
    .filter((id) => compareVersionIds(id, version) < 0)
    .sort(compareVersionIds)
    .at(-1);
}

function diffOf(changed: ChangedVersion): VersionDiff {
  if (changed.change === 'deleted') return { kind: 'deleted' };
  const from = versionBefore(changed.policy, changed.version);
  if (!from) return { kind: 'first' };
  const result = runPolicy(cwd, ['diff', changed.policy, from, changed.version]);
  return result.code === 0
    ? { kind: 'diff', from, output: result.stdout }
    : { kind: 'failed', output: `${result.stdout}${result.stderr}` };
}

const { values } = parseArgs({ options: { base: { type: 'string' } } });
const base = baseRef(values.base);
try {
  const baseCommit = resolveCommit(cwd, base);
  const versions = changedVersions(cwd, base, contentDir).map((changed) => ({ ...changed, diff: diffOf(changed) }));
  const check = runContentCheck(cwd, base, 'markdown');
  writeSummary(summaryMarkdown({ base, baseCommit, shallow: isShallow(cwd), check, versions }));
} catch (error) {
  process.stderr.write(`ci:pr-summary: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
