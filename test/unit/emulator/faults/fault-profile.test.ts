/**
 * Fault profiles: the built-in ones, files (YAML and JSON) extending them, and the validation that
 * catches a typo or impossible rates before a test run starts.
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  BUILT_IN_PROFILES,
  REQUEST_FAULT_KINDS,
  resolveFaultProfile,
} from '../../../../emulator/faults/fault-profile.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/emulator/faults');

describe('built-in profiles', () => {
  it('none injects nothing; default is rare; chaos fails about one request in six', () => {
    const total = (name: 'none' | 'default' | 'chaos') =>
      REQUEST_FAULT_KINDS.reduce((sum, kind) => sum + BUILT_IN_PROFILES[name].rates[kind], 0);
    expect(total('none')).toBe(0);
    expect(total('default')).toBeGreaterThan(0);
    expect(total('default')).toBeLessThan(0.02);
    expect(total('chaos')).toBeCloseTo(0.15, 5);
    expect(resolveFaultProfile('chaos')).toBe(BUILT_IN_PROFILES.chaos);
  });
});

describe('profile files', () => {
  it('reads YAML that extends a built-in profile', () => {
    const profile = resolveFaultProfile(path.join(FIXTURES, 'flaky-writes.yaml'));
    expect(profile.rates).toMatchObject({
      unableToLockRow: 0.05,
      serverUnavailable: 0.02,
      connectionReset: BUILT_IN_PROFILES.default.rates.connectionReset,
    });
    expect(profile).toMatchObject({
      burstLength: 4,
      slowResponseMs: 2000,
      poisonedRecordIds: ['0015e0000000003AAA'],
      latency: { kind: 'lognormal', medianMs: 40, sigma: 0.5, maxMs: 500 },
    });
  });

  it('reads JSON (extending none by default)', () => {
    const profile = resolveFaultProfile(path.join(FIXTURES, 'bursty.json'));
    expect(profile.rates.requestLimitExceeded).toBe(0.05);
    expect(profile.rates.serverUnavailable).toBe(0);
  });

  it.each([
    [{ rates: { serverUnavailabel: 0.1 } }, /serverUnavailabel/],
    [{ rates: { serverUnavailable: 1.5 } }, /rates/],
    [{ rates: { serverUnavailable: 0.6, connectionReset: 0.6 } }, /add up to 1.2/],
    [{ latency: { kind: 'gamma' } }, /latency/],
    [{ poisonedRecordIds: ['not-an-id'] }, /poisonedRecordIds/],
  ])('refuses %j', (input, message) => {
    expect(() => resolveFaultProfile(input)).toThrow(message);
  });

  it('refuses an unknown name', () => {
    expect(() => resolveFaultProfile('sometimes')).toThrow(/none, default, chaos/);
  });
});
