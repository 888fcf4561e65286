/**
 * How a measure's value reads in the reasons text. Values that drift by the day (ages, amounts,
 * ratios) read as the band of the measure's thresholds, so the text changes when the band does.
 */
import { MS_PER_HOUR } from '../business-time/wall-clock.js';
import type { ResolvedMeasure } from '../model/scoring-profile.js';
import { bandEdges } from '../scorecard/points.js';
import { signalInfo, type SignalKind, type SignalValue } from '../signals/signal-catalog.js';

/** `12,345` or `2.5`: whole numbers from 100 up, one decimal below (no Intl: this runs for every account). */
function formatNumber(value: number): string {
  if (Math.abs(value) < 100) return String(Math.round(value * 10) / 10);
  const digits = String(Math.abs(Math.round(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${grouped}` : grouped;
}

function withUnit(text: string, kind: SignalKind, currency: string | null): string {
  switch (kind) {
    case 'days':
      return `${text} days`;
    case 'hours':
      return `${text} business hours`;
    case 'amount':
      return currency === null ? text : `${text} ${currency}`;
    case 'percent':
      return `${text}%`;
    case 'ratio':
      return `${text}x`;
    case 'count':
    case 'score':
    case 'flag':
    case 'text':
      return text;
  }
}

/** The band a value falls in: edges are best first (rising for lowerIsBetter, falling otherwise). */
export function bandText(value: number, edges: readonly number[], lowerIsBetter: boolean): string {
  const first = edges[0];
  const last = edges[edges.length - 1];
  if (first === undefined || last === undefined) return formatNumber(value);
  const f = formatNumber;
  if (lowerIsBetter) {
    if (value <= first) return `at most ${f(first)}`;
    for (let index = 1; index < edges.length; index += 1) {
      const edge = edges[index] ?? last;
      if (value <= edge) return `${f(edges[index - 1] ?? first)}-${f(edge)}`;
    }
    return `over ${f(last)}`;
  }
  if (value >= first) return `at least ${f(first)}`;
  for (let index = 1; index < edges.length; index += 1) {
    const edge = edges[index] ?? last;
    if (value >= edge) return `${f(edge)}-${f(edges[index - 1] ?? first)}`;
  }
  return `under ${f(last)}`;
}

export function valueText(measure: ResolvedMeasure, value: SignalValue, currency: string | null): string {
  if (value === null) return 'no data';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  const info = signalInfo(measure.signal);
  if (value === 0 && info.kind === 'amount') return 'none';
  const text =
    info.reads === 'exact'
      ? formatNumber(value)
      : bandText(value, bandEdges(measure.rule, measure.direction), measure.direction === 'lowerIsBetter');
  return withUnit(text, info.kind, currency);
}

/** A business-time age as a coarse bucket (a business day counted as 8 business hours). */
export function ageBucket(businessMs: number): string {
  const hours = businessMs / MS_PER_HOUR;
  if (hours < 1) return 'under 1 business hour';
  if (hours < 4) return 'under 4 business hours';
  if (hours < 8) return 'under 1 business day';
  if (hours < 16) return 'over 1 business day';
  if (hours < 40) return 'over 2 business days';
  if (hours < 80) return 'over 5 business days';
  return 'over 10 business days';
}
