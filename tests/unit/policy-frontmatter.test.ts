/** Front-matter edits by `new` and `publish` change only the named lines. */
import { describe, expect, it } from 'vitest';
import { editFrontmatter } from '../../src/lib/cli/frontmatter.ts';

const source = [
  '---',
  'title: AllWork Privacy Policy',
  'version: 2025-01-15',
  'lastModified: 2025-01-15',
  'effective: 2025-02-01',
  'status: published',
  'summary: >',
  '  We added a sentence',
  '',
  '  and fixed a typo.',
  'sha256: 0123',
  '---',
  '',
  'Text: with a colon, kept as written.',
  '',
].join('\n');

describe('editFrontmatter', () => {
  it('replaces, removes (with continuation lines) and adds fields; the text is untouched', () => {
    const out = editFrontmatter(source, {
      version: '2025-06-01',
      effective: null,
      summary: '',
      sha256: null,
      status: 'draft',
      change: 'editorial',
    });
    expect(out).toMatchInlineSnapshot(`
      "---
      title: AllWork Privacy Policy
      version: 2025-06-01
      lastModified: 2025-01-15
      status: draft
      summary: ""
      change: editorial
      ---

      Text: with a colon, kept as written.
      "
    `);
  });

  it('quotes values YAML would misread, and keeps long values on one line', () => {
    const long = 'We explain '.repeat(20).trim();
    const out = editFrontmatter(source, { sha256: '1234e5', summary: long });
    expect(out).toContain('\nsha256: "1234e5"\n');
    expect(out).toContain(`\nsummary: ${long}\n`);
  });

  it('keeps Windows line endings', () => {
    const out = editFrontmatter(source.replaceAll('\n', '\r\n'), { status: 'draft' });
    expect(out).toBe(source.replace('status: published', 'status: draft').replaceAll('\n', '\r\n'));
  });

  it('refuses a file without front matter', () => {
    expect(() => editFrontmatter('Just text\n', { status: 'draft' })).toThrow('no front matter');
  });
});
