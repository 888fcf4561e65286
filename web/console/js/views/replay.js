// Replaying a call from the console. A read replays at once; a write is first a dry run that shows
// the exact request, then "Confirm and send". A batch that failed as a whole can be bisected to
// the records that make it fail (a dry run first too). The API decides and answers; a token
// without the operator role gets its 403, shown as it is.
import { api } from '../api.js';
import { h } from '../dom.js';
import { errorBox } from '../ui.js';
import { replayResult } from './replay-result.js';

function recordsSent(call) {
  try {
    const body = JSON.parse(call.requestBody ?? '');
    return Array.isArray(body?.records) ? body.records.length : 0;
  } catch {
    return 0;
  }
}

/** A write of several records that failed whole: every record refused, or no 2xx answer at all. */
export function failedAsBatch(call) {
  const size = recordsSent(call);
  if (call.method === 'GET' || size < 2) return false;
  const refused = call.recordErrors?.length ?? 0;
  return refused === size || call.status === undefined || call.status >= 400;
}

export function replayPanel(detail) {
  const { call, org } = detail;
  const read = call.method === 'GET';
  const result = h('div', { id: 'replay-result', 'aria-live': 'polite' });
  const overwrite = h('input', { type: 'checkbox', id: 'overwrite-changed', name: 'overwriteChanged' });
  const confirm = h('button', { type: 'button', id: 'replay-confirm', class: 'primary', hidden: true });
  const buttons = [];
  let pending;

  function button(id, label, options) {
    const node = h('button', { type: 'button', id }, label);
    node.addEventListener('click', () => {
      void send(options);
    });
    buttons.push(node);
    return node;
  }

  async function send(options) {
    for (const node of [...buttons, confirm]) node.disabled = true;
    delete result.dataset.outcome;
    result.replaceChildren(
      h('p', { class: 'loading' }, options.dryRun ? 'Asking for a dry run…' : 'Replaying…'),
    );
    try {
      const answer = await api(`/diagnostics/calls/${encodeURIComponent(call.id)}/replay`, {
        method: 'POST',
        body: { ...options, ...(options.confirm && overwrite.checked ? { overwriteChanged: true } : {}) },
      });
      result.replaceChildren(...[replayResult(org, answer)].flat(Infinity).filter(Boolean));
      result.dataset.outcome = answer.outcome;
      const waiting = answer.outcome === 'dry-run' || answer.outcome === 'confirmation-needed';
      pending = waiting ? { ...(options.bisect ? { bisect: true } : {}), confirm: true } : undefined;
      confirm.hidden = !waiting;
      if (waiting)
        confirm.textContent = options.bisect
          ? 'Confirm and bisect'
          : answer.request.kind === 'write'
            ? 'Confirm and send'
            : 'Send';
    } catch (error) {
      result.replaceChildren(errorBox(error));
      result.dataset.outcome = 'error';
      confirm.hidden = true;
    } finally {
      for (const node of [...buttons, confirm]) node.disabled = false;
    }
  }

  confirm.addEventListener('click', () => {
    if (pending) void send(pending);
  });

  const helps = detail.playbook?.replay;
  return h(
    'section',
    { class: 'panel', id: 'replay' },
    h('h2', null, 'Replay'),
    helps
      ? h(
          'p',
          { class: 'hint' },
          helps.helps ? 'Replay may help: ' : 'Replay is unlikely to help: ',
          helps.why,
        )
      : null,
    detail.intact
      ? null
      : h(
          'p',
          { class: 'banner banner-error' },
          'This call was changed after it was recorded: replay refuses it.',
        ),
    read
      ? h('p', null, 'A read: replaying it sends the same request to the org once, and compares the answers.')
      : h('p', null, 'A write: a dry run shows the exact request first; nothing is sent until you confirm.'),
    h(
      'div',
      { class: 'actions' },
      read ? button('replay-read', 'Replay', {}) : button('replay-dry-run', 'Dry run', { dryRun: true }),
      !read && failedAsBatch(call)
        ? button('bisect-dry-run', 'Bisect the batch…', { dryRun: true, bisect: true })
        : null,
      confirm,
    ),
    read
      ? null
      : h(
          'p',
          { class: 'check' },
          overwrite,
          h('label', { for: 'overwrite-changed' }, 'Overwrite records changed since the original call'),
        ),
    result,
  );
}
