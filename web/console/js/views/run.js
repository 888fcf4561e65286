// `#/orgs/:org/runs/:runId`: one run — its counts, or its progress while under way — and the
// records Salesforce refused, each account linked to its view.
import { api } from '../api.js';
import { h, link } from '../dom.js';
import { count, ms, time } from '../format.js';
import { href } from '../router.js';
import { badge, banner, section, table, terms, title } from '../ui.js';
import { refusedRecordColumns } from './refused-records.js';

function counts(run) {
  return terms([
    ['Status', badge(run.status)],
    ['Started', time(run.startedAt)],
    ['Mode', run.mode],
    ['Phase', run.phase],
    ['Write-back', run.writeBack],
    [
      'Pulled',
      Object.entries(run.pulled ?? {})
        .map(([object, n]) => `${object} ${count(n)}`)
        .join(', ') || '—',
    ],
    ['Accounts to score', run.targets === undefined ? undefined : count(run.targets)],
    ['Scored', count(run.scored)],
    ['Written', run.written === undefined ? undefined : count(run.written)],
    ['Unchanged', run.unchanged === undefined ? undefined : count(run.unchanged)],
    ['Would write', run.wouldWrite ? count(run.wouldWrite) : undefined],
    ['Listed as failing after it', run.failing === undefined ? undefined : count(run.failing)],
    ['API calls', run.apiCalls === undefined ? undefined : count(run.apiCalls)],
    ['Token calls', run.tokenCalls === undefined ? undefined : count(run.tokenCalls)],
    ['Duration', run.durationMs === undefined ? undefined : ms(run.durationMs)],
    ['Model version', run.modelVersion],
    [
      'Workers',
      run.workers
        ? Object.entries(run.workers)
            .map(([name, jobs]) => `${name} (${jobs} jobs)`)
            .join(', ')
        : undefined,
    ],
  ]);
}

export async function runView({ params, signal }) {
  const { org, runId } = params;
  const run = await api(`/orgs/${encodeURIComponent(org)}/runs/${encodeURIComponent(runId)}`, { signal });
  return h(
    'div',
    { 'data-view': 'run' },
    title(
      `Run ${run.runId}`,
      h(
        'p',
        { class: 'actions' },
        link(`/orgs/${org}`, 'Org health'),
        h('a', { href: href(`/orgs/${org}/calls`, { runId: run.runId }) }, 'Failed calls of this run'),
      ),
    ),
    run.error ? banner('error', h('strong', null, 'Failed'), `: ${run.error}`) : null,
    section('Counts', counts(run)),
    Array.isArray(run.failed)
      ? section(
          'Records Salesforce refused',
          table({
            caption: 'Refused records, with the reason',
            empty: 'No record was refused.',
            id: 'failed-records',
            columns: refusedRecordColumns(org),
            rows: run.failed,
          }),
        )
      : null,
  );
}
