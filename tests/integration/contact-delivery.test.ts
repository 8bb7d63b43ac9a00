/**
 * The contact form end to end, without a browser: the built site served by the real server
 * (`node dist/server/main.mjs`), delivering to a real SMTP server (smtp-server) on
 * 127.0.0.1. A message must arrive exactly once whatever happens in between: the relay down,
 * the server killed mid-delivery, a permanent refusal (then it waits in failed/ instead).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeFormName } from '../../src/lib/alerts/form.ts';
import { messages } from '../../src/lib/contact/schema.ts';
import { errorStates } from '../fixtures/contact/form-states.ts';
import { signedStart, SiteServer } from '../helpers/site-server.ts';
import { eventually, SmtpSink } from '../helpers/smtp-sink.ts';

const supportEmail = 'help@support.test';
/** Everything a sender typed in this file: none of it may ever appear in a log. */
const sender = { name: 'Quentin Marlowe-Ibsen', email: 'quentin.mi@example.net' };
const typed: string[] = [sender.name, sender.email, 'Quentin', 'example.net'];

let outbox: string;
let smtp: SmtpSink;
let smtpPort: number;
let server: SiteServer;
const serverLogs: string[] = [];
/** Every reference the server accepted, and how many copies the relay must end up with. */
const expected = new Map<string, number>();

function env(): Record<string, string> {
  return {
    OUTBOX_DIR: outbox,
    // The alerts' subscriber database (the alerts form shares the server), beside the outbox.
    DATA_DIR: `${outbox}-data`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}/?ignoreTLS=true`,
    SUPPORT_EMAIL: supportEmail,
    CONTACT_MIN_FILL_MS: '0',
    CONTACT_RATE_LIMIT: '3',
    // The tests set the client address with X-Forwarded-For, as a proxy would.
    TRUST_PROXY: 'true',
    OUTBOX_RETRY_MIN_MS: '50',
    OUTBOX_RETRY_MAX_MS: '400',
    OUTBOX_RESCAN_MS: '200',
  };
}

async function startServer(): Promise<void> {
  server = await SiteServer.start(env());
}

async function stopServer(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  await server.stop(signal);
  serverLogs.push(server.log);
}

let clients = 0;
/** Posts the form as a browser without JavaScript does, from a new client address each time. */
async function post(
  fields: Record<string, string>,
  options: { origin?: string | null; client?: string; type?: string } = {},
) {
  const headers: Record<string, string> = {
    'Content-Type': options.type ?? 'application/x-www-form-urlencoded',
    'X-Forwarded-For': options.client ?? `198.51.100.${++clients}`,
  };
  const origin = options.origin === undefined ? server.url : options.origin;
  if (origin) headers.Origin = origin;
  const body = options.type === 'application/json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
  return fetch(`${server.url}/api/contact`, { method: 'POST', headers, body, redirect: 'manual' });
}

function submission(message: string, extra: Record<string, string> = {}): Record<string, string> {
  typed.push(message);
  return { ...sender, topic: 'policy-question', message, website: '', started: signedStart(), ...extra };
}

/** The reference from a 303 to the confirmation page. */
function referenceOf(response: Response): string {
  expect(response.status).toBe(303);
  const location = response.headers.get('location') ?? '';
  const match = /^\/contact\/sent\/\?ref=(AW-[0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(location);
  expect(match, `Location: ${location}`).not.toBeNull();
  return match?.[1] ?? '';
}

async function files(folder = outbox): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.eml'));
}

beforeAll(async () => {
  outbox = await mkdtemp(path.join(tmpdir(), 'contact-outbox-'));
  smtp = await SmtpSink.start({ refuse: (raw) => (raw.includes('please-refuse-this') ? 550 : null) });
  smtpPort = smtp.port;
  await startServer();
});

afterAll(async () => {
  await stopServer();
  await smtp.close();
  await rm(outbox, { recursive: true, force: true });
  await rm(`${outbox}-data`, { recursive: true, force: true });
});

describe('a message', () => {
  it('arrives at the support address with the right subject, Reply-To and body', async () => {
    const response = await post(
      submission('How long do you keep\r\nlog files?', {
        topic: 'alternative-format',
        document: 'privacy-policy',
        format: 'braille',
      }),
    );
    const reference = referenceOf(response);
    expected.set(reference, 1);

    const page = await fetch(`${server.url}/contact/sent/?ref=${reference}`);
    expect(await page.text()).toContain(reference);

    const [message] = await eventually(() => {
      const found = smtp.withReference(reference);
      return found.length ? found : null;
    }, 'the message at the relay');
    expect(message?.envelopeTo).toEqual([supportEmail]);
    expect(message?.mail.subject).toBe(`[${reference}] Alternative format: Privacy Policy, Braille`);
    expect(message?.mail.replyTo?.value).toEqual([{ name: sender.name, address: sender.email }]);
    expect(message?.mail.messageId).toBe(`<${reference.toLowerCase()}.contact@policies.allworknow.com>`);
    expect(message?.mail.text).toContain('Message:\nHow long do you keep\nlog files?\n');
    expect(message?.mail.text).toContain('Format: Braille');
    await eventually(async () => (await files()).length === 0, 'the outbox emptied');
  });

  it('from an international domain, under a name that hides an address, reaches the relay as plain ASCII', async () => {
    const tricky = { name: '=?UTF-8?Q?Support_=3Csupport=40allworknow.com=3E?=', email: 'anna@bücher.de' };
    typed.push(tricky.name, tricky.email);
    const reference = referenceOf(await post(submission('Mein Name ist ungewöhnlich.', tricky)));
    expected.set(reference, 1);
    const [message] = await eventually(() => {
      const found = smtp.withReference(reference);
      return found.length ? found : null;
    }, 'the message at the relay');
    const head = message?.raw.split('\r\n\r\n')[0] ?? '';
    // Punycode on the wire, no display name that a mail client could show as our address.
    expect(head).toMatch(/^Reply-To: anna@xn--bcher-kva\.de$/m);
    expect(/[^\x00-\x7f]/.test(head)).toBe(false);
    // A mail client (here mailparser) shows the domain as the sender typed it.
    expect(message?.mail.replyTo?.value).toEqual([{ name: '', address: 'anna@bücher.de' }]);
    expect(message?.mail.text).toContain(`Name: ${tricky.name}\nEmail: anna@bücher.de\n`);
  });

  it('with a line break in the format description is refused with a field error, never sent', async () => {
    const response = await post(
      submission('Forged lines.', {
        topic: 'alternative-format',
        document: 'privacy-policy',
        format: 'other',
        formatOther: 'Audio\r\nName: Support\r\nEmail: support@allworknow.com',
      }),
      { type: 'application/json' },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      errors: [{ field: 'formatOther', message: messages.formatOther.oneLine }],
    });
  });

  it('sent by the enhanced form (JSON) arrives the same way', async () => {
    const response = await post(submission('Sent with JavaScript.'), { type: 'application/json' });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { reference: string; location: string };
    expect(answer.location).toBe(`/contact/sent/?ref=${answer.reference}`);
    expected.set(answer.reference, 1);
    await eventually(() => smtp.withReference(answer.reference).length === 1, 'the message at the relay');
  });

  it('stays in the outbox while the relay is down, and arrives once it is back', async () => {
    await smtp.close();
    const reference = referenceOf(await post(submission('Written while the relay was down.')));
    expected.set(reference, 1);
    expect((await files()).some((name) => name.endsWith(`${reference}.eml`))).toBe(true);
    await eventually(() => server.log.includes('relay unavailable'), 'a failed delivery attempt');
    expect((await files()).some((name) => name.endsWith(`${reference}.eml`))).toBe(true);

    const received = smtp.received;
    smtp = await SmtpSink.start({ port: smtpPort, refuse: (raw) => (raw.includes('please-refuse-this') ? 550 : null) });
    smtp.received.push(...received);
    await eventually(() => smtp.withReference(reference).length === 1, 'delivery once the relay is back');
    await eventually(async () => (await files()).length === 0, 'the outbox emptied');
  });

  it('refused for good by the relay moves to failed/, is logged by reference only, and is never delivered', async () => {
    const reference = referenceOf(await post(submission('Text that makes the relay say please-refuse-this.')));
    expected.set(reference, 0);
    const failedDir = path.join(outbox, 'failed');
    await eventually(async () => (await files(failedDir)).some((name) => name.endsWith(`${reference}.eml`)), 'failed/');
    expect(await files()).toEqual([]);
    await eventually(
      () => server.log.includes(`${reference} refused by the relay (EMESSAGE, SMTP 550)`),
      'the log line naming the reference and the reply code',
    );
  });

  it('answered, then the server killed mid-delivery: arrives after the restart, once', async () => {
    smtp.hold(); // the relay stalls at MAIL FROM: the message is in flight when the process dies
    const attempts = smtp.mailFromCount;
    const reference = referenceOf(await post(submission('Sent just before a crash.')));
    expected.set(reference, 1);
    await eventually(() => smtp.mailFromCount > attempts, 'a delivery in flight');
    await stopServer('SIGKILL');
    smtp.release();
    expect(smtp.withReference(reference)).toEqual([]);
    expect((await files()).some((name) => name.endsWith(`${reference}.eml`))).toBe(true);

    await startServer(); // resumes on its own: no request needed
    await eventually(() => smtp.withReference(reference).length === 1, 'delivery after the restart');
    await eventually(async () => (await files()).length === 0, 'the outbox emptied');
  });
});

describe('the endpoint', () => {
  it('refuses cross-site form posts (Astro origin check) and stores nothing', async () => {
    const before = (await files()).length;
    const foreign = await post(submission('From another site.'), { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const none = await post(submission('No Origin header.'), { origin: null });
    expect(none.status).toBe(403);
    const json = await post(submission('JSON from another site.'), {
      origin: 'https://evil.example',
      type: 'application/json',
    });
    expect(json.status).toBe(403);
    expect((await files()).length).toBe(before);
  });

  it('refuses other content types (415) and bodies over 32 KB (413)', async () => {
    expect((await post(submission('x'), { type: 'text/plain' })).status).toBe(415);
    expect((await post(submission('x'), { type: 'application/xml' })).status).toBe(415);
    const big = await post(submission('x'.repeat(40_000)));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('too long to send');
  });

  it('shows the form again, without JavaScript, with every error and the values kept', async () => {
    for (const state of errorStates) {
      const response = await post({ ...state.fill, website: '', started: signedStart() });
      expect(response.status, state.name).toBe(422);
      const html = await response.text();
      expect(html).toContain('<title>Error: Contact us');
      const summary = [...html.matchAll(/<li>\s*<a href="(#[\w-]+)">([^<]+)<\/a>\s*<\/li>/g)].map((m) => m[2]);
      expect(summary, state.name).toEqual(state.errors.map(([, message]) => message.replace(/'/g, '&#39;')));
      for (const [, message] of state.errors)
        expect(html).toContain(`<span class="error-marker">Error:</span> ${message}`);
      if (state.fill.email) expect(html).toContain(`value="${state.fill.email}"`);
    }
    expect(messages.name.empty).toBe('Enter your name');
  });

  it('limits each client to 3 messages a minute: 429 with Retry-After, the form and values kept', async () => {
    const client = '203.0.113.77';
    for (let i = 0; i < 3; i++) {
      expected.set(referenceOf(await post(submission(`Message ${i} in a burst.`), { client })), 1);
    }
    const limited = await post(submission('One too many.'), { client });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await limited.text();
    expect(html).toContain('You have sent too many messages in a short time.');
    expect(html).toContain('One too many.</textarea>');
  });

  it('counts an IPv6 client by its /64: hopping between its addresses does not escape the limit', async () => {
    for (let i = 1; i <= 3; i++) {
      const client = `2001:db8:77:1:${i}::${i}`;
      expected.set(referenceOf(await post(submission(`IPv6 message ${i}.`), { client })), 1);
    }
    expect(
      (await post(submission('From yet another address of the /64.'), { client: '2001:db8:77:1::ffff' })).status,
    ).toBe(429);
    // The next /64 is another subscriber.
    expected.set(referenceOf(await post(submission('From the next /64.'), { client: '2001:db8:77:2::1' })), 1);
  });

  it('limits the alerts form the same way: 429 with Retry-After, the address kept', async () => {
    const client = '203.0.113.78';
    const subscribe = (fields: Record<string, string>) =>
      fetch(`${server.url}/api/subscribe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': client, Origin: server.url },
        body: new URLSearchParams({
          'policy-privacy-policy': 'yes',
          started: signedStart(undefined, subscribeFormName),
          ...fields,
        }).toString(),
        redirect: 'manual',
      });
    // A bot's requests count too (and, answered as usual, store and send nothing).
    for (let i = 0; i < 3; i++)
      expect((await subscribe({ email: `bot${i}@example.net`, website: 'x' })).status).toBe(303);
    const limited = await subscribe({ email: 'burst@example.net', website: '' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await limited.text();
    expect(html).toContain('You have asked too many times in a short time.');
    expect(html).toContain('value="burst@example.net"');
  });

  it('drops bots silently: the same answer, nothing delivered', async () => {
    const trapped = await post(submission('I am a bot.', { website: 'http://spam.example' }));
    const reference = referenceOf(trapped);
    expected.set(reference, 0);
    expect((await files()).some((name) => name.includes(reference))).toBe(false);
  });

  it.each([
    ['a bare time, as the form carried before the server signed it', () => String(Date.now() - 5000)],
    ['a signed time with the time changed', () => signedStart().replace(/^\d+/, String(Date.now() - 9000))],
  ])('drops a start time the server did not sign (%s): the same answer, nothing stored', async (_case, started) => {
    const reference = referenceOf(await post(submission('My start time is made up.', { started: started() })));
    expected.set(reference, 0);
    expect((await files()).some((name) => name.includes(reference))).toBe(false);
    await eventually(() => server.log.includes('dropped a submission (start time forged)'), 'the log line');
  });

  it('takes the start time the form page served', async () => {
    const reference = referenceOf(
      await post(submission('Started on the page.', { started: await server.formStart() })),
    );
    expected.set(reference, 1);
    await eventually(() => smtp.withReference(reference).length === 1, 'the message at the relay');
  });
});

describe('the delivery loop', () => {
  it('is started once per process, by the server, and reached by the endpoint', async () => {
    // The server starts its loop before it listens; the endpoint must not start another one
    // (two loops would race for the same files) but nudge this one.
    const response = await post(submission('One loop, however many posts.'));
    const reference = referenceOf(response);
    expected.set(reference, 1);
    await eventually(() => smtp.withReference(reference).length === 1, 'the message at the relay');
    expect(server.log.match(/\[contact\] delivering from /g)).toHaveLength(1);
    expect(server.log.indexOf('[contact] delivering from')).toBeLessThan(server.log.indexOf('listening on'));
  });
});

describe('in the end', () => {
  it('every accepted message was delivered exactly once (refused and trapped ones never)', async () => {
    await eventually(async () => (await files()).length === 0, 'the outbox emptied');
    await new Promise((resolve) => setTimeout(resolve, 500)); // a few more delivery passes
    const counts = Object.fromEntries(
      [...expected.keys()].map((reference) => [reference, smtp.withReference(reference).length]),
    );
    expect(counts).toEqual(Object.fromEntries(expected));
    expect(smtp.received).toHaveLength([...expected.values()].reduce((sum, n) => sum + n, 0));
  });

  it('the logs never contained a name, an address or message text', () => {
    const logs = [...serverLogs, server.log].join('\n');
    expect(logs).toMatch(/queued/);
    for (const text of typed.filter((t) => t.length >= 6)) expect(logs).not.toContain(text);
  });
});
