/**
 * The signed fill time (src/lib/forms/fill-time.ts): values the server signed come back as the
 * time they were served; anything else is named for what it is. And the secret: from
 * FORM_SECRET, or a file made once with owner-only permissions and read again after a restart.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FillTime, loadFormSecret } from '../../src/lib/forms/fill-time.ts';

const now = 1_800_000_000_000;
const rules = { minFillMs: 3000, maxAgeMs: 86_400_000 };
const signer = new FillTime(Buffer.from('a test secret of thirty-two chars!'), rules);

describe('a signed fill time', () => {
  it('is time.signature, and checks back as the time it was served', () => {
    const value = signer.sign('contact', now - 10_000);
    expect(value).toMatch(/^1799999990000\.[A-Za-z0-9_-]{43}$/);
    expect(signer.check('contact', value, now)).toEqual({ ok: true, startedAt: now - 10_000 });
  });

  it.each([
    ['missing', undefined],
    ['missing', ''],
    // What the form sent before values were signed: a bare time anyone can write.
    ['forged', String(now - 10_000)],
    ['forged', `${now - 60_000}.${signer.sign('contact', now - 10_000).split('.')[1] ?? ''}`],
    ['forged', `${signer.sign('contact', now - 10_000)}x`],
    ['forged', ['1', '2']],
    ['too fast', signer.sign('contact', now - 500)],
    ['expired', signer.sign('contact', now - 86_400_001)],
    ['from the future', signer.sign('contact', now + 3_600_000)],
  ])('is refused as %s: %j', (problem, value) => {
    expect(signer.check('contact', value, now)).toEqual({ ok: false, problem });
  });

  it('belongs to one form and one secret', () => {
    const value = signer.sign('contact', now - 10_000);
    expect(signer.check('alerts', value, now)).toEqual({ ok: false, problem: 'forged' });
    const other = new FillTime(Buffer.from('another secret, also thirty-two chars'), rules);
    expect(other.check('contact', value, now)).toEqual({ ok: false, problem: 'forged' });
  });
});

describe('the form secret', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'form-secret-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('comes from FORM_SECRET when set, and must be long enough', () => {
    const secret = 'x'.repeat(32);
    expect(loadFormSecret({ FORM_SECRET: secret, FORM_SECRET_FILE: path.join(dir, 's') })).toEqual(Buffer.from(secret));
    expect(() => loadFormSecret({ FORM_SECRET: 'short' })).toThrow(/FORM_SECRET must be at least 32 characters/);
  });

  it('is made at first start in FORM_SECRET_FILE, owner-only, and the same after a restart', async () => {
    const file = path.join(dir, 'state', 'form-secret');
    const first = loadFormSecret({ FORM_SECRET_FILE: file });
    expect(first.length).toBe(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(loadFormSecret({ FORM_SECRET_FILE: file })).toEqual(first);
    // Values signed before the restart still check.
    const before = new FillTime(first, rules).sign('contact', now - 10_000);
    expect(new FillTime(loadFormSecret({ FORM_SECRET_FILE: file }), rules).check('contact', before, now)).toMatchObject(
      {
        ok: true,
      },
    );
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is refused when other users can read its file, saying how to fix it', async () => {
    const file = path.join(dir, 'form-secret');
    await writeFile(file, 'A'.repeat(43), { mode: 0o644 });
    expect(() => loadFormSecret({ FORM_SECRET_FILE: file })).toThrow(/can be read by other users.*chmod 600/);
  });

  it('is refused when its file holds no secret', async () => {
    const file = path.join(dir, 'form-secret');
    await writeFile(file, '\n', { mode: 0o600 });
    expect(() => loadFormSecret({ FORM_SECRET_FILE: file })).toThrow(/does not hold a form secret. Delete it/);
  });
});
