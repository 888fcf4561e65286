/**
 * What a command needs from the process around it, handed in by `src/main/` so commands stay
 * free of globals (and testable in-process).
 */
import type { Config, Environment } from '../config/index.js';
import type { DoctorReport } from '../doctor/doctor-report.js';
import type { HealthModel } from '../health/index.js';
import type { ReplayOptions, ReplayResult } from '../diagnostics/replay/replay-call.js';
import type { PlannedEpisode } from '../success/plan-playbooks.js';
import type { SuccessPlaybook } from '../success/playbook-schema.js';
import type { TickReport } from '../success/run-tick.js';
import type { RollbackReport } from '../sync/rollback-run.js';
import type { RunProgress } from '../sync/run/run-state.js';
import type { SyncReport } from '../sync/run/sync-report.js';
import type { Logger } from '../logging/logger.js';

export interface OutputStream {
  write(text: string): unknown;
}

export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Whether stderr is a terminal (progress bars, colours). */
  readonly isTTY: boolean;
  /** Loads and validates the configuration; throws `ConfigError`. */
  readonly loadConfig: () => Config;
  /** The process's logger for a loaded configuration (secrets in it are redacted from every line). */
  readonly createLogger: (config: Config) => Logger;
  /** Hides secrets in values printed by commands. */
  readonly redactValue: (value: unknown) => unknown;
  /** The environment, for commands with variables of their own (`EMULATOR_*`); Pulse settings come from `loadConfig`. */
  readonly env: Environment;
  /** Loads and validates the health model and SLA files (defaults under `config/`); throws `ConfigError`. */
  readonly loadHealthModel: (files: {
    readonly modelFile?: string;
    readonly slaFile?: string;
  }) => HealthModel;
  /** The customer-success playbooks as configured (none when off); throws `SuccessPlaybookError`. */
  readonly loadPlaybooks: (config: Config, model: HealthModel) => readonly SuccessPlaybook[];
  /** The demo: an emulated org, one sync, a summary; returns when the process is asked to stop. */
  readonly runDemo: () => Promise<void>;
  /** Runs one sync of a configured org in this process. */
  readonly syncOnce: (
    orgName: string,
    options: { readonly full: boolean; readonly onProgress?: (progress: RunProgress) => void },
  ) => Promise<SyncReport>;
  /** Serves the HTTP API until the process is asked to stop. */
  readonly serve: () => Promise<void>;
  /** Works the configured orgs' queues until the process is asked to stop. */
  readonly runWorkers: (options: { readonly schedule: boolean }) => Promise<void>;
  /** Deletes what Pulse keeps for an org that is no longer configured. */
  readonly purgeOrg: (orgName: string) => Promise<{ readonly org: string; readonly keysDeleted: number }>;
  /** Flips an org's write-back switch (effective at once, for runs under way too). */
  readonly setOrgWrites: (
    orgName: string,
    change: { readonly paused: true; readonly reason: string } | { readonly paused: false },
  ) => Promise<void>;
  /** Puts back what a run overwrote. */
  readonly rollback: (orgName: string, runId: string) => Promise<RollbackReport>;
  /** What the org's customer-success playbooks would fire now, and why (writes nothing). */
  readonly planPlaybooks: (orgName: string) => Promise<PlannedEpisode[]>;
  /** One playbook tick now: what fell due goes out, as the org's switches allow. */
  readonly tickPlaybooks: (orgName: string) => Promise<TickReport>;
  /** Re-sends a stored call (or bisects its batch). */
  readonly replay: (callId: string, options: ReplayOptions) => Promise<ReplayResult>;
  /** Runs `pulse doctor`'s checks against a configured org. */
  readonly doctor: (orgName: string) => Promise<DoctorReport>;
  /** The exit code when the command finishes without throwing (e.g. 1 when the doctor found blockers). */
  readonly setExitCode: (code: number) => void;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM), with the signal's name. */
  readonly untilShutdown: () => Promise<string>;
}

/** Documented exit codes of every `pulse` command. */
export const EXIT_CODES = {
  ok: 0,
  /** The command ran and failed (a sync failed, Salesforce refused...). */
  failure: 1,
  /** Bad usage or bad configuration: nothing was attempted. */
  usage: 2,
} as const;
