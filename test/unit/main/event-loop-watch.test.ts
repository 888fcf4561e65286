import { Writable } from 'node:stream';

import { expect, it } from 'vitest';

import { createLogger } from '../../../src/logging/logger.js';
import { watchEventLoop } from '../../../src/main/event-loop-watch.js';
import { createRedactor } from '../../../src/redaction/redactor.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return {
    lines,
    logger: createLogger({ level: 'warn', format: 'json', redactor: createRedactor(), stream }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('warns once the event loop has stalled past the limit, naming the longest stall', async () => {
  const { lines, logger } = capturingLogger();
  const stop = watchEventLoop(logger, { warnMs: 150, everyMs: 400 });
  try {
    await sleep(60); // the monitor's first samples set its baseline
    const until = Date.now() + 300;
    while (Date.now() < until); // a synchronous stretch of 300 ms, as a heavy job would make
    await sleep(600);
    const warning = lines.find((line) => String(line['message']).includes('event loop stalled'));
    expect(warning?.['longestStallMs']).toBeGreaterThanOrEqual(250);
  } finally {
    stop();
  }
});

it('says nothing while the loop keeps up', async () => {
  const { lines, logger } = capturingLogger();
  // A second of margin: a busy test machine delays timers by tens of milliseconds, not seconds.
  const stop = watchEventLoop(logger, { warnMs: 1_000, everyMs: 200 });
  try {
    await sleep(500);
    expect(lines).toEqual([]);
  } finally {
    stop();
  }
});
