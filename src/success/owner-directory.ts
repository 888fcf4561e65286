/**
 * Reads the org's users (with their roles) and queues for playbooks, at most once an hour: two
 * SOQL queries through the org's client (budget, limiter, diagnostics), kept in Redis for every
 * worker. When Salesforce cannot answer, playbooks that need owners wait for the next look
 * (a failed read is not retried for five minutes, so a missing permission costs few calls).
 */
import type { Redis } from 'ioredis';

import type { Logger } from '../logging/logger.js';
import type { CallLabels } from '../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import type { OwnerDirectoryData, OwnerEntry } from './owners.js';

export const OWNERS_TTL_MS = 60 * 60_000;
const FAILED_TTL_MS = 5 * 60_000;

/** Standard users only: an org with a community can have many thousands of portal users. */
export const USERS_SOQL =
  "SELECT Id, Name, UserRole.Name, UserRole.DeveloperName FROM User WHERE UserType = 'Standard'";
export const QUEUES_SOQL = "SELECT Id, Name, DeveloperName FROM Group WHERE Type = 'Queue'";

export interface OwnerDirectory {
  /** From Redis, else read from Salesforce; undefined when it cannot be read now. */
  /** `labels`: the job's, so the calls count in its run. */
  read(labels?: CallLabels): Promise<OwnerDirectoryData | undefined>;
  /** Someone it does not know owns an account: read again, unless it was read in the last 5 minutes. */
  forgetIfOlder(): Promise<void>;
}

export interface OwnerDirectoryDeps {
  /** Pulse's client, with the key prefix. */
  readonly redis: Redis;
  readonly orgName: string;
  readonly client: () => Promise<SalesforceClient>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

type Row = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

async function allRows(client: SalesforceClient, soql: string, labels?: CallLabels): Promise<Row[]> {
  let page = await client.query<Row>(soql, labels);
  const rows = [...page.records];
  while (!page.done && page.nextRecordsUrl !== undefined) {
    page = await client.queryMore<Row>(page.nextRecordsUrl, labels);
    rows.push(...page.records);
  }
  return rows;
}

function userEntry(row: Row): OwnerEntry | undefined {
  const name = text(row['Name']);
  if (name === undefined) return undefined;
  const role = row['UserRole'] as Row | null | undefined;
  const roleName = text(role?.['Name']);
  const roleApiName = text(role?.['DeveloperName']);
  return {
    name,
    role: roleName === undefined ? null : { name: roleName, developerName: roleApiName ?? roleName },
  };
}

async function readFromSalesforce(
  deps: OwnerDirectoryDeps,
  now: Date,
  labels: CallLabels | undefined,
): Promise<OwnerDirectoryData> {
  const client = await deps.client();
  const owners: Record<string, OwnerEntry> = {};
  for (const row of await allRows(client, USERS_SOQL, labels)) {
    const id = text(row['Id']);
    const entry = userEntry(row);
    if (id !== undefined && entry) owners[id] = entry;
  }
  for (const row of await allRows(client, QUEUES_SOQL, labels)) {
    const id = text(row['Id']);
    const name = text(row['Name']);
    if (id === undefined || name === undefined) continue;
    owners[id] = { name, queueDeveloperName: text(row['DeveloperName']) ?? name };
  }
  return { owners, readAt: now.toISOString() };
}

function parse(raw: string | null): OwnerDirectoryData | undefined {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as OwnerDirectoryData;
  } catch {
    return undefined;
  }
}

const ownersKey = (orgName: string): string => `org:{${orgName}}:success:owners`;

/** The directory as last read, from Redis only (the dry run reads nothing from Salesforce). */
export async function cachedOwners(redis: Redis, orgName: string): Promise<OwnerDirectoryData | undefined> {
  return parse(await redis.get(ownersKey(orgName)));
}

export function createOwnerDirectory(deps: OwnerDirectoryDeps): OwnerDirectory {
  const key = ownersKey(deps.orgName);
  const failedKey = `${key}:failed`;
  // One read at a time per process: a worker's concurrent score jobs share it.
  let reading: Promise<OwnerDirectoryData | undefined> | undefined;

  async function readOnce(labels?: CallLabels): Promise<OwnerDirectoryData | undefined> {
    const [cached, failed] = await deps.redis.mget(key, failedKey);
    const data = parse(cached ?? null);
    if (data) return data;
    if (failed !== null) return undefined;
    try {
      const fresh = await readFromSalesforce(deps, deps.now?.() ?? new Date(), labels);
      await deps.redis.set(key, JSON.stringify(fresh), 'PX', OWNERS_TTL_MS);
      return fresh;
    } catch (error) {
      // A SalesforceError's message starts with its errorCode and says what to do.
      const reason = error instanceof Error ? error.message : String(error);
      deps.logger.warn('playbooks could not read the org users and queues; owner conditions wait', {
        orgId: deps.orgName,
        reason,
      });
      await deps.redis.set(failedKey, reason, 'PX', FAILED_TTL_MS);
      return undefined;
    }
  }

  return {
    async forgetIfOlder() {
      const data = parse(await deps.redis.get(key));
      const now = deps.now?.() ?? new Date();
      if (data && now.getTime() - Date.parse(data.readAt) > FAILED_TTL_MS) await deps.redis.del(key);
    },
    read(labels) {
      // Concurrent askers share the first one's read (and its labels).
      reading ??= readOnce(labels).finally(() => {
        reading = undefined;
      });
      return reading;
    },
  };
}
