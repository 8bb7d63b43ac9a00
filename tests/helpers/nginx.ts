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
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderNginxConfig } from '../../scripts/nginx-config.ts';

/** Debian installs it in /usr/sbin, which a non-root PATH may lack. */
export const nginxBinary = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

/** A port nothing listens on now (the system's pick, released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address ? address.port : 0;
}

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

  /** Starts nginx serving `dist` and proxying to the Node server at `upstream` (host:port). */
  static async start(options: { dist: string; upstream: string }): Promise<Nginx> {
    const prefix = mkdtempSync(path.join(tmpdir(), 'nginx-'));
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    const config = preparePrefix({ prefix, httpsPort, httpPort, ...options });
    execFileSync(nginxBinary, ['-t', '-q', '-p', prefix, '-c', config, '-e', path.join(prefix, 'logs', 'error.log')]);
    // The shell watches its parent (this process): when it is gone, nginx is stopped.
    const watch = [
      `${nginxBinary} -p "${prefix}" -c "${config}" -e "${path.join(prefix, 'logs', 'error.log')}" & n=$!`,
      "trap 'kill -QUIT $n 2>/dev/null; wait $n' EXIT TERM INT",
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 $n 2>/dev/null; do sleep 0.5; done`,
    ].join('\n');
    const child = spawn('bash', ['-c', watch], { stdio: 'ignore' });
    const nginx = new Nginx(child, prefix, httpsPort, httpPort);
    await nginx.#ready();
    return nginx;
  }

  async #ready(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        await fetch(`${this.httpUrl}/`, { redirect: 'manual' });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`nginx did not start:\n${this.errorLog}`);
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
