/** The Redis tests use (127.0.0.1:6379 unless REDIS_URL says otherwise). No vitest import: child processes use it too. */
export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
