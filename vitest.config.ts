import { defineConfig } from 'vitest/config';

// Tests whose assertions are judgements of speed (a capacity fit, a comparison of latencies) run last and alone: on
// two cores, a neighbouring test file's load moves a healthy run's peak throughput tenfold (76 to 1,224 a second
// seen) and a p95 by a half. Everything else runs two files at a time first.
const QUIET = ['test/e2e/verdicts.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './test/closingLine.ts'],
    pool: 'forks',
    // Hints name commands as the user typed them (scripts/invocation.ts); the tests expect them as `harness …`.
    env: { HARNESS_INVOKED_AS: 'harness' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: QUIET, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'quiet', include: QUIET, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
