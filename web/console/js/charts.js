// Small charts as inline SVG: a line chart (gaps where a value is null, an optional limit line)
// and a stacked bar chart. Each is a <figure> with a caption, a legend, and a text summary for
// screen readers. Colours come from the stylesheet (`series-N` classes), never inline styles.
import { h, s } from './dom.js';

const W = 480;
const H = 200;
const PAD = { top: 12, right: 10, bottom: 24, left: 52 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

/** The smallest 1, 2 or 5 times a power of ten at or above `value`. */
function niceCeil(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

const y = (value, max) => PAD.top + PLOT_H - (value / max) * PLOT_H;

function frame(max, labels, yFormat, xOf) {
  const ticks = [0, max / 2, max];
  const xTicks = [...new Set([0, Math.floor((labels.length - 1) / 2), labels.length - 1])].filter(
    (index) => index >= 0,
  );
  return [
    ticks.map((tick) =>
      s(
        'g',
        { class: 'tick' },
        s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(tick, max), y2: y(tick, max), class: 'grid' }),
        s('text', { x: PAD.left - 6, y: y(tick, max) + 4, 'text-anchor': 'end' }, yFormat(tick)),
      ),
    ),
    xTicks.map((index) => {
      const anchor =
        index === 0 && labels.length > 1
          ? 'start'
          : index === labels.length - 1 && index > 0
            ? 'end'
            : 'middle';
      return s(
        'text',
        { x: xOf(index), y: H - 6, 'text-anchor': anchor, class: 'x-label' },
        labels[index] ?? '',
      );
    }),
  ];
}

function figure(label, summary, svgChildren, legend) {
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, label),
    s(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${label}. ${summary}` },
      s('title', null, label),
      svgChildren,
    ),
    h(
      'ul',
      { class: 'legend' },
      legend.map((item, index) =>
        h('li', null, h('span', { class: `swatch ${item.className ?? `series-${index % 8}`}` }), item.name),
      ),
    ),
  );
}

function latest(values) {
  for (let index = values.length - 1; index >= 0; index -= 1)
    if (typeof values[index] === 'number') return values[index];
  return null;
}

/**
 * `labels`: one per point (x axis); `series`: `[{name, values}]` (null: no value);
 * `limit`: `{name, value}` drawn as a dashed line the scale always includes.
 */
export function lineChart({ label, labels, series, limit, yFormat = String }) {
  const values = series.flatMap((line) => line.values).filter((value) => typeof value === 'number');
  const max = niceCeil(Math.max(...values, limit?.value ?? 0));
  const xOf = (index) => PAD.left + (labels.length > 1 ? (index / (labels.length - 1)) * PLOT_W : PLOT_W / 2);
  const lines = series.map((line, index) => {
    let d = '';
    let open = false;
    line.values.forEach((value, at) => {
      if (typeof value !== 'number') {
        open = false;
        return;
      }
      d += `${open ? 'L' : 'M'}${xOf(at).toFixed(1)} ${y(value, max).toFixed(1)} `;
      open = true;
    });
    return s(
      'g',
      { class: `series-${index % 8}` },
      d ? s('path', { d: d.trim(), class: 'line' }) : null,
      line.values.map((value, at) =>
        typeof value === 'number' ? s('circle', { cx: xOf(at), cy: y(value, max), r: 2.5 }) : null,
      ),
    );
  });
  const limitLine = limit
    ? s('line', {
        x1: PAD.left,
        x2: W - PAD.right,
        y1: y(limit.value, max),
        y2: y(limit.value, max),
        class: 'limit',
      })
    : null;
  const summary = series
    .map(
      (line) =>
        `${line.name}: latest ${latest(line.values) === null ? 'none' : yFormat(latest(line.values))}`,
    )
    .concat(limit ? [`${limit.name}: ${yFormat(limit.value)}`] : [])
    .join('; ');
  const legend = [
    ...series.map((line) => ({ name: line.name })),
    ...(limit ? [{ name: limit.name, className: 'limit-swatch' }] : []),
  ];
  return figure(label, summary, [frame(max, labels, yFormat, xOf), lines, limitLine], legend);
}

/** Stacked bars: `series`: `[{name, values}]`, one value per label (missing counts as 0). */
export function barChart({ label, labels, series, yFormat = String }) {
  const totals = labels.map((_, at) => series.reduce((sum, bar) => sum + (bar.values[at] ?? 0), 0));
  const max = niceCeil(Math.max(0, ...totals));
  const band = PLOT_W / Math.max(1, labels.length);
  const xOf = (index) => PAD.left + band * index + band / 2;
  const bars = labels.map((_, at) => {
    let base = 0;
    return series.map((bar, index) => {
      const value = bar.values[at] ?? 0;
      if (value <= 0) return null;
      const top = base + value;
      const rect = s(
        'rect',
        {
          x: (xOf(at) - band * 0.35).toFixed(1),
          width: (band * 0.7).toFixed(1),
          y: y(top, max).toFixed(1),
          height: Math.max(1, y(base, max) - y(top, max)).toFixed(1),
          class: `series-${index % 8}`,
        },
        s('title', null, `${labels[at]}: ${bar.name} ${yFormat(value)}`),
      );
      base = top;
      return rect;
    });
  });
  const summary = series
    .map((bar) => `${bar.name}: peak ${yFormat(Math.max(0, ...bar.values.map((value) => value ?? 0)))}`)
    .join('; ');
  return figure(label, summary || 'no values', [frame(max, labels, yFormat, xOf), bars], series);
}
