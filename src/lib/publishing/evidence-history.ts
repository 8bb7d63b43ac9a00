/**
 * Evidence on the base branch never changes: a `.sig` or `.tsr` the base branch has must be in the
 * work tree byte for byte. Deleting one and letting the deploy sign again would trade a version's
 * original time-stamp for a later one (docs/decisions/0016-verifiable-versions.md). Compared by
 * git blob id, so a binary token is compared exactly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../content/errors.ts';
import { isEvidenceFile } from '../evidence/stored.ts';
import { repoPath, type HistoryAccess } from './git.ts';

export async function evidenceHistoryProblems(
  history: HistoryAccess,
  contentDir: string,
  display: (absolute: string) => string,
): Promise<ContentProblem[]> {
  if (!history.available) return [];
  const { repo, base } = history;
  const folder = repoPath(repo, contentDir);
  if (folder === null) return [];
  const listed = await repo.git.raw(['ls-tree', '-r', '--name-only', base.ref, '--', folder || '.']);
  const problems: ContentProblem[] = [];
  for (const file of listed.split('\n').filter((name) => isEvidenceFile(name))) {
    const absolute = path.join(repo.root, file);
    const restore = `Evidence on ${base.ref} never changes: restore it with \`git checkout ${base.ref} -- ${file}\`.`;
    if (!existsSync(absolute)) {
      problems.push({
        file: display(absolute),
        field: 'evidence',
        message: `was deleted; ${base.ref} has it`,
        hint: restore,
      });
      continue;
    }
    const [committed, current] = await Promise.all([
      repo.git.raw(['rev-parse', `${base.ref}:${file}`]),
      repo.git.raw(['hash-object', '--', absolute]),
    ]);
    if (committed.trim() !== current.trim()) {
      problems.push({
        file: display(absolute),
        field: 'evidence',
        message: `differs from ${base.ref}'s`,
        hint: restore,
      });
    }
  }
  return problems;
}
