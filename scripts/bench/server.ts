import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Start the production server (`<outDir>/server/main.mjs`, compiled by the build) and wait until it answers. */
export async function startServer(
  outDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const main = `${outDir}/server/main.mjs`;
  if (!existsSync(main)) {
    throw new Error(
      `${main} does not exist: build that output first (npm run build, or npm run build:fixtures for dist-fixtures)`,
    );
  }
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, OUT_DIR: outDir, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Checked between attempts: TypeScript cannot see the event handler set it.
  const state = { exited: false };
  child.once('exit', () => (state.exited = true));
  // Up to 30 s: the server loads the build first. It must be ours (alive) and answer 200.
  for (let attempt = 0; ; attempt++) {
    if (state.exited) throw new Error(`the server for ${outDir} exited before it answered (is port ${port} free?)`);
    const ok = await fetch(`${url}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (attempt >= 300) {
      child.kill('SIGTERM');
      throw new Error(`the server for ${outDir} did not answer 200 on ${url}/ within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
