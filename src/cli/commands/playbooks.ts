/**
 * `pulse playbooks --org NAME [--dry-run] [--json]`: the customer-success playbooks of an org.
 * With `--dry-run`, what would fire now and why (nothing is written, Salesforce is not called);
 * without it, one tick now: the Tasks and notices that fell due go out, as the org's shadow mode,
 * write-back setting and write switch allow. Workers tick on their own every `success.tickInterval`.
 */
import type { Command } from 'commander';

import type { PlannedEpisode } from '../../success/plan-playbooks.js';
import type { TickReport } from '../../success/run-tick.js';
import type { CliContext } from '../cli-context.js';

const STATE_LABELS: Readonly<Record<PlannedEpisode['state'], string>> = {
  opens: 'would open',
  open: 'open',
  closed: 'ended',
  baseline: 'baseline only',
};

export function formatPlan(orgName: string, plan: readonly PlannedEpisode[]): string {
  const firing = plan.filter((entry) => entry.actions.length > 0);
  const baseline = plan.filter((entry) => entry.state === 'baseline');
  const lines = [
    `Playbooks of ${orgName}, dry run: ${firing.reduce((sum, entry) => sum + entry.actions.length, 0)} action(s) would fire now on ${firing.length} account(s); nothing was written.`,
  ];
  for (const entry of firing) {
    lines.push(
      '',
      `${entry.playbookId} · ${entry.accountName} (${entry.accountId}) · ${STATE_LABELS[entry.state]}`,
    );
    lines.push(`  why: ${entry.why}`);
    for (const action of entry.actions)
      lines.push(
        action.kind === 'task'
          ? `  Task for ${action.ownerId ?? 'the account owner'}, due ${action.dueDate ?? '?'}: ${action.subject ?? ''}`
          : `  webhook${action.occurrence > 1 ? ` (reminder ${action.occurrence})` : ''}: ${action.text ?? ''}`,
      );
  }
  if (baseline.length > 0)
    lines.push(
      '',
      `${baseline.length} account(s) already meet a trigger that has not had a full pass on this org yet: recorded as found, no action (the next full pass makes the playbook live).`,
    );
  return `${lines.join('\n')}\n`;
}

function formatTick(orgName: string, report: TickReport): string {
  if (!report.ran) return `Another playbook tick of ${orgName} is under way; nothing was done.\n`;
  return (
    `Playbooks of ${orgName}: ${report.tasksCreated} Task(s) created, ${report.tasksUpdated} updated, ` +
    `${report.tasksFailed} refused, ${report.tasksWouldCreate} not written (shadow mode or write-back off), ` +
    `${report.tasksHeld} held (writes paused); ${report.webhooksSent} notice(s) sent, ${report.webhooksFailed} failed.\n`
  );
}

export function registerPlaybooks(program: Command, context: CliContext): void {
  program
    .command('playbooks')
    .description(
      "Run the org's customer-success playbooks now, or with --dry-run show what would fire and why",
    )
    .requiredOption('--org <name>', 'the org, as named in config/orgs.yaml')
    .option('--dry-run', 'list what would fire now and why; write nothing')
    .option('--json', 'print the result as JSON')
    .action(async (options: { org: string; dryRun?: boolean; json?: boolean }) => {
      if (options.dryRun) {
        const plan = await context.planPlaybooks(options.org);
        context.stdout.write(
          options.json ? `${JSON.stringify({ org: options.org, plan })}\n` : formatPlan(options.org, plan),
        );
        return;
      }
      const report = await context.tickPlaybooks(options.org);
      context.stdout.write(
        options.json
          ? `${JSON.stringify({ org: options.org, ...report })}\n`
          : formatTick(options.org, report),
      );
      if (report.tasksFailed + report.webhooksFailed > 0) context.setExitCode(1);
    });
}
