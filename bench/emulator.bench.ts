/**
 * The emulator must never be what limits a sync benchmark. Runs `pulse emulator` in its own
 * process (as a sync benchmark will) and prints small-query requests/s from concurrent keep-alive
 * clients, records/s for a 500,000-row query paged at 2,000, records/s for the same rows through a
 * Bulk API 2.0 query job (create, poll, CSV result sets), and the emulator's peak RSS.
 */
import http from 'node:http';

import { startEmulatorProcess } from './support/processes.js';

const LARGE_ROWS = Number(process.env['BENCH_ROWS'] ?? 500_000);
const SMALL_SECONDS = 5;
const CONCURRENCY = 16;
const BULK_SET = Number(process.env['BENCH_BULK_SET'] ?? 50_000);

const { child, info } = await startEmulatorProcess([
  '--accounts',
  '1000',
  '--api-limit',
  '10000000',
  '--test-endpoints',
]);
const { loginUrl, clientId, clientSecret, username, password } = info;
const base = new URL(loginUrl ?? '');
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(method: string, pathAndQuery: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method, path: pathAndQuery, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function emulatorRssMiB(): Promise<number> {
  const status = await import('node:fs/promises').then((fs) =>
    fs.readFile(`/proc/${child.pid ?? 0}/status`, 'utf8'),
  );
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return Number(hwm ?? 0) / 1024;
}

const form = new URLSearchParams({
  grant_type: 'password',
  client_id: clientId ?? '',
  client_secret: clientSecret ?? '',
  username: username ?? '',
  password: password ?? '',
});
const token = JSON.parse(
  (
    await request(
      'POST',
      '/services/oauth2/token',
      { 'content-type': 'application/x-www-form-urlencoded' },
      form.toString(),
    )
  ).text,
) as { access_token: string };
const auth = { authorization: `Bearer ${token.access_token}` };
const api = (rest: string): string => `/services/data/v64.0${rest}`;

// Small queries: one account by id, as lookups and the doctor's checks look.
const idPage = JSON.parse(
  (await request('GET', api(`/query?q=${encodeURIComponent('SELECT Id FROM Account LIMIT 500')}`), auth))
    .text,
) as {
  records: { Id: string }[];
};
const ids = idPage.records.map((record) => record.Id);
let requests = 0;
const deadline = Date.now() + SMALL_SECONDS * 1000;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async (_, worker) => {
    for (let i = worker; Date.now() < deadline; i += CONCURRENCY) {
      const soql = `SELECT Id, Name, Type, Health_Score__c FROM Account WHERE Id = '${ids[i % ids.length] ?? ''}'`;
      const response = await request('GET', api(`/query?q=${encodeURIComponent(soql)}`), auth);
      if (response.status !== 200) throw new Error(`small query failed: ${response.status} ${response.text}`);
      requests += 1;
    }
  }),
);
console.log(
  `small queries   ${Math.round(requests / SMALL_SECONDS).toLocaleString('en-US')} requests/s (${CONCURRENCY} keep-alive clients, ${SMALL_SECONDS} s)`,
);

// A large query: rows seeded through the test endpoint, then read over HTTP page by page.
await request(
  'POST',
  '/__emulator/records/Task',
  { 'content-type': 'application/json' },
  JSON.stringify({
    count: LARGE_ROWS,
    values: { Subject: 'Bulk {i}', Status: 'Completed', Priority: 'Normal', ActivityDate: '2026-10-01' },
  }),
);
const soql =
  "SELECT Id, Subject, Status, ActivityDate, SystemModstamp FROM Task WHERE Subject LIKE 'Bulk%' ORDER BY SystemModstamp, Id";
const startedAt = process.hrtime.bigint();
let next: string | undefined = api(`/query?q=${encodeURIComponent(soql)}`);
let rows = 0;
let pages = 0;
let firstPageMs = 0;
while (next) {
  const page = JSON.parse((await request('GET', next, auth)).text) as {
    records: unknown[];
    nextRecordsUrl?: string;
  };
  if (pages === 0) firstPageMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  rows += page.records.length;
  pages += 1;
  next = page.nextRecordsUrl;
}
const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
console.log(
  `large query     ${Math.round(rows / seconds).toLocaleString('en-US')} records/s (${rows.toLocaleString('en-US')} rows, ${pages} pages, first page after ${firstPageMs.toFixed(0)} ms, ${seconds.toFixed(1)} s)`,
);
// The same rows through Bulk API 2.0: create the job, poll it every 50 ms, read every result set.
const bulkStarted = process.hrtime.bigint();
const created = JSON.parse(
  (
    await request(
      'POST',
      api('/jobs/query'),
      { ...auth, 'content-type': 'application/json' },
      JSON.stringify({ operation: 'query', query: soql }),
    )
  ).text,
) as { id: string };
let state = '';
while (state !== 'JobComplete') {
  const info = JSON.parse((await request('GET', api(`/jobs/query/${created.id}`), auth)).text) as {
    state: string;
  };
  state = info.state;
  if (state === 'Failed' || state === 'Aborted') throw new Error(`bulk query job ${state}`);
  if (state !== 'JobComplete') await new Promise((resolve) => setTimeout(resolve, 50));
}
const completeMs = Number(process.hrtime.bigint() - bulkStarted) / 1e6;
let locator = '';
let bulkRows = 0;
let sets = 0;
let bytes = 0;
do {
  const path = api(
    `/jobs/query/${created.id}/results?maxRecords=${BULK_SET}${locator ? `&locator=${locator}` : ''}`,
  );
  const response = await new Promise<{ locator: string; count: number; size: number }>((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: 'GET',
        path,
        headers: { ...auth, accept: 'text/csv' },
        agent,
      },
      (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => (size += chunk.length));
        res.on('end', () => {
          resolve({
            locator: String(res.headers['sforce-locator'] ?? 'null'),
            count: Number(res.headers['sforce-numberofrecords'] ?? 0),
            size,
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
  bulkRows += response.count;
  bytes += response.size;
  sets += 1;
  locator = response.locator;
} while (locator !== 'null');
const bulkSeconds = Number(process.hrtime.bigint() - bulkStarted) / 1e9;
if (bulkRows !== rows) throw new Error(`bulk query returned ${bulkRows} rows, REST ${rows}`);
console.log(
  `bulk query      ${Math.round(bulkRows / bulkSeconds).toLocaleString('en-US')} records/s (${bulkRows.toLocaleString('en-US')} rows, ${sets} CSV sets of ${BULK_SET.toLocaleString('en-US')}, ${(bytes / 1024 / 1024).toFixed(0)} MiB, JobComplete after ${completeMs.toFixed(0)} ms, ${bulkSeconds.toFixed(1)} s)`,
);
console.log(
  `emulator peak RSS ${(await emulatorRssMiB()).toFixed(0)} MiB (1,000 generated accounts + ${LARGE_ROWS.toLocaleString('en-US')} tasks)`,
);
child.kill('SIGTERM');
agent.destroy();
