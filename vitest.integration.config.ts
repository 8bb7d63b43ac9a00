import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Integration tests: the built site served by the real server (so they run after `npm run
 * build`), talking to a real SMTP server, nginx, Chromium. Each file starts its own processes on
 * ports the system picks and works in its own temporary folders, so files run side by side: one
 * per core, as a file mostly waits on the processes it started (58 s one at a time here, 35 s
 * two at a time). `INTEGRATION_WORKERS` overrides it.
 */
const workers = Number(process.env.INTEGRATION_WORKERS) || availableParallelism();

export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    maxWorkers: workers,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
