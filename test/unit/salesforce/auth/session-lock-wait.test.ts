import { expect, it } from 'vitest';

import { LOCK_WAIT_MS } from '../../../../src/salesforce/auth/org-session.js';
import { SESSION_LOCK_TTL_MS } from '../../../../src/salesforce/auth/session-store.js';

it('waits for the session lock longer than a dead holder leaves it', () => {
  // A worker SIGKILLed mid-login leaves the lock until it expires; waiting less failed every job
  // that needed the session in the meantime (found by the chaos scenario's full profile).
  expect(LOCK_WAIT_MS).toBeGreaterThan(SESSION_LOCK_TTL_MS);
});
