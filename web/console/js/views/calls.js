// `#/orgs/:org/calls?errorCode=&errorClass=&sObject=&from=&to=`: an org's failed calls, newest
// first, filtered by code, class, object and time, a page at a time; each opens the call.
import { api } from '../api.js';
import { h, link } from '../dom.js';
import { count, shortPath, time } from '../format.js';
import { href, navigate } from '../router.js';
import { badge, section, table, title } from '../ui.js';

const FILTERS = ['errorCode', 'errorClass', 'sObject', 'from', 'to', 'runId', 'jobId'];
const CLASSES = ['transient', 'auth', 'limit', 'data', 'config'];
const PAGE = 50;

/** An ISO time as a `datetime-local` value in the browser's time zone, and back. */
function toLocalInput(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function filterForm(org, filters, summary) {
  const form = h(
    'form',
    { class: 'filters', id: 'filters', 'aria-label': 'Filter failed calls' },
    field(
      'f-code',
      'Error code',
      h('input', {
        id: 'f-code',
        name: 'errorCode',
        list: 'codes',
        value: filters.errorCode ?? '',
        autocomplete: 'off',
        spellcheck: 'false',
      }),
    ),
    h(
      'datalist',
      { id: 'codes' },
      Object.keys(summary?.byCode ?? {})
        .sort()
        .map((code) => h('option', { value: code })),
    ),
    field(
      'f-class',
      'Class',
      h(
        'select',
        { id: 'f-class', name: 'errorClass' },
        h('option', { value: '' }, 'any'),
        CLASSES.map((name) => h('option', { value: name, selected: filters.errorClass === name }, name)),
      ),
    ),
    field(
      'f-object',
      'Object',
      h('input', {
        id: 'f-object',
        name: 'sObject',
        list: 'objects',
        value: filters.sObject ?? '',
        autocomplete: 'off',
        spellcheck: 'false',
      }),
    ),
    h(
      'datalist',
      { id: 'objects' },
      Object.keys(summary?.byObject ?? {})
        .sort()
        .map((name) => h('option', { value: name })),
    ),
    field(
      'f-from',
      'From',
      h('input', {
        id: 'f-from',
        name: 'from',
        type: 'datetime-local',
        value: filters.from ? toLocalInput(filters.from) : '',
      }),
    ),
    field(
      'f-to',
      'To',
      h('input', {
        id: 'f-to',
        name: 'to',
        type: 'datetime-local',
        value: filters.to ? toLocalInput(filters.to) : '',
      }),
    ),
    h(
      'div',
      { class: 'field buttons' },
      h('button', { type: 'submit' }, 'Filter'),
      h('a', { href: href(`/orgs/${org}/calls`), class: 'button quiet' }, 'Clear'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    navigate(`/orgs/${org}/calls`, {
      errorCode: String(data.get('errorCode') ?? '').trim(),
      errorClass: data.get('errorClass'),
      sObject: String(data.get('sObject') ?? '').trim(),
      from: fromLocalInput(data.get('from')),
      to: fromLocalInput(data.get('to')),
      runId: filters.runId,
      jobId: filters.jobId,
    });
  });
  return form;
}

async function exportHar(org, filters, button) {
  button.disabled = true;
  try {
    const har = await api(`/diagnostics/orgs/${encodeURIComponent(org)}/calls.har`, {
      query: { ...filters, limit: 200 },
    });
    const url = URL.createObjectURL(new Blob([JSON.stringify(har, null, 2)], { type: 'application/json' }));
    const anchor = h('a', { href: url, download: `${org}-failed-calls.har` });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } finally {
    button.disabled = false;
  }
}

function callsTable(calls) {
  return table({
    caption: 'Failed calls, newest first',
    empty: 'No failed call matches these filters.',
    id: 'calls',
    columns: [
      {
        label: 'Call',
        className: 'call',
        cell: (call) =>
          link(`/calls/${encodeURIComponent(call.id)}`, `${call.method} ${shortPath(call.path)}`),
      },
      { label: 'Time', className: 'nowrap', cell: (call) => time(call.startedAt) },
      { label: 'Status', numeric: true, cell: (call) => call.status ?? 'none' },
      { label: 'Error codes', className: 'codes', cell: (call) => call.errorCodes.join(', ') || '—' },
      { label: 'Class', cell: (call) => (call.errorClass ? badge(call.errorClass) : '—') },
      { label: 'Object', cell: (call) => call.sObject ?? '—' },
      { label: 'Refused', numeric: true, cell: (call) => count(call.recordErrors) },
      { label: 'Attempt', numeric: true, cell: (call) => call.attempt },
      { label: 'Playbook', cell: (call) => call.playbook?.title ?? '—' },
    ],
    rows: calls,
  });
}

export async function callsView({ params, query, signal }) {
  const org = params.org;
  const filters = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) || undefined]));
  const cursor = query.get('cursor') || undefined;
  const [page, summary] = await Promise.all([
    api(`/diagnostics/orgs/${encodeURIComponent(org)}/calls`, {
      query: { ...filters, cursor, limit: PAGE },
      signal,
    }),
    api(`/diagnostics/orgs/${encodeURIComponent(org)}/summary`, { query: { hours: 168 }, signal }),
  ]);
  const harButton = h('button', { type: 'button', class: 'quiet' }, 'Export as HAR');
  harButton.addEventListener('click', () => {
    void exportHar(org, filters, harButton);
  });
  const scope = [filters.runId ? `run ${filters.runId}` : '', filters.jobId ? `job ${filters.jobId}` : '']
    .filter(Boolean)
    .join(', ');
  return h(
    'div',
    { 'data-view': 'calls' },
    title(`Failed calls · ${org}`, h('p', { class: 'actions' }, link(`/orgs/${org}`, 'Org health'))),
    filterForm(org, filters, summary),
    scope
      ? h('p', null, `Only the calls of ${scope}. `, h('a', { href: href(`/orgs/${org}/calls`) }, 'Show all'))
      : null,
    section(
      `${count(page.calls.length)} call(s)${cursor ? ' on this page' : ''}`,
      callsTable(page.calls),
      h(
        'p',
        { class: 'actions' },
        cursor ? h('a', { href: href(`/orgs/${org}/calls`, filters) }, 'First page') : null,
        page.nextCursor
          ? h(
              'a',
              { href: href(`/orgs/${org}/calls`, { ...filters, cursor: page.nextCursor }), rel: 'next' },
              'Next page',
            )
          : null,
        page.calls.length > 0 ? harButton : null,
      ),
    ),
  );
}
