import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share one PostgreSQL server; each test file creates its own databases.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
