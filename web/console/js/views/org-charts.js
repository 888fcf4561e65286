// An org's call summary as charts: API usage against the daily limit, the error rate by code, and
// calls and failures, hour by hour. Fields the server does not send yet degrade to what it does.
import { barChart, lineChart } from '../charts.js';
import { h } from '../dom.js';
import { compact, percent } from '../format.js';

function labelsOf(byHour) {
  const long = byHour.length > 24;
  return byHour.map((entry) => {
    const text = String(entry.hour);
    return long ? `${text.slice(5, 10)} ${text.slice(11, 13)}h` : `${text.slice(11, 13)}:00`;
  });
}

function usageChart(summary, labels) {
  const used = summary.byHour.map((entry) => (typeof entry.apiUsed === 'number' ? entry.apiUsed : null));
  if (used.every((value) => value === null))
    return h('p', { class: 'empty' }, 'No API usage was reported in this window.');
  return lineChart({
    label: 'API requests used in the last 24 h, as reported each hour',
    labels,
    series: [{ name: 'Requests used', values: used }],
    ...(summary.apiUsage ? { limit: { name: 'Daily limit', value: summary.apiUsage.max } } : {}),
    yFormat: compact,
  });
}

function errorRateChart(summary, labels) {
  const hours = summary.byHour;
  const share = (failures, calls) => (calls > 0 ? failures / calls : 0);
  const hasCodes = hours.some((entry) => entry.byCode && typeof entry.byCode === 'object');
  const codes = hasCodes
    ? [...new Set(hours.flatMap((entry) => Object.keys(entry.byCode ?? {})))].sort()
    : [];
  const series = hasCodes
    ? codes.map((code) => ({
        name: code,
        values: hours.map((entry) => share(entry.byCode?.[code] ?? 0, entry.calls)),
      }))
    : [{ name: 'All failures', values: hours.map((entry) => share(entry.failed, entry.calls)) }];
  if (hours.every((entry) => entry.failed === 0))
    return h('p', { class: 'empty' }, 'No call failed in this window.');
  return barChart({
    label: 'Error rate by code: share of each hour’s calls failing with it',
    labels,
    series,
    yFormat: (value) => percent(value, 0),
  });
}

function callsChart(summary, labels) {
  return lineChart({
    label: 'Calls and failed calls per hour',
    labels,
    series: [
      { name: 'Calls', values: summary.byHour.map((entry) => entry.calls) },
      { name: 'Failed', values: summary.byHour.map((entry) => entry.failed) },
    ],
    yFormat: compact,
  });
}

export function orgCharts(summary) {
  const labels = labelsOf(summary.byHour);
  return h(
    'div',
    { class: 'charts' },
    usageChart(summary, labels),
    errorRateChart(summary, labels),
    callsChart(summary, labels),
  );
}
