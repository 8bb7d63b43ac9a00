/**
 * Evidence on the base branch never changes: a `.sig` or `.tsr` the base branch has must be in the
 * work tree byte for byte. Deleting one and letting the deploy sign again would trade a version's
 * original time-stamp for a later one (docs/decisions/0016-verifiable-versions.md). Compared by
 * git blob id, so a binary token is compared exactly.
 *
 * One exception: evidence whose key this branch's key list withdraws — a key that may have leaked
 * gets a `valid-before` — may be deleted, both files together. It no longer proves anything (the
 * build would refuse it), and the next deploy signs and time-stamps the text again with the new key.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../content/errors.ts';
import { listedKey, readKeyList, validAt } from '../evidence/keys.ts';
import { readSignature } from '../evidence/sshsig.ts';
import { isEvidenceFile } from '../evidence/stored.ts';
import { readTimestampReply } from '../evidence/timestamp.ts';
import { repoPath, type HistoryAccess, type Repository } from './git.ts';

/**
 * True when the base branch's evidence pair of `file` (its `.sig` or `.tsr`) is by a key that the
 * work tree's key list does not accept at the token's time; false when it is, or cannot be read.
 */
async function withdrawnOnThisBranch(
  repo: Repository,
  ref: string,
  file: string,
  contentDir: string,
): Promise<boolean> {
  const stem = file.replace(/\.(sig|tsr)$/, '');
  try {
    const signature = readSignature(await repo.git.raw(['show', `${ref}:${stem}.sig`]));
    const token = readTimestampReply((await repo.git.binaryCatFile(['blob', `${ref}:${stem}.tsr`])) as Buffer);
    const key = listedKey(readKeyList(contentDir), signature.publicKey.fingerprint);
    return key === undefined || !validAt(key, token.genTime);
  } catch {
    return false;
  }
}

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
      const stem = absolute.replace(/\.(sig|tsr)$/, '');
      const pairDeleted = !existsSync(`${stem}.sig`) && !existsSync(`${stem}.tsr`);
      if (pairDeleted && (await withdrawnOnThisBranch(repo, base.ref, file, contentDir))) continue;
      problems.push({
        file: display(absolute),
        field: 'evidence',
        message: `was deleted; ${base.ref} has it`,
        hint: `${restore} (Evidence by a key withdrawn in content/keys/allowed_signers may be deleted, with its companion: the next deploy signs again.)`,
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
