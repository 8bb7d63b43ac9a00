/**
 * The outbox on a full disk, with the real server (`node dist/server/main.mjs`): the outbox is a
 * 256 KB tmpfs mounted for the test (the tests run as root, as CI does), filled up to the last
 * byte. A message that cannot be written is refused with the form's "not sent" notice (503), its
 * temporary file is removed, and once there is room again messages are stored as before.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contactFields, postContact, referenceIn } from '../helpers/contact-post.ts';
import { SiteServer } from '../helpers/site-server.ts';

let root: string;
let mount: string;
let server: SiteServer | undefined;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'outbox-full-'));
  mount = path.join(root, 'disk');
  await mkdir(mount);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', mount]);
});

afterAll(async () => {
  await server?.stop();
  execFileSync('umount', [mount]);
  await rm(root, { recursive: true, force: true });
});

/** Writes into `file` until the disk is full (ENOSPC). */
async function fillUp(file: string): Promise<void> {
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
}

it('refuses a message it cannot write, leaves no temporary file, and stores again once there is room', async () => {
  const outbox = path.join(mount, 'outbox');
  server = await SiteServer.start({ OUTBOX_DIR: outbox, CONTACT_MIN_FILL_MS: '0', CONTACT_RATE_LIMIT: '0' });
  const filler = path.join(mount, 'filler');
  await fillUp(filler);

  const refused = await postContact(server.url, contactFields('Written on a full disk.'));
  expect(refused.status).toBe(503);
  expect(await refused.text()).toContain('your message has not been sent');
  expect(server.log).toMatch(/could not store a message in .* \(ENOSPC\)/);
  expect((await readdir(outbox)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

  await rm(filler);
  const stored = await postContact(server.url, contactFields('Written once there was room.'));
  expect(stored.status).toBe(303);
  const reference = referenceIn(stored);
  expect((await readdir(outbox)).filter((name) => name.includes(reference ?? '-'))).toHaveLength(1);
});
