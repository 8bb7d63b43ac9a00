/**
 * The build's caches of per-version work (src/lib/cache/json-cache.ts): document models keyed by
 * the parser's code and the text, provenance keyed by the code, the commits of HEAD and the base
 * branch, and the file. A hit must be exactly what was computed for the same key; anything the
 * answer depends on must change the key; an error is never cached.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseDocumentCached } from '../../src/lib/document/cache.ts';
import { DocumentParseError, parseDocument } from '../../src/lib/document/parse.ts';
import { createPolicyRepo } from '../helpers/policy-repo.ts';

let dir: string;
const cached = (): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'build-cache-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('the document cache', () => {
  beforeEach(() => vi.stubEnv('DOCUMENTS_CACHE_DIR', dir));
  const body = '## 1. Scope\n\nWe collect **little**.\n\n- one\n- two\n';

  it('stores the model the parser makes, and answers the same input from the store', () => {
    const first = parseDocumentCached('Policy', body, 4);
    expect(first).toEqual(parseDocument('Policy', body, 4));
    const [file] = cached();
    expect(file).toBeDefined();
    // Prove the second answer comes from the store: change what is stored under the key.
    const stored = path.join(dir, file ?? '');
    writeFileSync(stored, readFileSync(stored, 'utf8').replace('Scope', 'Stored'));
    expect(JSON.stringify(parseDocumentCached('Policy', body, 4))).toContain('Stored');
  });

  it('keys on the title, the body and the line offset', () => {
    parseDocumentCached('Policy', body, 4);
    parseDocumentCached('Other title', body, 4);
    parseDocumentCached('Policy', `${body}\nMore.\n`, 4);
    parseDocumentCached('Policy', body, 5);
    expect(cached()).toHaveLength(4);
  });

  it('never caches a parse error: the file reports its problem every time', () => {
    const broken = '## Scope\n\n<Unknown />\n';
    expect(() => parseDocumentCached('Policy', broken)).toThrow(DocumentParseError);
    expect(() => parseDocumentCached('Policy', broken)).toThrow(DocumentParseError);
    expect(cached()).toEqual([]);
  });

  it('treats a torn file as a miss', () => {
    parseDocumentCached('Policy', body);
    const [file] = cached();
    writeFileSync(path.join(dir, file ?? ''), '{"title": "Pol');
    expect(parseDocumentCached('Policy', body)).toEqual(parseDocument('Policy', body));
  });

  it('is off with DOCUMENTS_CACHE_DIR=off', () => {
    vi.stubEnv('DOCUMENTS_CACHE_DIR', 'off');
    parseDocumentCached('Policy', body);
    expect(cached()).toEqual([]);
  });
});

describe('the provenance cache', () => {
  const file = 'content/policies/privacy-policy/2024-04-25.mdx';
  // versionProvenance memoises per process: each "build" gets fresh modules.
  async function build(repoFile: string) {
    vi.resetModules();
    const { versionProvenance } = await import('../../src/lib/publishing/provenance.ts');
    return versionProvenance(repoFile);
  }

  it('answers an unchanged checkout from the store, and a new commit computes it again', async () => {
    vi.stubEnv('PROVENANCE_CACHE_DIR', dir);
    const repo = await createPolicyRepo();
    const first = await build(repo.path(file));
    expect(first).toMatchObject({ available: true, short: repo.commits.get('initial') });
    const [stored] = cached();
    expect(stored).toBeDefined();
    const storedFile = path.join(dir, stored ?? '');
    writeFileSync(storedFile, readFileSync(storedFile, 'utf8').replace('Dana Legal', 'From the store'));
    expect(await build(repo.path(file))).toMatchObject({ author: 'From the store' });

    // Any new commit moves HEAD: the history may say something else now, so it is read again.
    repo.write('README.md', 'Policies.\n');
    await repo.commit('readme', 'Add a readme', '2024-05-01T12:00:00Z');
    expect(await build(repo.path(file))).toMatchObject({ author: 'Dana Legal' });
    expect(cached()).toHaveLength(2);
  });
});
