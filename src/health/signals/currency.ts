/**
 * Amounts in the org's currency. Salesforce's ConversionRate is units of a currency per one unit of
 * the corporate currency, so an amount converts as `amount / rate`. No rate: no amount, and a warning.
 */
import type { CurrencyTable } from '../snapshot.js';

export interface CurrencyConverter {
  /** The amount in the org currency, or null (and a warning) when its currency has no rate. */
  toOrgCurrency(amount: number | null, currencyIsoCode: string | undefined): number | null;
  readonly warnings: readonly string[];
}

export function createConverter(table: CurrencyTable | undefined): CurrencyConverter {
  const warnings: string[] = [];
  return {
    warnings,
    toOrgCurrency(amount, currencyIsoCode) {
      if (amount === null) return null;
      if (table === undefined || currencyIsoCode === undefined || currencyIsoCode === table.orgCurrency)
        return amount;
      const rate = table.conversionRates[currencyIsoCode];
      if (rate === undefined) {
        const warning = `No conversion rate for ${currencyIsoCode}: its amounts are left out`;
        if (!warnings.includes(warning)) warnings.push(warning);
        return null;
      }
      return amount / rate;
    },
  };
}
