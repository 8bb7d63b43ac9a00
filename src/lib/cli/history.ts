/** `policy history <policy>`: every version with the commit that published it, its author and date. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commitDay, openHistory, repoPath } from '../publishing/git.ts';
import { tracePublication } from '../publishing/publication.ts';
import { policyVersions, requirePolicy, type CliContext } from './context.ts';

export async function historyCommand(context: CliContext, policyId: string | undefined): Promise<number> {
  const policy = requirePolicy(context, policyId);
  const { versions, problems } = policyVersions(context, policy);
  const history = await openHistory(context.contentDir, context.git);
  const rows: string[][] = [['version', 'status', 'commit', 'author', 'date']];
  for (const version of versions) {
    if (version.status === 'draft') {
      rows.push([version.version, 'draft', '–', '–', '–']);
      continue;
    }
    if (!history.available) {
      rows.push([version.version, 'published', 'provenance unavailable', '', '']);
      continue;
    }
    const absolute = path.resolve(context.cwd, version.file);
    const relative = repoPath(history.repo, absolute);
    const trace = relative ? await tracePublication(history.repo, relative, readFileSync(absolute, 'utf8')) : null;
    const commit = trace?.publication?.commit;
    if (!commit) rows.push([version.version, 'published', 'not committed yet', '', '']);
    else rows.push([version.version, 'published', commit.short, commit.author, commitDay(commit)]);
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
  if (problems.length) notes.push('Files with problems are not listed: `npm run policy -- check` shows them.');
  context.stdout.write(
    [`${title} (${policy.id})`, '', ...table, ...(notes.length ? ['', ...notes] : []), ''].join('\n'),
  );
  return 0;
}
