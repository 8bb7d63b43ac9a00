/** The output folder emptied in the background (src/integrations/empty-out-dir.ts). */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { setAsideOutDir } from '../../src/integrations/empty-out-dir.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'empty-out-dir-'));
  roots.push(root);
  return root;
}

it('leaves an empty output folder at once, and deletes the old files by the time it resolves', async () => {
  const root = project();
  const outDir = path.join(root, 'dist');
  mkdirSync(path.join(outDir, 'client', 'privacy-policy'), { recursive: true });
  writeFileSync(path.join(outDir, 'client', 'privacy-policy', 'index.html'), '<p>old</p>');
  writeFileSync(path.join(root, 'keep.txt'), 'not part of the build');
  const deleting = setAsideOutDir(outDir);
  expect(readdirSync(outDir)).toEqual([]);
  await deleting;
  expect(readdirSync(root).sort()).toEqual(['dist', 'keep.txt']);
});

it('deletes a folder an interrupted build left aside, and works when there is no output folder yet', async () => {
  const root = project();
  const outDir = path.join(root, 'dist-fixtures');
  mkdirSync(path.join(root, 'dist-fixtures-old-123-456', 'client'), { recursive: true });
  mkdirSync(path.join(root, 'dist'));
  await setAsideOutDir(outDir);
  expect(existsSync(outDir)).toBe(false);
  expect(readdirSync(root)).toEqual(['dist']);
});
