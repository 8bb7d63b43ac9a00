/**
 * The real production server (`node <outDir>/server/main.mjs`, compiled by the build from
 * server/main.ts) as a child process, on a free port, with its output collected so tests can
 * read the logs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contactFormName } from '../../src/lib/contact/form.ts';
import { FillTime } from '../../src/lib/forms/fill-time.ts';

/**
 * The form secret test servers sign with unless a test sets its own (FORM_SECRET: '' makes the
 * server keep a generated one in FORM_SECRET_FILE), so no test leaves a secret file behind.
 */
export const testFormSecret = 'the test servers sign their forms with this';

export class SiteServer {
  readonly url: string;
  readonly #child: ChildProcess;
  readonly #output: string[];

  private constructor(child: ChildProcess, url: string, output: string[]) {
    this.#child = child;
    this.url = url;
    this.#output = output;
  }

  /**
   * Starts the server on a port the system picks; resolves once it listens. `user`: run it as
   * that user (and its group) through `setpriv`, as the service runs in production: the tests
   * run as root, whom permission bits do not stop.
   */
  static async start(
    env: Record<string, string>,
    options: { outDir?: string; user?: string } = {},
  ): Promise<SiteServer> {
    const outDir = options.outDir ?? 'dist';
    // The alerts' database: the test's own, or a folder of this server's (never `.data/` here).
    const dataDir = env.DATA_DIR ? null : mkdtempSync(path.join(tmpdir(), 'site-data-'));
    const main = [process.execPath, `${outDir}/server/main.mjs`];
    let command = main;
    if (options.user) {
      const { uid, gid } = userIds(options.user);
      if (dataDir) chownSync(dataDir, uid, gid);
      command = ['setpriv', `--reuid=${String(uid)}`, `--regid=${String(gid)}`, '--clear-groups', '--', ...main];
    }
    const child = spawn(command[0] ?? '', command.slice(1), {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        OUT_DIR: outDir,
        FORM_SECRET: testFormSecret,
        ...(dataDir ? { DATA_DIR: dataDir } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (dataDir)
      child.once('exit', () => {
        rmSync(dataDir, { recursive: true, force: true });
      });
    const output: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the server did not start:\n${output.join('')}`));
      }, 30_000);
      const read = (chunk: Buffer) => {
        output.push(chunk.toString('utf8'));
        const match = /listening on (http:\/\/[\d.]+:\d+)[/\s]/.exec(output.join(''));
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      // 'close', not 'exit': the process's last words (say, EADDRINUSE) may still be in its pipes at exit.
      child.once('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}):\n${output.join('')}`));
      });
    });
    return new SiteServer(child, url, output);
  }

  /** The contact form's signed `started` value, as the form's page serves it now. */
  async formStart(): Promise<string> {
    return formStartAt(this.url);
  }

  /** The server's process id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Everything the server printed so far. */
  get log(): string {
    return this.#output.join('');
  }

  /** Ends the process: SIGTERM (a clean stop) or SIGKILL (a crash: nothing runs after it). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = once(this.#child, 'exit');
    this.#child.kill(signal);
    await exited;
  }
}

/** The signed `started` value of the contact form served at `origin` (any server or proxy). */
export async function formStartAt(origin: string): Promise<string> {
  const page = await (await fetch(`${origin}/contact/`)).text();
  const value = /name="started" value="([^"]+)"/.exec(page)?.[1];
  if (!value) throw new Error(`no signed start time on ${origin}/contact/`);
  return value;
}

/** A user's numeric user and group ids (`id -u`, `id -g`), to run a server or own a folder as it. */
export function userIds(user: string): { uid: number; gid: number } {
  const [uid = 0, gid = 0] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, user]).toString()));
  return { uid, gid };
}

/**
 * A `started` value signed as a test server signs it (with `testFormSecret`), for the contact
 * form unless `form` names another (the alerts' `subscribeFormName`), five seconds ago.
 */
export function signedStart(time = Date.now() - 5000, form = contactFormName): string {
  return new FillTime(Buffer.from(testFormSecret), { minFillMs: 0, maxAgeMs: Infinity }).sign(form, time);
}
