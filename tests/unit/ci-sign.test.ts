/**
 * `npm run ci:sign` as the deploy workflow runs it: a real process in a clone of a repository
 * with a bare origin, a throwaway key and a loopback time-stamping authority. It commits exactly
 * the evidence files and pushes them; run again, it commits nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../helpers/process.ts';
import { signingProject, type RunningAuthority, type TestKey } from '../helpers/signing.ts';

const tsx = path.resolve('node_modules/.bin/tsx');
const signScript = path.resolve('scripts/ci/sign.ts');
const scratch = mkdtempSync(path.join(tmpdir(), 'ci-sign-'));
const origin = path.join(scratch, 'origin.git');
const clone = path.join(scratch, 'clone');
const env = { PATH: process.env.PATH ?? '', HOME: scratch, GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
let key: TestKey;
let tsa: RunningAuthority;

beforeAll(async () => {
  const work = path.join(scratch, 'work');
  ({ key, tsa } = await signingProject(work, scratch));
  git(scratch, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  git(work, 'init', '--quiet', '--initial-branch=main');
  git(work, 'add', '.');
  git(work, '-c', 'user.name=Legal', '-c', 'user.email=legal@example.com', 'commit', '--quiet', '-m', 'Content');
  git(work, 'push', '--quiet', origin, 'main');
  git(scratch, 'clone', '--quiet', origin, clone);
});
afterAll(async () => {
  await tsa.close();
  rmSync(scratch, { recursive: true, force: true });
});

const ciSign = () =>
  runProcess(tsx, [signScript, '--push'], {
    cwd: clone,
    env: { ...env, SIGNING_KEY: key.privateKey, TSA_URL: tsa.url, GITHUB_OUTPUT: path.join(scratch, 'output') },
  });

describe('npm run ci:sign -- --push', { timeout: 120_000 }, () => {
  it('commits the evidence of every published version, only that, and pushes it to origin', async () => {
    const run = await ciSign();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 versions signed.');
    expect(run.stdout).toContain('Committed 4 evidence files and pushed them.');
    const pushed = git(origin, 'show', '--name-only', '--format=%s%n%an <%ae>', 'main');
    expect(pushed.split('\n')).toEqual([
      'Evidence: signature and time-stamp of california-privacy-notice/2024-04-25, privacy-policy/2024-04-25',
      'AllWork Policies <policies@allworknow.com>',
      '',
      'content/policies/california-privacy-notice/2024-04-25.sig',
      'content/policies/california-privacy-notice/2024-04-25.tsr',
      'content/policies/privacy-policy/2024-04-25.sig',
      'content/policies/privacy-policy/2024-04-25.tsr',
    ]);
    expect(readFileSync(path.join(scratch, 'output'), 'utf8')).toBe(`commit=${git(origin, 'rev-parse', 'main')}\n`);
  });

  it('run again, it signs and commits nothing, and outputs the same commit', async () => {
    const before = git(origin, 'rev-parse', 'main');
    const run = await ciSign();
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('0 versions signed: every published version already has its evidence.\n');
    expect(git(origin, 'rev-parse', 'main')).toBe(before);
    expect(readFileSync(path.join(scratch, 'output'), 'utf8').trim().split('\n').at(-1)).toBe(`commit=${before}`);
  });
});
