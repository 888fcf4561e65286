/**
 * The hidden traits behind each generated account (segment, risk, region, contract value): they
 * make its opportunities, cases, activity and usage tell one consistent story.
 */
import type { StoredRecord } from '../org/types.js';
import { ZERO_DECIMAL_CURRENCIES } from '../schema/currencies.js';
import type { Random } from './random.js';

export type Segment = 'SMB' | 'Mid-Market' | 'Enterprise';
export type Risk = 'healthy' | 'watch' | 'atRisk';
export type Region = 'AMER' | 'EMEA' | 'APAC';

export interface Country {
  readonly name: string;
  readonly currency: string;
  readonly region: Region;
}

export interface AccountProfile {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly createdMs: number;
  /** The currency of the account's amounts (its CurrencyIsoCode in multi-currency orgs). */
  readonly currency: string;
  /** Units of `currency` per US dollar. */
  readonly rate: number;
  readonly segment: Segment;
  readonly risk: Risk;
  /** A paying customer (Type `Customer - ...`). */
  readonly customer: boolean;
  /** Day number the first contract started; null for prospects and partners. */
  readonly customerSinceDay: number | null;
  /** Annual contract value in US dollars. */
  readonly arrUsd: number;
  /** Day number a renewal was lost; set by the opportunity generator. */
  churnedDay: number | null;
  readonly record: StoredRecord;
}

const COUNTRIES: readonly (readonly [Country, number])[] = [
  [{ name: 'United States', currency: 'USD', region: 'AMER' }, 52],
  [{ name: 'Canada', currency: 'CAD', region: 'AMER' }, 5],
  [{ name: 'Brazil', currency: 'USD', region: 'AMER' }, 2],
  [{ name: 'United Kingdom', currency: 'GBP', region: 'EMEA' }, 10],
  [{ name: 'Germany', currency: 'EUR', region: 'EMEA' }, 7],
  [{ name: 'France', currency: 'EUR', region: 'EMEA' }, 5],
  [{ name: 'Netherlands', currency: 'EUR', region: 'EMEA' }, 3],
  [{ name: 'Ireland', currency: 'EUR', region: 'EMEA' }, 2],
  [{ name: 'Spain', currency: 'EUR', region: 'EMEA' }, 2],
  [{ name: 'Japan', currency: 'JPY', region: 'APAC' }, 5],
  [{ name: 'Australia', currency: 'AUD', region: 'APAC' }, 4],
  [{ name: 'Singapore', currency: 'USD', region: 'APAC' }, 2],
  [{ name: 'India', currency: 'USD', region: 'APAC' }, 1],
];

const ACCOUNT_TYPES: readonly (readonly [string, number])[] = [
  ['Customer - Direct', 66],
  ['Customer - Channel', 14],
  ['Prospect', 12],
  ['Channel Partner / Reseller', 3],
  ['Technology Partner', 2],
  ['Installation Partner', 1],
  ['Other', 2],
];

const SEGMENTS: readonly (readonly [Segment, number])[] = [
  ['SMB', 55],
  ['Mid-Market', 30],
  ['Enterprise', 15],
];

const RISKS: readonly (readonly [Risk, number])[] = [
  ['healthy', 60],
  ['watch', 25],
  ['atRisk', 15],
];

export interface Traits {
  readonly type: string;
  readonly customer: boolean;
  readonly segment: Segment;
  readonly risk: Risk;
  readonly country: Country;
  readonly employees: number;
  readonly arrUsd: number;
  /** How long before now the account was created, in days. */
  readonly ageDays: number;
}

export function drawTraits(random: Random): Traits {
  const type = random.weighted(ACCOUNT_TYPES);
  const customer = type.startsWith('Customer');
  const segment = random.weighted(SEGMENTS);
  const risk = customer ? random.weighted(RISKS) : 'healthy';
  const country = random.weighted(COUNTRIES);
  const employees =
    segment === 'SMB'
      ? random.int(5, 200)
      : segment === 'Mid-Market'
        ? random.int(200, 2500)
        : random.int(2500, 150_000);
  const arr =
    segment === 'SMB'
      ? random.between(6_000, 40_000)
      : segment === 'Mid-Market'
        ? random.between(40_000, 250_000)
        : random.between(250_000, 1_500_000);
  const ageDays = customer
    ? 45 + Math.floor(random.unit() ** 1.3 * 2100)
    : type === 'Prospect'
      ? 5 + Math.floor(random.unit() * 700)
      : 100 + Math.floor(random.unit() * 2000);
  return { type, customer, segment, risk, country, employees, arrUsd: Math.round(arr / 100) * 100, ageDays };
}

/** Product usage and survey fields; about one customer in ten has no usage data, more lack surveys. */
export function usageValues(random: Random, traits: Traits): Record<string, number | string | null> {
  if (!traits.customer) return {};
  const { segment, risk } = traits;
  const usage = random.chance(0.9);
  const seats =
    segment === 'SMB'
      ? random.int(5, 60)
      : segment === 'Mid-Market'
        ? random.int(50, 600)
        : random.int(500, 25_000);
  const utilisation =
    risk === 'healthy'
      ? random.between(0.7, 1)
      : risk === 'watch'
        ? random.between(0.45, 0.8)
        : random.between(0.1, 0.5);
  const trend =
    risk === 'healthy'
      ? random.between(-5, 25)
      : risk === 'watch'
        ? random.between(-15, 5)
        : random.between(-60, -5);
  const nps =
    risk === 'healthy' ? random.int(20, 80) : risk === 'watch' ? random.int(-10, 40) : random.int(-80, 5);
  const csat =
    risk === 'healthy'
      ? random.between(85, 99.5)
      : risk === 'watch'
        ? random.between(70, 90)
        : random.between(40, 75);
  const hasNps = random.chance(0.75);
  const hasCsat = random.chance(0.7);
  return {
    Support_Region__c: random.chance(0.95) ? traits.country.region : null,
    Licensed_Seats__c: usage ? seats : null,
    Active_Users__c: usage ? Math.round(seats * utilisation) : null,
    Usage_Trend__c: usage ? round2(trend) : null,
    NPS_Score__c: hasNps ? nps : null,
    CSAT_Score__c: hasCsat ? round2(csat) : null,
  };
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A US-dollar amount in the account's currency, rounded as that currency is (2 decimals, yen whole). */
export function inAccountCurrency(usd: number, account: Pick<AccountProfile, 'currency' | 'rate'>): number {
  const amount = usd * account.rate;
  return ZERO_DECIMAL_CURRENCIES.has(account.currency) ? Math.round(amount) : round2(amount);
}
