/** What `pulse doctor` reports: a checklist, each item with what was found and how to fix it. */

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found, in a sentence or two. */
  readonly detail: string;
  /** What to do, when the status is not ok: which permission set, which Setup page. */
  readonly fix?: string;
}

export interface DoctorReport {
  readonly org: string;
  readonly checks: readonly CheckResult[];
  /** True when a check failed: a sync would fail or write wrong data. */
  readonly blocking: boolean;
}

export const check = (
  id: string,
  title: string,
  status: CheckStatus,
  detail: string,
  fix?: string,
): CheckResult => ({ id, title, status, detail, ...(fix === undefined ? {} : { fix }) });
