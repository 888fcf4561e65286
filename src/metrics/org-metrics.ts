/**
 * The per-org metrics of /metrics: name, help, labels and how each is read off an org's figures.
 * Counters are totals kept in Redis that only grow (a purge of the org resets them, which
 * Prometheus takes as a counter reset); gauges are the state at scrape time or the last run's.
 */
import type { HistogramSeries } from './snapshot-histogram.js';
import type { OrgFigures } from './read-org-figures.js';

export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export type OrgMetric =
  | {
      readonly kind: 'counter' | 'gauge';
      readonly name: string;
      readonly help: string;
      readonly labelNames: readonly string[];
      readonly samples: (org: OrgFigures) => Sample[];
    }
  | {
      readonly kind: 'histogram';
      readonly name: string;
      readonly help: string;
      readonly series: (org: OrgFigures) => HistogramSeries[];
    };

const one = (org: OrgFigures, value: number | undefined): Sample[] =>
  value === undefined || !Number.isFinite(value) ? [] : [{ labels: { org: org.orgName }, value }];

const OUTCOMES = [
  ['written', 'written'],
  ['unchanged', 'unchanged'],
  ['would_write', 'wouldWrite'],
] as const;

function lastRunAccounts(org: OrgFigures): Sample[] {
  const run = org.lastRun;
  if (!run) return [];
  const samples: Sample[] = OUTCOMES.flatMap(([outcome, key]) => {
    const value = run[key];
    return typeof value === 'number' ? [{ labels: { org: org.orgName, outcome }, value }] : [];
  });
  if (Array.isArray(run.failed))
    samples.push({ labels: { org: org.orgName, outcome: 'failed' }, value: run.failed.length });
  return samples;
}

function lastRunFinished(org: OrgFigures): number | undefined {
  const run = org.lastRun;
  if (run?.startedAt === undefined || typeof run.durationMs !== 'number') return undefined;
  return (Date.parse(run.startedAt) + run.durationMs) / 1000;
}

export const ORG_METRICS: readonly OrgMetric[] = [
  {
    kind: 'counter',
    name: 'pulse_salesforce_calls_total',
    help: 'HTTP calls to Salesforce (every attempt, token calls included), by endpoint, method, status (or "network") and first error code.',
    labelNames: ['org', 'endpoint', 'method', 'status', 'error_code'],
    samples: (org) =>
      org.calls.map(({ labels, count }) => ({
        labels: {
          org: org.orgName,
          endpoint: labels.endpoint,
          method: labels.method,
          status: labels.status,
          error_code: labels.errorCode,
        },
        value: count,
      })),
  },
  {
    kind: 'counter',
    name: 'pulse_salesforce_call_retries_total',
    help: 'Salesforce calls that were a retry of a failed attempt (attempt > 1), by endpoint.',
    labelNames: ['org', 'endpoint'],
    samples: (org) =>
      org.retries.map(({ endpoint, count }) => ({ labels: { org: org.orgName, endpoint }, value: count })),
  },
  {
    kind: 'histogram',
    name: 'pulse_salesforce_call_duration_seconds',
    help: 'Time from sending a Salesforce call to its response (or network failure), by endpoint.',
    series: (org) =>
      org.latency.map((entry) => ({
        labels: { org: org.orgName, endpoint: entry.endpoint },
        buckets: entry.buckets,
        count: entry.count,
        sum: entry.sumSeconds,
      })),
  },
  {
    kind: 'gauge',
    name: 'pulse_salesforce_api_requests_used',
    help: "The org's API requests used in the last 24 hours (all its integrations), as Sforce-Limit-Info last reported.",
    labelNames: ['org'],
    samples: (org) => one(org, org.budget.max === undefined ? undefined : org.budget.used),
  },
  {
    kind: 'gauge',
    name: 'pulse_salesforce_api_requests_limit',
    help: "The org's daily API request allocation, as Sforce-Limit-Info last reported.",
    labelNames: ['org'],
    samples: (org) => one(org, org.budget.max),
  },
  {
    kind: 'gauge',
    name: 'pulse_salesforce_api_budget_reserve_requests',
    help: "API requests of the daily allocation Pulse never spends, left for the org's other integrations.",
    labelNames: ['org'],
    samples: (org) =>
      one(
        org,
        org.budget.max === undefined || org.budget.ceiling === undefined
          ? undefined
          : org.budget.max - org.budget.ceiling,
      ),
  },
  {
    kind: 'gauge',
    name: 'pulse_salesforce_api_budget_reserve_ratio',
    help: 'The configured share of the daily API allocation kept in reserve (apiBudget.reservePercent / 100).',
    labelNames: ['org'],
    samples: (org) => one(org, org.budget.reservePercent / 100),
  },
  {
    kind: 'gauge',
    name: 'pulse_salesforce_api_budget_inflight',
    help: "Pulse's API calls debited from the budget and not answered yet, all processes together.",
    labelNames: ['org'],
    samples: (org) => one(org, org.budget.inflight),
  },
  {
    kind: 'gauge',
    name: 'pulse_salesforce_limiter_queued',
    help: "Salesforce calls waiting for a slot of the org's rate limiter, all processes together.",
    labelNames: ['org'],
    samples: (org) => one(org, org.limiter?.queued),
  },
  {
    kind: 'gauge',
    name: 'pulse_salesforce_limiter_running',
    help: "Salesforce calls holding a slot of the org's rate limiter, all processes together.",
    labelNames: ['org'],
    samples: (org) => one(org, org.limiter?.running),
  },
  {
    kind: 'gauge',
    name: 'pulse_queue_jobs',
    help: "Jobs in the org's sync queue, by state.",
    labelNames: ['org', 'state'],
    samples: (org) =>
      Object.entries(org.queue).map(([state, value]) => ({ labels: { org: org.orgName, state }, value })),
  },
  {
    kind: 'counter',
    name: 'pulse_sync_runs_total',
    help: 'Finished sync runs, by status (completed, failed) and mode (incremental, full).',
    labelNames: ['org', 'status', 'mode'],
    samples: (org) =>
      org.runs.runs.map(({ status, mode, count }) => ({
        labels: { org: org.orgName, status, mode },
        value: count,
      })),
  },
  {
    kind: 'histogram',
    name: 'pulse_sync_run_duration_seconds',
    help: 'Duration of finished sync runs, by status.',
    series: (org) =>
      org.runs.durations.map((entry) => ({
        labels: { org: org.orgName, status: entry.status },
        buckets: entry.buckets,
        count: entry.count,
        sum: entry.sumSeconds,
      })),
  },
  {
    kind: 'counter',
    name: 'pulse_sync_records_pulled_total',
    help: 'Records pulled from Salesforce by finished runs, by object.',
    labelNames: ['org', 'object'],
    samples: (org) =>
      Object.entries(org.runs.pulled).map(([object, value]) => ({
        labels: { org: org.orgName, object },
        value,
      })),
  },
  {
    kind: 'counter',
    name: 'pulse_sync_accounts_scored_total',
    help: 'Accounts scored by finished runs.',
    labelNames: ['org'],
    samples: (org) => one(org, org.runs.scored),
  },
  {
    kind: 'counter',
    name: 'pulse_sync_accounts_total',
    help: 'Scored accounts of finished runs by outcome: written, unchanged, would_write (shadow or write-back off), failed (Salesforce refused the write).',
    labelNames: ['org', 'outcome'],
    samples: (org) =>
      Object.entries(org.runs.accounts).map(([outcome, value]) => ({
        labels: { org: org.orgName, outcome },
        value,
      })),
  },
  {
    kind: 'gauge',
    name: 'pulse_sync_last_run_timestamp_seconds',
    help: 'When the last finished run of the org ended (Unix time).',
    labelNames: ['org'],
    samples: (org) => one(org, lastRunFinished(org)),
  },
  {
    kind: 'gauge',
    name: 'pulse_sync_last_run_duration_seconds',
    help: 'How long the last finished run of the org took.',
    labelNames: ['org'],
    samples: (org) =>
      one(org, typeof org.lastRun?.durationMs === 'number' ? org.lastRun.durationMs / 1000 : undefined),
  },
  {
    kind: 'gauge',
    name: 'pulse_sync_last_run_success',
    help: '1 when the last finished run of the org completed, 0 when it failed.',
    labelNames: ['org'],
    samples: (org) =>
      one(org, org.lastRun?.status === undefined ? undefined : Number(org.lastRun.status === 'completed')),
  },
  {
    kind: 'gauge',
    name: 'pulse_sync_last_run_records_pulled',
    help: 'Records the last finished run pulled, by object.',
    labelNames: ['org', 'object'],
    samples: (org) =>
      Object.entries(org.lastRun?.pulled ?? {}).map(([object, value]) => ({
        labels: { org: org.orgName, object },
        value,
      })),
  },
  {
    kind: 'gauge',
    name: 'pulse_sync_last_run_accounts_scored',
    help: 'Accounts the last finished run scored.',
    labelNames: ['org'],
    samples: (org) => one(org, org.lastRun?.scored),
  },
  {
    kind: 'gauge',
    name: 'pulse_sync_last_run_accounts',
    help: 'Scored accounts of the last finished run by outcome (written, unchanged, would_write, failed).',
    labelNames: ['org', 'outcome'],
    samples: lastRunAccounts,
  },
  {
    kind: 'gauge',
    name: 'pulse_sync_last_run_salesforce_calls',
    help: 'Salesforce calls the last finished run made, by kind (api, token).',
    labelNames: ['org', 'kind'],
    samples: (org) => [
      ...one(org, org.lastRun?.apiCalls).map((sample) => ({
        ...sample,
        labels: { ...sample.labels, kind: 'api' },
      })),
      ...one(org, org.lastRun?.tokenCalls).map((sample) => ({
        ...sample,
        labels: { ...sample.labels, kind: 'token' },
      })),
    ],
  },
];
