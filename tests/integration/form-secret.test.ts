/**
 * The form secret of the real server (`node dist/server/main.mjs`) when FORM_SECRET is not set:
 * made at the first start in FORM_SECRET_FILE with owner-only permissions, and read again after a
 * restart, so a form served before the restart is still taken after it.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SiteServer } from '../helpers/site-server.ts';

let root: string;
let server: SiteServer | undefined;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'form-secret-'));
});

afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

function start(): Promise<SiteServer> {
  return SiteServer.start({
    FORM_SECRET: '',
    FORM_SECRET_FILE: path.join(root, 'state', 'form-secret'),
    OUTBOX_DIR: path.join(root, 'state', 'outbox'),
    CONTACT_MIN_FILL_MS: '0',
  });
}

async function post(target: SiteServer, started: string): Promise<number> {
  const response = await fetch(`${target.url}/api/contact`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: target.url },
    body: new URLSearchParams({
      name: 'Restart Tester',
      email: 'restart@example.net',
      topic: 'policy-question',
      message: 'Written before the server restarted.',
      website: '',
      started,
    }).toString(),
    redirect: 'manual',
  });
  return response.status;
}

it('is made once, owner-only, and kept across a restart', async () => {
  server = await start();
  const file = path.join(root, 'state', 'form-secret');
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  const secret = await readFile(file, 'utf8');
  const servedBefore = await server.formStart();
  await server.stop();

  server = await start();
  expect(await readFile(file, 'utf8')).toBe(secret);
  expect(await post(server, servedBefore)).toBe(303);
  const stored = (await readdir(path.join(root, 'state', 'outbox'))).filter((name) => name.endsWith('.eml'));
  expect(stored).toHaveLength(1);
  expect(server.log).not.toContain('dropped a submission');
});
