/**
 * All signals of one account at one instant: its calendar, its cases' SLA states, then the
 * support, commercial and account signals. Warnings (unknown priorities, missing rates) come back
 * once each, for the caller to report.
 */
import type { BusinessCalendar } from '../business-time/business-calendar.js';
import { MS_PER_DAY, parseInstant } from '../business-time/wall-clock.js';
import type { HealthModel } from '../model/health-model.js';
import { calendarForAccount, evaluateCaseSla, type CaseSla } from '../sla/case-sla.js';
import type { AccountSnapshot, SnapshotCase } from '../snapshot.js';
import { accountSignals } from './account-signals.js';
import { commercialSignals } from './commercial-signals.js';
import { createConverter } from './currency.js';
import type { Signals } from './signal-catalog.js';
import { supportSignals } from './support-signals.js';

export interface AccountSignals {
  readonly signals: Signals;
  readonly cases: readonly CaseSla[];
  readonly calendar: BusinessCalendar;
  readonly warnings: readonly string[];
}

/** Cases no signal looks at (closed over 90 days ago, created over 120 days ago) are not evaluated. */
function matters(snapshotCase: SnapshotCase, nowMs: number): boolean {
  if (!snapshotCase.IsClosed) return true;
  if (parseInstant(snapshotCase.CreatedDate) > nowMs - 120 * MS_PER_DAY) return true;
  return snapshotCase.ClosedDate === null || parseInstant(snapshotCase.ClosedDate) > nowMs - 90 * MS_PER_DAY;
}

export function computeSignals(snapshot: AccountSnapshot, model: HealthModel, nowMs: number): AccountSignals {
  const calendar = calendarForAccount(snapshot.account, model.sla);
  const today = calendar.clock.localDayOf(nowMs);
  const converter = createConverter(snapshot.currency);
  const cases = snapshot.cases
    .filter((snapshotCase) => matters(snapshotCase, nowMs))
    .map((snapshotCase) => evaluateCaseSla(snapshotCase, model.sla, calendar, nowMs));
  const signals: Signals = {
    ...accountSignals(snapshot.account, model.config.inputs, converter, today),
    ...supportSignals(cases, model.config.supportSpike, nowMs),
    ...commercialSignals(snapshot.opportunities, model, converter, today),
  };
  const unknownPriorities = [
    ...new Set(cases.flatMap((sla) => (sla.unknownPriority === null ? [] : [sla.unknownPriority]))),
  ];
  const warnings = [
    ...unknownPriorities.map(
      (priority) => `Unknown case priority "${priority}": treated as ${model.sla.config.unknownPriorityTier}`,
    ),
    ...converter.warnings,
  ];
  return { signals, cases, calendar, warnings };
}
