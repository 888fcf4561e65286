/**
 * Picks the playbook for a failure: of the playbooks whose every criterion holds, the most specific.
 * Pure: the same playbooks and failure always give the same answer, with the reasons it matched.
 */
import type { CallFailure } from './call-failure.js';
import type { Playbook, PlaybookMatch } from './playbook-schema.js';

export interface PlaybookChoice<P extends Playbook = Playbook> {
  readonly playbook: P;
  /** Each criterion that held, in words, e.g. `message matches /TotalRequests/i`. */
  readonly reasons: readonly string[];
  /** Higher is more specific (see CRITERIA). */
  readonly specificity: number;
  /** Ids of the other playbooks that matched, most specific first: what a TAM may read next. */
  readonly alsoMatched: readonly string[];
}

type Criterion = keyof PlaybookMatch;

/**
 * How much each criterion says about a failure. The error code is Salesforce's own statement, so it
 * outweighs everything else together; a message pattern tells look-alikes with one code apart
 * (daily vs concurrent limit); the field, sObject and path narrow further; status and class alone
 * describe whole families (they make the fallbacks).
 */
const WEIGHTS: Readonly<Record<Criterion, number>> = {
  errorCode: 32,
  messagePattern: 16,
  field: 4,
  sObject: 2,
  pathPattern: 2,
  httpStatus: 1,
  errorClass: 1,
};

const listOf = <T>(value: T | readonly T[]): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [value as T];

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const compiled = new Map<string, RegExp>();
/** Patterns are validated when loaded; compiled once here, case-insensitively. */
function regexOf(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(source, 'i');
    compiled.set(source, regex);
  }
  return regex;
}

function statusHolds(wanted: number | string, status: number): boolean {
  return typeof wanted === 'number' ? wanted === status : String(status).startsWith(wanted.charAt(0));
}

/** `error code INVALID_FIELD`, `HTTP status 504 (5xx)`, `error code AbortError (one of TIMEOUT, AbortError)`. */
function held(what: string, value: string | number, wanted: readonly (string | number)[]): string {
  const [only] = wanted;
  if (wanted.length === 1 && String(only).toLowerCase() === String(value).toLowerCase())
    return `${what} ${value}`;
  return `${what} ${value} (${wanted.length === 1 ? '' : 'one of '}${wanted.join(', ')})`;
}

/** Why the criterion holds for the failure, or undefined when it does not. */
function reasonFor(criterion: Criterion, match: PlaybookMatch, failure: CallFailure): string | undefined {
  switch (criterion) {
    case 'errorCode': {
      const codes = listOf(match.errorCode ?? []);
      const code = failure.errorCode;
      return code !== undefined && codes.some((want) => sameName(want, code))
        ? held('error code', code, codes)
        : undefined;
    }
    case 'httpStatus': {
      const statuses = listOf(match.httpStatus ?? []);
      const status = failure.httpStatus;
      return status !== undefined && statuses.some((want) => statusHolds(want, status))
        ? held('HTTP status', status, statuses)
        : undefined;
    }
    case 'errorClass': {
      const classes = listOf(match.errorClass ?? []);
      const errorClass = failure.errorClass;
      return errorClass !== undefined && classes.includes(errorClass)
        ? held('error class', errorClass, classes)
        : undefined;
    }
    case 'messagePattern':
      return match.messagePattern !== undefined &&
        failure.message !== undefined &&
        regexOf(match.messagePattern).test(failure.message)
        ? `message matches /${match.messagePattern}/i`
        : undefined;
    case 'pathPattern':
      return match.pathPattern !== undefined &&
        failure.path !== undefined &&
        regexOf(match.pathPattern).test(failure.path)
        ? `path ${failure.path} matches /${match.pathPattern}/i`
        : undefined;
    case 'sObject': {
      const names = listOf(match.sObject ?? []);
      const sObject = failure.sObject;
      return sObject !== undefined && names.some((want) => sameName(want, sObject))
        ? held('sObject', sObject, names)
        : undefined;
    }
    case 'field': {
      const names = listOf(match.field ?? []);
      const field = failure.field;
      return field !== undefined && names.some((want) => sameName(want, field))
        ? held('field', field, names)
        : undefined;
    }
  }
}

interface Candidate<P extends Playbook> {
  readonly playbook: P;
  readonly order: number;
  readonly reasons: string[];
  readonly specificity: number;
  readonly criteria: number;
  /** How many values the stated criteria allow: fewer is narrower. */
  readonly breadth: number;
}

function evaluate<P extends Playbook>(
  playbook: P,
  order: number,
  failure: CallFailure,
): Candidate<P> | undefined {
  const stated = (Object.keys(WEIGHTS) as Criterion[]).filter(
    (criterion) => playbook.match[criterion] !== undefined,
  );
  const reasons: string[] = [];
  let specificity = 0;
  let breadth = 0;
  for (const criterion of stated) {
    const reason = reasonFor(criterion, playbook.match, failure);
    if (reason === undefined) return undefined;
    reasons.push(reason);
    specificity += WEIGHTS[criterion];
    const value = playbook.match[criterion];
    breadth += Array.isArray(value) ? value.length : 1;
  }
  if (stated.length === 0) reasons.push('the catch-all: it matches any failure');
  return { playbook, order, reasons, specificity, criteria: stated.length, breadth };
}

/** Most specific first; then more criteria; then narrower lists; then the order the playbooks were loaded in. */
function compare<P extends Playbook>(a: Candidate<P>, b: Candidate<P>): number {
  return (
    b.specificity - a.specificity || b.criteria - a.criteria || a.breadth - b.breadth || a.order - b.order
  );
}

/**
 * The best playbook for the failure, or undefined when none matches (a shipped set always has a
 * catch-all, which loadPlaybooks insists on).
 */
export function matchPlaybook<P extends Playbook>(
  playbooks: readonly P[],
  failure: CallFailure,
): PlaybookChoice<P> | undefined {
  const candidates = playbooks
    .map((playbook, order) => evaluate(playbook, order, failure))
    .filter((candidate): candidate is Candidate<P> => candidate !== undefined)
    .sort(compare);
  const [best, ...rest] = candidates;
  if (!best) return undefined;
  return {
    playbook: best.playbook,
    reasons: best.reasons,
    specificity: best.specificity,
    alsoMatched: rest.map((candidate) => candidate.playbook.id),
  };
}
