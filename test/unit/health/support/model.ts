/** Health models for the tests: the shipped one, and small ones built from plain objects. */
import path from 'node:path';

import { buildHealthModel, type HealthModel } from '../../../../src/health/model/health-model.js';
import { HealthModelConfig } from '../../../../src/health/scorecard/model-config.js';
import { SlaConfig } from '../../../../src/health/sla/sla-config.js';
import { loadHealthModel } from '../../../../src/main/load-health-model.js';

export const repoRoot = path.resolve(import.meta.dirname, '../../../..');

let shipped: HealthModel | undefined;
/** config/health-model.yaml and config/sla.yaml as shipped. */
export function shippedModel(): HealthModel {
  shipped ??= loadHealthModel({ cwd: repoRoot });
  return shipped;
}

const weekdays = (hours: string[]) => ({
  monday: hours,
  tuesday: hours,
  wednesday: hours,
  thursday: hours,
  friday: hours,
});

/** The SLA defaults, as plain input for SlaConfig (override any key). */
export function slaInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tiers: {
      P1: { firstResponse: '15m', resolution: '4h' },
      P2: { firstResponse: '1h', resolution: '24h' },
      P3: { firstResponse: '8h', resolution: '72h' },
      P4: { firstResponse: '24h', resolution: '120h' },
    },
    priorities: {
      Critical: 'P1',
      Urgent: 'P1',
      P1: 'P1',
      High: 'P2',
      P2: 'P2',
      Medium: 'P3',
      P3: 'P3',
      Low: 'P4',
      P4: 'P4',
    },
    calendars: {
      default: { timeZone: 'UTC', weeklyHours: weekdays(['09:00-17:00']) },
      london: { timeZone: 'Europe/London', weeklyHours: weekdays(['09:00-17:00']) },
      'always-open': {
        timeZone: 'UTC',
        weeklyHours: { ...weekdays(['00:00-24:00']), saturday: ['00:00-24:00'], sunday: ['00:00-24:00'] },
      },
    },
    defaultCalendar: 'default',
    ...overrides,
  };
}

/** The two flags every model must list, with conditions that never hold (the guarantee sets them). */
export const GUARANTEED_RULES = [
  { name: 'Open P1', when: { signal: 'openP1Cases', gte: 1_000_000 }, reason: 'An open P1.' },
  { name: 'SLA Breach', when: { signal: 'openCasesPastSla', gte: 1_000_000 }, reason: 'Past its SLA.' },
];

export function buildModel(
  model: Record<string, unknown>,
  sla: Record<string, unknown> = slaInput(),
): HealthModel {
  return buildHealthModel(
    HealthModelConfig.parse({ riskFlags: GUARANTEED_RULES, ...model }),
    SlaConfig.parse(sla),
  );
}
