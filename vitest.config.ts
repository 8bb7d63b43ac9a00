import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two workers per core, not Vitest's default of one less than the cores (a single worker on a
 * two-core machine, which ran the files one after another): the slow files spend most of their
 * time waiting on the processes they start (git, tsx, epubcheck's JVM, worker threads), so
 * running more of them at once overlaps that waiting. Each file runs in its own process and
 * works in its own temporary folders, so they do not share state.
 */
const workers = Number(process.env.UNIT_WORKERS) || availableParallelism() * 2;

export default defineConfig({
  test: {
    // Unit tests only; Playwright specs live in tests/e2e and must never be collected here.
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // A cap, not a timing: files that start processes share two cores with the other workers.
    // The same cap for hooks: a beforeAll that makes keys, a CA or a git repository is work of the same kind.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: workers,
    minWorkers: 1,
  },
});
