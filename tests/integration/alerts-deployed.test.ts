/**
 * The alerts' send as production runs it: `node dist/server/alerts.mjs send`, compiled by the
 * build, run from a folder holding only what `npm run deploy:server` copies (serverFiles) and
 * the production dependencies, started by `npm run ci:alerts` as the deploy workflow does, while
 * the server from the same folder runs on the same DATA_DIR and outbox and delivers to a real
 * SMTP server. One alert per subscriber and version; a second run sends nothing.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverFiles } from '../../scripts/ci/deploy-plan.ts';
import { compileServer } from '../../src/integrations/production-server.ts';
import { openDatabase } from '../../src/lib/alerts/database.ts';
import { announcedVersions, readPublishedIndex } from '../../src/lib/alerts/published.ts';
import { versionsIndex, type VersionsIndex } from '../../src/lib/feeds.ts';
import { fileRepository } from '../../src/lib/versions/files.ts';
import { runProcess } from '../helpers/process.ts';
import { SiteServer } from '../helpers/site-server.ts';
import { eventually, SmtpSink, type ReceivedMessage } from '../helpers/smtp-sink.ts';

const built = 'dist-fixtures';
const subscribers = {
  'ann@example.net': { policies: 'privacy-policy,california-privacy-notice', substantiveOnly: 0 },
  'ben@example.net': { policies: 'privacy-policy', substantiveOnly: 0 },
  'cat@example.net': { policies: 'privacy-policy,california-privacy-notice', substantiveOnly: 1 },
};
/** The fixtures' last versions: the Privacy Policy's is editorial, the notice's substantive. */
const newest = '2025-09-01';

let scratch: string;
let release: string;
let env: Record<string, string>;
let smtp: SmtpSink;
let server: SiteServer;

/**
 * The release folder: the files deploy:server copies, with `dist` the fixtures build, and
 * node_modules holding what `npm ci --omit=dev` installs at its top level: the lock file's
 * packages not marked `dev` (each linked from this checkout). An import of a dev tool fails
 * here as it would on the server.
 */
function makeRelease(): string {
  const folder = path.join(scratch, 'srv', 'allwork-policies');
  mkdirSync(folder, { recursive: true });
  for (const file of serverFiles) cpSync(file === 'dist' ? built : file, path.join(folder, file), { recursive: true });
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const [where, entry] of Object.entries(lock.packages)) {
    // Top level only: a nested package comes with the one it is nested in.
    if (!where.startsWith('node_modules/') || where.lastIndexOf('node_modules/') > 0 || entry.dev) continue;
    if (!existsSync(where)) continue; // an optional package for another platform
    mkdirSync(path.dirname(path.join(folder, where)), { recursive: true });
    symlinkSync(path.resolve(where), path.join(folder, where));
  }
  return folder;
}

const versionsFile = () => path.join(release, 'dist/client/versions.json');

/** The release's versions.json as a previous release had it: without the last versions. */
function deployPreviousRelease(): string {
  const current = readFileSync(versionsFile(), 'utf8');
  const index = JSON.parse(current) as VersionsIndex;
  const previous = {
    ...index,
    policies: index.policies.map((p) => ({ ...p, versions: p.versions.filter((v) => v.version !== newest) })),
  };
  writeFileSync(versionsFile(), JSON.stringify(previous));
  return current;
}

/** `node dist/server/alerts.mjs …args` in the release folder. */
const alertsCli = (...args: string[]) =>
  runProcess(process.execPath, ['dist/server/alerts.mjs', ...args], { cwd: release, env });

const alertsTo = (address: string) =>
  smtp.received.filter(
    (m: ReceivedMessage) => m.envelopeTo.includes(address) && m.mail.headers.get('x-allwork-alert') === 'alert',
  );

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'alerts-deployed-'));
  release = makeRelease();
  smtp = await SmtpSink.start();
  const state = path.join(scratch, 'var-lib');
  env = {
    PATH: process.env.PATH ?? '',
    HOME: scratch,
    SITE_URL: 'https://policies.example.com',
    DATA_DIR: path.join(state, 'data'),
    OUTBOX_DIR: path.join(state, 'outbox'),
  };
  const db = openDatabase(env.DATA_DIR ?? '');
  const insert = db.prepare(
    `INSERT INTO subscribers (address, policies, substantive_only, pending_policies, pending_substantive_only,
       created_at, confirmed_at) VALUES (?, ?, ?, '', 0, 0, 0)`,
  );
  for (const [address, choice] of Object.entries(subscribers))
    insert.run(address, choice.policies, choice.substantiveOnly);
  db.close();
  server = await SiteServer.start(
    { ...env, SMTP_URL: smtp.url, OUTBOX_RESCAN_MS: '100', OUTBOX_RETRY_MIN_MS: '50' },
    { outDir: path.join(release, 'dist') },
  );
}, 120_000);

afterAll(async () => {
  await server.stop();
  await smtp.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('the compiled alerts CLI', () => {
  it("reads the same published versions from the build's versions.json as `npm run alerts` from the content", async () => {
    const fromBuild = announcedVersions(await readPublishedIndex(path.join(built, 'client/versions.json')));
    const content = fileRepository({
      contentDir: path.resolve('tests/fixtures/content'),
      today: '2026-01-01', // the fixtures build's BUILD_DATE
      previewDrafts: false,
    });
    expect(fromBuild).toEqual(announcedVersions(versionsIndex(content.policies, env.SITE_URL ?? '')));
    expect(fromBuild.size).toBe(6);
  });

  it('records what a first release publishes as announced, and mails nobody', async () => {
    const current = deployPreviousRelease();
    const first = await alertsCli('send');
    writeFileSync(versionsFile(), current); // the new release
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('first run: 4 published versions recorded as announced, no message sent');
    expect(first.stdout).toContain('0 alert messages queued');
  });

  it('started by ci:alerts on the server folder, while the server runs: each alert delivered once', async () => {
    const send = await runProcess(process.execPath, ['--import', 'tsx', path.resolve('scripts/ci/alerts.ts')], {
      env: { ...env, DEPLOY_SERVER_DEST: release, DEPLOY_ALERTS_COMMAND: 'node dist/server/alerts.mjs send' },
    });
    expect(send.stderr).toBe('');
    expect(send.code).toBe(0);
    expect(send.stdout).toContain(`privacy-policy ${newest}: an alert recorded for 2 subscribers`);
    expect(send.stdout).toContain(`california-privacy-notice ${newest}: an alert recorded for 2 subscribers`);
    expect(send.stdout).toContain('4 alert messages queued');

    // ann: both; ben: the Privacy Policy (editorial); cat: substantive only, so the notice.
    const expected = { 'ann@example.net': 2, 'ben@example.net': 1, 'cat@example.net': 1 };
    await eventually(
      () => Object.entries(expected).every(([address, count]) => alertsTo(address).length === count),
      'the alerts at the relay',
    );
    expect(alertsTo('cat@example.net')[0]?.mail.subject).toBe(
      'Privacy Notice for California Residents updated: version of September 1, 2025 (substantive change)',
    );
    expect(alertsTo('ben@example.net')[0]?.mail.text).toContain(
      `https://policies.example.com/privacy-policy/${newest}/changes/`,
    );

    const again = await alertsCli('send');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 alert messages queued');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // ten rescans of the outbox
    expect(smtp.received).toHaveLength(4);
    expect(server.log).not.toMatch(/warn|error/i);
  });

  it('lists, exports and deletes from the release folder', async () => {
    expect((await alertsCli('list')).stdout).toContain('ben@example.net\tconfirmed');
    const exported = await alertsCli('export', 'ann@example.net');
    expect(JSON.parse(exported.stdout)).toMatchObject({ address: 'ann@example.net', alertsQueued: 2 });
    expect((await alertsCli('delete', 'ann@example.net')).code).toBe(0);
    expect((await alertsCli('export', 'ann@example.net')).code).toBe(1);
    const usage = await alertsCli('resend');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: node dist/server/alerts.mjs <command>');
  });

  it('refuses a versions.json that is not an index, naming it, and sends nothing', async () => {
    const current = readFileSync(versionsFile(), 'utf8');
    writeFileSync(versionsFile(), '{"policies": "none"}');
    const refused = await alertsCli('send');
    writeFileSync(versionsFile(), current);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `No alerts sent: ${versionsFile()}: policies: Expected array, received string. ` +
        'It is not a versions index this release wrote: rebuild and deploy again.\n',
    );
  });

  it('compiled from a build with drafts (a preview), refuses to send', async () => {
    await compileServer({
      entries: { 'alerts-preview': path.resolve('server/alerts.ts') },
      outdir: path.join(release, 'dist/server'),
      includesDrafts: true,
      styleHashes: [],
    });
    const refused = await runProcess(process.execPath, ['dist/server/alerts-preview.mjs', 'send'], {
      cwd: release,
      env,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'No alerts sent: this release was built with PREVIEW_DRAFTS=1 (a preview): deploy a production build.\n',
    );
  });
});
