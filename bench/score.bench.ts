/**
 * The daily full rescore runs every account through the health model, so its cost sets how long a
 * big org's rescore takes. Prints accounts scored per second on one core (one thread) for typical
 * accounts — 5 opportunities, 8 cases, 12 history points — and peak memory.
 */
import { evaluateAccount, type AccountSnapshot, type HealthModel } from '../src/health/index.js';
import { loadHealthModel } from '../src/main/load-health-model.js';

const ACCOUNTS = 2_000;
const PASSES = 10;
const NOW = Date.parse('2026-06-17T12:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A deterministic spread of typical accounts (no randomness: every run scores the same work). */
function typicalAccount(index: number): AccountSnapshot {
  const priorities = ['Critical', 'High', 'Medium', 'Medium', 'Low', 'High', 'Medium', 'Low'];
  const cases = priorities.map((priority, c) => {
    const createdMs = NOW - ((index * 7 + c * 13) % 110) * DAY - ((index + c) % 9) * 3_600_000;
    const open = (index + c) % 4 === 0;
    return {
      Id: `500${index}-${c}`,
      CaseNumber: String(100_000 + index * 10 + c),
      Priority: priority,
      Status: open ? 'Working' : 'Closed',
      IsClosed: !open,
      IsEscalated: (index + c) % 11 === 0,
      CreatedDate: iso(createdMs),
      ClosedDate: open ? null : iso(Math.min(NOW, createdMs + ((c % 5) + 1) * 9 * 3_600_000)),
      ...(c % 2 === 0 ? { FirstResponseAt: open ? null : iso(createdMs + 30 * 60_000) } : {}),
    };
  });
  const types = ['Renewal', 'Expansion', 'New Business', 'Renewal', 'Upsell'];
  const opportunities = types.map((type, o) => ({
    Id: `006${index}-${o}`,
    StageName: o === 3 ? 'Closed Lost' : 'Negotiation',
    IsClosed: o === 3,
    IsWon: false,
    CloseDate: iso(NOW + (((index + o * 37) % 300) - 60) * DAY).slice(0, 10),
    Amount: 10_000 + ((index * 31 + o) % 50) * 1_000,
    Probability: (index * 17 + o * 11) % 100,
    Type: type,
    CurrencyIsoCode: o % 2 === 0 ? 'USD' : 'EUR',
  }));
  return {
    account: {
      Id: `001${index}`,
      Name: `Account ${index}`,
      Type: index % 3 === 0 ? 'Partner' : 'Customer',
      AnnualRevenue: 5_000 + ((index * 7919) % 500_000),
      CurrencyIsoCode: 'USD',
      OwnerId: '005000000000001',
      CreatedDate: '2023-01-01T00:00:00Z',
      LastActivityDate: iso(NOW - (index % 120) * DAY).slice(0, 10),
      Health_Score_Override__c: index % 10 === 0 ? 50 : null,
      fields: {},
    },
    opportunities,
    cases,
    history: Array.from({ length: 12 }, (_, h) => ({
      at: iso(NOW - (h + 1) * 7 * DAY),
      score: (index + h * 3) % 101,
    })),
    currency: { orgCurrency: 'USD', conversionRates: { EUR: 0.92 } },
  };
}

const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

/** Scores every account `passes` times; `nowOf(pass)` is the instant of each pass. */
function rate(
  label: string,
  model: HealthModel,
  accounts: readonly AccountSnapshot[],
  passes: number,
  nowOf: (pass: number) => number,
): void {
  let checksum = 0;
  const started = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass += 1) {
    const now = new Date(nowOf(pass));
    for (const snapshot of accounts) checksum += evaluateAccount(snapshot, model, now).score ?? 0;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const scored = accounts.length * passes;
  const perSecond = Math.round(scored / seconds).toLocaleString('en-US');
  const micros = ((seconds / scored) * 1e6).toFixed(1);
  console.log(
    `${label.padEnd(50)} ${perSecond.padStart(8)} accounts/s  ${micros.padStart(6)} µs each  (checksum ${checksum})`,
  );
}

const model = loadHealthModel({ cwd: new URL('..', import.meta.url).pathname });
const accounts = Array.from({ length: ACCOUNTS }, (_, index) => typicalAccount(index));
console.log(
  `health model ${model.version}: ${ACCOUNTS.toLocaleString('en-US')} typical accounts (5 opportunities, 8 cases, 12 history points), Node ${process.version}, one thread`,
);
// The first pass also warms the JIT and builds the calendar's days (cached per calendar, as in a real rescore).
rate('first pass (cold)', model, accounts, 1, () => NOW);
rate(`daily rescore, warm (${PASSES} passes, same instant)`, model, accounts, PASSES, () => NOW);
rate(
  `a new instant each pass (${PASSES} passes, 1 h apart)`,
  model,
  accounts,
  PASSES,
  (pass) => NOW + pass * 3_600_000,
);

clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
console.log(
  `RSS before the model and accounts ${(baselineRss / 1024 / 1024).toFixed(1)} MiB, peak ${(peakRss / 1024 / 1024).toFixed(1)} MiB`,
);
