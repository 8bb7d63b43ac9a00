/**
 * The seed: the legal text as legal wrote it, in ../shared/seeds/. Tests compare every
 * rendering against it, so a wrong word anywhere fails a test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const seedsDir = path.resolve(process.env.SEEDS_DIR ?? path.join(import.meta.dirname, '../../../shared/seeds'));

export interface SeedDocument {
  readonly title: string;
  /** "Last Modified: April 25, 2024" when the document prints one, else null. */
  readonly lastModifiedLine: string | null;
  /** Every line after the title (and the Last Modified line). */
  readonly body: string;
}

/** Split the seed file into its two documents. */
export function readSeed(): Record<'privacy-policy' | 'california-privacy-notice', SeedDocument> {
  const file = readdirSync(seedsDir).find((name) => name.endsWith('.txt'));
  if (!file) throw new Error(`No seed .txt file in ${seedsDir}`);
  const lines = readFileSync(path.join(seedsDir, file), 'utf8').split('\n');
  const split = lines.indexOf('AllWork Privacy Notice for California Residents');
  if (split < 0) throw new Error('The seed has no "AllWork Privacy Notice for California Residents" line');
  const toDoc = (part: string[]): SeedDocument => {
    const [title = '', ...rest] = part;
    const lmIndex = rest.findIndex((line) => line.trim() !== '');
    const lm = rest[lmIndex]?.startsWith('Last Modified:') ? (rest[lmIndex] ?? null) : null;
    const body = lm ? rest.filter((_, i) => i !== lmIndex) : rest;
    return { title: title.trim(), lastModifiedLine: lm?.trim() ?? null, body: body.join('\n') };
  };
  return { 'privacy-policy': toDoc(lines.slice(0, split)), 'california-privacy-notice': toDoc(lines.slice(split)) };
}

/**
 * Normalize text for a word-for-word comparison: list markers ("1.", "•") at the start of a
 * line are dropped, every run of whitespace (no-break spaces included) becomes one space.
 */
export function normalizeText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^[\s\u00a0]*(\d+\.|•)[\s\u00a0]+/, ''))
    .join('\n')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** First difference between two normalized texts, with context, for a readable failure. */
export function firstDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  return `at character ${i}:\n  actual:   …${actual.slice(Math.max(0, i - 60), i + 60)}…\n  expected: …${expected.slice(Math.max(0, i - 60), i + 60)}…`;
}
