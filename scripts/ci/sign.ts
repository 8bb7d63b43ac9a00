/**
 * `npm run ci:sign`: the deploy workflow's signing step. Runs `policy sign` (a real process, as a
 * person would), then commits the evidence it wrote (`<version>.sig`, `<version>.tsr`) and, with
 * `--push`, pushes the commit to the branch it is on (with GITHUB_TOKEN when set), so the evidence survives every rebuild
 * (docs/decisions/0016-verifiable-versions.md). Prints `commit=<sha>` to GITHUB_OUTPUT for the
 * build job to check out. Nothing to sign: no commit, and the current commit is the output.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { warning } from './output.ts';
import { runPolicy } from './policy-cli.ts';

const { values } = parseArgs({ options: { push: { type: 'boolean' } } });
const cwd = process.cwd();
const git = (args: readonly string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const run = runPolicy(cwd, ['sign']);
process.stdout.write(run.stdout);
for (const line of run.stderr.split('\n').filter(Boolean)) {
  if (line.startsWith('warning: ')) warning('Not signed yet', line.slice('warning: '.length));
  else process.stderr.write(`${line}\n`);
}
if (run.code !== 0) {
  process.exitCode = run.code;
} else {
  const evidence = git(['status', '--porcelain', '--untracked-files=all', '--', 'content'])
    .split('\n')
    .map((line) => line.slice(3))
    .filter((file) => /\.(sig|tsr)$/.test(file));
  if (evidence.length) {
    git(['add', '--', ...evidence]);
    const versions = [
      ...new Set(evidence.map((file) => file.replace(/^content\/policies\//, '').replace(/\.\w+$/, ''))),
    ];
    git([
      '-c',
      'user.name=AllWork Policies',
      '-c',
      'user.email=policies@allworknow.com',
      'commit',
      '--quiet',
      '-m',
      `Evidence: signature and time-stamp of ${versions.join(', ')}`,
      '--',
      ...evidence,
    ]);
    if (values.push) {
      // The token reaches git only for this push, as actions/checkout would send it, so the
      // checkout keeps none while `npm ci` runs packages' install scripts.
      const token = process.env.GITHUB_TOKEN;
      const auth = token
        ? ['-c', `http.extraheader=AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`]
        : [];
      git([...auth, 'push', '--quiet', 'origin', `HEAD:${git(['rev-parse', '--abbrev-ref', 'HEAD'])}`]);
    }
    process.stdout.write(`Committed ${evidence.length} evidence files${values.push ? ' and pushed them' : ''}.\n`);
  }
  const commit = git(['rev-parse', 'HEAD']);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `commit=${commit}\n`);
}
