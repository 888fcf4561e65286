/**
 * The org's API budget, shared by all workers in Redis: a call is debited atomically before it is
 * sent, and refused once Pulse's calls would eat into the reserve left for the org's other
 * integrations. Sforce-Limit-Info is org-wide and lags, so the check is the last reported usage
 * plus Pulse's calls still in flight. In-flight debits expire, so a killed worker's calls do not
 * hold budget forever.
 */
import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

import type { OrgConfig } from '../../config/index.js';

/**
 * KEYS: usage hash, in-flight sorted set. ARGV: reserve %, call id, now ms, in-flight expiry ms.
 * Returns {allowed, used + in flight (+ this call when allowed), ceiling or -1 while unknown}.
 */
const DEBIT = `
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[4]))
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
local max = tonumber(redis.call('HGET', KEYS[1], 'max') or '-1')
local inflight = redis.call('ZCARD', KEYS[2])
if max >= 0 then
  local ceiling = math.floor(max * (100 - tonumber(ARGV[1])) / 100)
  if used + inflight + 1 > ceiling then return {0, used + inflight, ceiling} end
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
  return {1, used + inflight + 1, ceiling}
end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
return {1, used + inflight + 1, -1}
`;

/**
 * KEYS: usage hash, in-flight set. ARGV: call id, reported used ('' if none), reported max.
 * Responses come back out of order, so usage only grows — unless it drops by a lot, which means
 * the 24-hour window rolled over.
 */
const SETTLE = `
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] ~= '' then
  local reported = tonumber(ARGV[2])
  local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
  if reported > used or used - reported > 1000 then redis.call('HSET', KEYS[1], 'used', reported) end
  redis.call('HSET', KEYS[1], 'max', ARGV[3])
end
return 1
`;

export interface BudgetDebit {
  readonly allowed: boolean;
  /** Identifies this debit for `settle`. */
  readonly callId: string;
  /** Usage counting this call (when allowed) and Pulse's other calls in flight. */
  readonly used: number;
  /** The most Pulse may reach: the daily maximum less the reserve; undefined until the maximum is known. */
  readonly ceiling?: number;
}

export interface ApiBudget {
  debit(): Promise<BudgetDebit>;
  /** Ends one debit; `usage` is what the last response's Sforce-Limit-Info said, when it said it. */
  settle(callId: string, usage?: { used: number; max: number }): Promise<void>;
  /** Usage as last reported, for status, the doctor and /metrics. */
  snapshot(): Promise<BudgetSnapshot>;
}

export interface BudgetSnapshot {
  /** The org's usage (all its integrations) as Sforce-Limit-Info last reported it. */
  readonly used: number;
  /** The org's daily allocation, once a response has reported it. */
  readonly max?: number;
  /** Where Pulse stops: `max` less the reserve (as the debit script computes it). */
  readonly ceiling?: number;
  /** Pulse's calls debited and not settled yet (expired debits of killed workers left out). */
  readonly inflight: number;
}

/** The same ceiling as the DEBIT script's. */
export function budgetCeiling(max: number, reservePercent: number): number {
  return Math.floor((max * (100 - reservePercent)) / 100);
}

/**
 * @param redis a client with Pulse's key prefix
 * @param inflightExpiryMs how long an unsettled debit counts (longer than any call can take)
 */
export function createApiBudget(
  redis: Redis,
  orgName: string,
  reservePercent: number,
  inflightExpiryMs: number,
): ApiBudget {
  const usageKey = `org:{${orgName}}:budget`;
  const inflightKey = `org:{${orgName}}:budget-inflight`;
  return {
    async debit() {
      const callId = randomUUID();
      const [allowed, used, ceiling] = (await redis.eval(
        DEBIT,
        2,
        usageKey,
        inflightKey,
        String(reservePercent),
        callId,
        String(Date.now()),
        String(inflightExpiryMs),
      )) as [number, number, number];
      return { allowed: allowed === 1, callId, used, ...(ceiling >= 0 ? { ceiling } : {}) };
    },
    async settle(callId, usage) {
      await redis.eval(
        SETTLE,
        2,
        usageKey,
        inflightKey,
        callId,
        usage ? String(usage.used) : '',
        usage ? String(usage.max) : '',
      );
    },
    async snapshot() {
      const [fields, inflight] = await Promise.all([
        redis.hgetall(usageKey),
        redis.zcount(inflightKey, Date.now() - inflightExpiryMs, '+inf'),
      ]);
      const max = fields['max'] === undefined ? undefined : Number(fields['max']);
      return {
        used: Number(fields['used'] ?? 0),
        inflight,
        ...(max === undefined ? {} : { max, ceiling: budgetCeiling(max, reservePercent) }),
      };
    },
  };
}

/**
 * The org's budget as its client keeps it (and as /metrics reads it): the configured reserve, and
 * a debit that outlives two call timeouts belongs to a killed worker.
 */
export function orgApiBudget(
  redis: Redis,
  orgName: string,
  org: Pick<OrgConfig, 'apiBudget' | 'requestLimits'>,
  options: { ignoreReserve?: boolean } = {},
): ApiBudget {
  const reservePercent = options.ignoreReserve ? 0 : org.apiBudget.reservePercent;
  return createApiBudget(redis, orgName, reservePercent, org.requestLimits.timeout * 2);
}
