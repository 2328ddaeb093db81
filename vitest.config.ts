import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects. `fast` is what `npm test` runs: every unit, rule, analysis, scanner, integration
 * and golden end-to-end test, plus the fuzz regressions (fixed, shrunk counterexamples: cheap).
 * `long` is what `npm run test:long` runs (and `.ci/run` after `npm test`): the fuzzing properties
 * at their CI size, the pathological-input scans, the screening run checked on TypeScript, and the end-to-end suites that build real git
 * repositories. Their longer modes stay behind flags: `FUZZ_RUNS=100000 npm run test:long` (see
 * test/fuzz/harness.ts). Naming files works across both: `npx vitest run test/fuzz/autofix.test.ts`.
 */
const LONG = ['test/fuzz/!(regressions).test.ts', 'test/scanner/pathological.test.ts', 'test/scanner/screen-typescript.test.ts', 'test/e2e-git/**/*.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    pool: 'threads',
    // End-to-end suites run the built CLI and real git; a loaded 2-core CI machine needs slack.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...LONG] } },
      { extends: true, test: { name: 'long', include: LONG } },
    ],
  },
});
