/**
 * Every log line passes the redactor, so its cost is paid on the hot path of every job.
 * Prints lines/s for typical log lines (with and without secrets) through the redactor alone and
 * through the whole JSON logger, and peak memory.
 */
import { Writable } from 'node:stream';

import { createLogger } from '../src/logging/logger.js';
import { createRedactor } from '../src/redaction/redactor.js';

const LINES = 50_000;
const redactor = createRedactor({
  knownSecrets: ['demo-client-secret', 'demo-password-9', 'TopSecretValue1'],
});

const samples = {
  plain: 'pulled 200 Account records in 412 ms (window 2026-11-21T10:00:00Z..2026-11-21T10:15:00Z, page 3)',
  'token body': JSON.stringify({
    access_token:
      '00Dx0000000BV7z!AR8AQAxo9UfVkh8AlV0Gomt9Czx9LjHnSSpwBMmbRcgKFmxOtvxjTrKW19ye6PE3Ds1eQz3z8jr3W7',
    instance_url: 'https://na1.salesforce.com',
    id: 'https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P',
    token_type: 'Bearer',
    issued_at: '1278448832702',
  }),
  'escaped call record': JSON.stringify({
    request:
      'grant_type=password&client_id=3MVG9abc&client_secret=demo-client-secret&password=demo-password-9',
    response: JSON.stringify({ error: 'invalid_grant', error_description: 'authentication failure' }),
  }),
};

function rate(label: string, run: () => void): void {
  const started = process.hrtime.bigint();
  for (let i = 0; i < LINES; i += 1) run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssMiB = (process.memoryUsage().rss / 1024 / 1024).toFixed(0);
  const perSecond = Math.round(LINES / seconds).toLocaleString('en-US');
  console.log(`${label.padEnd(44)} ${perSecond.padStart(10)} lines/s   RSS after ${rssMiB} MiB`);
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

console.log(`redaction: ${LINES.toLocaleString('en-US')} lines per case, Node ${process.version}`);
for (const [name, text] of Object.entries(samples)) rate(`redactor.text, ${name}`, () => redactor.text(text));

const sink = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});
const logger = createLogger({ level: 'info', format: 'json', redactor, stream: sink }).child({
  orgId: 'acme',
  runId: 'r-1',
});
rate('logger.info (JSON), plain + 3 fields', () => {
  logger.info(samples.plain, { records: 200, object: 'Account', page: 3 });
});
rate('logger.info (JSON), call record fields', () => {
  logger.info('token call failed', { status: 400, body: samples['escaped call record'] });
});

clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
// The logger cases write in a synchronous burst, so winston's stream pipeline holds the lines until
// the loop yields; that, not redaction, is most of the peak.
console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(1)} MiB`);
