import { defineConfig } from 'vitest/config';

/**
 * Integration tests: the built site served by the real server (so they run after `npm run
 * build`), talking to a real SMTP server. One file at a time: each starts its own processes.
 */
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
