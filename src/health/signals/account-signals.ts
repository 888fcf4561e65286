/**
 * Signals from the Account itself: type, ARR in the org currency, days since the last activity,
 * and the optional inputs mapped from its fields (usage, NPS, CSAT...). A missing input is null.
 */
import { parseIsoDay } from '../business-time/wall-clock.js';
import type { HealthModelConfig } from '../scorecard/model-config.js';
import type { FieldValue, SnapshotAccount } from '../snapshot.js';
import type { CurrencyConverter } from './currency.js';
import type { SignalValue } from './signal-catalog.js';

/** A field's value as a signal: numbers (also numeric text) and booleans as they are, blank as missing. */
function fieldSignal(value: FieldValue | undefined): SignalValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

export function accountSignals(
  account: SnapshotAccount,
  inputs: HealthModelConfig['inputs'],
  converter: CurrencyConverter,
  today: number,
): Record<string, SignalValue> {
  const signals: Record<string, SignalValue> = {};
  for (const [name, input] of Object.entries(inputs))
    signals[name] = fieldSignal(account.fields[input.field]);

  const mappedArr = signals['arr'];
  const arr =
    inputs['arr'] === undefined ? account.AnnualRevenue : typeof mappedArr === 'number' ? mappedArr : null;
  signals['arr'] = converter.toOrgCurrency(arr, account.CurrencyIsoCode);
  signals['accountType'] = account.Type;

  const activityDay = account.LastActivityDate ?? account.CreatedDate;
  signals['daysSinceLastActivity'] =
    activityDay === null ? null : Math.max(0, today - parseIsoDay(activityDay));

  const active = signals['activeUsers'];
  const seats = signals['licensedSeats'];
  signals['seatUtilisation'] =
    typeof active === 'number' && typeof seats === 'number' && seats > 0 ? (active / seats) * 100 : null;
  return signals;
}
