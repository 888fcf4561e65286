/**
 * Seeds an emulated org: a deterministic, realistic set of users, accounts, opportunities, cases
 * (and milestones), tasks, roles and case queues for a given size, seed and clock, fitted to the
 * org's schemas.
 */
import type { IdFactory } from '../org/ids.js';
import type { SObjectSchema, StoredRecord } from '../org/types.js';
import { generateAccounts } from './accounts.js';
import { generateCases, type CaseNumbering } from './cases.js';
import type { GeneratorContext } from './context.js';
import { generateOpportunities } from './opportunities.js';
import { createRandom } from './random.js';
import { createShaper } from './record-shaper.js';
import { generateRolesAndQueues } from './roles-and-queues.js';
import { generateTasks } from './tasks.js';
import { dayOf, wholeSecond } from './time.js';
import { generateUsers, userCount } from './users.js';

export interface GenerateOrgOptions {
  readonly accounts: number;
  readonly seed: number;
  /** The org clock: every generated time is relative to it (past, except future close and due dates). */
  readonly now: Date;
  /** The org's currencies; more than one makes amounts multi-currency. Default `['USD']`. */
  readonly currencies?: readonly string[];
}

/** The picklist values of a field, or undefined when the org lacks it. */
function picklistOf(
  schemas: ReadonlyMap<string, SObjectSchema>,
  objectName: string,
  fieldName: string,
): string[] | undefined {
  const field = schemas.get(objectName)?.fields.find((candidate) => candidate.name === fieldName);
  return field?.picklistValues.map((entry) => entry.value);
}

function checkCurrencies(schemas: ReadonlyMap<string, SObjectSchema>, currencies: readonly string[]): void {
  if (currencies.length === 0) throw new Error('currencies must name at least one currency');
  const allowed = picklistOf(schemas, 'Account', 'CurrencyIsoCode');
  if (!allowed) {
    if (currencies.length > 1) {
      throw new Error(
        'more than one currency needs multi-currency schemas (buildOrgSchemas({ multiCurrency: true }))',
      );
    }
    return;
  }
  const unknown = currencies.filter((code) => !allowed.includes(code));
  if (unknown.length > 0)
    throw new Error(`currencies not enabled in the org's schemas: ${unknown.join(', ')}`);
}

/**
 * Records by object name, for every object in `schemas` (empty lists for objects with no data).
 * The same options, schemas and a fresh id factory always give identical records.
 * @throws Error on a negative or fractional account count, or currencies the schemas do not allow
 */
export function generateOrg(
  options: GenerateOrgOptions,
  schemas: ReadonlyMap<string, SObjectSchema>,
  ids: IdFactory,
): Map<string, StoredRecord[]> {
  if (!Number.isInteger(options.accounts) || options.accounts < 0) {
    throw new Error(`accounts must be a whole number >= 0, got ${options.accounts}`);
  }
  const currencies = options.currencies ?? ['USD'];
  checkCurrencies(schemas, currencies);

  const nowMs = wholeSecond(options.now.getTime());
  const output = new Map<string, StoredRecord[]>([...schemas.keys()].map((name) => [name, []]));
  const ctx: GeneratorContext = {
    random: createRandom(options.seed),
    ids,
    nowMs,
    today: dayOf(nowMs),
    shapers: new Map([...schemas].map(([name, schema]) => [name, createShaper(schema)])),
    output,
  };

  const users = generateUsers(ctx, userCount(options.accounts));
  const accounts = generateAccounts(ctx, users, options.accounts, { currencies });
  const numbering: CaseNumbering = { next: 1001 };
  for (const account of accounts) {
    const opportunities = generateOpportunities(ctx, account, users);
    generateCases(ctx, account, users, numbering);
    generateTasks(ctx, account, opportunities, users);
  }
  // Last, and off the seeded stream: everything above is the same with or without roles and queues.
  generateRolesAndQueues(ctx, users, options.seed);
  return output;
}
