/**
 * A broken content file fails the build with its path, the field and a hint.
 * Each case writes a real content folder and loads it the way the build does.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/lib/content/errors.ts';
import { loadContent } from '../../src/lib/content/load.ts';

const policies = ['privacy-policy', 'california-privacy-notice'];

function frontmatter(fields: Record<string, string | undefined>): string {
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n\nSome policy text.\n`;
}

const good = {
  title: 'AllWork Privacy Policy',
  version: '2024-04-25',
  lastModified: '2024-04-25',
  status: 'published',
};

/** Write files (relative path → content) into a fresh content folder and load it. */
function load(files: Record<string, string>): ContentError {
  const root = mkdtempSync(path.join(tmpdir(), 'policy-content-'));
  const dir = path.join(root, 'content/policies');
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  }
  try {
    loadContent(dir, { policies, root });
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected the content to be refused');
}

describe('broken content fails with file, field and hint', () => {
  it('loads good content', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'policy-content-'));
    mkdirSync(path.join(root, 'privacy-policy'));
    writeFileSync(path.join(root, 'privacy-policy/2024-04-25.mdx'), frontmatter(good));
    expect(loadContent(root, { policies })).toHaveLength(1);
  });

  it('missing title', () => {
    const error = load({ 'privacy-policy/2024-04-25.mdx': frontmatter({ ...good, title: undefined }) });
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: 'content/policies/privacy-policy/2024-04-25.mdx',
        field: 'title',
        line: 5,
        message: 'is required',
        hint: expect.stringContaining('title: AllWork Privacy Policy'),
      }),
    ]);
    expect(error.message).toMatchInlineSnapshot(`
      "Policy content has 1 problem:

      content/policies/privacy-policy/2024-04-25.mdx:5
        title: is required
        hint: Add a line like \`title: AllWork Privacy Policy\` to the front matter."
    `);
  });

  it('bad date', () => {
    const error = load({ 'privacy-policy/2024-04-25.mdx': frontmatter({ ...good, lastModified: '2024-02-30' }) });
    expect(error.problems).toEqual([
      expect.objectContaining({
        field: 'lastModified',
        line: 4,
        message: 'is "2024-02-30", which is not a real calendar date',
        hint: expect.stringContaining('YYYY-MM-DD'),
      }),
    ]);
    const wrongShape = load({ 'privacy-policy/2024-04-25.mdx': frontmatter({ ...good, effective: 'April 25, 2024' }) });
    // One problem for one mistake: not also "is not a real calendar date".
    expect(wrongShape.problems).toEqual([
      expect.objectContaining({
        field: 'effective',
        line: 6,
        message: 'is "April 25, 2024", but must be a date written as YYYY-MM-DD',
      }),
    ]);
  });

  it('version different from the file name', () => {
    const error = load({ 'privacy-policy/2024-04-26.mdx': frontmatter(good) });
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: 'content/policies/privacy-policy/2024-04-26.mdx',
        field: 'version',
        message: 'is "2024-04-25" but the file is named "2024-04-26.mdx"',
        hint: expect.stringContaining('version: 2024-04-26'),
      }),
    ]);
  });

  it('two versions with the same id', () => {
    const error = load({
      'privacy-policy/2024-04-25.mdx': frontmatter(good),
      'privacy-policy/2024-04-26.mdx': frontmatter(good),
    });
    expect(error.problems).toContainEqual(
      expect.objectContaining({
        file: 'content/policies/privacy-policy/2024-04-26.mdx',
        field: 'version',
        message: '"2024-04-25" is already used by content/policies/privacy-policy/2024-04-25.mdx',
        hint: expect.stringContaining('-2'),
      }),
    );
  });

  it('unknown status', () => {
    const error = load({ 'privacy-policy/2024-04-25.mdx': frontmatter({ ...good, status: 'final' }) });
    expect(error.problems).toEqual([
      expect.objectContaining({
        field: 'status',
        line: 5,
        message: 'is "final", but must be one of: draft, published',
        hint: expect.stringContaining('draft'),
      }),
    ]);
  });

  it('unknown field, unknown policy folder and unsupported markup, all at once', () => {
    const error = load({
      'privacy-policy/2024-04-25.mdx': frontmatter({ ...good, tittle: 'x' }),
      'privacy-polcy/2024-04-25.mdx': frontmatter(good),
      'california-privacy-notice/2024-04-25.mdx': `${frontmatter(good)}\n| a | b |\n| - | - |\n`,
    });
    expect(error.problems.map((p) => [p.field, p.message])).toEqual([
      ['body', 'A table is not allowed in policy text'],
      ['folder', '"privacy-polcy" is not a known policy'],
      ['tittle', 'is not a known field'],
    ]);
    expect(error.problems[0]?.line).toBe(10);
  });

  it('a published version after the first without a summary', () => {
    const error = load({
      'privacy-policy/2024-04-25.mdx': frontmatter(good),
      'privacy-policy/2025-01-10.mdx': frontmatter({ ...good, version: '2025-01-10', lastModified: '2025-01-10' }),
    });
    expect(error.problems).toEqual([
      expect.objectContaining({ file: 'content/policies/privacy-policy/2025-01-10.mdx', field: 'summary' }),
    ]);
  });
});
