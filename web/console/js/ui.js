// Pieces every view uses: headings, sections, tables with headers, term lists, badges, banners,
// and the error box that says what the API answered.
import { h } from './dom.js';

/** The view's title: focused after each navigation, so keyboard and screen-reader users start there. */
export function title(text, ...after) {
  return h('div', { class: 'title' }, h('h1', { tabindex: '-1' }, text), ...after);
}

export function section(heading, ...children) {
  return h('section', { class: 'panel' }, h('h2', null, heading), ...children);
}

export function badge(text, kind = String(text).toLowerCase()) {
  return h('span', { class: `badge badge-${kind.replace(/[^a-z0-9-]/g, '-')}` }, text);
}

export function banner(kind, ...children) {
  return h('p', { class: `banner banner-${kind}`, role: kind === 'error' ? 'alert' : null }, ...children);
}

/** `[[term, value], ...]`; entries whose value is null or undefined are left out. */
export function terms(entries) {
  return h(
    'dl',
    { class: 'terms' },
    entries
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([term, value]) => h('div', null, h('dt', null, term), h('dd', null, value))),
  );
}

/**
 * A table with a caption and column headers, in a box that scrolls sideways on a narrow screen
 * (so the page itself never does). `columns`: `[{label, cell: (row) => content, numeric?, className?}]`.
 */
export function table({ caption, columns, rows, empty = 'Nothing to show.', id }) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'div',
    // Focusable, so a keyboard can scroll it sideways.
    {
      class: 'scroll',
      tabindex: '0',
      role: 'region',
      'aria-label': caption ?? 'Table',
      ...(id ? { id } : {}),
    },
    h(
      'table',
      null,
      caption ? h('caption', null, caption) : null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          columns.map((column) =>
            h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.label),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((row) =>
          h(
            'tr',
            null,
            columns.map((column) =>
              h('td', { class: [column.numeric ? 'num' : '', column.className ?? ''] }, column.cell(row)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** What went wrong, as the API said it: status, code, message and the details naming fields. */
export function errorBox(error) {
  if (error?.status) {
    const hint =
      error.status === 403
        ? ' Your token lacks the role or the org this needs: ask for an operator token to replay calls.'
        : '';
    const details = Array.isArray(error.details)
      ? h(
          'ul',
          null,
          error.details.map((detail) => h('li', null, `${detail.path || '(request)'}: ${detail.message}`)),
        )
      : null;
    return h(
      'div',
      { class: 'banner banner-error', role: 'alert' },
      h('strong', null, `${error.status} ${error.code}`),
      `: ${error.message}.${hint}`,
      details,
    );
  }
  return h(
    'div',
    { class: 'banner banner-error', role: 'alert' },
    h('strong', null, 'Could not reach the server'),
    `: ${error?.message ?? String(error)}`,
  );
}

export function pre(text, label) {
  return h('pre', { class: 'code', tabindex: '0', 'aria-label': label }, text);
}
