/**
 * `npm run policy` as a real process: the script wires the CLI to the process, so the exit codes
 * a shell (or CI, or `npm run build`) sees are 0 done, 1 refused, 2 wrong usage.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPolicyRepo } from '../helpers/policy-repo.ts';

const tsx = path.resolve('node_modules/.bin/tsx');
const script = path.resolve('scripts/policy.ts');

function policy(cwd: string, home: string, ...args: string[]) {
  const result = spawnSync(tsx, [script, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', BUILD_DATE: '2025-01-10' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/policy.ts', () => {
  it('exits 0, 1 and 2 as documented', async () => {
    const repo = await createPolicyRepo();
    expect(policy(repo.dir, repo.home, '--help')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: npm run policy'),
    });
    expect(policy(repo.dir, repo.home, 'bogus')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"bogus" is not a command'),
    });
    expect(policy(repo.dir, repo.home, 'check')).toMatchObject({
      code: 0,
      stdout: 'policy check: passed (2 versions).\n',
    });
    const file = 'content/policies/privacy-policy/2024-04-25.mdx';
    repo.write(file, repo.read(file).replace('You may update', 'You can update'));
    expect(policy(repo.dir, repo.home, 'check')).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('has uncommitted changes'),
    });
  });
});
