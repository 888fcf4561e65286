/**
 * What an alert says: JSON a program can read, with a `text` line Slack (and Slack-compatible
 * chat tools) shows as is.
 */
import type { AlertEpisode, AlertKind } from './alert-store.js';

export interface AlertMessage {
  readonly text: string;
  readonly org: string;
  readonly alert: AlertKind;
  readonly state: 'raised' | 'resolved';
  readonly since: string;
  readonly detail: string;
  readonly at: string;
}

const WHAT: Readonly<Record<AlertKind, { raised: string; resolved: string; action: string }>> = {
  'auth-lost': {
    raised: 'lost its Salesforce session and cannot sign in again',
    resolved: 'signs in to Salesforce again',
    action: 'Run `pulse doctor --org ORG` and fix the connected app or integration user it names.',
  },
  'budget-paused': {
    raised: 'is paused: its API budget is spent',
    resolved: 'has API budget again and is syncing',
    action:
      'Pulse resumes on its own when the budget returns; check which integration spends the org’s API calls.',
  },
  stale: {
    raised: 'has not synced successfully',
    resolved: 'synced successfully again',
    action: 'See its last runs (`GET /api/v1/orgs/ORG/runs`) and whether workers are running.',
  },
};

export function alertMessage(
  org: string,
  episode: AlertEpisode,
  state: 'raised' | 'resolved',
  at: Date,
): AlertMessage {
  const what = WHAT[episode.kind];
  const text =
    state === 'raised'
      ? `:rotating_light: Pulse: org *${org}* ${what.raised} (since ${episode.since}). ${episode.detail} ${what.action.replaceAll('ORG', org)}`
      : `:white_check_mark: Pulse: org *${org}* ${what.resolved} (the alert began ${episode.since}).`;
  return {
    text,
    org,
    alert: episode.kind,
    state,
    since: episode.since,
    detail: episode.detail,
    at: at.toISOString(),
  };
}
