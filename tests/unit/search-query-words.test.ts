/**
 * "No results" when no word of the query is in the text (src/lib/search/query-words.ts): Pagefind
 * answers an unknown word with an indexed word that starts like it, and the UI must not list
 * those as results.
 */
import { describe, expect, it } from 'vitest';
import { queryFound } from '../../src/lib/search/query-words.ts';

describe('queryFound', () => {
  it('rejects what Pagefind substitutes for a made-up word: a shorter word it starts like', () => {
    expect(queryFound('nonexistentword', ['Non'])).toBe(false);
    expect(queryFound('nonexistentword', ['Non-Discrimination'])).toBe(false);
    expect(queryFound('cookiemonster', ['cookies'])).toBe(false);
  });

  it('accepts the same stem, either way round, in any case', () => {
    expect(queryFound('cookie', ['Cookies'])).toBe(true);
    expect(queryFound('policies', ['policy'])).toBe(true);
    expect(queryFound('authorized', ['authorization'])).toBe(true);
  });

  it('accepts the start of the last word, being typed, but not of an earlier one', () => {
    expect(queryFound('cook', ['cookies'])).toBe(true);
    expect(queryFound('authorized ag', ['agents'])).toBe(true);
    expect(queryFound('ag zzzz', ['agents'])).toBe(false);
  });

  it('is found when any one word of the query is', () => {
    expect(queryFound('xylophone cookies', ['cookies'])).toBe(true);
    expect(queryFound('xylophone', [])).toBe(false);
  });
});
