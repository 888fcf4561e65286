/** The doctor's checklist as a person reads it at a terminal. */
import type { CheckStatus, DoctorReport } from './doctor-report.js';

const MARKS: Readonly<Record<CheckStatus, string>> = {
  ok: '[ok]  ',
  warn: '[warn]',
  fail: '[FAIL]',
  skipped: '[skip]',
};

export function formatReport(report: DoctorReport): string {
  const lines = [`pulse doctor: org "${report.org}"`, ''];
  for (const result of report.checks) {
    lines.push(`${MARKS[result.status]} ${result.title}: ${result.detail}`);
    if (result.fix && result.status !== 'ok') lines.push(`       fix: ${result.fix}`);
  }
  const failed = report.checks.filter((result) => result.status === 'fail').length;
  const warned = report.checks.filter((result) => result.status === 'warn').length;
  lines.push(
    '',
    failed > 0
      ? `${failed === 1 ? '1 problem blocks' : `${failed} problems block`} a sync${warned > 0 ? `; ${warned} warning${warned === 1 ? '' : 's'}` : ''}.`
      : `Ready to sync${warned > 0 ? ` (${warned} warning${warned === 1 ? '' : 's'})` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}
