/**
 * Scores every backtest record as of its date and measures how well the scores rank churn: AUC with
 * a bootstrap interval, lift in the lowest-scored decile, churn per status band, and which measures
 * separate churned from retained accounts best.
 */
import { evaluateAccount } from '../evaluate-account.js';
import type { HealthModel } from '../model/health-model.js';
import { chooseProfile, scoreSignals, statusBandOf, type Contribution } from '../scorecard/score-signals.js';
import type { BacktestRecord } from './backtest-input.js';
import { auc, bootstrapAuc } from './rank-metrics.js';

export interface BacktestOptions {
  readonly seed: number;
  readonly bootstrapSamples: number;
}

export interface BacktestReport {
  readonly modelVersion: string;
  readonly snapshots: number;
  readonly churned: number;
  /** Snapshots no measure had data for (no score): left out of every figure. */
  readonly unscored: number;
  readonly synthetic: boolean;
  readonly auc: {
    readonly value: number | null;
    readonly low: number | null;
    readonly high: number | null;
    readonly bootstrapSamples: number;
    readonly seed: number;
  };
  readonly lowestDecile: {
    readonly snapshots: number;
    readonly churned: number;
    readonly churnRate: number;
    readonly lift: number | null;
  };
  readonly bands: readonly {
    readonly status: string;
    readonly snapshots: number;
    readonly churned: number;
    readonly churnRate: number | null;
  }[];
  /** Best separating first (by distance of AUC from 0.5); an AUC under 0.5 means churned accounts scored higher. */
  readonly measures: readonly {
    readonly measure: string;
    readonly label: string;
    readonly snapshots: number;
    readonly auc: number | null;
  }[];
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
}

interface Scored {
  readonly record: BacktestRecord;
  readonly score: number;
  readonly churned: boolean;
  readonly status: string | null;
  readonly contributions: readonly Contribution[];
}

const SMALL_SAMPLE = 100;

function scoreRecord(record: BacktestRecord, model: HealthModel, warnings: Set<string>): Scored | null {
  if (record.snapshot) {
    const result = evaluateAccount(record.snapshot, model, new Date(record.asOfMs));
    for (const warning of result.warnings) warnings.add(warning);
    return result.score === null
      ? null
      : {
          record,
          score: result.score,
          churned: record.churned,
          status: result.status,
          contributions: result.contributions,
        };
  }
  const signals = record.signals ?? {};
  const scorecard = scoreSignals(signals, chooseProfile(model, signals));
  if (scorecard.score === null) return null;
  return {
    record,
    score: scorecard.score,
    churned: record.churned,
    status: statusBandOf(model, scorecard.score),
    contributions: scorecard.contributions,
  };
}

export function runBacktest(
  records: readonly BacktestRecord[],
  model: HealthModel,
  options: BacktestOptions,
): BacktestReport {
  const warnings = new Set<string>();
  const scored = records.flatMap((record) => scoreRecord(record, model, warnings) ?? []);
  const churned = scored.filter((item) => item.churned).length;
  const overallRate = scored.length === 0 ? 0 : churned / scored.length;

  const interval = bootstrapAuc(scored, options.bootstrapSamples, options.seed);
  // Lowest scores first; ties in a stable order so the decile is the same every run.
  const ranked = [...scored].sort(
    (a, b) =>
      a.score - b.score ||
      a.record.accountId.localeCompare(b.record.accountId) ||
      a.record.asOfMs - b.record.asOfMs,
  );
  const decile = ranked.slice(0, Math.ceil(ranked.length / 10));
  const decileChurned = decile.filter((item) => item.churned).length;
  const decileRate = decile.length === 0 ? 0 : decileChurned / decile.length;

  const bands = model.config.bands.map(({ status }) => {
    const inBand = scored.filter((item) => item.status === status);
    const bandChurned = inBand.filter((item) => item.churned).length;
    return {
      status,
      snapshots: inBand.length,
      churned: bandChurned,
      churnRate: inBand.length === 0 ? null : bandChurned / inBand.length,
    };
  });

  const measureIds = [
    ...new Map(
      scored.flatMap((item) => item.contributions.map((c) => [c.measure, c.label] as const)),
    ).entries(),
  ];
  const measures = measureIds
    .map(([measure, label]) => {
      const measured = scored.flatMap((item) => {
        const points = item.contributions.find((c) => c.measure === measure)?.points ?? null;
        return points === null ? [] : [{ score: points, churned: item.churned }];
      });
      return { measure, label, snapshots: measured.length, auc: auc(measured) };
    })
    .sort(
      (a, b) =>
        Math.abs((b.auc ?? 0.5) - 0.5) - Math.abs((a.auc ?? 0.5) - 0.5) || a.measure.localeCompare(b.measure),
    );

  const synthetic = records.some((record) => record.synthetic);
  const notes: string[] = [];
  if (synthetic) {
    notes.push(
      'This input says it is synthetic: its churn labels were made from the same signals the model scores, so these figures prove the plumbing works, not that the model predicts churn.',
    );
  }
  if (scored.length < SMALL_SAMPLE)
    notes.push(
      `Only ${scored.length} scored snapshots: the interval is wide and the figures are indicative at best.`,
    );
  if (churned === 0 || churned === scored.length)
    notes.push('AUC needs both churned and retained snapshots.');

  return {
    modelVersion: model.version,
    snapshots: records.length,
    churned,
    unscored: records.length - scored.length,
    synthetic,
    auc: {
      value: auc(scored),
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      bootstrapSamples: options.bootstrapSamples,
      seed: options.seed,
    },
    lowestDecile: {
      snapshots: decile.length,
      churned: decileChurned,
      churnRate: decileRate,
      lift: overallRate === 0 ? null : decileRate / overallRate,
    },
    bands,
    measures,
    notes,
    warnings: [...warnings],
  };
}
