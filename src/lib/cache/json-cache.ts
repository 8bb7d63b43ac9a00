/**
 * A folder of JSON values stored under the hash of what made them, for results a build would
 * otherwise recompute for every version every time (document models, provenance). Keys are
 * SHA-256 of everything the value depends on, the code that computes it included, so a hit is
 * only ever a value this same code computed from the same input: deleting the folder is always
 * safe. Folders live in `node_modules/.cache/` (cleared by `npm ci`, so a fresh clone builds cold).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

export const cacheKey = (...parts: readonly string[]): string =>
  createHash('sha256').update(parts.join('\0')).digest('hex');

/** `node_modules/.cache/<name>`, the folder named by the environment variable, or null when it says `off`. */
export function cacheFolder(name: string, variable: string): string | null {
  const setting = process.env[variable];
  if (setting === 'off') return null;
  return path.resolve(setting ?? path.join('node_modules/.cache', name));
}

const fileOf = (dir: string, key: string): string => path.join(dir, key.slice(0, 2), `${key}.json`);

/** The value stored under `key`, or undefined when there is none (or only a torn write). */
export function readCachedJson(dir: string, key: string): unknown {
  try {
    return JSON.parse(readFileSync(fileOf(dir, key), 'utf8')) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Store `value` under `key`: written then renamed, so an interrupted build never leaves half a
 * value. The temporary name has the thread in it too: the build's worker threads share its
 * process id, and may store the same value at once.
 */
export function writeCachedJson(dir: string, key: string, value: unknown): void {
  const file = fileOf(dir, key);
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, file);
}
