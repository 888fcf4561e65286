// `#/calls/:callId`: one failed call, redacted — its classification and failures, the playbook's
// causes and steps, the request and response, its other attempts and replays — with replay and
// "copy as curl".
import { api } from '../api.js';
import { h, link } from '../dom.js';
import { count, isAccountId, ms, pretty, shortPath, time } from '../format.js';
import { badge, banner, pre, section, table, terms, title } from '../ui.js';
import { curlPanel } from './curl.js';
import { playbookSection } from './playbook.js';
import { replayPanel } from './replay.js';

const MAX_FAILURES = 10;

const CLASS_MEANING = {
  transient: 'Transient: retried with backoff; it usually passes on its own.',
  auth: 'Auth: the session or credentials; refreshed once, then the run fails with a diagnosis.',
  limit: 'Limit: the org’s API limit; its queue pauses until the budget returns.',
  data: 'Data: Salesforce refused the record’s data; not retried — fix the data or the rule.',
  config: 'Configuration: a field, object or permission; not retried — fix what is named.',
};

function recordLink(org, id) {
  return id && isAccountId(id) ? link(`/orgs/${org}/accounts/${id}`, id) : (id ?? '—');
}

function classification(detail) {
  const { call } = detail;
  return h(
    'section',
    { class: 'panel', id: 'classification' },
    h('h2', null, 'Classification'),
    h(
      'p',
      null,
      call.errorClass ? badge(call.errorClass) : badge('unclassified', 'none'),
      ' ',
      CLASS_MEANING[call.errorClass] ?? '',
    ),
    terms([
      ['Error codes', call.errorCodes?.join(', ') || '—'],
      ['HTTP status', call.status ?? 'no answer'],
      ['Salesforce request id', call.sfRequestId],
      ['Salesforce error ids', call.sfErrorIds?.join(', ')],
    ]),
    table({
      caption: 'Failures',
      columns: [
        { label: 'Code', cell: (failure) => failure.errorCode },
        { label: 'Status', numeric: true, cell: (failure) => failure.httpStatus ?? '—' },
        { label: 'Class', cell: (failure) => failure.errorClass ?? '—' },
        { label: 'Object', cell: (failure) => failure.sObject ?? '—' },
        { label: 'Field', cell: (failure) => failure.field ?? '—' },
        { label: 'Message', cell: (failure) => failure.message ?? '—' },
        { label: 'Playbook', cell: (failure) => failure.playbook ?? '—' },
      ],
      rows: detail.failures.slice(0, MAX_FAILURES),
      empty: 'No failure recorded.',
    }),
    detail.failures.length > MAX_FAILURES
      ? h(
          'p',
          { class: 'hint' },
          `and ${count(detail.failures.length - MAX_FAILURES)} more: every refused record is listed below.`,
        )
      : null,
  );
}

/** The SOQL of a `?q=` query string, decoded for reading. */
function soqlOf(query) {
  return new URLSearchParams(query ?? '').get('q') ?? '';
}

function headersText(headers) {
  return headers && Object.keys(headers).length > 0 ? JSON.stringify(headers, null, 2) : '(none)';
}

function exchange(detail) {
  const { call, org } = detail;
  return h(
    'section',
    { class: 'panel', id: 'exchange' },
    h('h2', null, 'Request and response (redacted)'),
    h('h3', null, 'Request'),
    h('p', null, h('code', { class: 'wrap' }, `${call.method} ${call.origin}${call.path}${call.query}`)),
    soqlOf(call.query) ? [h('h4', null, 'Query (decoded)'), pre(soqlOf(call.query), 'The SOQL query')] : null,
    h('h4', null, 'Headers'),
    pre(headersText(call.requestHeaders), 'Request headers'),
    h('h4', null, 'Body'),
    call.requestBody
      ? pre(pretty(call.requestBody), 'Request body')
      : h('p', { class: 'hint' }, 'No request body.'),
    h('h3', null, 'Response'),
    h('p', null, call.status === undefined ? 'No response came back.' : `Status ${call.status}`),
    call.responseHeaders
      ? [h('h4', null, 'Headers'), pre(headersText(call.responseHeaders), 'Response headers')]
      : null,
    h('h4', null, 'Body'),
    call.responseBody
      ? pre(pretty(call.responseBody), 'Response body')
      : h('p', { class: 'hint' }, 'No response body.'),
    call.recordErrors?.length
      ? table({
          caption: `Records refused (${count(call.recordErrors.length)})`,
          columns: [
            { label: '#', numeric: true, cell: (error) => error.index },
            { label: 'Record', cell: (error) => recordLink(org, error.id) },
            { label: 'Code', cell: (error) => error.errorCode },
            { label: 'Message', cell: (error) => error.message },
            { label: 'Fields', cell: (error) => error.fields?.join(', ') ?? '—' },
          ],
          rows: call.recordErrors,
        })
      : null,
  );
}

function history(detail) {
  return [
    section(
      'Other failed attempts of this request',
      table({
        caption: 'Attempts in the same job',
        empty: 'No other failed attempt.',
        columns: [
          {
            label: 'Attempt',
            numeric: true,
            cell: (line) => link(`/calls/${encodeURIComponent(line.id)}`, `#${line.attempt}`),
          },
          { label: 'Time', cell: (line) => time(line.startedAt) },
          { label: 'Status', numeric: true, cell: (line) => line.status ?? 'none' },
          { label: 'Error codes', cell: (line) => line.errorCodes.join(', ') || '—' },
          { label: 'Duration', numeric: true, cell: (line) => ms(line.durationMs) },
        ],
        rows: detail.attempts,
      }),
    ),
    section(
      'Earlier replays',
      table({
        caption: 'Replays of this call, newest first',
        empty: 'Not replayed yet.',
        columns: [
          { label: 'When', cell: (replay) => time(replay.at) },
          { label: 'By', cell: (replay) => replay.by },
          { label: 'Outcome', cell: (replay) => replay.outcome },
          { label: 'Verdict', cell: (replay) => (replay.verdict ? badge(replay.verdict) : '—') },
          {
            label: 'Replay call',
            cell: (replay) =>
              replay.callId ? link(`/calls/${encodeURIComponent(replay.callId)}`, replay.callId) : '—',
          },
        ],
        rows: detail.replays,
      }),
    ),
  ];
}

export async function callView({ params, signal }) {
  const detail = await api(`/diagnostics/calls/${encodeURIComponent(params.callId)}`, { signal });
  const { call, org } = detail;
  return h(
    'div',
    { 'data-view': 'call' },
    title(
      `${call.method} ${shortPath(call.path)}`,
      h(
        'p',
        { class: 'actions' },
        link(`/orgs/${org}/calls`, 'Failed calls'),
        call.runId ? link(`/orgs/${org}/runs/${encodeURIComponent(call.runId)}`, 'Its run') : null,
      ),
    ),
    detail.intact
      ? null
      : banner('error', h('strong', null, 'Altered'), ': this call no longer matches its signature.'),
    h(
      'section',
      { class: 'panel' },
      h('h2', null, 'The call'),
      terms([
        ['Id', call.id],
        ['Org', link(`/orgs/${org}`, org)],
        ['When', time(call.startedAt)],
        ['Duration', ms(call.durationMs)],
        ['Attempt', call.attempt],
        ['Object', call.sObject],
        ['Run', call.runId],
        ['Job', call.jobId],
        [
          'Replay of',
          call.replayOf ? link(`/calls/${encodeURIComponent(call.replayOf)}`, call.replayOf) : null,
        ],
        ['Verdict', call.verdict ? badge(call.verdict) : null],
      ]),
      curlPanel(call.id),
    ),
    classification(detail),
    playbookSection(detail),
    replayPanel(detail),
    exchange(detail),
    history(detail),
  );
}
