/**
 * The texts of success playbooks (Task subject and description, webhook text) are templates with
 * `{{path}}` placeholders filled from the account's view. Pure, and deliberately tiny: a lookup in a
 * fixed table, never an evaluation, so a playbook file cannot run code.
 */
import type { AccountView, CaseView } from './account-view.js';

type Value = string | number | null;

export interface TemplateContext {
  readonly account: {
    readonly id: string;
    readonly name: string;
    readonly ownerId: string | null;
    /** The owner's role label (UserRole.Name); null when none or not looked up. */
    readonly ownerRole: string | null;
    readonly segment: string | null;
    readonly arr: number | null;
  };
  readonly health: {
    readonly score: number | null;
    readonly status: string | null;
    readonly scoreChange: number | null;
    readonly escalation: string;
    /** Joined with `; `; null when there are none. */
    readonly escalationReasons: string | null;
    /** Joined with `, `; null when there are none. */
    readonly flags: string | null;
    readonly reasons: string | null;
  };
  /** Only for playbooks triggered by `caseSlaReached`. */
  readonly case?: {
    readonly id: string;
    readonly label: string;
    readonly tier: string;
    /** Whole percent of the SLA target used, rounded down (never claims more than was used). */
    readonly slaPercent: number;
    /** The owner's name (a user or a queue), else the OwnerId; null when unknown. */
    readonly owner: string | null;
    /** The owning queue's name; null when a user owns the case or it was not looked up. */
    readonly ownerQueue: string | null;
  };
  readonly playbook: { readonly id: string; readonly name: string };
  readonly episode: {
    /** `2026-03-01 14:05 UTC`. */
    readonly openedAt: string;
    readonly closedAt: string | null;
    /** Which firing of this action in the episode: 1 at first, then 2, 3… for `every`. */
    readonly reminder: number;
  };
  /** The Task's ActivityDate (`YYYY-MM-DD`); null for webhooks. */
  readonly due: { readonly date: string | null };
}

/** Every placeholder a template may use; `case.*` only when the trigger is `caseSlaReached`. */
export const KNOWN_PLACEHOLDERS = [
  'account.id',
  'account.name',
  'account.ownerId',
  'account.ownerRole',
  'account.segment',
  'account.arr',
  'health.score',
  'health.status',
  'health.scoreChange',
  'health.escalation',
  'health.escalationReasons',
  'health.flags',
  'health.reasons',
  'case.id',
  'case.label',
  'case.tier',
  'case.slaPercent',
  'case.owner',
  'case.ownerQueue',
  'playbook.id',
  'playbook.name',
  'episode.openedAt',
  'episode.closedAt',
  'episode.reminder',
  'due.date',
] as const;

const KNOWN: ReadonlySet<string> = new Set(KNOWN_PLACEHOLDERS);

/** Salesforce's limit on Task.Subject. */
export const TASK_SUBJECT_MAX_CHARS = 255;

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;
// Control characters could break a Slack message or hide text in a Task; newlines and tabs are text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const MISSING = '—';

/** The placeholder paths a template uses, in order (`{{ account.name }}` gives `account.name`). */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** A `{{` or `}}` left once the placeholders are removed: a placeholder typed wrong, shown as written. */
export function hasStrayBraces(template: string): boolean {
  const rest = template.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}');
}

function lookup(context: TemplateContext, path: string): Value | undefined {
  if (!KNOWN.has(path)) return undefined;
  const [group, field] = path.split('.') as [keyof TemplateContext, string];
  const values = context[group] as Readonly<Record<string, Value>> | undefined;
  return values?.[field] ?? null;
}

/**
 * A value as Slack text: `&`, `<` and `>` escaped as Slack asks, so a record name from Salesforce
 * cannot add `<!channel>`, a mention or a disguised link to a message.
 */
function slackEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cut to `maxChars` UTF-16 units (as Salesforce counts), without splitting a surrogate pair. */
function cut(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = text.slice(0, maxChars - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${head}…`;
}

/**
 * Fills each known placeholder; null or missing values render as `—`. Unknown placeholders (which
 * the loader refuses) stay as written. No HTML escaping: the targets are Salesforce text and Slack.
 */
export function renderTemplate(
  template: string,
  context: TemplateContext,
  options: { readonly maxChars?: number; readonly slack?: boolean } = {},
): string {
  const text = template.replace(PLACEHOLDER, (whole, path: string) => {
    const value = lookup(context, path);
    if (value === undefined) return whole;
    if (value === null || value === '') return MISSING;
    const plain = String(value).replace(CONTROL, '');
    return options.slack ? slackEscaped(plain) : plain;
  });
  return options.maxChars === undefined ? text : cut(text, options.maxChars);
}

export const renderTaskSubject = (template: string, context: TemplateContext): string =>
  renderTemplate(template, context, { maxChars: TASK_SUBJECT_MAX_CHARS });

/** `2026-03-01 14:05 UTC`: readable in a Task and in Slack, with no time zone to guess. */
function formatInstant(at: Date | string): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const joined = (items: readonly string[], separator: string): string | null =>
  items.length > 0 ? items.join(separator) : null;

export interface TemplateExtra {
  readonly playbook: { readonly id: string; readonly name: string };
  /** Instants as Dates or ISO strings (as episodes store them). */
  readonly episode: {
    readonly openedAt: Date | string;
    readonly closedAt?: Date | string | null;
    /** Default 1. */
    readonly reminder?: number;
  };
  /** The Task's ActivityDate, `YYYY-MM-DD`. */
  readonly dueDate?: string | null;
  /** The case of a `caseSlaReached` episode. */
  readonly case?: CaseView;
}

export function templateContext(view: AccountView, extra: TemplateExtra): TemplateContext {
  const { closedAt } = extra.episode;
  const slaCase = extra.case;
  return {
    account: {
      id: view.accountId,
      name: view.name,
      ownerId: view.ownerId,
      ownerRole: view.ownerRole?.name ?? null,
      segment: view.segment,
      arr: view.arr,
    },
    health: {
      score: view.score,
      status: view.status,
      scoreChange: view.scoreChange,
      escalation: view.escalation,
      escalationReasons: joined(view.escalationReasons, '; '),
      flags: joined(view.flags, ', '),
      reasons: view.reasons === '' ? null : view.reasons,
    },
    ...(slaCase === undefined
      ? {}
      : {
          case: {
            id: slaCase.caseId,
            label: slaCase.label,
            tier: slaCase.tier,
            // The epsilon keeps 0.29 at 29, not 28 (0.29 * 100 is 28.999…).
            slaPercent: Math.floor(slaCase.slaShare * 100 + 1e-9),
            owner: slaCase.owner?.name ?? slaCase.ownerId ?? null,
            ownerQueue: slaCase.owner?.queue === true ? slaCase.owner.name : null,
          },
        }),
    playbook: { id: extra.playbook.id, name: extra.playbook.name },
    episode: {
      openedAt: formatInstant(extra.episode.openedAt),
      closedAt: closedAt ? formatInstant(closedAt) : null,
      reminder: extra.episode.reminder ?? 1,
    },
    due: { date: extra.dueDate ?? null },
  };
}
