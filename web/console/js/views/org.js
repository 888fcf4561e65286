// `#/orgs/:org`: an org's integration health — banners, the verdict, API usage, error rates and
// latency over the last hours, the last runs with their counts — and a way to open an account.
import { api } from '../api.js';
import { h, link } from '../dom.js';
import { count, ms, percent, time } from '../format.js';
import { href, navigate } from '../router.js';
import { badge, section, table, terms, title } from '../ui.js';
import { orgBanners } from './org-banners.js';
import { orgCharts } from './org-charts.js';
import { refusedRecordColumns } from './refused-records.js';

const WINDOWS = [24, 72, 168];

function windowForm(org, hours) {
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Time window' },
    h('label', { for: 'hours' }, 'Window'),
    h(
      'select',
      { id: 'hours', name: 'hours' },
      WINDOWS.map((value) =>
        h(
          'option',
          { value, selected: value === hours },
          value === 168 ? 'last 7 days' : `last ${value} hours`,
        ),
      ),
    ),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/orgs/${org}`, { hours: new FormData(form).get('hours') });
  });
  return form;
}

function accountForm(org) {
  const form = h(
    'form',
    { class: 'inline-form', id: 'open-account' },
    h('label', { for: 'account-id' }, 'Account id'),
    h('input', {
      id: 'account-id',
      name: 'accountId',
      required: true,
      pattern: '001[A-Za-z0-9]{12}([A-Za-z0-9]{3})?',
      title: 'A 15- or 18-character Account id starting with 001',
      autocomplete: 'off',
      spellcheck: 'false',
    }),
    h('button', { type: 'submit' }, 'Open account'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = String(new FormData(form).get('accountId')).trim();
    navigate(`/orgs/${org}/accounts/${encodeURIComponent(id)}`);
  });
  return form;
}

function verdict(summary) {
  const usage = summary.apiUsage;
  return [
    h('p', null, 'Verdict: ', badge(summary.verdict.status)),
    summary.verdict.reasons.length > 0
      ? h(
          'ul',
          null,
          summary.verdict.reasons.map((reason) => h('li', null, reason)),
        )
      : null,
    terms([
      ['Calls', count(summary.calls)],
      ['API calls', count(summary.apiCalls)],
      ['Failed', count(summary.failed)],
      ['Failure rate', percent(summary.failureRate)],
      [
        'Latency p50 / p90 / p99',
        `${ms(summary.latencyMs.p50)} / ${ms(summary.latencyMs.p90)} / ${ms(summary.latencyMs.p99)}`,
      ],
      [
        'API usage (24 h)',
        usage
          ? `${count(usage.used)} of ${count(usage.max)} (${percent(usage.max > 0 ? usage.used / usage.max : 0, 2)}) at ${time(usage.at)}`
          : 'not reported',
      ],
    ]),
  ];
}

function codesTable(org, summary) {
  const rows = Object.entries(summary.byCode).sort((a, b) => b[1] - a[1]);
  return table({
    caption: 'Failed calls by error code',
    empty: 'No failed call in this window.',
    columns: [
      {
        label: 'Error code',
        cell: ([code]) => h('a', { href: href(`/orgs/${org}/calls`, { errorCode: code }) }, code),
      },
      { label: 'Failed calls', numeric: true, cell: ([, n]) => count(n) },
    ],
    rows,
  });
}

function refusedRecords(org, run) {
  const failed = run?.failed ?? [];
  if (failed.length === 0) return null;
  return [
    table({
      caption: `Records refused in the last run (${count(failed.length)})`,
      id: 'last-run-failed',
      columns: refusedRecordColumns(org),
      rows: failed.slice(0, 10),
    }),
    failed.length > 10
      ? h(
          'p',
          null,
          link(
            `/orgs/${org}/runs/${encodeURIComponent(run.runId)}`,
            `All ${count(failed.length)} refused records`,
          ),
        )
      : null,
  ];
}

function pulled(run) {
  const entries = Object.entries(run.pulled ?? {});
  return entries.map(([object, n]) => `${object} ${count(n)}`).join(', ') || '—';
}

function runsTable(org, runs) {
  return table({
    caption: 'The last runs, newest first',
    empty: 'No run yet.',
    id: 'runs',
    columns: [
      {
        label: 'Started',
        cell: (run) => link(`/orgs/${org}/runs/${encodeURIComponent(run.runId)}`, time(run.startedAt)),
      },
      { label: 'Status', cell: (run) => badge(run.status) },
      { label: 'Mode', cell: (run) => run.mode },
      { label: 'Write-back', cell: (run) => run.writeBack },
      { label: 'Pulled', cell: pulled },
      { label: 'Scored', numeric: true, cell: (run) => count(run.scored) },
      { label: 'Written', numeric: true, cell: (run) => count(run.written) },
      { label: 'Unchanged', numeric: true, cell: (run) => count(run.unchanged) },
      { label: 'Records failed', numeric: true, cell: (run) => count(run.failed?.length ?? 0) },
      { label: 'API calls', numeric: true, cell: (run) => count(run.apiCalls) },
      { label: 'Duration', numeric: true, cell: (run) => ms(run.durationMs) },
    ],
    rows: runs,
  });
}

export async function orgView({ params, query, signal }) {
  const org = params.org;
  const hours = WINDOWS.includes(Number(query.get('hours'))) ? Number(query.get('hours')) : 24;
  const [{ orgs }, summary, { runs }] = await Promise.all([
    api('/orgs', { signal }),
    api(`/diagnostics/orgs/${encodeURIComponent(org)}/summary`, { query: { hours }, signal }),
    api(`/orgs/${encodeURIComponent(org)}/runs`, { query: { limit: 10 }, signal }),
  ]);
  const status = orgs.find((candidate) => candidate.name === org);
  return h(
    'div',
    { 'data-view': 'org' },
    title(
      `Org ${org}`,
      h('p', { class: 'actions' }, link(`/orgs/${org}/calls`, 'Failed calls'), link('/orgs', 'All orgs')),
    ),
    status ? orgBanners(status) : null,
    section(
      'Integration health',
      windowForm(org, hours),
      verdict(summary),
      status ? h('p', null, `${count(status.failing)} record(s) listed as failing.`) : null,
    ),
    section(`Over the last ${hours} hours`, orgCharts(summary), codesTable(org, summary)),
    section('Runs', runsTable(org, runs), refusedRecords(org, runs[0])),
    section('Open an account', accountForm(org)),
  );
}
