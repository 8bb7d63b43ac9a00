/**
 * Change alerts end to end, without a browser: the fixtures build served by the real server
 * (`node dist-fixtures/server/main.mjs`) with its subscriber database on disk, a real SMTP
 * server, a real git repository with a bare origin where a new version is published, and
 * `npm run alerts` as its own process (as the deploy runs it). Subscribe → confirmation →
 * confirm → publish → send → one message per subscriber and version, with working links.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src/lib/alerts/database.ts';
import { subscribeFormName } from '../../src/lib/alerts/form.ts';
import { createPolicyRepo, type PolicyRepo } from '../helpers/policy-repo.ts';
import { onFreePorts } from '../helpers/ports.ts';
import { runProcess } from '../helpers/process.ts';
import { signedStart as signedStartFor, SiteServer } from '../helpers/site-server.ts';
import { eventually, SmtpSink, type ReceivedMessage } from '../helpers/smtp-sink.ts';

const fixtures = path.resolve('tests/fixtures/content');
const policies = ['privacy-policy', 'california-privacy-notice'];
/** Every address in this file: none may ever appear in a log. */
const addresses: string[] = [];
/** What every `alerts send` printed. */
const sendLogs: string[] = [];

let scratch: string;
let dataDir: string;
let outbox: string;
let siteUrl: string;
let smtp: SmtpSink;
let server: SiteServer;
let repo: PolicyRepo;

function cliEnv(contentDir: string): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: dataDir, OUTBOX_DIR: outbox, CONTENT_DIR: contentDir, SITE_URL: siteUrl };
}

/** `npm run alerts -- …args`; `send` with the content of a fresh checkout of the origin's main branch. */
async function alerts(...args: string[]) {
  const checkout = args[0] === 'send' ? repo.cloneOrigin() : repo;
  const result = await runProcess(process.execPath, ['--import', 'tsx', 'scripts/alerts.ts', ...args], {
    env: cliEnv(checkout.path('content/policies')),
  });
  if (args[0] === 'send') sendLogs.push(result.stdout, result.stderr);
  return result;
}

let clients = 0;
function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: server.url,
      'X-Forwarded-For': `198.51.100.${++clients}`,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** The subscribe form's `started` value as the test server signs it, five seconds ago. */
const signedStart = () => signedStartFor(undefined, subscribeFormName);

function subscribe(
  address: string,
  choices: { policies?: string[]; substantiveOnly?: boolean; started?: string } = {},
) {
  if (!addresses.includes(address)) addresses.push(address);
  const fields: Record<string, string> = { email: address, website: '', started: choices.started ?? signedStart() };
  for (const id of choices.policies ?? policies) fields[`policy-${id}`] = 'yes';
  if (choices.substantiveOnly) fields['substantive-only'] = 'yes';
  return post('/api/subscribe', fields);
}

const to = (address: string) => (message: ReceivedMessage) => message.envelopeTo.includes(address);
const kind = (message: ReceivedMessage) => message.mail.headers.get('x-allwork-alert');
const confirmations = (address: string) => smtp.received.filter(to(address)).filter((m) => kind(m) === 'confirmation');
const alertsTo = (address: string) => smtp.received.filter(to(address)).filter((m) => kind(m) === 'alert');

/** The confirmation link of the `nth` confirmation sent to `address` (1: the first). */
async function confirmationLink(address: string, nth = 1): Promise<string> {
  const message = await eventually(() => confirmations(address)[nth - 1], `confirmation ${nth} for ${address}`);
  const link = /http:\/\/[\d.:]+\/subscribe\/confirm\/\?token=[\w-]{43}/.exec(message.mail.text ?? '')?.[0];
  expect(link).toBeDefined();
  return link ?? '';
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

async function confirm(link: string): Promise<string> {
  const page = await fetch(link);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Confirm your email alerts');
  const done = await post('/subscribe/confirm/', { token: tokenOf(link), action: 'confirm' });
  expect(done.status).toBe(200);
  return done.text();
}

async function subscribeAndConfirm(address: string, choices?: { policies?: string[]; substantiveOnly?: boolean }) {
  expect((await subscribe(address, choices)).status).toBe(303);
  return confirm(await confirmationLink(address));
}

/** Publishes the fixture version `version` of `policy` on the origin's main branch. */
async function publish(policy: string, version: string, isoDate: string): Promise<void> {
  mkdirSync(repo.path(`content/policies/${policy}`), { recursive: true });
  copyFileSync(path.join(fixtures, policy, `${version}.mdx`), repo.path(`content/policies/${policy}/${version}.mdx`));
  await repo.commit(`${policy}-${version}`, `Publish ${policy} ${version}`, isoDate);
  await repo.push();
}

function database() {
  return new Database(path.join(dataDir, databaseFileName));
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'alerts-'));
  dataDir = path.join(scratch, 'data');
  outbox = path.join(scratch, 'outbox');
  smtp = await SmtpSink.start();
  // The server's own URL goes into the links it sends, so its port is chosen before it starts.
  server = await onFreePorts(1, ([port = 0]) => {
    siteUrl = `http://127.0.0.1:${port}`;
    return SiteServer.start(
      {
        PORT: String(port),
        SITE_URL: siteUrl,
        DATA_DIR: dataDir,
        OUTBOX_DIR: outbox,
        SMTP_URL: smtp.url,
        CONTACT_MIN_FILL_MS: '0',
        CONTACT_RATE_LIMIT: '1000',
        TRUST_PROXY: 'true',
        OUTBOX_RETRY_MIN_MS: '50',
        OUTBOX_RETRY_MAX_MS: '400',
        OUTBOX_RESCAN_MS: '100',
      },
      { outDir: 'dist-fixtures' },
    );
  });
  repo = await createPolicyRepo({ seed: false, origin: true });
  for (const policy of policies) {
    mkdirSync(repo.path(`content/policies/${policy}`), { recursive: true });
    for (const version of ['2024-04-25', '2025-01-15']) {
      copyFileSync(
        path.join(fixtures, policy, `${version}.mdx`),
        repo.path(`content/policies/${policy}/${version}.mdx`),
      );
    }
  }
  await repo.commit('initial', 'Publish the policies', '2025-01-15T12:00:00Z');
  await repo.push();
}, 120_000);

afterAll(async () => {
  await server.stop();
  await smtp.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('subscribing', () => {
  it('records what was published before as announced on the first send, and mails nobody', async () => {
    const first = await alerts('send');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('first run: 4 published versions recorded as announced');
    expect(first.stdout).toContain('0 alert messages queued');
  });

  it('answers the same for a new address and one already subscribed, and sends a link each time', async () => {
    const first = await subscribe('ada@example.net');
    const again = await subscribe('ada@example.net');
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('location')).toBe('/subscribe/sent/');
    const message = await eventually(() => confirmations('ada@example.net')[1], 'two confirmations');
    expect(message.mail.subject).toBe('Confirm your email alerts from AllWork Policies');
    expect(message.mail.html).toContain('<a href="http://127.0.0.1');
    // The second link replaced the first.
    const [old, current] = [await confirmationLink('ada@example.net', 1), await confirmationLink('ada@example.net', 2)];
    expect((await fetch(old)).status).toBe(404);
    expect(await confirm(current)).toContain('Your email alerts are confirmed');
  });

  it('shows the form again with GOV.UK errors, and sends nothing, for a wrong address or no policy', async () => {
    const response = await post('/api/subscribe', { email: 'not an address', website: '', started: '1' });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('Enter an email address in the correct format, like name@example.com');
    expect(page).toContain('Select at least one policy');
    expect(page).toContain('value="not an address"');
  });

  it('sends at most 3 confirmations to one address in a day, answering the same every time', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await subscribe('hal@example.net')).headers.get('location'));
    expect(new Set(answers)).toEqual(new Set(['/subscribe/sent/']));
    await eventually(() => confirmations('hal@example.net').length === 3, 'three confirmations');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(confirmations('hal@example.net')).toHaveLength(3);
  });

  it('answers a bot (a start time the server did not sign, or the honeypot) the same, and sends nothing', async () => {
    const forged = await subscribe('ivy@example.net', { started: String(Date.now() - 5000) });
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toBe('/subscribe/sent/');
    const honeypot = await post('/api/subscribe', {
      email: 'ivy@example.net',
      'policy-privacy-policy': 'yes',
      website: 'https://spam.example',
      started: signedStart(),
    });
    expect(honeypot.status).toBe(303);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.filter(to('ivy@example.net'))).toHaveLength(0);
    expect(server.log).toContain('dropped a subscription request (start time forged)');
  });

  it('offers a new link on an expired one, which then confirms', async () => {
    expect((await subscribe('gus@example.net')).status).toBe(303);
    const link = await confirmationLink('gus@example.net');
    const db = database();
    db.prepare('UPDATE subscribers SET confirm_expires_at = ? WHERE address = ?').run(
      Date.now() - 1,
      'gus@example.net',
    );
    db.close();
    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This link has expired');
    const confirming = await post('/subscribe/confirm/', { token: tokenOf(link), action: 'confirm' });
    expect(confirming.status).toBe(410);
    const renew = await post('/subscribe/confirm/', { token: tokenOf(link), action: 'renew' });
    expect(renew.status).toBe(303);
    expect(renew.headers.get('location')).toBe('/subscribe/sent/');
    expect(await confirm(await confirmationLink('gus@example.net', 2))).toContain('Your email alerts are confirmed');
  });
});

describe('a new version', () => {
  it('reaches each confirmed subscriber once per version they asked for, with working links', async () => {
    await subscribeAndConfirm('bo@example.net', { policies: ['privacy-policy'] });
    await subscribeAndConfirm('cy@example.net', { substantiveOnly: true });
    expect((await subscribe('dee@example.net')).status).toBe(303); // never confirmed
    await confirmationLink('dee@example.net');

    await publish('privacy-policy', '2025-09-01', '2025-09-01T12:00:00Z'); // editorial
    await publish('california-privacy-notice', '2025-09-01', '2025-09-01T12:05:00Z'); // substantive
    const run = await alerts('send');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('privacy-policy 2025-09-01: an alert recorded for 3 subscribers');
    expect(run.stdout).toContain('california-privacy-notice 2025-09-01: an alert recorded for 3 subscribers');

    // ada and gus: both policies, every change; bo: the Privacy Policy; cy: substantive only.
    const expected: Record<string, string[]> = {
      'ada@example.net': ['california-privacy-notice', 'privacy-policy'],
      'gus@example.net': ['california-privacy-notice', 'privacy-policy'],
      'bo@example.net': ['privacy-policy'],
      'cy@example.net': ['california-privacy-notice'],
    };
    await eventually(
      () => Object.entries(expected).every(([address, list]) => alertsTo(address).length === list.length),
      'the alerts at the relay',
    );
    const policyOf = (m: ReceivedMessage) =>
      (m.mail.subject ?? '').startsWith('Privacy Policy ') ? 'privacy-policy' : 'california-privacy-notice';
    for (const [address, list] of Object.entries(expected)) {
      expect(alertsTo(address).map(policyOf).sort(), address).toEqual(list);
    }
    expect(alertsTo('dee@example.net')).toHaveLength(0);
    expect(alertsTo('hal@example.net')).toHaveLength(0);

    const [alert] = alertsTo('cy@example.net');
    const mail = alert?.mail;
    expect(mail?.subject).toBe(
      'Privacy Notice for California Residents updated: version of September 1, 2025 (substantive change)',
    );
    expect(mail?.text).toContain('Takes effect: September 1, 2025');
    expect(mail?.text).toContain('Summary: We no longer use information for contest entries');
    expect(mail?.html).toContain('Unsubscribe</a>');
    expect(alert?.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(alert?.raw).toMatch(
      /^List-Unsubscribe:\s+<http:\/\/127\.0\.0\.1:\d+\/api\/unsubscribe\?token=[\w-]{43}>\r$/m,
    );
    const links = [...(mail?.text ?? '').matchAll(/http:\/\/127\.0\.0\.1:\d+\/\S+/g)].map((m) => m[0]);
    expect(links.map((link) => new URL(link).pathname)).toEqual([
      '/california-privacy-notice/2025-09-01/',
      '/california-privacy-notice/2025-09-01/changes/',
      '/unsubscribe/',
      '/subscribe/',
    ]);
    for (const link of links) expect((await fetch(link)).status, link).toBe(200);
  });

  it('is not sent again by a second run', async () => {
    const before = smtp.received.length;
    const run = await alerts('send');
    expect(run.stdout).toContain('0 alert messages queued');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(smtp.received.length).toBe(before);
  });
});

describe('leaving', () => {
  it('works from the page with one button, as often as it is used, and nothing is sent after', async () => {
    const [alert] = alertsTo('bo@example.net');
    const link = /http:\/\/\S+\/unsubscribe\/\?token=[\w-]{43}/.exec(alert?.mail.text ?? '')?.[0] ?? '';
    const page = await fetch(link);
    expect(await page.text()).toMatch(/<button type="submit" class="button">\s*Unsubscribe\s*<\/button>/);
    for (let i = 0; i < 2; i++) {
      const done = await post('/unsubscribe/', { token: tokenOf(link), action: 'unsubscribe' });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('You are unsubscribed');
    }
    const exported = await alerts('export', 'bo@example.net');
    expect(exported.code).toBe(1);
  });

  it('works with the RFC 8058 one-click POST, with no Origin and no page', async () => {
    const [alert] = alertsTo('cy@example.net');
    const target = /^List-Unsubscribe:\s+<([^>]+)>/m.exec(alert?.raw ?? '')?.[1] ?? '';
    const oneClick = () =>
      fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const first = await oneClick();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await oneClick()).status).toBe(200);
    expect((await alerts('export', 'cy@example.net')).code).toBe(1);
    const wrongBody = await fetch(target, { method: 'POST', body: 'hello' });
    expect(wrongBody.status).toBe(400);
    const unknown = await fetch(`${server.url}/api/unsubscribe?token=${'a'.repeat(43)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unknown.status).toBe(404);
  });
});

describe('a send killed half-way', () => {
  it('is completed by the next run, each subscriber getting the alert exactly once', async () => {
    const db = database();
    const insert = db.prepare(
      `INSERT INTO subscribers (address, policies, substantive_only, pending_policies, pending_substantive_only,
         created_at, confirmed_at) VALUES (?, 'privacy-policy', 0, 'privacy-policy', 0, 0, 0)`,
    );
    const many = Array.from({ length: 150 }, (_, i) => `reader${i}@bulk.example`);
    db.transaction(() => {
      for (const address of many) insert.run(address);
    })();
    db.close();
    addresses.push(...many);
    repo.writeVersion('privacy-policy', { version: '2026-06-01', summary: 'A new version for the crash test.' });
    await repo.commit('crash', 'Publish privacy-policy 2026-06-01', '2026-06-01T12:00:00Z');
    await repo.push();

    const checkout = repo.cloneOrigin();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/alerts.ts', 'send'], {
      env: { ...cliEnv(checkout.path('content/policies')), ALERTS_SEND_BATCH: '10' },
      stdio: 'ignore',
    });
    const exited = once(child, 'exit');
    await eventually(
      async () => (await readdir(outbox).catch(() => [])).some((n) => n.endsWith('.staged')),
      'a staged message',
      60_000,
    );
    child.kill('SIGKILL');
    await exited;
    const check = database();
    const { queued } = check
      .prepare("SELECT COUNT(*) AS queued FROM alert_messages WHERE version = '2026-06-01' AND state = 'queued'")
      .get() as { queued: number };
    check.close();
    const recipients = ['ada@example.net', 'gus@example.net', ...many];
    expect(queued).toBeLessThan(recipients.length); // stopped before it was done

    const rerun = await alerts('send');
    expect(rerun.code).toBe(0);
    const isCrashAlert = (m: ReceivedMessage) => kind(m) === 'alert' && (m.mail.subject ?? '').includes('June 1, 2026');
    await eventually(
      () => smtp.received.filter(isCrashAlert).length >= recipients.length,
      'every crash-test alert',
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    const counts = new Map<string, number>();
    for (const m of smtp.received.filter(isCrashAlert))
      for (const r of m.envelopeTo) counts.set(r, (counts.get(r) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...recipients].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});

describe('support', () => {
  it('exports and deletes an address on request', async () => {
    const exported = await alerts('export', 'ADA@example.net');
    expect(exported.code).toBe(0);
    const record = JSON.parse(exported.stdout) as { address: string; confirmed: unknown; alertsQueued: number };
    expect(record.address).toBe('ada@example.net');
    expect(record.confirmed).toEqual({ policies, substantiveOnly: false });
    expect(record.alertsQueued).toBe(3);
    const listed = await alerts('list');
    expect(listed.stdout).toContain('ada@example.net\tconfirmed');
    expect(listed.stdout).toContain('dee@example.net\tnot confirmed');
    const deleted = await alerts('delete', 'ada@example.net');
    expect(deleted.code).toBe(0);
    expect((await alerts('export', 'ada@example.net')).code).toBe(1);
    expect((await alerts('delete', 'ada@example.net')).code).toBe(1);
  });

  it('counts subscribers in /healthz, for the machine itself', async () => {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { counts?: Record<string, number> };
    expect(health.counts?.confirmed).toBeGreaterThan(150);
    expect(health.counts?.unconfirmed).toBe(2); // dee and hal
  });

  it("never writes an address in a log (the server's, or what `send` prints)", () => {
    const everything = [...sendLogs, server.log].join('\n');
    expect(everything).toContain('[alerts] a subscription was confirmed');
    expect(everything).toContain('alert messages queued');
    for (const address of addresses) expect(everything.includes(address), address).toBe(false);
  });
});
