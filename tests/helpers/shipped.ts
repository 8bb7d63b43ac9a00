/**
 * The versions whose text the seed holds: the first published version of each policy
 * (2024-04-25), copied on their own into a folder of their own. Tests about the real legal text
 * read this folder, not `content/policies`: legal adds versions there through pull requests whose
 * checks run these tests, and the deploy adds evidence beside them, so neither may change what a
 * test expects. Tests of behaviour across versions use tests/fixtures/content.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { site } from '../../src/site.config.ts';

/** The id of the version of each policy that the seed is the text of. */
export const seedVersionId = '2024-04-25';

let folder: string | null = null;

/** A content folder holding only the seed's versions (made once per process, removed at exit). */
export function seedContentDir(): string {
  if (folder) return folder;
  const made = mkdtempSync(path.join(tmpdir(), 'seed-content-'));
  for (const policy of site.policies) {
    mkdirSync(path.join(made, policy.id));
    const file = `${seedVersionId}.mdx`;
    copyFileSync(path.resolve('content/policies', policy.id, file), path.join(made, policy.id, file));
  }
  process.once('exit', () => {
    rmSync(made, { recursive: true, force: true });
  });
  folder = made;
  return made;
}
