import { defineConfig } from 'vitest/config';

// Two projects: unit tests are pure (no network, no Redis); integration tests use the real Redis
// on 127.0.0.1:6379 and local servers, and run their files one at a time.
const jsonReport = process.env['VITEST_JSON_REPORT'];

export default defineConfig({
  test: {
    setupFiles: ['test/support/block-network.ts'],
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Whole-system scenarios (RELIABILITY.md): the small profile here, the full one by hand.
        extends: true,
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
