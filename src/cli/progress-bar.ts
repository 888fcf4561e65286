/**
 * The progress of a run on one terminal line (stderr, so `--json` output stays clean): the
 * records pulled per object, then a bar of accounts scored. Off when stderr is not a terminal.
 */
import type { RunProgress } from '../sync/run/run-state.js';
import type { OutputStream } from './cli-context.js';

const WIDTH = 24;

export function progressLine(progress: RunProgress): string {
  const pulled = Object.entries(progress.pulled)
    .map(([object, records]) => `${object} ${records.toLocaleString('en-US')}`)
    .join(' · ');
  if (progress.phase === 'starting') return 'Starting the run...';
  if (progress.phase === 'pull' || progress.targets === undefined)
    return `Pulling   ${pulled || 'describing objects...'}`;
  const total = progress.targets;
  const done = Math.min(progress.scored, total);
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  return `Scoring   [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} accounts`;
}

export interface ProgressBar {
  update(progress: RunProgress): void;
  /** Clears the line, so the summary starts on a clean one. */
  done(): void;
}

export function createProgressBar(stream: OutputStream, isTTY: boolean): ProgressBar | undefined {
  if (!isTTY) return undefined;
  let shown = '';
  return {
    update(progress) {
      const line = progressLine(progress);
      if (line === shown) return;
      shown = line;
      stream.write(`\r\x1b[2K${line}`);
    },
    done() {
      if (shown !== '') stream.write('\r\x1b[2K');
      shown = '';
    },
  };
}
