/**
 * The inline-style hashes the CSP allows (src/lib/server/inline-styles.ts): computed as the
 * browser computes them, from the built pages, each once.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtStyleHashes, styleHashesIn } from '../../src/lib/server/inline-styles.ts';

const hash = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('inline-style hashes', () => {
  it("hashes each <style>'s exact text, nothing around it", () => {
    const html = '<head><style>a{color:red}</style><style media="print"> b{} </style></head><p>style</p>';
    expect(styleHashesIn(html)).toEqual([hash('a{color:red}'), hash(' b{} ')]);
    expect(styleHashesIn('<link rel="stylesheet" href="/a.css">')).toEqual([]);
  });

  it('collects every distinct hash of a build, in every folder, sorted', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'inline-styles-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'privacy-policy/2024-04-25'), { recursive: true });
    await writeFile(path.join(dir, 'index.html'), '<style>x{}</style>');
    await writeFile(path.join(dir, 'privacy-policy/2024-04-25/index.html'), '<style>x{}</style>');
    await writeFile(path.join(dir, 'privacy-policy/index.html'), '<style>y{}</style>');
    await writeFile(path.join(dir, 'privacy-policy/style.css'), '<style>not a page</style>');
    expect(await builtStyleHashes(dir)).toEqual([hash('x{}'), hash('y{}')].sort());
  });
});
