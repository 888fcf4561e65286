/** The health model's public surface: pure, no I/O; callers load the YAML and pass `now`. */
export {
  addBusinessMinutes,
  businessMinutesBetween,
  businessMsBetween,
} from './business-time/business-duration.js';
export { compileCalendar, type BusinessCalendar } from './business-time/business-calendar.js';
export { CalendarConfig } from './business-time/calendar-config.js';
export { evaluateAccount, type HealthResult } from './evaluate-account.js';
export { buildHealthModel, type HealthModel } from './model/health-model.js';
export type { RiskFlag } from './risk/risk-flags.js';
export { GUARANTEED_FLAGS, HealthModelConfig } from './scorecard/model-config.js';
export type { Contribution } from './scorecard/score-signals.js';
export { BUILTIN_SIGNALS, type SignalValue, type Signals } from './signals/signal-catalog.js';
export {
  ESCALATION_STATUSES,
  type EscalationDecision,
  type EscalationStatus,
} from './sla/escalation-status.js';
export { calendarForAccount, nextSlaChangeMs } from './sla/case-sla.js';
export { SlaConfig, TIERS, type Tier } from './sla/sla-config.js';
export {
  AccountSnapshot,
  type CaseMilestone,
  type SnapshotAccount,
  type SnapshotCase,
  type SnapshotOpportunity,
} from './snapshot.js';
export {
  parseCsvRows,
  parseJsonRows,
  type BacktestRecord,
  type InputRow,
} from './backtest/backtest-input.js';
export { formatBacktest } from './backtest/format-backtest.js';
export { runBacktest, type BacktestOptions, type BacktestReport } from './backtest/run-backtest.js';
