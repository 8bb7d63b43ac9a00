/**
 * The document parser with a disk cache: a version's model is stored under the hash of the
 * parser's code (its files and packages, hashed as the formats cache hashes a renderer) and of
 * what it parses (title, body, line offset). Parsing MDX is most of the time a build spends
 * reading content (about 60 ms a version here), and published versions never change, so a build
 * after the first parses only new and edited versions. A parse error is never cached: the file
 * is parsed again and reports its problem every time.
 *
 * `node_modules/.cache/documents/` (`DOCUMENTS_CACHE_DIR` to move it, `off` to disable it). When
 * the parser's source files are not under the working directory (a bundle, another directory),
 * it parses without the cache rather than guess a key.
 */
import { existsSync } from 'node:fs';
import { cacheFolder, cacheKey, readCachedJson, writeCachedJson } from '../cache/json-cache.ts';
import { codeHash, type CodeOf } from '../formats/cache.ts';
import type { PolicyDocument } from './model.ts';
import { parseDocument } from './parse.ts';

const parser: CodeOf = {
  id: 'document',
  name: 'document parser',
  code: {
    files: ['src/lib/document/parse.ts', 'src/lib/document/model.ts', 'src/lib/document/cache.ts'],
    packages: ['remark-parse', 'remark-mdx', 'remark-gfm', 'unified', 'github-slugger'],
  },
};

let code: string | null | undefined;

/** The parser's code hash, or null when its files are not under the working directory. */
function parserCode(): string | null {
  code ??= parser.code.files.every((file) => existsSync(file)) ? codeHash(parser) : null;
  return code;
}

/** `parseDocument`, answered from the cache when this parser has parsed the same input before. */
export function parseDocumentCached(title: string, body: string, lineOffset = 0): PolicyDocument {
  const dir = cacheFolder('documents', 'DOCUMENTS_CACHE_DIR');
  const hash = dir === null ? null : parserCode();
  if (dir === null || hash === null) return parseDocument(title, body, lineOffset);
  const key = cacheKey(hash, title, String(lineOffset), body);
  const cached = readCachedJson(dir, key) as PolicyDocument | undefined;
  if (cached) return cached;
  const document = parseDocument(title, body, lineOffset);
  writeCachedJson(dir, key, document);
  return document;
}
