/**
 * Every signal the model can score or test, what it means and how its value reads in a reason.
 * Signals are computed from standard Salesforce data, or mapped from optional Account fields.
 */

/** What a value measures (its unit in reasons). */
export type SignalKind =
  'count' | 'days' | 'hours' | 'amount' | 'percent' | 'ratio' | 'score' | 'flag' | 'text';

export interface SignalInfo {
  readonly kind: SignalKind;
  /**
   * How the value reads in the reasons text: `exact` for values that change only when the
   * situation does (counts, a stage's probability); `band` (the measure's threshold band) for
   * values that drift by the day, so the text stays stable.
   */
  readonly reads: 'exact' | 'band';
  readonly description: string;
  /** An optional input: only present when `inputs` in the model maps it to an Account field. */
  readonly input?: true;
}

export type SignalValue = number | boolean | string | null;
/** Signal name -> value; `null` (or absent) is "no data", never zero. */
export type Signals = Readonly<Record<string, SignalValue>>;

export const BUILTIN_SIGNALS = {
  openCases: { kind: 'count', reads: 'exact', description: 'open cases' },
  openP1Cases: { kind: 'count', reads: 'exact', description: 'open cases of tier P1' },
  openP2Cases: { kind: 'count', reads: 'exact', description: 'open cases of tier P2' },
  openP3Cases: { kind: 'count', reads: 'exact', description: 'open cases of tier P3' },
  openP4Cases: { kind: 'count', reads: 'exact', description: 'open cases of tier P4' },
  escalatedOpenCases: { kind: 'count', reads: 'exact', description: 'open cases marked IsEscalated' },
  casesLast30d: { kind: 'count', reads: 'exact', description: 'cases created in the last 30 days' },
  casesPrior90d: {
    kind: 'count',
    reads: 'exact',
    description: 'cases created in the 90 days before those 30',
  },
  caseVolumeRatio: {
    kind: 'ratio',
    reads: 'band',
    description: 'cases in the last 30 days against the monthly average of the 90 days before',
  },
  supportSpike: {
    kind: 'flag',
    reads: 'exact',
    description: 'case volume ratio and count over the spike settings',
  },
  openCasesPastSla: {
    kind: 'count',
    reads: 'exact',
    description: 'open cases past a first-response or resolution target',
  },
  openCasesPastResolutionSla: {
    kind: 'count',
    reads: 'exact',
    description: 'open cases past their resolution target',
  },
  openCasesNearSla: {
    kind: 'count',
    reads: 'exact',
    description: 'open cases past the watch share of a target, not yet past it',
  },
  slaBreaches90d: {
    kind: 'count',
    reads: 'exact',
    description: 'cases created in the last 90 days that missed a target',
  },
  medianResolutionHours90d: {
    kind: 'hours',
    reads: 'band',
    description: 'median business hours to close, cases closed in the last 90 days',
  },
  /** Computed from AnnualRevenue, or an input when `inputs.arr` maps a field. */
  arr: {
    kind: 'amount',
    reads: 'band',
    description: 'annual recurring revenue in the org currency (AnnualRevenue unless mapped)',
  },
  accountType: { kind: 'text', reads: 'exact', description: 'Account Type' },
  daysToRenewal: {
    kind: 'days',
    reads: 'band',
    description: 'days to the CloseDate of the next open renewal (negative: overdue)',
  },
  renewalProbability: {
    kind: 'percent',
    reads: 'exact',
    description: 'Probability of the next open renewal',
  },
  renewalStage: { kind: 'text', reads: 'exact', description: 'StageName of the next open renewal' },
  renewalAmount: {
    kind: 'amount',
    reads: 'band',
    description: 'Amount of the next open renewal, org currency',
  },
  closedLostRenewals365d: {
    kind: 'count',
    reads: 'exact',
    description: 'renewals closed lost in the last 365 days',
  },
  openExpansionPipeline: {
    kind: 'amount',
    reads: 'band',
    description: 'Amount of open expansion opportunities, org currency',
  },
  openExpansionOpportunities: { kind: 'count', reads: 'exact', description: 'open expansion opportunities' },
  daysSinceLastActivity: {
    kind: 'days',
    reads: 'band',
    description: 'days since LastActivityDate (since CreatedDate when there was none)',
  },
  seatUtilisation: {
    kind: 'percent',
    reads: 'band',
    description: 'activeUsers / licensedSeats, as a percentage',
  },
  activeUsers: { kind: 'count', reads: 'band', description: 'active users (mapped field)', input: true },
  licensedSeats: { kind: 'count', reads: 'exact', description: 'licensed seats (mapped field)', input: true },
  usageTrend: {
    kind: 'percent',
    reads: 'band',
    description: 'usage change, percent (mapped field)',
    input: true,
  },
  nps: { kind: 'score', reads: 'exact', description: 'NPS score (mapped field)', input: true },
  csat: { kind: 'score', reads: 'exact', description: 'CSAT score (mapped field)', input: true },
} as const satisfies Record<string, SignalInfo>;

export type BuiltinSignalName = keyof typeof BUILTIN_SIGNALS;

/** Signals mapped from a field of the org's own (custom inputs): numbers unless they say otherwise. */
const CUSTOM_INPUT: SignalInfo = { kind: 'score', reads: 'band', description: 'mapped field', input: true };

export function signalInfo(name: string): SignalInfo {
  return Object.hasOwn(BUILTIN_SIGNALS, name) ? BUILTIN_SIGNALS[name as BuiltinSignalName] : CUSTOM_INPUT;
}

export function isBuiltinSignal(name: string): name is BuiltinSignalName {
  return Object.hasOwn(BUILTIN_SIGNALS, name);
}
