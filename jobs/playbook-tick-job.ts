/**
 * The periodic playbook tick of one org (a job scheduler, every `success.tickInterval`): sends the
 * reminders, post-mortems and Tasks that fell due since the last one. Idempotent: what fired is
 * marked, Tasks are upserted by key, and a tick that finds another under way does nothing.
 */
import type { Job } from 'bullmq';

import type { OrgJobContext } from './job-context.js';

export const PLAYBOOK_TICK_JOB = 'playbook-tick';

export async function processPlaybookTick(_job: Job, context: OrgJobContext): Promise<object> {
  if (!context.playbooks) return { skipped: 'no playbooks loaded' };
  const report = await context.playbooks.tick(context.now());
  if (report.tasksCreated + report.webhooksSent + report.tasksFailed + report.webhooksFailed > 0)
    context.logger.info('playbook tick', { orgId: context.orgName, ...report });
  return report;
}
