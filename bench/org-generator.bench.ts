/**
 * How fast the emulator seeds an org, and how much memory the records take: generation time,
 * record counts and heap for 5,000 and 50,000 accounts (multi-currency, Entitlements on).
 */
import { generateOrg } from '../emulator/data/index.js';
import { createIdFactory } from '../emulator/org/ids.js';
import { buildOrgSchemas } from '../emulator/schema/index.js';

const schemas = buildOrgSchemas({ entitlements: true, multiCurrency: true });
for (const accounts of [5_000, 50_000]) {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const org = generateOrg(
    { accounts, seed: 42, now: new Date('2026-11-22T09:00:00Z'), currencies: ['USD', 'EUR', 'GBP', 'JPY'] },
    schemas,
    createIdFactory(),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const counts = [...org]
    .map(([name, records]) => `${name} ${records.length.toLocaleString('en-US')}`)
    .join(', ');
  const total = [...org.values()].reduce((sum, records) => sum + records.length, 0);
  globalThis.gc?.();
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(
    `${accounts.toLocaleString('en-US')} accounts: ${total.toLocaleString('en-US')} records in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString('en-US')} records/s), retained heap ${heapMiB.toFixed(0)} MiB`,
  );
  console.log(`  ${counts}`);
  if (org.size === 0) throw new Error('nothing generated');
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
