/**
 * The outbox on disk and the delivery loop, against a real SMTP server on 127.0.0.1: delivered
 * once and then deleted, kept while the relay is down, moved to failed/ when refused for good,
 * resumed by a new loop (a restart), never delivered twice, and logged without content.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactConfig } from '../../src/lib/contact/config.ts';
import { composeMessage, smtpRelay } from '../../src/lib/contact/mailer.ts';
import { DeliveryLoop } from '../../src/lib/contact/delivery.ts';
import { backoffDelay } from '../../src/lib/contact/delivery-retry.ts';
import type { Log } from '../../src/lib/contact/log.ts';
import { Outbox } from '../../src/lib/contact/outbox.ts';
import { newReference } from '../../src/lib/contact/reference.ts';
import type { ContactSubmission } from '../../src/lib/contact/schema.ts';
import { eventually, SmtpSink } from '../helpers/smtp-sink.ts';

const secretName = 'Zelda Quixote';
const secretEmail = 'zelda.q@example.org';
const secretText = 'My account number is 12345';

let dir: string;
let sinks: SmtpSink[];
let loops: DeliveryLoop[];
let logLines: string[];
const log: Log = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'outbox-'));
  sinks = [];
  loops = [];
  logLines = [];
});
afterEach(async () => {
  for (const loop of loops) await loop.stop();
  for (const sink of sinks) await sink.close();
  await rm(dir, { recursive: true, force: true });
});

async function sink(options: Parameters<typeof SmtpSink.start>[0] = {}): Promise<SmtpSink> {
  const started = await SmtpSink.start(options);
  sinks.push(started);
  return started;
}

function config(smtpUrl: string | null) {
  return contactConfig({ OUTBOX_DIR: dir, ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}) });
}

async function enqueue(outbox: Outbox, message = secretText): Promise<string> {
  const reference = newReference();
  const submission: ContactSubmission = {
    name: secretName,
    email: secretEmail,
    about: { topic: 'policy-question' },
    message,
    honeypot: '',
    started: '',
  };
  const raw = await composeMessage(submission, { reference, receivedAt: new Date(), config: config(null) });
  await outbox.enqueue(reference, raw);
  return reference;
}

function loop(outbox: Outbox, smtpUrl: string | null, giveUpAfterMs = 86_400_000): DeliveryLoop {
  const created = new DeliveryLoop({
    outbox,
    relay: smtpUrl ? smtpRelay(config(smtpUrl)) : null,
    retryMinMs: 20,
    retryMaxMs: 200,
    giveUpAfterMs,
    rescanMs: 50,
    log,
  });
  loops.push(created);
  return created;
}

describe('Outbox', () => {
  it('stores complete owner-only files, oldest first, and no temporary file stays behind', async () => {
    const outbox = new Outbox(dir);
    const first = await outbox.enqueue('AW-0000-0001', Buffer.from('one'), new Date('2026-01-01T00:00:00Z'));
    await outbox.enqueue('AW-0000-0002', Buffer.from('two'), new Date('2026-01-01T00:00:01Z'));
    expect(first).toBe('20260101T000000000Z-AW-0000-0001.eml');
    const pending = await outbox.pending();
    expect(pending.map((entry) => entry.reference)).toEqual(['AW-0000-0001', 'AW-0000-0002']);
    expect(pending[0]?.queuedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect((await stat(path.join(dir, first))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a file name that is not a reference', async () => {
    await expect(new Outbox(dir).enqueue('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/reference/);
  });

  it('moves refused messages to failed/ with a reason, and back on retry', async () => {
    const outbox = new Outbox(dir);
    const name = await outbox.enqueue('AW-0000-0003', Buffer.from('x'));
    await outbox.markFailed(name, 'EENVELOPE, SMTP 550');
    expect(await outbox.pending()).toEqual([]);
    expect(await outbox.failed()).toMatchObject([{ reference: 'AW-0000-0003', reason: 'EENVELOPE, SMTP 550' }]);
    expect(await outbox.retry('AW-9999-9999')).toBe(0);
    expect(await outbox.retry('AW-0000-0003')).toBe(1);
    expect(await outbox.failed()).toEqual([]);
    expect(await outbox.pending()).toMatchObject([{ reference: 'AW-0000-0003' }]);
  });

  it('clears temporary files a crash left behind, once they are old', async () => {
    const outbox = new Outbox(dir);
    await outbox.ensure();
    const old = path.join(dir, '.x.eml.1234.tmp');
    const fresh = path.join(dir, '.y.eml.5678.tmp');
    await writeFile(old, 'half');
    await writeFile(fresh, 'half');
    await utimes(old, new Date(0), new Date(0));
    expect(await outbox.removeStaleTemporaries(60_000)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['.y.eml.5678.tmp', 'failed']);
  });
});

describe('DeliveryLoop', () => {
  it('delivers each message once to the support address, then deletes it', async () => {
    const smtp = await sink();
    const outbox = new Outbox(dir);
    const references = [await enqueue(outbox), await enqueue(outbox), await enqueue(outbox)];
    await loop(outbox, smtp.url).start();
    await eventually(async () => (await outbox.pending()).length === 0, 'an empty outbox');
    expect(smtp.received.map((m) => m.mail.headers.get('x-allwork-reference')).sort()).toEqual([...references].sort());
    expect(smtp.received.every((m) => m.envelopeTo.join() === 'support@allworknow.com')).toBe(true);
  });

  it('picks up a new message when nudged', async () => {
    const smtp = await sink();
    const outbox = new Outbox(dir);
    const delivery = loop(outbox, smtp.url);
    await delivery.start();
    const reference = await enqueue(outbox);
    delivery.nudge();
    await eventually(() => smtp.withReference(reference).length === 1, 'the message');
  });

  it('keeps messages while the relay is down and delivers them, once, when it is back', async () => {
    const first = await sink();
    const port = first.port;
    await first.close();
    sinks = [];
    const outbox = new Outbox(dir);
    const reference = await enqueue(outbox);
    await loop(outbox, `smtp://127.0.0.1:${port}/?ignoreTLS=true`).start();
    await eventually(() => logLines.some((line) => line.startsWith('relay unavailable')), 'a failed attempt');
    expect(await outbox.pending()).toHaveLength(1);
    const back = await sink({ port });
    await eventually(() => back.withReference(reference).length === 1, 'delivery after the relay came back');
    await eventually(async () => (await outbox.pending()).length === 0, 'an empty outbox');
    await new Promise((resolve) => setTimeout(resolve, 300)); // several more passes
    expect(back.withReference(reference)).toHaveLength(1);
  });

  it('retries a message the relay defers (4xx) and moves one it refuses (5xx) to failed/', async () => {
    let deferrals = 0;
    const smtp = await sink({
      refuse: (raw) => {
        if (raw.includes('refuse-me')) return 550;
        if (raw.includes('defer-me') && deferrals++ < 2) return 451;
        return null;
      },
    });
    const outbox = new Outbox(dir);
    const refused = await enqueue(outbox, 'please refuse-me');
    const deferred = await enqueue(outbox, 'please defer-me');
    await loop(outbox, smtp.url).start();
    await eventually(() => smtp.withReference(deferred).length === 1, 'the deferred message');
    await eventually(async () => (await outbox.failed()).length === 1, 'the refused message in failed/');
    expect(await outbox.pending()).toEqual([]);
    expect(await outbox.failed()).toMatchObject([{ reference: refused, reason: 'EMESSAGE, SMTP 550' }]);
    expect(smtp.withReference(refused)).toEqual([]);
    expect(deferrals).toBe(3);
    await eventually(
      () => logLines.join('\n').includes(`${refused} refused by the relay (EMESSAGE, SMTP 550)`),
      'the refusal in the log',
    );
  });

  it('gives up a message the relay keeps deferring once it is older than OUTBOX_GIVE_UP_AFTER_MS', async () => {
    const smtp = await sink({ refuse: () => 451 });
    const outbox = new Outbox(dir);
    const reference = await enqueue(outbox);
    // Long enough for a retry before the limit even when a loaded machine delays the first attempt
    // (retries come every 20–200 ms); short enough to give up soon.
    await loop(outbox, smtp.url, 2000).start();
    await eventually(async () => (await outbox.failed()).length === 1, 'the message given up, in failed/');
    expect(smtp.mailFromCount).toBeGreaterThan(1); // deferred, retried, then given up
    const [failed] = await outbox.failed();
    expect(failed).toMatchObject({ reference, givenUp: true });
    expect(failed?.reason).toMatch(/^deferred for \d+ (ms|s), given up \(EMESSAGE, SMTP 451\)$/);
    expect(await outbox.pending()).toEqual([]);
    // The warning follows the move to failed/, so it may land a moment after the file does.
    const givenUp = new RegExp(`${reference} given up \\(deferred for`);
    await eventually(() => givenUp.test(logLines.join('\n')), 'the given-up warning in the log');
  });

  it('resumes after a restart: a new loop delivers, once, what a stopped process left', async () => {
    const smtp = await sink();
    const outbox = new Outbox(dir);
    // Left by a process that stored them and stopped before sending (no relay configured then).
    const before = loop(outbox, null);
    await before.start();
    const references = [await enqueue(outbox), await enqueue(outbox)];
    before.nudge();
    await before.stop();
    expect(smtp.received).toEqual([]);
    // The restarted process: a new loop on the same folder, started, never nudged.
    await loop(new Outbox(dir), smtp.url).start();
    await eventually(async () => (await outbox.pending()).length === 0, 'an empty outbox');
    await new Promise((resolve) => setTimeout(resolve, 200)); // several more passes
    for (const reference of references) expect(smtp.withReference(reference)).toHaveLength(1);
  });

  it('without SMTP_URL keeps the files and says once where they are and how to configure delivery', async () => {
    const outbox = new Outbox(dir);
    await enqueue(outbox);
    const delivery = loop(outbox, null);
    await delivery.start();
    delivery.nudge();
    delivery.nudge();
    expect(await outbox.pending()).toHaveLength(1);
    const notes = logLines.filter((line) => line.includes('SMTP_URL is not set'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(dir);
    expect(notes[0]).toContain('.eml');
  });

  it('never logs who wrote or what they wrote', async () => {
    const smtp = await sink({ refuse: (raw) => (raw.includes('refuse-me') ? 554 : null) });
    const outbox = new Outbox(dir);
    await enqueue(outbox);
    await enqueue(outbox, `${secretText} refuse-me`);
    await loop(outbox, smtp.url).start();
    await eventually(async () => (await outbox.pending()).length === 0, 'an empty outbox');
    const text = logLines.join('\n');
    expect(text).toMatch(/delivered/);
    for (const secret of [secretName, secretEmail, secretText, 'Zelda', 'example.org'])
      expect(text).not.toContain(secret);
  });
});

describe('npm run outbox', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/outbox.ts', ...args], {
      env: { ...process.env, OUTBOX_DIR: dir, SMTP_URL: '' },
      encoding: 'utf8',
    });

  it('lists pending and failed messages by reference, without their content', async () => {
    const outbox = new Outbox(dir);
    const pending = await enqueue(outbox);
    const refused = await enqueue(outbox);
    const [, refusedName] = (await outbox.pending()).map((entry) => entry.name);
    await outbox.markFailed(refusedName ?? '', 'EMESSAGE, SMTP 550');
    const givenUp = await enqueue(outbox);
    const givenUpName = (await outbox.pending()).find((entry) => entry.reference === givenUp)?.name ?? '';
    await outbox.markFailed(givenUpName, 'deferred for 5 h, given up (EMESSAGE, SMTP 451)', new Date(), true);
    const listing = run();
    expect(listing.status).toBe(0);
    expect(listing.stdout).toMatch(new RegExp(`Pending \\(1\\)\\n  ${pending}  queued `));
    expect(listing.stdout).toMatch(/Failed \(2: 1 refused, 1 given up\), in failed\/:/);
    expect(listing.stdout).toMatch(new RegExp(`\\n  ${refused} .*refused: EMESSAGE, SMTP 550`));
    expect(listing.stdout).toMatch(new RegExp(`\\n  ${givenUp} .*given up: deferred for 5 h, given up`));
    for (const secret of [secretName, secretEmail, secretText]) expect(listing.stdout).not.toContain(secret);

    const retried = run('retry', refused);
    expect(retried.status).toBe(0);
    expect((await outbox.pending()).map((entry) => entry.reference).sort()).toEqual([pending, refused].sort());
    expect(run('retry', givenUp).status).toBe(0); // given up or refused, put back the same way
    expect(run('retry', refused).status).toBe(1);
    expect(run('nonsense').status).toBe(2);
  });
});

describe('backoffDelay', () => {
  it('doubles from the minimum up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 100].map((n) => backoffDelay(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });
});
