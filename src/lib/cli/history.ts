/**
 * `policy history <policy>`: every version with its effective date, change kind, the commit of the
 * base branch that published it (author, day) and its summary.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commitDay, openHistory, repoPath } from '../publishing/git.ts';
import { tracePublication } from '../publishing/publication.ts';
import { policyVersions, requirePolicy, type CliContext } from './context.ts';

export async function historyCommand(context: CliContext, policyId: string | undefined): Promise<number> {
  const policy = requirePolicy(context, policyId);
  const { versions, problems } = policyVersions(context, policy);
  const history = await openHistory(context.contentDir, context.git);
  const rows: string[][] = [['version', 'effective', 'change', 'status', 'commit', 'author', 'date', 'summary']];
  for (const version of versions) {
    const facts = [version.version, version.effective, version.change];
    const summary = version.summary || '–';
    if (!history.available) {
      const status = version.status === 'draft' ? 'draft' : 'published';
      rows.push([...facts, status, status === 'draft' ? '–' : 'provenance unavailable', '', '', summary]);
      continue;
    }
    const absolute = path.resolve(context.cwd, version.file);
    const relative = repoPath(history.repo, absolute);
    const source = readFileSync(absolute, 'utf8');
    const trace = relative ? await tracePublication(history.repo, relative, source, history.base.ref) : null;
    const commit = trace?.publication?.commit;
    if (commit) rows.push([...facts, 'published', commit.short, commit.author, commitDay(commit), summary]);
    // Marked published here, but the base branch does not have it: it is published when merged.
    else if (version.status === 'published') rows.push([...facts, 'on merge', '–', '–', '–', summary]);
    else rows.push([...facts, 'draft', '–', '–', '–', summary]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const table = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const title = versions.at(-1)?.title ?? policy.name;
  const notes: string[] = [];
  if (!history.available) notes.push(`provenance unavailable: ${history.reason}`);
  else if (rows.some((row) => row[3] === 'on merge'))
    notes.push(`on merge: marked published, and published once merged into ${history.base.ref}.`);
  if (problems.length) notes.push('Files with problems are not listed: `npm run policy -- check` shows them.');
  context.stdout.write(
    [`${title} (${policy.id})`, '', ...table, ...(notes.length ? ['', ...notes] : []), ''].join('\n'),
  );
  return 0;
}
