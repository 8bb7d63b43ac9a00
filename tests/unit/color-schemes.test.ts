/**
 * The dark colour scheme changes colours and nothing else: every declaration under
 * `@media (prefers-color-scheme: dark)` sets a custom property to a colour. The browser tests
 * rely on it: in the dark scheme they run only axe's colour rules (tests/e2e/support/axe.ts),
 * because no other rule's outcome can differ between the schemes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The bodies of the dark-scheme media blocks of a stylesheet (braces balanced). */
function darkBlocks(css: string): string[] {
  const blocks: string[] = [];
  const opening = /@media\s*\(\s*prefers-color-scheme:\s*dark\s*\)\s*\{/g;
  for (const match of css.matchAll(opening)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (depth > 0 && end < css.length) {
      if (css[end] === '{') depth++;
      if (css[end] === '}') depth--;
      end++;
    }
    blocks.push(css.slice(match.index + match[0].length, end - 1));
  }
  return blocks;
}

const declarations = (block: string): string[] =>
  block
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/[^{}]*\{([^{}]*)\}/g, '$1;')
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);

const stylesheets = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(css|astro)$/.test(file))
    .map((file) => path.join(dir, file));

describe('the dark colour scheme', () => {
  const sources = stylesheets('src').map((file) => ({ file, css: readFileSync(file, 'utf8') }));
  const blocks = sources.flatMap(({ file, css }) => darkBlocks(css).map((block) => ({ file, block })));

  it('exists (so the dark-scheme axe run checks something)', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it('only sets custom properties to colours', () => {
    const offending = blocks.flatMap(({ file, block }) =>
      declarations(block)
        .filter((declaration) => !/^--[a-z-]+\s*:\s*(#[0-9a-f]{3,8}|rgba?\([^)]*\)|hsla?\([^)]*\))$/i.test(declaration))
        .map((declaration) => `${file}: ${declaration}`),
    );
    expect(offending).toEqual([]);
  });

  it('is told apart from a declaration that is not a colour', () => {
    expect(declarations(darkBlocks('@media (prefers-color-scheme: dark) { a { display: none; } }')[0] ?? '')).toEqual([
      'display: none',
    ]);
  });
});
