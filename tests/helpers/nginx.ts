/**
 * Debian's nginx for tests: the shipped configuration (deploy/nginx/allwork-policies.conf,
 * rendered by scripts/nginx-config.ts) inside a minimal main configuration, in a temporary
 * prefix, with a self-signed certificate for 127.0.0.1, on loopback ports of its own. It runs in
 * the foreground under a shell that stops it when the process that started it is gone, so it
 * never outlives a test run, however that run ends.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderNginxConfig } from '../../scripts/nginx-config.ts';
import { onFreePorts } from './ports.ts';
import { eventually } from './smtp-sink.ts';

/** Debian installs it in /usr/sbin, which a non-root PATH may lack. */
export const nginxBinary = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

/** Writes the prefix (config, certificate, temp folders); returns the main configuration's path. */
export function preparePrefix(options: {
  prefix: string;
  dist: string;
  upstream: string;
  httpsPort: number;
  httpPort: number;
}): string {
  const { prefix } = options;
  for (const dir of ['tmp', 'logs']) mkdirSync(path.join(prefix, dir), { recursive: true, mode: 0o777 });
  const certificate = path.join(prefix, 'cert.pem');
  const certificateKey = path.join(prefix, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1'].concat([
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      certificateKey,
      '-out',
      certificate,
    ]),
    { stdio: 'ignore' },
  );
  const site = renderNginxConfig({
    serverName: '127.0.0.1',
    httpsListen: `127.0.0.1:${options.httpsPort}`,
    httpListen: `127.0.0.1:${options.httpPort}`,
    certificate,
    certificateKey,
    dist: options.dist,
    upstream: options.upstream,
  });
  writeFileSync(path.join(prefix, 'site.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${path.join(prefix, 'tmp', name)};`;
  const main = [
    // Debian's main nginx.conf loads the modules installed (modules-enabled/); this one names it.
    'load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;',
    'worker_processes 1;',
    'daemon off;',
    `pid ${path.join(prefix, 'nginx.pid')};`,
    `error_log ${path.join(prefix, 'logs', 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  access_log off;',
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    `  include ${path.join(prefix, 'site.conf')};`,
    '}',
    '',
  ].join('\n');
  const config = path.join(prefix, 'nginx.conf');
  writeFileSync(config, main);
  return config;
}

export class Nginx {
  /** `https://127.0.0.1:<port>`: the site through nginx. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`: plain HTTP, which only redirects. */
  readonly httpUrl: string;
  readonly prefix: string;
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess, prefix: string, httpsPort: number, httpPort: number) {
    this.#child = child;
    this.prefix = prefix;
    this.url = `https://127.0.0.1:${httpsPort}`;
    this.httpUrl = `http://127.0.0.1:${httpPort}`;
  }

  /**
   * Starts nginx serving `dist` and proxying to the Node server at `upstream` (host:port), on two
   * free ports (again on others if one was taken before nginx could bind it).
   */
  static async start(options: { dist: string; upstream: string }): Promise<Nginx> {
    return onFreePorts(2, ([httpsPort = 0, httpPort = 0]) => Nginx.#startOn(options, httpsPort, httpPort));
  }

  static async #startOn(options: { dist: string; upstream: string }, httpsPort: number, httpPort: number) {
    const prefix = mkdtempSync(path.join(tmpdir(), 'nginx-'));
    let config: string;
    try {
      config = preparePrefix({ prefix, httpsPort, httpPort, ...options });
      execFileSync(nginxBinary, ['-t', '-q', '-p', prefix, '-c', config, '-e', path.join(prefix, 'logs', 'error.log')]);
    } catch (error) {
      // Nothing runs yet: only the folder is left to remove.
      rmSync(prefix, { recursive: true, force: true });
      throw error;
    }
    // The shell watches its parent (this process): when it is gone, nginx is stopped.
    const watch = [
      `${nginxBinary} -p "${prefix}" -c "${config}" -e "${path.join(prefix, 'logs', 'error.log')}" & n=$!`,
      "trap 'kill -QUIT $n 2>/dev/null; wait $n' EXIT TERM INT",
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 $n 2>/dev/null; do sleep 0.5; done`,
    ].join('\n');
    const child = spawn('bash', ['-c', watch], { stdio: 'ignore' });
    const nginx = new Nginx(child, prefix, httpsPort, httpPort);
    try {
      await nginx.#ready();
    } catch (error) {
      await nginx.stop();
      throw error;
    }
    return nginx;
  }

  /**
   * Resolves once nginx answers. nginx writes its pid file only after binding every port, so an
   * answer before that would be another server's; a nginx that exited (a port taken) fails at once.
   */
  async #ready(): Promise<void> {
    const pidFile = path.join(this.prefix, 'nginx.pid');
    try {
      await eventually(
        async () => {
          if (this.#child.exitCode !== null || this.#child.signalCode !== null) throw new Error('it exited');
          if (!existsSync(pidFile)) return false;
          return fetch(`${this.httpUrl}/`, { redirect: 'manual' }).then(
            () => true,
            () => false,
          );
        },
        'nginx to answer',
        10_000,
      );
    } catch (error) {
      // The error log says why (a port taken: onFreePorts reads it there).
      throw new Error(`nginx did not start (${(error as Error).message}):\n${this.errorLog}`);
    }
  }

  get errorLog(): string {
    try {
      return readFileSync(path.join(this.prefix, 'logs', 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      const exited = once(this.#child, 'exit');
      this.#child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.prefix, { recursive: true, force: true });
  }
}
