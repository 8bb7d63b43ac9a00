/** The golden-file helper: a missing golden fails the test instead of being written. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { golden, updatingGoldens } from '../helpers/golden.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'golden-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('golden', () => {
  it('fails on a missing golden file, names it, and writes nothing', () => {
    const file = path.join(dir, 'missing.txt');
    expect(() => golden(file, 'output', false)).toThrow(/missing\.txt is missing\. Run the test with UPDATE_GOLDEN=1/);
    expect(existsSync(file)).toBe(false);
  });

  it('returns what the golden file holds, not the actual output', () => {
    const file = path.join(dir, 'kept.txt');
    writeFileSync(file, 'reviewed\n');
    expect(golden(file, 'something else\n', false)).toBe('reviewed\n');
    expect(readFileSync(file, 'utf8')).toBe('reviewed\n');
  });

  it('writes the actual output when updating, creating its folder', () => {
    const file = path.join(dir, 'new/written.txt');
    expect(golden(file, 'fresh\n', true)).toBe('fresh\n');
    expect(readFileSync(file, 'utf8')).toBe('fresh\n');
  });

  it('updates only when UPDATE_GOLDEN is 1', () => {
    expect(updatingGoldens({ UPDATE_GOLDEN: '1' })).toBe(true);
    expect(updatingGoldens({})).toBe(false);
    expect(updatingGoldens({ UPDATE_GOLDEN: '' })).toBe(false);
    expect(updatingGoldens({ UPDATE_GOLDEN: '0' })).toBe(false);
  });
});
