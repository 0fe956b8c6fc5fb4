import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: the end-to-end tests run the real client against the emulator and must pass on a
    // machine twice as slow and busy as the one they were written on.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Files share one PostgreSQL server; each test file creates its own databases.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
