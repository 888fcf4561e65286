/**
 * The fault decider: what makes two requests the same (method, path, query in any order, body;
 * never headers), attempt numbers, draws that do not depend on arrival order, limit bursts over
 * consecutive attempts, record faults, and latency distributions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createFaultDecider, identityOf } from '../../../../emulator/faults/fault-decider.js';
import { resolveFaultProfile, type FaultProfileInput } from '../../../../emulator/faults/fault-profile.js';
import { sampleLatency } from '../../../../emulator/faults/latency.js';

const url = (text: string): URL => new URL(text, 'http://127.0.0.1');
const body = (text = ''): Buffer => Buffer.from(text);
const decider = (input: FaultProfileInput, seed = 7) => createFaultDecider(seed, resolveFaultProfile(input));

describe('request identity', () => {
  it('is the method, the path, the query in any order and the body', () => {
    const a = identityOf('GET', url('/services/data/v64.0/query?q=SELECT+Id+FROM+Account&x=1'), body());
    expect(
      identityOf('GET', url('/services/data/v64.0/query?x=1&q=SELECT%20Id%20FROM%20Account'), body()),
    ).toBe(a);
    expect(
      identityOf('POST', url('/services/data/v64.0/query?q=SELECT+Id+FROM+Account&x=1'), body()),
    ).not.toBe(a);
    expect(identityOf('PATCH', url('/a'), body('{"x":1}'))).not.toBe(
      identityOf('PATCH', url('/a'), body('{"x":2}')),
    );
  });

  it('counts attempts per identity', () => {
    const faults = decider({});
    const first = faults.trace('GET', url('/a'), body());
    const other = faults.trace('GET', url('/b'), body());
    const second = faults.trace('GET', url('/a'), body());
    expect([first.attempt, other.attempt, second.attempt]).toEqual([0, 0, 1]);
  });
});

describe('decisions', () => {
  it('depend on (seed, identity, attempt) only: any order of asking gives the same answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.nat(5)), { minLength: 1, maxLength: 30 }),
        (asks) => {
          const one = decider({ extends: 'chaos' });
          const two = decider({ extends: 'chaos' });
          const forward = asks.map(([identity, attempt]) => one.decide({ identity, attempt }));
          const backward = [...asks]
            .reverse()
            .map(([identity, attempt]) => two.decide({ identity, attempt }))
            .reverse();
          expect(backward).toEqual(forward);
        },
      ),
    );
  });

  it('hits about the profile rate, and a different seed gives different faults', () => {
    const faults = decider({ rates: { serverUnavailable: 0.2 } });
    const hits = Array.from(
      { length: 5000 },
      (_, i) => faults.decide({ identity: `r${i}`, attempt: 0 }).fault,
    ).filter((fault) => fault === 'serverUnavailable').length;
    expect(hits / 5000).toBeGreaterThan(0.17);
    expect(hits / 5000).toBeLessThan(0.23);
    const other = decider({ rates: { serverUnavailable: 0.2 } }, 8);
    const differs = Array.from({ length: 200 }, (_, i) => `r${i}`).some(
      (identity) =>
        other.decide({ identity, attempt: 0 }).fault !== faults.decide({ identity, attempt: 0 }).fault,
    );
    expect(differs).toBe(true);
  });

  it('continues a REQUEST_LIMIT_EXCEEDED burst over the next burstLength - 1 attempts', () => {
    const faults = decider({ rates: { requestLimitExceeded: 0.05 }, burstLength: 3 });
    const identity = Array.from({ length: 1000 }, (_, i) => `q${i}`).find(
      (candidate) => faults.decide({ identity: candidate, attempt: 0 }).fault === 'requestLimitExceeded',
    );
    expect(identity).toBeDefined();
    const run = [0, 1, 2].map((attempt) => faults.decide({ identity: identity ?? '', attempt }).fault);
    expect(run).toEqual(['requestLimitExceeded', 'requestLimitExceeded', 'requestLimitExceeded']);
  });

  it('locks records per (scope, index) at the profile rate, and poisons listed ids in any case', () => {
    const faults = decider({ rates: { unableToLockRow: 0.3 }, poisonedRecordIds: ['0015e0000000003AAA'] });
    const locked = Array.from({ length: 2000 }, (_, i) => faults.recordLocked('scope', i)).filter(
      Boolean,
    ).length;
    expect(locked / 2000).toBeGreaterThan(0.25);
    expect(locked / 2000).toBeLessThan(0.35);
    expect(faults.recordLocked('scope', 3)).toBe(faults.recordLocked('scope', 3));
    expect(faults.poisoned('0015e0000000003')).toBe(true);
    expect(faults.poisoned('0015e0000000003aaa')).toBe(true);
    expect(faults.poisoned('0015e0000000004AAA')).toBe(false);
  });
});

describe('latency', () => {
  it('samples fixed, uniform and capped log-normal distributions', () => {
    expect(sampleLatency(50, 0.3, 0.9)).toBe(50);
    expect(sampleLatency({ kind: 'fixed', ms: 20 }, 0.3, 0.9)).toBe(20);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (u1, u2) => {
          const uniform = sampleLatency({ kind: 'uniform', minMs: 10, maxMs: 30 }, u1, u2);
          expect(uniform).toBeGreaterThanOrEqual(10);
          expect(uniform).toBeLessThanOrEqual(30);
          const lognormal = sampleLatency({ kind: 'lognormal', medianMs: 40, sigma: 1, maxMs: 300 }, u1, u2);
          expect(lognormal).toBeGreaterThanOrEqual(0);
          expect(lognormal).toBeLessThanOrEqual(300);
        },
      ),
    );
    const draws = Array.from({ length: 4001 }, (_, i) =>
      sampleLatency({ kind: 'lognormal', medianMs: 40, sigma: 0.5 }, (i + 0.5) / 4001, 0.123),
    ).sort((a, b) => a - b);
    expect(draws[2000]).toBeGreaterThan(20);
  });
});
