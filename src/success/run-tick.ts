/**
 * The playbook tick: finds the org's episodes with an action due now, creates their Tasks (one
 * sObject Collections upsert per 200, keyed on Pulse_Key__c, so a retried tick updates the Task
 * it created) and posts their webhook messages, then marks what fired. One tick per org at a time.
 *
 * Salesforce writes follow the org's switches: in shadow mode or with write-back off, Tasks are
 * reported as would-create and counted as done (turning shadow mode off later does not flood the
 * owners with old Tasks); with writes paused they wait for the next tick. A record Salesforce
 * refuses (an inactive owner, a validation rule) is recorded with its reason and not retried; a
 * call that fails as a whole leaves its Tasks due for the next tick when the failure is transient
 * (or a limit), and records them as failed when a retry cannot help (a missing field, access). Right after a run a webhook
 * gets one quick attempt (a failing webhook must not hold up the sync) and stays due if it fails;
 * the periodic tick retries it with backoff, and one that still fails is recorded, not sent again.
 */
import type { HealthModel } from '../health/index.js';
import type { Logger } from '../logging/logger.js';
import { SalesforceError } from '../salesforce/errors/salesforce-error.js';
import type { CallLabels } from '../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import type { OwnerRef } from './account-view.js';
import { due, markFired } from './due.js';
import type { EpisodeStore, FailedAction } from './episode-store.js';
import type { EpisodeState } from './episodes.js';
import { accountNextDue } from './observe-accounts.js';
import type { OwnerDirectory } from './owner-directory.js';
import type { SuccessPlaybook } from './playbook-schema.js';
import { renderFiring, type Firing } from './render-firing.js';

/** Accounts read per tick; the rest wait for the next one. */
const ACCOUNTS_PER_TICK = 1000;
const TASKS_PER_CALL = 200;
const LOCK_MS = 5 * 60_000;
/** How long an action that had to stay due (writes paused, a failed call) waits for another try. */
const SNOOZE_MS = 60_000;

export type TaskMode = 'on' | 'paused' | 'shadow' | 'off';

export interface TickDeps {
  readonly orgName: string;
  readonly playbooks: readonly SuccessPlaybook[];
  readonly store: EpisodeStore;
  readonly model: HealthModel;
  /** Opened only when there are Tasks to write. */
  readonly client: () => Promise<SalesforceClient>;
  /**
   * Where notifications go (one attempt, or with retries): `queue` is the case owner's queue of a
   * notice routed to it. Undefined: recorded as not sent.
   */
  readonly postWebhook?: (
    body: { text: string; [key: string]: unknown },
    attempts: 'once' | 'with-retries',
    queue?: OwnerRef,
  ) => Promise<void>;
  /** The org's users and queues, read when a playbook's conditions or routing need them. */
  readonly owners?: OwnerDirectory;
  readonly taskMode: () => Promise<TaskMode>;
  /** Which accounts still exist: a deleted or merged account's episodes end without an action. */
  readonly presentAccounts?: (accountIds: readonly string[]) => Promise<Set<string>>;
  readonly logger: Logger;
  readonly labels?: CallLabels;
}

export interface TickReport {
  readonly ran: boolean;
  readonly tasksCreated: number;
  readonly tasksUpdated: number;
  /** Shadow mode or write-back off: what would have been created. */
  readonly tasksWouldCreate: number;
  /** Writes paused: left due. */
  readonly tasksHeld: number;
  readonly tasksFailed: number;
  readonly webhooksSent: number;
  readonly webhooksFailed: number;
  /** Failed their one attempt after a run: the periodic tick retries them. */
  readonly webhooksDeferred: number;
}

/** Every action due now on the given accounts. */
export function dueFirings(
  states: ReadonlyMap<string, readonly EpisodeState[]>,
  playbooks: ReadonlyMap<string, SuccessPlaybook>,
  model: HealthModel,
  now: Date,
): Firing[] {
  return [...states.values()].flat().flatMap((state) => {
    const playbook = playbooks.get(state.playbookId);
    if (!playbook) return [];
    return due(now, state, playbook).map((action) => renderFiring(state, playbook, action, model, now));
  });
}

/** Whether a failed Tasks call is worth another try on the next tick. */
function stillDue(error: unknown): boolean {
  if (!(error instanceof SalesforceError)) return true;
  const { errorClass } = error.classification;
  // A lost login is the org's alert to raise and an admin's to fix; its Tasks wait for it.
  return errorClass === 'transient' || errorClass === 'limit' || errorClass === 'auth';
}

const firingKey = (firing: Firing): string =>
  `${firing.state.playbookId}|${firing.state.subjectId}|${firing.state.seq}|${firing.action.actionIndex}`;

export interface TickOptions {
  /** The tick right after a run: webhooks get one quick attempt, and stay due if it fails. */
  readonly afterRun?: boolean;
}

export async function runTick(deps: TickDeps, now: Date, options: TickOptions = {}): Promise<TickReport> {
  const report = {
    ran: false,
    tasksCreated: 0,
    tasksUpdated: 0,
    tasksWouldCreate: 0,
    tasksHeld: 0,
    tasksFailed: 0,
    webhooksSent: 0,
    webhooksFailed: 0,
    webhooksDeferred: 0,
  };
  const playbooks = new Map(deps.playbooks.map((playbook) => [playbook.id, playbook]));
  const startedAt = Date.now();
  const ran = await deps.store.withTickLock(async () => {
    const due = await deps.store.dueAccounts(now.getTime(), ACCOUNTS_PER_TICK);
    const present = deps.presentAccounts ? await deps.presentAccounts(due) : new Set(due);
    // Gone from Salesforce: no reminder, no post-mortem, no Task on a record that is no more.
    const gone = due.filter((id) => !present.has(id));
    if (gone.length > 0)
      await deps.store.update(
        gone,
        () => [],
        () => undefined,
      );
    const accountIds = due.filter((id) => present.has(id));
    const firings = dueFirings(await deps.store.read(accountIds), playbooks, deps.model, now);
    const done: Firing[] = [];
    const marked: Firing[] = [];
    const failures: FailedAction[] = [];
    const failed = (firing: Firing, kind: FailedAction['kind'], reason: string): void => {
      failures.push({
        at: now.toISOString(),
        playbookId: firing.playbook.id,
        accountId: firing.state.accountId,
        kind,
        reason,
      });
      done.push(firing);
    };

    const tasks = firings.filter((firing) => firing.task !== undefined);
    const mode = firings.length === 0 ? 'on' : await deps.taskMode();
    if (mode === 'paused') report.tasksHeld = tasks.length;
    else if (mode === 'shadow' || mode === 'off') {
      report.tasksWouldCreate = tasks.length;
      done.push(...tasks);
    } else if (tasks.length > 0) {
      const client = await deps.client();
      for (let i = 0; i < tasks.length; i += TASKS_PER_CALL) {
        const batch = tasks.slice(i, i + TASKS_PER_CALL);
        let results;
        try {
          results = await client.upsertRecords(
            'Task',
            'Pulse_Key__c',
            batch.map((firing) => firing.task ?? {}),
            deps.labels,
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (stillDue(error)) {
            // Salesforce was unavailable, the budget spent or the login lost, after the pipeline's
            // retries: these Tasks stay due for the next tick.
            deps.logger.warn('playbook tasks not written; the next tick tries again', {
              orgId: deps.orgName,
              tasks: batch.length,
              error: message,
            });
            continue;
          }
          // A refusal that a retry cannot change (Pulse_Key__c not deployed, no Edit Tasks): each
          // Task is recorded as failed, so a broken set-up does not cost a call every tick.
          for (const firing of batch) failed(firing, 'task', message);
          report.tasksFailed += batch.length;
          continue;
        }
        batch.forEach((firing, index) => {
          const result = results[index];
          if (result?.success) {
            if (result.created === false) report.tasksUpdated += 1;
            else report.tasksCreated += 1;
            done.push(firing);
          } else {
            report.tasksFailed += 1;
            const reason = (result?.errors ?? [])
              .map((error) => `${error.statusCode}: ${error.message}`)
              .join('; ');
            failed(firing, 'task', reason || 'Salesforce gave no result for the record');
          }
        });
      }
    }

    for (const firing of firings.filter((candidate) => candidate.text !== undefined)) {
      // Well inside the lock: what is left stays due for the next tick.
      if (Date.now() - startedAt > LOCK_MS / 2) break;
      if (mode === 'shadow') {
        done.push(firing);
        continue;
      }
      if (!deps.postWebhook) {
        report.webhooksFailed += 1;
        failed(firing, 'webhook', 'no success.webhookUrl is configured');
        continue;
      }
      try {
        await deps.postWebhook(
          {
            text: firing.text ?? '',
            org: deps.orgName,
            playbook: firing.playbook.id,
            accountId: firing.state.accountId,
            ...(firing.state.case === undefined ? {} : { caseId: firing.state.case.caseId }),
            ...(firing.queue === undefined ? {} : { queue: firing.queue.name }),
            occurrence: firing.action.occurrence,
          },
          options.afterRun ? 'once' : 'with-retries',
          firing.queue,
        );
        report.webhooksSent += 1;
        // Marked at once: a crash later in the tick must not send it again.
        await markDone(deps, [firing]);
        marked.push(firing);
      } catch (error) {
        if (options.afterRun) {
          report.webhooksDeferred += 1;
          continue;
        }
        report.webhooksFailed += 1;
        failed(firing, 'webhook', error instanceof Error ? error.message : String(error));
      }
    }

    for (const failure of failures) await deps.store.recordFailure(failure);
    if (failures.length > 0)
      deps.logger.warn('playbook actions failed', { orgId: deps.orgName, failures: failures.length });
    await markDone(deps, done);
    // Every account read gets its due time again (none: it leaves the due set, e.g. a removed
    // playbook's states); what had to stay due (paused writes, a failed call) waits a minute, so
    // it never keeps newer work out of the next tick's batch.
    await deps.store.update(accountIds, (_id, states) => states, accountNextDue(deps.playbooks));
    const firedKeys = new Set([...done, ...marked].map(firingKey));
    const waiting = firings.filter((firing) => !firedKeys.has(firingKey(firing)));
    await deps.store.snooze(
      [...new Set(waiting.map((firing) => firing.state.accountId))],
      now.getTime() + SNOOZE_MS,
    );
  }, LOCK_MS);
  return { ...report, ran };
}

/** Marks what fired on the stored states, whatever changed on them meanwhile. */
async function markDone(deps: TickDeps, done: readonly Firing[]): Promise<void> {
  if (done.length === 0) return;
  const accounts = [...new Set(done.map((firing) => firing.state.accountId))];
  await deps.store.update(
    accounts,
    (_accountId, states) =>
      states.map((state) => {
        const fired = done
          .filter(
            (firing) =>
              firing.state.playbookId === state.playbookId &&
              firing.state.subjectId === state.subjectId &&
              firing.state.seq === state.seq,
          )
          .map((firing) => firing.action);
        return fired.length === 0 ? state : markFired(state, fired);
      }),
    accountNextDue(deps.playbooks),
  );
}
