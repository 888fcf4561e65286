/**
 * Brings an emulated org (started with `--test-endpoints`) from the generator's ~3.5 opportunities
 * and ~1.7 cases per account to about 4 and 10, the shape, through the emulator's seeding
 * endpoint (no API call): per account 7-8 closed cases and one open one, and a won renewal on every
 * second account, owned by the account’s owner. Shared by bench/sync and bench/api.
 */

export interface TopUp {
  readonly accounts: number;
  readonly cases: number;
  readonly opportunities: number;
  readonly seconds: number;
}

/** Runs `work(0..count-1)` with `width` at a time. */
async function pool(count: number, width: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** @param emulatorUrl the emulator's base URL (its `loginUrl`) */
export async function topUpOrg(emulatorUrl: string): Promise<TopUp> {
  const control = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${emulatorUrl}/__emulator/${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`${method} /__emulator/${route}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const started = process.hrtime.bigint();
  const rows = (await control('GET', 'records/Account')) as { Id: string; OwnerId: string }[];
  const { now } = (await control('GET', 'clock')) as { now: string };
  const priorities = ['Low', 'Medium', 'Medium', 'High', 'Critical'];
  let cases = 0;
  let opportunities = 0;
  await pool(rows.length, 16, async (k) => {
    const row = rows[k];
    if (!row) return;
    const common = { AccountId: row.Id, OwnerId: row.OwnerId, Origin: 'Email', IsEscalated: false };
    const closed = 7 + (k % 3 === 0 ? 1 : 0);
    await control('POST', 'records/Case', {
      count: closed,
      values: {
        ...common,
        CaseNumber: `B${k}-{i}`,
        Subject: 'Bench case {i}',
        Status: 'Closed',
        Priority: priorities[k % priorities.length],
        IsClosed: true,
        ClosedDate: now,
      },
    });
    await control('POST', 'records/Case', {
      count: 1,
      values: {
        ...common,
        CaseNumber: `B${k}-open`,
        Subject: 'Bench open case',
        Status: 'Working',
        Priority: priorities[(k + 1) % priorities.length],
        IsClosed: false,
      },
    });
    cases += closed + 1;
    if (k % 2 === 0) {
      await control('POST', 'records/Opportunity', {
        count: 1,
        values: {
          AccountId: row.Id,
          OwnerId: row.OwnerId,
          Name: `Bench renewal ${k}`,
          StageName: 'Closed Won',
          IsClosed: true,
          IsWon: true,
          CloseDate: now.slice(0, 10),
          Amount: 24000,
          Probability: 100,
          Type: 'Renewal',
          ForecastCategoryName: 'Closed',
          ForecastCategory: 'Closed',
        },
      });
      opportunities += 1;
    }
  });
  return {
    accounts: rows.length,
    cases,
    opportunities,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
