/**
 * Whether a search found any word of its query. Pagefind answers a word it has not indexed with
 * the longest indexed word that starts like it (its issue #793): "nonexistentword" lists
 * "Non-Discrimination". So the UI compares the words Pagefind marked in its excerpts with the
 * query: a query word is found when a marked word has the same stem (Porter2, the Snowball
 * English stemmer Pagefind indexes with, so "policies" finds "policy"), or, for the last word,
 * which may still be being typed, when a marked word starts with it ("cook" → "cookies").
 */
import { stem } from 'porter2';
import type { SearchHit } from './hits.ts';

/** The words of a text, lower case: runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when at least one word of `query` is among `marked` (the excerpts' marked texts). */
export function queryFound(query: string, marked: readonly string[]): boolean {
  const words = wordsOf(query);
  const found = marked.flatMap(wordsOf);
  const stems = new Set(found.map((word) => stem(word)));
  const last = words.at(-1);
  return words.some((word) => stems.has(stem(word)) || (word === last && found.some((m) => m.startsWith(word))));
}

/** The hits of a search, or none when Pagefind found only words that merely start like the query's. */
export function hitsForQuery(query: string, hits: readonly SearchHit[]): readonly SearchHit[] {
  const marked = hits.flatMap((hit) => hit.excerpt.filter((part) => part.marked).map((part) => part.text));
  return queryFound(query, marked) ? hits : [];
}
