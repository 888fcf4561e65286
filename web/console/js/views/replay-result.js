// What a replay answered, as a person reads it: the request a dry run would send, the verdict
// (transient, persistent, changed) with the diff, the records held back, or a bisect's culprits.
import { h, link } from '../dom.js';
import { count, isAccountId, pretty } from '../format.js';
import { badge, banner, pre, table, terms } from '../ui.js';

function recordLink(org, id) {
  return id && isAccountId(id) ? link(`/orgs/${org}/accounts/${id}`, id) : (id ?? '—');
}

function shownRequest(request) {
  return [
    terms([
      ['Request', `${request.method} ${request.url}`],
      ['Kind', badge(request.kind)],
      ['Shape', request.shape],
    ]),
    request.body ? pre(pretty(request.body), 'The request body the replay sends') : null,
  ];
}

function bodyDiff(diff) {
  switch (diff?.kind) {
    case 'same':
      return h('p', null, 'The response bodies are the same.');
    case 'absent':
      return h(
        'p',
        null,
        `No body ${diff.original ? 'from the replay' : 'from the original call'}${diff.original || diff.replayed ? '' : ' on either side'}.`,
      );
    case 'json':
      return [
        table({
          caption: 'Response body: what changed',
          columns: [
            { label: 'Change', cell: (change) => change.op },
            { label: 'Path', cell: (change) => h('code', null, change.path) },
            { label: 'Original', cell: (change) => h('code', null, change.original ?? '') },
            { label: 'Replay', cell: (change) => h('code', null, change.replayed ?? '') },
          ],
          rows: diff.changes,
          empty: 'No change in the response body.',
        }),
        diff.more > 0 ? h('p', { class: 'hint' }, `and ${count(diff.more)} more change(s).`) : null,
      ];
    case 'text':
      return h(
        'p',
        null,
        `Response body: ${count(diff.removedLines)} line(s) gone, ${count(diff.addedLines)} new` +
          (diff.first ? `; first difference at line ${diff.first.line}.` : '.'),
      );
    default:
      return null;
  }
}

function replayed(org, result) {
  const diff = result.diff ?? {};
  return [
    h('p', { class: 'verdict' }, 'Verdict: ', badge(result.verdict), ' ', diff.summary ?? ''),
    terms([
      ['Replay call', link(`/calls/${encodeURIComponent(result.callId)}`, result.callId)],
      [
        'Status',
        diff.status ? `${diff.status.original ?? 'none'} → ${diff.status.replayed ?? 'none'}` : null,
      ],
      ['Codes added', diff.errorCodes?.added.length ? diff.errorCodes.added.join(', ') : null],
      ['Codes gone', diff.errorCodes?.removed.length ? diff.errorCodes.removed.join(', ') : null],
    ]),
    diff.records
      ? table({
          caption: 'Records whose outcome changed',
          columns: [
            { label: '#', numeric: true, cell: (change) => change.index },
            { label: 'Record', cell: (change) => recordLink(org, change.id) },
            { label: 'Original', cell: (change) => change.original },
            { label: 'Replay', cell: (change) => change.replayed },
          ],
          rows: diff.records.changed,
        })
      : null,
    bodyDiff(diff.body),
    result.heldBack?.length
      ? table({
          caption: 'Held back: changed in Salesforce since the original call, not overwritten',
          columns: [
            { label: 'Record', cell: (field) => recordLink(org, field.id) },
            { label: 'Field', cell: (field) => field.field },
            { label: 'Now', cell: (field) => JSON.stringify(field.now) },
            { label: 'Would write', cell: (field) => JSON.stringify(field.written) },
            { label: 'Why', cell: (field) => field.why },
          ],
          rows: result.heldBack,
        })
      : null,
  ];
}

function bisected(org, result) {
  return [
    h(
      'p',
      { class: 'verdict' },
      result.reproduced
        ? `The batch failure reproduced: ${count(result.culprits.length)} record(s) make it fail${result.complete ? '' : ' (the search did not finish)'}.`
        : 'The batch no longer fails as a whole: nothing to find.',
    ),
    result.culprits.length
      ? h(
          'ul',
          { class: 'culprits' },
          result.culprits.map((id) => h('li', null, recordLink(org, id))),
        )
      : null,
    terms([
      ['Calls sent', count(result.calls)],
      ['Records written by sub-batches that succeeded', count(result.committed)],
    ]),
    h('p', { class: 'hint' }, result.notice),
  ];
}

export function replayResult(org, result) {
  switch (result.outcome) {
    case 'refused':
      return banner(
        'error',
        h('strong', null, `Refused (${result.code})`),
        `: ${result.reason}`,
        result.code === 'changed_since'
          ? ' Tick “Overwrite records changed since” to write them anyway.'
          : '',
      );
    case 'dry-run':
      return [
        h(
          'p',
          null,
          h('strong', null, 'Dry run: nothing was sent.'),
          ' This is the exact request a replay sends.',
        ),
        shownRequest(result.request),
        result.notice ? h('p', { class: 'hint' }, result.notice) : null,
      ];
    case 'confirmation-needed':
      return [
        h('p', null, h('strong', null, 'Confirmation needed: '), result.reason),
        shownRequest(result.request),
      ];
    case 'replayed':
      return replayed(org, result);
    case 'bisected':
      return bisected(org, result);
    default:
      return pre(pretty(result), 'The answer');
  }
}
