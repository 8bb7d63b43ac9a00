/**
 * `npm run deploy` and `npm run deploy:server` as real processes against local targets: rsync
 * into a folder (real files copied), a stand-in `aws` that records what it was asked, Pages'
 * output for the upload step. The plans' remote forms (ssh) are checked as data.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alertsPlan,
  immutableFolders,
  isRemote,
  serverFiles,
  serverPlan,
  sitePlan,
} from '../../scripts/ci/deploy-plan.ts';
import { buildEnv } from '../../scripts/ci/settings.ts';
import { headersFile } from '../../src/lib/server/headers.ts';
import { runProcess } from '../helpers/process.ts';

const tsx = path.resolve('node_modules/.bin/tsx');
// Tests that start processes get a cap for a loaded machine (`timeout`), not a timing.
const deployScript = path.resolve('scripts/ci/deploy.ts');
const scratch = mkdtempSync(path.join(tmpdir(), 'ci-deploy-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
let counter = 0;
const freshDir = (name: string): string => {
  const dir = path.join(scratch, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

function write(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/** A small build output: pages, content-named files and the real `_headers`. */
const site: Record<string, string> = {
  'client/index.html': '<!doctype html><title>AllWork Policies</title>',
  'client/privacy-policy/index.html': '<!doctype html><title>Privacy Policy</title>',
  'client/_astro/site.B3x9.css': 'body{margin:0}',
  'client/pagefind/index/en_1a2b.pf_index': 'index',
  'client/pagefind/pagefind-entry.json': '{}',
  'client/_headers': headersFile([]),
  'server/entry.mjs': 'export const handler = () => {};',
  'server/main.mjs': 'import "./entry.mjs";',
  'server/alerts.mjs': 'process.exit(0);',
};

const deploy = (cwd: string, args: string[], env: Record<string, string>) =>
  runProcess(tsx, [deployScript, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: scratch, ...env } });

describe('npm run deploy -- --target rsync', { timeout: 180_000 }, () => {
  it('copies the build to a folder: every file, _headers included, and removes what the build no longer has', async () => {
    const project = freshDir('project');
    write(path.join(project, 'dist'), site);
    const destination = freshDir('www');
    write(destination, { 'old-page/index.html': 'gone', '_astro/old.css': 'gone' });

    const run = await deploy(project, ['site', '--target', 'rsync'], { DEPLOY_RSYNC_DEST: destination });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const [file, content] of Object.entries(site).filter(([file]) => file.startsWith('client/'))) {
      expect(readFileSync(path.join(destination, file.slice('client/'.length)), 'utf8')).toBe(content);
    }
    expect(readFileSync(path.join(destination, '_headers'), 'utf8')).toContain('Content-Security-Policy:');
    expect(existsSync(path.join(destination, 'old-page/index.html'))).toBe(false);
    expect(existsSync(path.join(destination, '_astro/old.css'))).toBe(false);
    // Content-named files go first, so no page is ever there before the files it names.
    expect(run.stdout.indexOf('--include=/_astro/***')).toBeLessThan(run.stdout.indexOf('--delete-delay'));
  });

  it('refuses without a build, a target or a destination, saying what to do', async () => {
    const empty = freshDir('empty');
    expect(await deploy(empty, ['site', '--target', 'rsync'], { DEPLOY_RSYNC_DEST: '/tmp/x' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('missing: run `npm run build` first'),
    });
    const project = freshDir('project');
    write(path.join(project, 'dist'), site);
    expect(await deploy(project, ['site'], {})).toMatchObject({
      code: 1,
      stderr: 'deploy: No deploy target: give --target pages|rsync|s3 or set DEPLOY_TARGET.\n',
    });
    expect((await deploy(project, ['site'], { DEPLOY_TARGET: 'ftp' })).stderr).toContain(
      '"ftp" is not a deploy target',
    );
    expect((await deploy(project, ['site', '--target', 'rsync'], {})).stderr).toContain('DEPLOY_RSYNC_DEST is not set');
  });
});

describe('npm run deploy -- --target s3', { timeout: 180_000 }, () => {
  it('runs aws s3 sync twice: content-named files cached a year, then the rest with --delete', async () => {
    const project = freshDir('project');
    write(path.join(project, 'dist'), site);
    const bin = freshDir('bin');
    const log = path.join(bin, 'calls.log');
    // A stand-in for the AWS CLI: records its arguments, one call a line, and the region it saw.
    writeFileSync(
      path.join(bin, 'aws'),
      `#!/bin/sh\nprintf '%s|' "$@" >> '${log}'\necho "region=\${AWS_REGION-unset}" >> '${log}'\n`,
    );
    chmodSync(path.join(bin, 'aws'), 0o755);
    const run = await deploy(project, ['site', '--target', 's3'], {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      DEPLOY_S3_URI: 's3://policies-bucket/site/',
      AWS_REGION: '',
    });
    expect(run.code).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toEqual([
      's3|sync|--no-progress|dist/client|s3://policies-bucket/site|--exclude|*|--include|_astro/*|--include|pagefind/index/*|--include|pagefind/fragment/*|--include|pagefind/filter/*|--cache-control|public, max-age=31536000, immutable|region=unset',
      's3|sync|--no-progress|dist/client|s3://policies-bucket/site|--delete|--exclude|_headers|--exclude|_astro/*|--exclude|pagefind/index/*|--exclude|pagefind/fragment/*|--exclude|pagefind/filter/*|--cache-control|no-cache|region=unset',
    ]);
    expect(run.stdout).toContain('S3 does not read _headers');
  });
});

describe('npm run deploy -- --target pages', { timeout: 180_000 }, () => {
  it('names the folder for the upload step and says what Pages does not apply', async () => {
    const project = freshDir('project');
    write(path.join(project, 'dist'), site);
    const output = path.join(project, 'github-output');
    const run = await deploy(project, ['site', '--target', 'pages'], { GITHUB_OUTPUT: output });
    expect(run.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('dir=dist/client\n');
    expect(run.stdout).toContain('Pages ignores _headers: no Content-Security-Policy');
  });
});

describe('npm run deploy:server', { timeout: 180_000 }, () => {
  it('copies the server files into the app folder, leaves the rest alone, and runs the restart command there', async () => {
    const project = freshDir('project');
    write(path.join(project, 'dist'), site);
    // One file in each folder the server needs; package.json must parse (Node reads it on start).
    for (const file of serverFiles.filter((f) => f !== 'dist')) {
      write(project, { [file.includes('.') ? file : `${file}/marker.txt`]: JSON.stringify({ file, release: 2 }) });
    }
    const app = freshDir('app');
    write(app, { 'dist/server/stale.mjs': 'old', 'node_modules/kept.txt': 'installed', '.env': 'SMTP_URL=kept' });
    const run = await deploy(project, ['server'], {
      DEPLOY_SERVER_DEST: app,
      DEPLOY_SERVER_RESTART: 'echo restarted > restarted.txt',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(app, 'dist/server/entry.mjs'), 'utf8')).toBe(site['server/entry.mjs']);
    expect(readFileSync(path.join(app, 'dist/client/_headers'), 'utf8')).toBe(headersFile([]));
    for (const file of ['package.json', 'package-lock.json']) {
      expect(JSON.parse(readFileSync(path.join(app, file), 'utf8'))).toMatchObject({ release: 2 });
    }
    expect(existsSync(path.join(app, 'dist/server/stale.mjs'))).toBe(false);
    expect(readFileSync(path.join(app, 'node_modules/kept.txt'), 'utf8')).toBe('installed');
    expect(readFileSync(path.join(app, '.env'), 'utf8')).toBe('SMTP_URL=kept');
    expect(readFileSync(path.join(app, 'restarted.txt'), 'utf8')).toBe('restarted\n');
  });

  it('refuses a build without the server or the alerts program the units run, naming them', async () => {
    const project = freshDir('project');
    write(path.join(project, 'dist'), site);
    rmSync(path.join(project, 'dist/server/alerts.mjs'));
    const run = await deploy(project, ['server'], { DEPLOY_SERVER_DEST: freshDir('app') });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('deploy: dist/server/alerts.mjs missing: run `npm run build` first.\n');
  });
});

describe('deploy plans', () => {
  it('cache for a year, and upload first, exactly the folders _headers marks immutable', () => {
    expect(immutableFolders(headersFile([]))).toEqual([
      '_astro',
      'pagefind/index',
      'pagefind/fragment',
      'pagefind/filter',
    ]);
  });

  it('tell remote destinations from local folders as rsync does', () => {
    expect(isRemote('deploy@www.example.com:/srv/policies/')).toBe(true);
    expect(isRemote('www:site')).toBe(true);
    expect(isRemote('/srv/policies')).toBe(false);
    expect(isRemote('./build:2026')).toBe(false);
  });

  it('copy over ssh in batch mode with host keys checked, and restart the service on its host', () => {
    const ssh = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-i', '/tmp/k'];
    const plan = sitePlan('rsync', 'dist', { DEPLOY_RSYNC_DEST: 'deploy@www:/srv/policies' }, { ssh });
    expect(plan.commands[1]?.args).toEqual(
      expect.arrayContaining([
        '-e',
        'ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -i /tmp/k',
        'deploy@www:/srv/policies/',
      ]),
    );
    const server = serverPlan({ DEPLOY_SERVER_DEST: 'deploy@app:/srv/allwork policies/app' }, { ssh });
    expect(server.commands[1]).toMatchObject({
      command: 'ssh',
      args: [
        ...ssh,
        'deploy@app',
        "cd '/srv/allwork policies/app' && npm ci --omit=dev --no-audit --no-fund && sudo systemctl restart allwork-policies.service && sudo nginx -t && sudo systemctl reload nginx",
      ],
    });
  });
});

describe('build settings from CI variables', () => {
  it('treat an empty variable as unset, and send previews with drafts to dist-preview', () => {
    expect(buildEnv({ SITE_URL: '', ALLOWED_HOSTS: ' ', PATH: '/bin' }, false)).toEqual({ PATH: '/bin' });
    expect(buildEnv({ SITE_URL: 'https://example.org' }, true)).toEqual({
      SITE_URL: 'https://example.org',
      PREVIEW_DRAFTS: '1',
      OUT_DIR: 'dist-preview',
    });
    expect(buildEnv({ OUT_DIR: 'elsewhere' }, true).OUT_DIR).toBe('elsewhere');
  });
});

describe('npm run ci:alerts', { timeout: 180_000 }, () => {
  const alerts = (args: string[], env: Record<string, string>) =>
    runProcess(tsx, [path.resolve('scripts/ci/alerts.ts'), ...args], {
      cwd: scratch,
      env: { PATH: process.env.PATH ?? '', HOME: scratch, ...env },
    });

  it('without a form server, sends nothing and says why', async () => {
    for (const env of [{}, { DEPLOY_SERVER_DEST: '' }]) {
      const run = await alerts([], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        'ci:alerts: no alerts sent: DEPLOY_SERVER_DEST is not set, so there is no form server, and the subscribers ' +
          'and their database live only there (docs/alerts.md). Set it to send alerts after each deploy.\n',
      );
    }
  });

  it("runs DEPLOY_ALERTS_COMMAND in the server's folder, and fails when it fails", async () => {
    const app = freshDir('app with space');
    const ran = await alerts([], {
      DEPLOY_SERVER_DEST: app,
      DEPLOY_ALERTS_COMMAND: 'pwd > sent.txt && echo "$DEPLOY_SERVER_DEST" >> sent.txt',
    });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(readFileSync(path.join(app, 'sent.txt'), 'utf8')).toBe(`${app}\n${app}\n`);
    expect(ran.stdout).toContain('ci:alerts: queue the alerts for new versions\n$ sh -c');
    expect(ran.stdout).toContain(`ci:alerts: Alerts queued on the form server at ${app}`);

    const failed = await alerts([], { DEPLOY_SERVER_DEST: app, DEPLOY_ALERTS_COMMAND: 'exit 3' });
    expect(failed).toMatchObject({ code: 1, stderr: 'ci:alerts: sh failed with exit code 3.\n' });
  });

  it('with --dry-run prints the command and runs nothing: by default, the alerts unit started over ssh', async () => {
    const run = await alerts(['--dry-run'], {
      DEPLOY_SERVER_DEST: 'deploy@app.example.com:/srv/allwork-policies',
      DEPLOY_SSH_PORT: '2222',
      DEPLOY_SSH_KNOWN_HOSTS: 'app.example.com ssh-ed25519 AAAA',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^ci:alerts: queue the alerts for new versions on its host\n\$ ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=\S+known_hosts -p 2222 deploy@app\.example\.com 'cd \/srv\/allwork-policies && sudo systemctl start allwork-policies-alerts\.service'\n/,
    );
  });

  it('plans the same ssh connection as the server update', () => {
    const ssh = ['-o', 'BatchMode=yes', '-i', '/tmp/k'];
    const env = {
      DEPLOY_SERVER_DEST: 'deploy@app:/srv/app',
      DEPLOY_ALERTS_COMMAND: 'node dist/server/alerts.mjs send',
    };
    const [send] = alertsPlan(env, { ssh }).commands;
    const [, restart] = serverPlan(env, { ssh }).commands;
    expect(send).toEqual({
      command: 'ssh',
      says: 'queue the alerts for new versions on its host',
      args: [...ssh, 'deploy@app', 'cd /srv/app && node dist/server/alerts.mjs send'],
    });
    expect(send?.args.slice(0, -1)).toEqual(restart?.args.slice(0, -1));
  });
});
