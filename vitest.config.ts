import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'threads',
    // End-to-end suites run the built CLI and real git; a loaded 2-core CI machine needs slack.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
