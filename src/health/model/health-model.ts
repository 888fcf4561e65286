/**
 * The loaded health model: both configuration files validated and compiled (segment profiles
 * resolved, calendars built, priorities indexed) with the version every result carries.
 */
import { compileCalendar, type BusinessCalendar } from '../business-time/business-calendar.js';
import type { HealthModelConfig } from '../scorecard/model-config.js';
import type { SlaConfig, Tier } from '../sla/sla-config.js';
import { modelVersionOf } from './model-version.js';
import { resolveProfile, type ScoringProfile } from './scoring-profile.js';

export interface SlaModel {
  readonly config: SlaConfig;
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
  readonly defaultCalendar: BusinessCalendar;
  /** Lower-cased, trimmed Priority value -> tier. */
  readonly priorityTiers: ReadonlyMap<string, Tier>;
  /** Lower-cased, trimmed field value -> calendar. */
  readonly calendarByValue: ReadonlyMap<string, BusinessCalendar>;
}

export interface HealthModel {
  /** Hash of the canonical model and SLA configuration. */
  readonly version: string;
  readonly config: HealthModelConfig;
  readonly sla: SlaModel;
  /** Segment profiles in priority order, then the base scorecard (when no segment matches every account). */
  readonly profiles: readonly ScoringProfile[];
  readonly renewalTypes: ReadonlySet<string>;
  readonly expansionTypes: ReadonlySet<string>;
}

const normalise = (text: string) => text.trim().toLowerCase();

function buildSla(config: SlaConfig): SlaModel {
  const calendars = new Map(
    Object.entries(config.calendars).map(([name, calendar]) => [name, compileCalendar(name, calendar)]),
  );
  const calendar = (name: string): BusinessCalendar => {
    const found = calendars.get(name);
    // The schema has checked every reference; this guards a hand-built config.
    if (!found) throw new Error(`No calendar named "${name}"`);
    return found;
  };
  return {
    config,
    calendars,
    defaultCalendar: calendar(config.defaultCalendar),
    priorityTiers: new Map(
      Object.entries(config.priorities).map(([value, tier]) => [normalise(value), tier]),
    ),
    calendarByValue: new Map(
      Object.entries(config.calendarSelection?.values ?? {}).map(([value, name]) => [
        normalise(value),
        calendar(name),
      ]),
    ),
  };
}

/** Compiles validated configuration (see `HealthModelConfig` and `SlaConfig`) into a model. */
export function buildHealthModel(config: HealthModelConfig, sla: SlaConfig): HealthModel {
  const profiles = config.segments.map((segment) => resolveProfile(config, segment));
  if (!config.segments.some((segment) => segment.when === undefined))
    profiles.push(resolveProfile(config, null));
  return {
    version: modelVersionOf(config, sla),
    config,
    sla: buildSla(sla),
    profiles,
    renewalTypes: new Set(config.opportunityTypes.renewal.map(normalise)),
    expansionTypes: new Set(config.opportunityTypes.expansion.map(normalise)),
  };
}
