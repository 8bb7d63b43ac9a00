/**
 * Golden files: expected output kept in the repository, read and checked by hand. A missing
 * golden is a failure, never a pass: it is written only when asked (UPDATE_GOLDEN=1), and then
 * its git diff is what a reviewer reads.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** True when the run was asked to rewrite golden files. */
export const updatingGoldens = (env: NodeJS.ProcessEnv = process.env): boolean => env['UPDATE_GOLDEN'] === '1';

/**
 * The expected text held in `file`. With `update`, `actual` is written there first (and returned).
 * Throws when the file does not exist and `update` is off, naming the file and how to create it.
 */
export function golden(file: string, actual: string, update = updatingGoldens()): string {
  if (update) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return actual;
  }
  if (!existsSync(file)) {
    throw new Error(
      `Golden file ${path.relative(process.cwd(), file)} is missing. Run the test with UPDATE_GOLDEN=1 to write it, then review it before committing.`,
    );
  }
  return readFileSync(file, 'utf8');
}
