/** What one run did, as `pulse sync` prints it, the run store keeps it and the API serves it. */
import type { WriteFailure } from '../write/write-accounts.js';
import type { WriteBackMode } from './run-state.js';

export interface SyncReport {
  readonly runId: string;
  readonly startedAt: string;
  readonly org: string;
  /** `completed` even with record failures; `failed` when a step of the run could not be done. */
  readonly status: 'completed' | 'failed';
  /** Why the run failed, for a person. */
  readonly error?: string;
  readonly mode: 'incremental' | 'full';
  /** `paused` when an admin paused writes (`pulse org pause-writes`) before or during the run. */
  readonly writeBack: WriteBackMode | 'paused';
  readonly pulled: Readonly<Record<string, number>>;
  readonly scored: number;
  readonly written: number;
  readonly unchanged: number;
  /** Accounts that would be written, in shadow mode or with write-back off. */
  readonly wouldWrite: number;
  /** Of the accounts scored, those scored only because an SLA clock crossed a threshold. */
  readonly slaRescored: number;
  readonly failed: readonly WriteFailure[];
  /** Records listed as failing after this run (this run's and earlier ones not yet written). */
  readonly failing: number;
  /** Salesforce API calls of the run, all workers together (token requests not included). */
  readonly apiCalls: number;
  readonly tokenCalls: number;
  readonly durationMs: number;
  readonly modelVersion: string;
  /** Jobs of the run each worker did. */
  readonly workers: Readonly<Record<string, number>>;
}
