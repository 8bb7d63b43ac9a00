/**
 * The render cache: a build with one new version renders only that version's files; a change to
 * one renderer's code renders only that format again; a hit returns exactly the bytes rendered.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readVersionRecords } from '../../src/lib/versions/index.ts';
import { cacheDir, cacheKey, renderCached } from '../../src/lib/formats/cache.ts';
import { formatSource } from '../../src/lib/formats/files.ts';
import type { FormatRenderer } from '../../src/lib/formats/format.ts';
import { markdownFormat } from '../../src/lib/formats/markdown.ts';
import { textFormat } from '../../src/lib/formats/text.ts';
import { site } from '../../src/site.config.ts';

const fixtures = readVersionRecords('tests/fixtures/content');
const privacy = fixtures
  .filter((v) => v.policy === 'privacy-policy')
  .sort((a, b) => a.version.localeCompare(b.version))
  .map((v) => formatSource(v, site.siteUrl));

/** A renderer that counts its renders; the same id and code as the real one, so the same keys. */
function counting(format: FormatRenderer): FormatRenderer & { renders: string[] } {
  const renders: string[] = [];
  return {
    ...format,
    renders,
    render(source) {
      renders.push(source.version);
      return format.render(source);
    },
  };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'formats-cache-'));
}

/** A copy of the project's renderer code (and a link to its packages) to edit without touching ours. */
function projectCopy(files: readonly string[]): string {
  const root = tempDir();
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    cpSync(file, path.join(root, file));
  }
  symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  return root;
}

describe('format cache', () => {
  const saved = process.env.FORMATS_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.FORMATS_CACHE_DIR;
    else process.env.FORMATS_CACHE_DIR = saved;
  });

  it('has three fixture versions to work with', () => {
    expect(privacy.map((s) => s.version)).toEqual(['2024-04-25', '2025-01-15', '2025-09-01']);
  });

  it('a build with one new version renders only that version', async () => {
    const dir = tempDir();
    const format = counting(textFormat);
    const [first, second, third] = privacy as [(typeof privacy)[0], (typeof privacy)[0], (typeof privacy)[0]];
    for (const source of [first, second]) await renderCached(format, source, { dir });
    expect(format.renders).toEqual(['2024-04-25', '2025-01-15']);
    format.renders.length = 0;
    const results = [];
    for (const source of [first, second, third]) results.push(await renderCached(format, source, { dir }));
    expect(format.renders).toEqual(['2025-09-01']);
    expect(results.map((r) => r.cached)).toEqual([true, true, false]);
  });

  it('a hit returns exactly the bytes that were rendered', async () => {
    const dir = tempDir();
    const source = privacy[0]!;
    const cold = await renderCached(markdownFormat, source, { dir });
    const warm = await renderCached(markdownFormat, source, { dir });
    expect(warm.cached).toBe(true);
    expect(Buffer.from(warm.bytes).equals(Buffer.from(cold.bytes))).toBe(true);
    expect(Buffer.from(warm.bytes).equals(Buffer.from(await markdownFormat.render(source)))).toBe(true);
  });

  it("editing one renderer's code renders that format again, and only that one", async () => {
    const root = projectCopy([...new Set([...textFormat.code.files, ...markdownFormat.code.files])]);
    const dir = tempDir();
    const text = counting(textFormat);
    const markdown = counting(markdownFormat);
    const source = privacy[0]!;
    await renderCached(text, source, { dir, root });
    await renderCached(markdown, source, { dir, root });
    const before = cacheKey(text, source, root);
    // A new copy of the project whose text renderer differs by one comment.
    const edited = projectCopy([...new Set([...textFormat.code.files, ...markdownFormat.code.files])]);
    writeFileSync(path.join(edited, 'src/lib/formats/text.ts'), '// edited\n', { flag: 'a' });
    expect(cacheKey(text, source, edited)).not.toBe(before);
    expect(cacheKey(markdown, source, edited)).toBe(cacheKey(markdown, source, root));
    text.renders.length = 0;
    markdown.renders.length = 0;
    await renderCached(text, source, { dir, root: edited });
    await renderCached(markdown, source, { dir, root: edited });
    expect(text.renders).toEqual(['2024-04-25']);
    expect(markdown.renders).toEqual([]);
  });

  it('a change to the text (or anything the renderer reads) is a different key', () => {
    const source = privacy[0]!;
    const retitled = { ...source, title: `${source.title}.` };
    const redated = { ...source, lastModified: '2024-04-26' };
    const keys = new Set([cacheKey(textFormat, source), cacheKey(textFormat, retitled), cacheKey(textFormat, redated)]);
    expect(keys.size).toBe(3);
    // Same input, same key: the key does not depend on time or place.
    expect(
      cacheKey(
        textFormat,
        formatSource(
          fixtures.find((v) => v.version === source.version && v.policy === 'privacy-policy')!,
          site.siteUrl,
        ),
      ),
    ).toBe(cacheKey(textFormat, source));
  });

  it('keeps at most three files per format and version as the code changes', async () => {
    const dir = tempDir();
    const source = privacy[0]!;
    for (let edit = 0; edit < 5; edit++) {
      const root = projectCopy(textFormat.code.files);
      writeFileSync(path.join(root, 'src/lib/formats/text.ts'), `// edit ${edit}\n`, { flag: 'a' });
      await renderCached(textFormat, source, { dir, root });
    }
    const kept = readdirSync(path.join(dir, source.policy, source.version)).filter((name) => name.startsWith('text-'));
    expect(kept).toHaveLength(3);
  });

  it('names a missing renderer file with a hint', () => {
    const root = tempDir();
    expect(() => cacheKey(textFormat, privacy[0]!, root)).toThrow(
      /lists src\/lib\/[a-z/]+\.ts as its code.*Run the build from the project root/,
    );
  });

  it('is on by default in node_modules/.cache/formats, moves with FORMATS_CACHE_DIR and turns off with "off"', async () => {
    delete process.env.FORMATS_CACHE_DIR;
    expect(cacheDir()).toBe(path.resolve('node_modules/.cache/formats'));
    process.env.FORMATS_CACHE_DIR = 'off';
    expect(cacheDir()).toBeNull();
    const format = counting(textFormat);
    await renderCached(format, privacy[0]!);
    await renderCached(format, privacy[0]!);
    expect(format.renders).toHaveLength(2);
  });
});
