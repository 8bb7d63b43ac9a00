/**
 * The outbox when the disk misbehaves, with the real server (`node dist/server/main.mjs`) and a
 * real SMTP server: a message the relay accepted whose file cannot be removed is not sent again
 * (and the server says so in its log and on /healthz), the messages behind it still go out, an
 * outbox that cannot be opened at start is tried again, and two servers never share an outbox.
 *
 * Files are made undeletable with `chattr +i` (ext4's immutable flag): the tests run as root,
 * which permission bits would not stop; the outbox a user may not write is tried with the
 * server run as `nobody` (`setpriv`), as the service runs as a user of its own.
 */
import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/lib/contact/outbox.ts';
import { contactFields, postContact, referenceIn } from '../helpers/contact-post.ts';
import { SiteServer, userIds } from '../helpers/site-server.ts';
import { eventually, SmtpSink } from '../helpers/smtp-sink.ts';

let root: string;
let smtp: SmtpSink;
const servers: SiteServer[] = [];
const immutable = new Set<string>();

function setImmutable(file: string, on: boolean): void {
  execFileSync('chattr', [on ? '+i' : '-i', file]);
  if (on) immutable.add(file);
  else immutable.delete(file);
}

async function start(outboxDir: string, env: Record<string, string> = {}, user?: string): Promise<SiteServer> {
  const server = await SiteServer.start(
    {
      OUTBOX_DIR: outboxDir,
      SMTP_URL: smtp.url,
      SUPPORT_EMAIL: 'help@support.test',
      CONTACT_MIN_FILL_MS: '0',
      CONTACT_RATE_LIMIT: '0',
      OUTBOX_RETRY_MIN_MS: '200',
      OUTBOX_RETRY_MAX_MS: '400',
      OUTBOX_RESCAN_MS: '200',
      ...env,
    },
    user ? { user } : {},
  );
  servers.push(server);
  return server;
}

async function post(server: SiteServer, message: string): Promise<string> {
  const response = await postContact(server.url, contactFields(message));
  expect(response.status).toBe(303);
  return referenceIn(response) ?? '';
}

async function health(server: SiteServer): Promise<{ status: number; problems: string[] }> {
  const response = await fetch(`${server.url}/healthz`);
  const body = (await response.json()) as { problems: string[] };
  return { status: response.status, problems: body.problems };
}

const emlFiles = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.eml'));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'outbox-faults-'));
  smtp = await SmtpSink.start();
});

afterEach(async () => {
  smtp.release();
  for (const file of [...immutable]) setImmutable(file, false);
  for (const server of servers.splice(0)) await server.stop();
});

afterAll(async () => {
  await smtp.close();
  await rm(root, { recursive: true, force: true });
});

describe('a message the relay accepted but whose file cannot be removed', () => {
  it('is sent once while the outbox is read-only; delivery stops, is reported, and resumes', async () => {
    const dir = path.join(root, 'read-only');
    const server = await start(dir);
    smtp.hold();
    const attempts = smtp.mailFromCount;
    const reference = await post(server, 'Sent while the disk turned read-only.');
    await eventually(() => smtp.mailFromCount > attempts, 'a delivery in flight');
    setImmutable(dir, true);
    smtp.release();
    await eventually(() => server.log.includes(`${reference} delivered, but it cannot be removed`), 'the alert');
    // Retries every 200–400 ms: before, each one sent the message again.
    await pause(2500);
    expect(smtp.withReference(reference)).toHaveLength(1);
    const failing = await health(server);
    expect(failing.status).toBe(503);
    expect(failing.problems.join('\n')).toContain(reference);

    setImmutable(dir, false);
    await eventually(async () => (await emlFiles(dir)).length === 0, 'the delivered file removed');
    expect(smtp.withReference(reference)).toHaveLength(1);
    // The log line follows the removal: wait for the server's output to arrive.
    await eventually(() => server.log.includes('delivery resumes'), 'the log saying delivery resumes');
    expect(await health(server)).toEqual({ status: 200, problems: [] });
  });

  it('does not hold back the messages behind it when only its own file is stuck', async () => {
    const dir = path.join(root, 'one-stuck');
    const server = await start(dir);
    smtp.hold();
    const attempts = smtp.mailFromCount;
    const stuck = await post(server, 'First, and its file will not go.');
    await eventually(() => smtp.mailFromCount > attempts, 'a delivery in flight');
    const behind = await post(server, 'Second, waiting behind it.');
    const [stuckFile] = (await emlFiles(dir)).filter((name) => name.includes(stuck));
    setImmutable(path.join(dir, stuckFile ?? 'missing'), true);
    smtp.release();
    await eventually(() => smtp.withReference(behind).length === 1, 'the message behind delivered');
    await eventually(async () => !(await emlFiles(dir)).some((name) => name.includes(behind)), 'its file removed');
    await pause(1000);
    expect(smtp.withReference(stuck)).toHaveLength(1);
    expect((await health(server)).problems.join('\n')).toContain(stuck);

    setImmutable(path.join(dir, stuckFile ?? 'missing'), false);
    await eventually(async () => (await emlFiles(dir)).length === 0, 'the stuck file removed');
    expect(smtp.withReference(stuck)).toHaveLength(1);
    expect((await health(server)).status).toBe(200);
  });
});

describe('an outbox that cannot be opened at start', () => {
  it('is tried again: once it can be, what it holds is delivered without any request', async () => {
    const parent = path.join(root, 'not-yet');
    // A file where the outbox's parent folder should be: mkdir fails (ENOTDIR).
    await writeFile(parent, 'not a folder');
    const dir = path.join(parent, 'outbox');
    const server = await start(dir);
    expect(server.log).toMatch(/cannot be opened \(ENOTDIR\)/);
    expect((await health(server)).status).toBe(503);

    await rm(parent);
    await mkdir(dir, { recursive: true });
    const reference = 'AW-TEST-0001';
    await new Outbox(dir).enqueue(
      reference,
      Buffer.from(`X-AllWork-Reference: ${reference}\r\nSubject: t\r\n\r\nbody\r\n`),
    );
    await eventually(() => smtp.withReference(reference).length === 1, 'delivery after the outbox appeared');
    await eventually(async () => (await emlFiles(dir)).length === 0, 'the outbox emptied');
    expect(await health(server)).toEqual({ status: 200, problems: [] });
  });
});

describe("an outbox the service's user may not write (the server not run as root)", () => {
  it('says so, answers a sender 503 with what to do, and stores and delivers once the folder is its own', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'outbox-owner-'));
    await chmod(base, 0o755);
    const dir = path.join(base, 'outbox');
    await mkdir(dir, { mode: 0o755 }); // root's: nobody may read it, not write in it
    try {
      const server = await start(dir, {}, 'nobody');
      expect(server.log).toMatch(/cannot be opened \(EACCES\)/);
      expect((await health(server)).status).toBe(503);
      const refused = await postContact(server.url, contactFields('Sent before the outbox was mine.'));
      expect(refused.status).toBe(503);
      expect(await refused.text()).toContain('your message has not been sent. Try again later, or email');
      expect(server.log).toMatch(/could not store a message in .* \(EACCES\); the sender was asked to try again/);

      const nobody = userIds('nobody');
      await chown(dir, nobody.uid, nobody.gid);
      await eventually(async () => (await health(server)).status === 200, 'the outbox opened once it was its own');
      const reference = await post(server, 'Sent once the outbox was mine.');
      await eventually(() => smtp.withReference(reference).length === 1, 'delivery from the outbox');
      expect(smtp.withReference(reference)).toHaveLength(1);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});

describe('two servers on one outbox', () => {
  it('the second refuses to start, naming the first; a crashed server’s lock is taken over', async () => {
    const dir = path.join(root, 'shared');
    const first = await start(dir);
    await expect(start(dir)).rejects.toThrow(
      new RegExp(`exited \\(1\\)[\\s\\S]*outbox ${dir} is in use by process ${String(first.pid)}`),
    );
    await first.stop('SIGKILL');
    const next = await start(dir);
    const reference = await post(next, 'After the takeover.');
    await eventually(() => smtp.withReference(reference).length === 1, 'delivery by the new server');
  });
});
