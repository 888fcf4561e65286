// How values read on screen: times in UTC, counts with separators, shares as percentages.
const numbers = new Intl.NumberFormat('en-US');

export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function hourLabel(iso) {
  return String(iso).slice(11, 13) + ':00';
}

export function count(value) {
  return typeof value === 'number' ? numbers.format(value) : '—';
}

const compactNumbers = new Intl.NumberFormat('en-US', { notation: 'compact' });

/** `100K`, `1.2M`: for chart axes. */
export function compact(value) {
  return typeof value === 'number' ? compactNumbers.format(value) : '—';
}

export function percent(share, digits = 1) {
  return typeof share === 'number' ? `${(share * 100).toFixed(digits)}%` : '—';
}

export function ms(value) {
  if (typeof value !== 'number') return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** `/services/data/v64.0/composite/sobjects` reads `/composite/sobjects`. */
export function shortPath(path) {
  return String(path).replace(/^\/services\/data\/v\d+\.\d+/, '') || '/';
}

/** A JSON text pretty-printed; anything else as it is. */
export function pretty(text) {
  if (text === undefined || text === null || text === '') return '';
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function isAccountId(id) {
  return /^001[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(String(id));
}
