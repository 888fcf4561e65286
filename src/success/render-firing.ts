/**
 * One due action made concrete: the Task record (upserted on Pulse_Key__c; due date on the
 * account's SLA calendar; owner and account from the episode) or the webhook text, rendered from
 * the playbook's templates and the account as the episode last saw it.
 */
import type { BusinessCalendar, HealthModel } from '../health/index.js';
import type { OwnerRef } from './account-view.js';
import type { DueAction } from './due.js';
import type { EpisodeState } from './episodes.js';
import type { SuccessPlaybook, TaskAction, WebhookAction } from './playbook-schema.js';
import { renderTaskSubject, renderTemplate, templateContext } from './render-template.js';
import { taskDueDate } from './task-due-date.js';
import { taskKey } from './task-key.js';

/** One due action, rendered. */
export interface Firing {
  readonly state: EpisodeState;
  readonly playbook: SuccessPlaybook;
  readonly action: DueAction;
  readonly task?: Record<string, unknown>;
  readonly text?: string;
  /** A webhook sent `to: caseOwnerQueue` of a case a queue owns: that queue. */
  readonly queue?: OwnerRef;
}

function calendarNamed(model: HealthModel, name: string): BusinessCalendar {
  return model.sla.calendars.get(name) ?? model.sla.defaultCalendar;
}

export function renderFiring(
  state: EpisodeState,
  playbook: SuccessPlaybook,
  action: DueAction,
  model: HealthModel,
  now: Date,
): Firing {
  const spec = playbook.actions[action.actionIndex] as TaskAction | WebhookAction;
  const extra = {
    playbook: { id: playbook.id, name: playbook.name },
    episode: {
      openedAt: state.openedAt ?? now,
      closedAt: state.closedAt ?? null,
      reminder: action.occurrence,
    },
    ...(state.case === undefined ? {} : { case: state.case }),
  };
  if ('webhook' in spec) {
    const owner = state.case?.owner;
    return {
      state,
      playbook,
      action,
      text: renderTemplate(spec.webhook.text, templateContext(state.view, extra), { slack: true }),
      ...(spec.webhook.to === 'caseOwnerQueue' && owner?.queue === true ? { queue: owner } : {}),
    };
  }
  const dueDate = taskDueDate(calendarNamed(model, state.view.calendar), now.getTime(), spec.task.due);
  const context = templateContext(state.view, { ...extra, dueDate });
  return {
    state,
    playbook,
    action,
    task: {
      Pulse_Key__c: taskKey({
        playbookId: playbook.id,
        subjectId: state.subjectId,
        seq: state.seq,
        ...action,
      }),
      Subject: renderTaskSubject(spec.task.subject, context),
      Description: renderTemplate(spec.task.description, context),
      Priority: spec.task.priority,
      ...(spec.task.type === undefined ? {} : { Type: spec.task.type }),
      ActivityDate: dueDate,
      Status: 'Not Started',
      WhatId: state.accountId,
      ...(state.view.ownerId === null ? {} : { OwnerId: state.view.ownerId }),
    },
  };
}
