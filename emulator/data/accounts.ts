/**
 * Generated accounts: customers, prospects and partners of every size, some grouped under parent
 * accounts, owned by the org's users. Health fields start empty (Pulse writes them), except the
 * CSM's override on about 2% of accounts.
 */
import { CURRENCY_RATES } from '../schema/currencies.js';
import { drawTraits, inAccountCurrency, usageValues, type AccountProfile } from './account-profile.js';
import { emit, idOf, type GeneratorContext } from './context.js';
import { DAY, dayOf, HOUR, MINUTE } from './time.js';
import { creatorAt, type UserPool } from './users.js';

/** The org's currencies: amounts use the account country's currency when the org has it, else the first. */
export interface CurrencyPlan {
  readonly currencies: readonly string[];
}

const INDUSTRIES_BY_WEIGHT: readonly (readonly [string, number])[] = [
  ['Technology', 18],
  ['Finance', 9],
  ['Banking', 6],
  ['Healthcare', 9],
  ['Manufacturing', 9],
  ['Retail', 7],
  ['Education', 5],
  ['Insurance', 5],
  ['Media', 4],
  ['Telecommunications', 4],
  ['Consulting', 4],
  ['Transportation', 3],
  ['Energy', 3],
  ['Government', 2],
  ['Hospitality', 2],
  ['Not For Profit', 2],
  ['Other', 3],
];

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function generateAccounts(
  ctx: GeneratorContext,
  users: UserPool,
  count: number,
  plan: CurrencyPlan,
): AccountProfile[] {
  const { random, nowMs, today } = ctx;
  const profiles: AccountProfile[] = [];
  const headquarters: AccountProfile[] = [];
  const fallbackCurrency = plan.currencies[0] ?? 'USD';

  for (let index = 0; index < count; index += 1) {
    const traits = drawTraits(random);
    const parent =
      index >= 10 && headquarters.length > 0 && random.chance(0.08) ? random.pick(headquarters) : null;
    const isHeadquarters = parent === null && random.chance(0.05);
    const companyName = random.faker.company.name();
    const name = parent ? `${parent.name} - ${random.faker.location.city()}` : companyName;

    let createdMs = nowMs - traits.ageDays * DAY - random.int(0, 23 * 60) * MINUTE;
    if (parent) createdMs = Math.min(Math.max(createdMs, parent.createdMs + DAY), nowMs - HOUR);
    const createdDay = dayOf(createdMs);
    const customerSinceDay = traits.customer
      ? Math.max(createdDay, Math.min(createdDay + random.int(14, 120), today - 7))
      : null;

    const currency = plan.currencies.includes(traits.country.currency)
      ? traits.country.currency
      : fallbackCurrency;
    const rate = CURRENCY_RATES[currency] ?? 1;
    const ownerId = random.pick(users.ownerIds);
    const createdById = creatorAt(users, ownerId, createdMs);
    const modifiedMs = nowMs - random.unit() ** 2 * (nowMs - createdMs);
    const revenueUsd = traits.employees * random.between(80_000, 400_000);

    const record = emit(
      ctx,
      'Account',
      {
        createdMs,
        createdById,
        modifiedMs,
        modifiedById: random.chance(0.7) ? ownerId : random.pick(users.ownerIds),
      },
      {
        Name: name,
        Type: traits.type,
        ParentId: parent?.id ?? null,
        BillingCountry: traits.country.name,
        Phone: `+1 ${random.int(200, 989)}-${random.int(200, 999)}-${random.int(1000, 9999)}`,
        Website: random.chance(0.85) ? `https://www.${slug(companyName) || 'example'}.com` : null,
        Industry: random.chance(0.95) ? random.weighted(INDUSTRIES_BY_WEIGHT) : null,
        AnnualRevenue: random.chance(0.9)
          ? Math.round(inAccountCurrency(revenueUsd, { currency, rate }))
          : null,
        NumberOfEmployees: random.chance(0.95) ? traits.employees : null,
        Description: random.chance(0.5) ? random.faker.company.catchPhrase() : null,
        OwnerId: ownerId,
        CurrencyIsoCode: currency,
        Health_Score_Override__c: random.chance(0.02) ? random.int(0, 100) : null,
        ...usageValues(random, traits),
      },
    );
    if (!record) throw new Error('the emulated org needs the Account object');

    const profile: AccountProfile = {
      id: idOf(record),
      name,
      ownerId,
      createdMs,
      currency,
      rate,
      segment: traits.segment,
      risk: traits.risk,
      customer: traits.customer,
      customerSinceDay,
      arrUsd: traits.arrUsd,
      churnedDay: null,
      record,
    };
    profiles.push(profile);
    if (isHeadquarters) headquarters.push(profile);
  }
  return profiles;
}
