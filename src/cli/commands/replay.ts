/**
 * `pulse replay CALL_ID [--confirm] [--bisect] [--dry-run] [--overwrite-changed] [--json]`: what
 * the diagnostics API's replay does, from a terminal.
 */
import type { Command } from 'commander';

import type { ReplayResult } from '../../diagnostics/replay/replay-call.js';
import type { CliContext } from '../cli-context.js';

function formatReplay(callId: string, result: ReplayResult): string {
  switch (result.outcome) {
    case 'refused':
      return `Call ${callId} was not replayed (${result.code}): ${result.reason}\n`;
    case 'dry-run':
      return [
        `Would send (nothing sent):`,
        `  ${result.request.method} ${result.request.url}`,
        ...(result.request.body ? [`  ${result.request.body.slice(0, 2000)}`] : []),
        ...(result.notice ? [result.notice] : []),
        '',
      ].join('\n');
    case 'confirmation-needed':
      return `${result.reason}.\n  ${result.request.method} ${result.request.url}\nRun again with --confirm to send it.\n`;
    case 'replayed':
      return [
        `Replayed as call ${result.callId}: ${result.verdict}.`,
        `  ${JSON.stringify(result.diff).slice(0, 2000)}`,
        ...result.heldBack
          .slice(0, 20)
          .map((field) => `  held back ${field.id}.${field.field}: ${field.why}`),
        '',
      ].join('\n');
    case 'bisected':
      return result.reproduced
        ? `Bisect (${result.calls} calls, ${result.committed} records written): ${result.culprits.length} record(s) make the batch fail: ${result.culprits.join(', ')}${result.complete ? '' : ' (stopped early: more may remain)'}\n`
        : `Bisect: the whole batch succeeded on replay (${result.committed} records written): the failure does not reproduce.\n`;
  }
}

export function registerReplay(program: Command, context: CliContext): void {
  program
    .command('replay')
    .description('Re-send a stored Salesforce call to its org, or bisect a batch that failed as a whole')
    .argument('<callId>', 'the call id, from the diagnostics API or console')
    .option('--confirm', 'send it even though it writes to Salesforce')
    .option('--dry-run', 'show the exact request; send nothing')
    .option('--bisect', 'find the records that make the batch fail (sub-batches that succeed are written)')
    .option('--overwrite-changed', 'write records changed since the original call too')
    .option('--json', 'print the outcome as JSON')
    .action(
      async (
        callId: string,
        options: {
          confirm?: boolean;
          dryRun?: boolean;
          bisect?: boolean;
          overwriteChanged?: boolean;
          json?: boolean;
        },
      ) => {
        const result = await context.replay(callId, {
          confirm: options.confirm === true,
          dryRun: options.dryRun === true,
          bisect: options.bisect === true,
          overwriteChanged: options.overwriteChanged === true,
          by: 'cli',
        });
        context.stdout.write(options.json ? `${JSON.stringify(result)}\n` : formatReplay(callId, result));
        if (result.outcome === 'refused') context.setExitCode(1);
      },
    );
}
