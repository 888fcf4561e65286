// `#/orgs/:org/accounts/:accountId`: what a CSM or support agent needs about one account — score,
// status, flags, reasons and contributions, the override, the score history, open cases and the
// next renewal, and what Salesforce holds.
import { api } from '../api.js';
import { lineChart } from '../charts.js';
import { h, link } from '../dom.js';
import { count, percent, time } from '../format.js';
import { badge, section, table, terms, title } from '../ui.js';

const NOT_SERVED = 'This server does not report it yet.';

function signed(value) {
  return typeof value === 'number' ? `${value > 0 ? '+' : ''}${value}` : '—';
}

function health(account) {
  const { health: result } = account;
  return h(
    'section',
    { class: 'panel', id: 'health' },
    h('h2', null, 'Health'),
    h(
      'div',
      { class: 'tiles' },
      h(
        'p',
        { class: 'tile' },
        h('span', { class: 'tile-label' }, 'Score'),
        h('span', { class: 'tile-value', id: 'score' }, result.score ?? '—'),
      ),
      h(
        'p',
        { class: 'tile' },
        h('span', { class: 'tile-label' }, 'Status'),
        h('span', { class: 'tile-value', id: 'status' }, result.status ? badge(result.status) : '—'),
      ),
      h(
        'p',
        { class: 'tile' },
        h('span', { class: 'tile-label' }, 'Change (30 days)'),
        h('span', { class: 'tile-value' }, signed(result.scoreChange)),
      ),
      h(
        'p',
        { class: 'tile' },
        h('span', { class: 'tile-label' }, 'CSM override'),
        h('span', { class: 'tile-value' }, result.override ?? 'none'),
      ),
      h(
        'p',
        { class: 'tile' },
        h('span', { class: 'tile-label' }, 'Escalation'),
        h('span', { class: 'tile-value' }, badge(result.escalation.status)),
      ),
    ),
    result.escalation.reasons.length
      ? h(
          'ul',
          null,
          result.escalation.reasons.map((reason) => h('li', null, reason)),
        )
      : null,
    h('h3', null, 'Risk flags'),
    result.riskFlags.length
      ? h(
          'ul',
          { id: 'flags' },
          result.riskFlags.map((flag) => h('li', null, h('strong', null, flag.name), `: ${flag.reason}`)),
        )
      : h('p', { class: 'empty' }, 'No risk flag.'),
    h('h3', null, 'Reasons'),
    h('p', { id: 'reasons', class: 'prewrap' }, result.reasons || '—'),
    terms([
      ['Segment', result.segment],
      ['Model version', result.modelVersion],
    ]),
  );
}

function contributions(account) {
  return section(
    'What makes the score',
    table({
      caption: 'Each measure’s contribution',
      columns: [
        { label: 'Measure', cell: (item) => item.label },
        { label: 'Group', cell: (item) => item.group },
        {
          label: 'Value',
          cell: (item) => (item.value === null || item.value === undefined ? '—' : String(item.value)),
        },
        { label: 'Points (0-100)', numeric: true, cell: (item) => item.points ?? item.leftOut ?? '—' },
        { label: 'Weight', numeric: true, cell: (item) => percent(item.weight, 0) },
      ],
      rows: account.health.contributions,
      empty: 'No measure contributed.',
    }),
  );
}

function historyChart(account) {
  const points = [...(account.history ?? [])].reverse();
  return h(
    'section',
    { class: 'panel', id: 'history' },
    h('h2', null, 'Score history'),
    points.length === 0
      ? h('p', { class: 'empty' }, 'No score recorded yet.')
      : lineChart({
          label: 'Health score over time',
          labels: points.map((point) => String(point.at).slice(0, 10)),
          series: [{ name: 'Score', values: points.map((point) => point.score) }],
          limit: { name: 'Best score', value: 100 },
        }),
  );
}

function slaState(item) {
  if (item.pastSla) return badge('past SLA', 'red');
  if (item.nearSla) return badge('near SLA', 'yellow');
  return badge('within SLA', 'green');
}

function cases(account) {
  return h(
    'section',
    { class: 'panel', id: 'open-cases' },
    h('h2', null, 'Open cases'),
    Array.isArray(account.openCases)
      ? table({
          caption: 'Open cases, past or near their SLA first',
          empty: 'No open case.',
          columns: [
            { label: 'Case', cell: (item) => item.label },
            { label: 'Tier', cell: (item) => item.tier },
            { label: 'Escalated', cell: (item) => (item.escalated ? 'yes' : 'no') },
            { label: 'Opened', cell: (item) => time(item.openedAt) },
            { label: 'Age (business hours)', numeric: true, cell: (item) => item.ageBusinessHours },
            { label: 'SLA', cell: slaState },
            {
              label: 'Resolution target used',
              numeric: true,
              cell: (item) => percent(item.resolutionUsedShare, 0),
            },
          ],
          rows: account.openCases,
        })
      : h('p', { class: 'empty' }, NOT_SERVED),
  );
}

function renewal(account) {
  const next = account.nextRenewal;
  return h(
    'section',
    { class: 'panel', id: 'next-renewal' },
    h('h2', null, 'Next renewal'),
    next === undefined
      ? h('p', { class: 'empty' }, NOT_SERVED)
      : next === null
        ? h('p', { class: 'empty' }, 'No open renewal.')
        : terms([
            [
              'In',
              next.daysToRenewal < 0
                ? `${-next.daysToRenewal} day(s) overdue`
                : `${next.daysToRenewal} day(s)`,
            ],
            ['Stage', next.stage ?? '—'],
            ['Probability', typeof next.probability === 'number' ? `${next.probability}%` : '—'],
            ['Amount', count(next.amount)],
          ]),
  );
}

function inSalesforce(account) {
  const entries = Object.entries(account.inSalesforce ?? {});
  return section(
    'In Salesforce now',
    h('p', { class: 'hint' }, 'The Pulse fields as last read from Salesforce.'),
    terms(entries.map(([field, value]) => [field, value === null ? '(empty)' : String(value)])),
  );
}

export async function accountView({ params, signal }) {
  const { org, accountId } = params;
  const account = await api(`/orgs/${encodeURIComponent(org)}/accounts/${encodeURIComponent(accountId)}`, {
    signal,
  });
  return h(
    'div',
    { 'data-view': 'account' },
    title(
      account.name ?? accountId,
      h('p', { class: 'hint' }, `Account ${account.accountId} in `, link(`/orgs/${org}`, org)),
    ),
    health(account),
    historyChart(account),
    cases(account),
    renewal(account),
    contributions(account),
    inSalesforce(account),
  );
}
