/**
 * nginx for the browser tests (the `nginx` project of playwright.config.ts): the shipped
 * configuration rendered as tests/helpers/nginx.ts does, in the foreground, until Playwright
 * stops it (it ends the whole process group, nginx with it).
 *
 *   tsx tests/e2e/support/nginx-server.ts <https port> <http port> <upstream host:port> <dist>
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { nginxBinary, preparePrefix } from '../../helpers/nginx.ts';

const [httpsPort = '', httpPort = '', upstream = '', dist = 'dist'] = process.argv.slice(2);
// In the build folder, made afresh: Playwright may end this process before it can clean up.
const prefix = path.resolve(dist, '.nginx-e2e');
rmSync(prefix, { recursive: true, force: true });
mkdirSync(prefix, { mode: 0o755 });
const config = preparePrefix({ prefix, dist, upstream, httpsPort: Number(httpsPort), httpPort: Number(httpPort) });
const nginx = spawn(nginxBinary, ['-p', prefix, '-c', config, '-e', path.join(prefix, 'logs', 'error.log')], {
  stdio: 'inherit',
});
const stop = () => nginx.kill('SIGQUIT');
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
nginx.once('exit', (code) => {
  rmSync(prefix, { recursive: true, force: true });
  process.exit(code ?? 0);
});
