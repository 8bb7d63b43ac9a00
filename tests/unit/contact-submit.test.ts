/**
 * What POST /api/contact does with a request, with real Request objects and a real outbox on
 * disk: content types, the 32 KB limit, header injection, the honeypot and the time trap, the
 * rate limit, and the durable write before the answer.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactConfig } from '../../src/lib/contact/config.ts';
import { FillTime } from '../../src/lib/forms/fill-time.ts';
import type { Log } from '../../src/lib/contact/log.ts';
import { Outbox } from '../../src/lib/contact/outbox.ts';
import { RateLimiter } from '../../src/lib/contact/rate-limit.ts';
import { messages } from '../../src/lib/contact/schema.ts';
import { handleSubmission, notices, type SubmitDependencies } from '../../src/lib/contact/submit.ts';

const origin = 'http://127.0.0.1:4321';
const now = 1_800_000_000_000;
const fillTime = new FillTime(Buffer.from('the contact tests sign with this secret'), {
  minFillMs: 3000,
  maxAgeMs: 86_400_000,
});
const fields = {
  name: 'Jane Doe',
  email: 'jane@example.com',
  topic: 'policy-question',
  message: 'How long do you keep logs?',
  website: '',
  started: fillTime.sign('contact', now - 10_000),
};

let dir: string;
let nudges: number;
let logLines: string[];

function dependencies(overrides: Partial<SubmitDependencies> = {}): SubmitDependencies {
  const config = contactConfig({ OUTBOX_DIR: dir, CONTACT_RATE_LIMIT: '2', CONTACT_MIN_FILL_MS: '3000' });
  const log: Log = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };
  return {
    config,
    limiter: new RateLimiter(config.rateLimit, config.rateWindowMs),
    fillTime,
    outbox: new Outbox(dir),
    nudge: () => nudges++,
    log,
    now: () => now,
    ...overrides,
  };
}

function formPost(body: string | Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(`${origin}/api/contact`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...headers },
    body: typeof body === 'string' ? body : new URLSearchParams(body).toString(),
  });
}

function jsonPost(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${origin}/api/contact`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function stored(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.eml'));
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'outbox-'));
  nudges = 0;
  logLines = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a valid submission', () => {
  it('is on disk (owner-only) before the answer, and the loop is nudged', async () => {
    const { format, result } = await handleSubmission(formPost(fields), '10.0.0.1', dependencies());
    expect(format).toBe('form');
    expect(result).toMatchObject({ kind: 'accepted', stored: true });
    const files = await stored();
    expect(files).toHaveLength(1);
    expect(files[0]).toContain(result.kind === 'accepted' ? result.reference : 'none');
    expect((await stat(path.join(dir, files[0] ?? ''))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await readFile(path.join(dir, files[0] ?? ''), 'utf8')).toContain('Reply-To: Jane Doe <jane@example.com>');
    expect(nudges).toBe(1);
  });

  it('is accepted as JSON too (the enhanced form)', async () => {
    const { format, result } = await handleSubmission(jsonPost(fields), '10.0.0.1', dependencies());
    expect(format).toBe('json');
    expect(result.kind).toBe('accepted');
    expect(await stored()).toHaveLength(1);
  });
});

describe('requests our form never sends', () => {
  it.each([
    ['text/plain', 'name=x'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/xml', '<a/>'],
  ])('%s is refused with 415', async (type, body) => {
    const request = new Request(`${origin}/api/contact`, { method: 'POST', headers: { 'Content-Type': type }, body });
    const { result } = await handleSubmission(request, '10.0.0.1', dependencies());
    expect(result).toMatchObject({ kind: 'refused', status: 415 });
  });

  it('a body over 32 KB is refused unread (Content-Length) or as soon as it passes 32 KB', async () => {
    const big = { ...fields, message: 'x'.repeat(40_000) };
    const declared = await handleSubmission(jsonPost(big), '10.0.0.1', dependencies());
    expect(declared.result).toMatchObject({ kind: 'refused', status: 413 });

    // Streamed without a length: counted while reading.
    const chunk = new TextEncoder().encode('x'.repeat(8192));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request(`${origin}/api/contact`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const { result } = await handleSubmission(request, '10.0.0.1', dependencies());
    expect(result).toMatchObject({ kind: 'form', state: { status: 413 } });
    expect(sent).toBeLessThan(10); // stopped reading
    expect(await stored()).toEqual([]);
  });

  it('unknown fields, repeated fields and non-text values are refused with 400', async () => {
    for (const request of [
      formPost({ ...fields, to: 'attacker@example.com' }),
      formPost(`${new URLSearchParams(fields).toString()}&email=second@example.com`),
      jsonPost({ ...fields, message: ['a'] }),
      jsonPost(['not', 'an', 'object']),
      jsonPost('just text'),
    ]) {
      const { result } = await handleSubmission(request, '10.0.0.1', dependencies());
      expect(result).toMatchObject({ kind: 'refused', status: 400 });
    }
    expect(await stored()).toEqual([]);
  });

  it('a JSON post from another origin is refused with 403', async () => {
    const { result } = await handleSubmission(
      jsonPost(fields, { Origin: 'https://evil.example' }),
      '10.0.0.1',
      dependencies(),
    );
    expect(result).toMatchObject({ kind: 'refused', status: 403 });
  });
});

describe('errors', () => {
  it('come back with the values kept and the original start time', async () => {
    const input = { ...fields, email: 'not-an-email', message: 'keep me' };
    const { result } = await handleSubmission(formPost(input), '10.0.0.1', dependencies());
    expect(result).toMatchObject({
      kind: 'form',
      state: {
        status: 422,
        errors: [{ field: 'email', message: messages.email.format }],
        values: { name: 'Jane Doe', email: 'not-an-email', message: 'keep me', topic: 'policy-question' },
        started: fields.started,
      },
    });
    expect(result.kind === 'form' && 'website' in result.state.values).toBe(false);
  });

  it('header injection in the name is an error, never a header', async () => {
    const { result } = await handleSubmission(
      formPost({ ...fields, name: 'Eve\r\nBcc: victim@example.com' }),
      '10.0.0.1',
      dependencies(),
    );
    expect(result).toMatchObject({
      kind: 'form',
      state: { errors: [{ field: 'name', message: messages.name.oneLine }] },
    });
    expect(await stored()).toEqual([]);
  });
});

describe('bots', () => {
  it.each([
    ['the honeypot is filled in', { website: 'http://spam.example' }],
    ['the form came back faster than a person can fill it', { started: fillTime.sign('contact', now - 500) }],
    ['there is no start time', { started: '' }],
    ['the start time is in the future', { started: fillTime.sign('contact', now + 3_600_000) }],
    // A time the server did not sign: the bare number the form used to carry, easy to make up.
    ['the start time is not signed', { started: String(now - 10_000) }],
    [
      'the start time is signed with another secret',
      {
        started: new FillTime(Buffer.from('x'.repeat(32)), { minFillMs: 0, maxAgeMs: 1e9 }).sign(
          'contact',
          now - 10_000,
        ),
      },
    ],
    ['the start time was signed for another form', { started: fillTime.sign('alerts', now - 10_000) }],
  ])('%s: answered like anyone else, but nothing is stored or sent', async (_case, change) => {
    const { result } = await handleSubmission(formPost({ ...fields, ...change }), '10.0.0.1', dependencies());
    expect(result).toMatchObject({ kind: 'accepted', stored: false });
    expect(await stored()).toEqual([]);
    expect(nudges).toBe(0);
    expect(logLines.join('\n')).toMatch(/dropped a submission/);
  });
});

describe('a form left open too long', () => {
  it('comes back with the values, a notice and a fresh signed time; nothing is stored', async () => {
    const input = { ...fields, started: fillTime.sign('contact', now - 86_400_001) };
    const { result } = await handleSubmission(formPost(input), '10.0.0.1', dependencies());
    expect(result).toMatchObject({
      kind: 'form',
      state: { status: 422, values: { message: fields.message }, notices: [notices.expired()] },
    });
    const started = result.kind === 'form' ? result.state.started : '';
    expect(fillTime.check('contact', started, now + 5000)).toEqual({ ok: true, startedAt: now });
    expect(await stored()).toEqual([]);
  });
});

describe('the rate limit', () => {
  it('answers 429 with Retry-After seconds after the limit, per client, keeping the values', async () => {
    const deps = dependencies();
    for (let i = 0; i < 2; i++) {
      expect((await handleSubmission(formPost(fields), '10.0.0.1', deps)).result.kind).toBe('accepted');
    }
    const third = await handleSubmission(formPost(fields), '10.0.0.1', deps);
    expect(third.result).toMatchObject({
      kind: 'form',
      retryAfterSeconds: 60,
      state: { status: 429, values: { message: fields.message } },
    });
    expect(third.result.kind === 'form' && third.result.state.notices[0]).toContain('Wait 60 seconds');
    // Another client is not affected.
    expect((await handleSubmission(formPost(fields), '10.0.0.2', deps)).result.kind).toBe('accepted');
    expect(await stored()).toHaveLength(3);
  });

  it('does not count submissions with errors: correcting mistakes never locks anyone out', async () => {
    const deps = dependencies();
    for (let i = 0; i < 5; i++) await handleSubmission(formPost({ ...fields, email: 'x' }), '10.0.0.1', deps);
    expect((await handleSubmission(formPost(fields), '10.0.0.1', deps)).result.kind).toBe('accepted');
  });
});

describe('when the outbox cannot be written', () => {
  it('says so (503) and keeps the values, never claiming the message was sent', async () => {
    const file = path.join(dir, 'not-a-folder');
    await writeFile(file, '');
    const deps = dependencies({ outbox: new Outbox(path.join(file, 'outbox')) });
    const { result } = await handleSubmission(formPost(fields), '10.0.0.1', deps);
    expect(result).toMatchObject({ kind: 'form', state: { status: 503, values: { message: fields.message } } });
    expect(result.kind === 'form' && result.state.notices[0]).toContain('has not been sent');
    expect(nudges).toBe(0);
  });
});

describe('logs', () => {
  it('never contain the name, address or message', async () => {
    const deps = dependencies();
    await handleSubmission(formPost(fields), '10.0.0.1', deps);
    await handleSubmission(formPost({ ...fields, website: 'x' }), '10.0.0.1', deps);
    const text = logLines.join('\n');
    expect(text).toMatch(/AW-\w{4}-\w{4} queued/);
    for (const secret of [fields.name, fields.email, fields.message, 'Jane', 'example.com']) {
      expect(text).not.toContain(secret);
    }
  });
});
