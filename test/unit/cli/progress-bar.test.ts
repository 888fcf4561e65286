import { describe, expect, it } from 'vitest';

import { createProgressBar, progressLine } from '../../../src/cli/progress-bar.js';

describe('the progress of a run, on one terminal line', () => {
  it('shows records pulled per object, then a bar of accounts scored', () => {
    expect(progressLine({ phase: 'starting', pulled: {}, targets: undefined, scored: 0 })).toBe(
      'Starting the run...',
    );
    expect(progressLine({ phase: 'pull', pulled: {}, targets: undefined, scored: 0 })).toBe(
      'Pulling   describing objects...',
    );
    expect(
      progressLine({ phase: 'pull', pulled: { Account: 2000, Case: 14000 }, targets: undefined, scored: 0 }),
    ).toBe('Pulling   Account 2,000 · Case 14,000');
    expect(progressLine({ phase: 'score', pulled: {}, targets: 4000, scored: 1000 })).toBe(
      'Scoring   [######------------------] 1,000/4,000 accounts',
    );
    expect(progressLine({ phase: 'score', pulled: {}, targets: 0, scored: 0 })).toBe(
      'Scoring   [########################] 0/0 accounts',
    );
  });

  it('draws on a terminal only, rewrites its line only when it changes, and clears it when done', () => {
    expect(createProgressBar({ write: () => true }, false)).toBeUndefined();
    const written: string[] = [];
    const bar = createProgressBar({ write: (text: string) => written.push(text) }, true)!;
    const progress = { phase: 'score', pulled: {}, targets: 10, scored: 5 } as const;
    bar.update(progress);
    bar.update(progress);
    bar.done();
    expect(written).toEqual(['\r\x1b[2KScoring   [############------------] 5/10 accounts', '\r\x1b[2K']);
  });
});
