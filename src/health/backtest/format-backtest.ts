/** The backtest report as text for a person at a terminal (`--json` prints the report itself). */
import type { BacktestReport } from './run-backtest.js';

const percent = (share: number | null) => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);
const fixed = (value: number | null) => (value === null ? '-' : value.toFixed(3));

export function formatBacktest(report: BacktestReport): string {
  const scored = report.snapshots - report.unscored;
  const lines = [
    `Backtest: ${report.snapshots} snapshots, ${report.churned} churned (${percent(scored === 0 ? null : report.churned / scored)}), model ${report.modelVersion}`,
  ];
  if (report.unscored > 0)
    lines.push(`  ${report.unscored} snapshots had no data for any measure and were left out.`);
  for (const note of report.notes) lines.push(`NOTE: ${note}`);
  lines.push(
    '',
    `AUC ${fixed(report.auc.value)}  (95% bootstrap interval ${fixed(report.auc.low)}-${fixed(report.auc.high)}; ${report.auc.bootstrapSamples} resamples, seed ${report.auc.seed})`,
    '  the chance a retained account scored higher than a churned one; 0.5 is a coin toss',
    `Lowest-scored decile: ${report.lowestDecile.snapshots} snapshots, ${report.lowestDecile.churned} churned (${percent(report.lowestDecile.churnRate)}), lift ${report.lowestDecile.lift === null ? '-' : `${report.lowestDecile.lift.toFixed(2)}x`}`,
    '',
    'Churn by status:',
  );
  const width = Math.max(...report.bands.map((band) => band.status.length), 6);
  for (const band of report.bands) {
    lines.push(
      `  ${band.status.padEnd(width)}  ${String(band.snapshots).padStart(6)} snapshots  ${String(band.churned).padStart(6)} churned  ${percent(band.churnRate).padStart(6)}`,
    );
  }
  lines.push(
    '',
    'Measures that separate best (AUC of their points; under 0.5: churned accounts scored higher):',
  );
  const separating = report.measures.filter((measure) => measure.auc !== null);
  const labelWidth = Math.max(...separating.map((m) => m.label.length), 10);
  for (const measure of separating) {
    lines.push(
      `  ${measure.label.padEnd(labelWidth)}  ${fixed(measure.auc)}  (${measure.snapshots} snapshots with data)`,
    );
  }
  const without = report.measures.filter((measure) => measure.auc === null).map((measure) => measure.label);
  if (without.length > 0) lines.push(`  No AUC (no data, or only one class): ${without.join(', ')}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
