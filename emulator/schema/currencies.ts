/**
 * The currencies an emulated org can enable, with conversion rates against the corporate currency
 * (Salesforce's ConversionRate: units of the currency per one unit of the corporate currency).
 */

export const CORPORATE_CURRENCY = 'USD';

export const CURRENCY_RATES: Readonly<Record<string, number>> = Object.freeze({
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  JPY: 151,
  CAD: 1.36,
  AUD: 1.52,
});

/** The codes of CURRENCY_RATES, corporate currency first. */
export const KNOWN_CURRENCIES: readonly string[] = Object.keys(CURRENCY_RATES);

/** Picklist labels of CurrencyIsoCode (`USD - U.S. Dollar`). */
export const CURRENCY_LABELS: ReadonlyMap<string, string> = new Map([
  ['USD', 'U.S. Dollar'],
  ['EUR', 'Euro'],
  ['GBP', 'British Pound'],
  ['JPY', 'Japanese Yen'],
  ['CAD', 'Canadian Dollar'],
  ['AUD', 'Australian Dollar'],
]);

/** Currencies with no minor unit: their amounts are whole numbers. */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['JPY']);
