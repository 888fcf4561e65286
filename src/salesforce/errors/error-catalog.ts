/**
 * What each Salesforce error code means for Pulse: its class (DESIGN.md's error table) and what a
 * person should do about it. One table, so the classifier, diagnostics and playbooks agree.
 */
import type { ErrorClass } from '../../errors/app-error.js';

export interface CatalogEntry {
  readonly errorClass: ErrorClass;
  /** What to do, for a person reading the error. */
  readonly hint: string;
}

export const ERROR_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  UNABLE_TO_LOCK_ROW: {
    errorClass: 'transient',
    hint: 'Another process held a lock on the record (often a trigger or a data load); Pulse retries with backoff.',
  },
  SERVER_UNAVAILABLE: {
    errorClass: 'transient',
    hint: 'Salesforce is unavailable or overloaded; Pulse retries with backoff.',
  },
  UNKNOWN_EXCEPTION: {
    errorClass: 'transient',
    hint: 'Salesforce failed internally; if it repeats, quote the ErrorId in the message to Salesforce support.',
  },
  QUERY_TIMEOUT: {
    errorClass: 'transient',
    hint: 'The query ran too long; Pulse retries, and narrows its windows if it repeats.',
  },
  INVALID_QUERY_LOCATOR: {
    errorClass: 'transient',
    hint: 'The query cursor expired; Pulse re-reads from its last (SystemModstamp, Id) position instead of the locator.',
  },
  INVALID_SESSION_ID: {
    errorClass: 'auth',
    hint: 'The session expired or was revoked; Pulse refreshes it once. If this repeats, check the connected app and run `pulse doctor`.',
  },
  SESSION_REFRESH_LIMIT: {
    errorClass: 'auth',
    hint: "Salesforce refused the session again right after Pulse refreshed it, several times: check the connected app's session and IP policies and the integration user, then run `pulse doctor`. The org's work is stopped until then.",
  },
  invalid_grant: {
    errorClass: 'auth',
    hint: 'Salesforce refused the credentials: check the username, password/security token, certificate or refresh token, and that the user is pre-authorized for the connected app.',
  },
  invalid_client_id: {
    errorClass: 'auth',
    hint: 'The client id is not a connected app of this org: check SF_CLIENT_ID / clientId.',
  },
  invalid_client: {
    errorClass: 'auth',
    hint: 'The client secret does not match the connected app: check SF_CLIENT_SECRET / clientSecret.',
  },
  unsupported_grant_type: {
    errorClass: 'config',
    hint: 'The connected app does not allow this OAuth flow: enable it in its OAuth settings.',
  },
  invalid_request: {
    errorClass: 'config',
    hint: 'The token request was malformed; this is a Pulse bug worth reporting.',
  },
  REQUEST_LIMIT_EXCEEDED: {
    errorClass: 'limit',
    hint: 'The org is out of API requests (daily) or has too many long requests at once (concurrent); Pulse pauses or backs off.',
  },
  BUDGET_RESERVE_REACHED: {
    errorClass: 'limit',
    hint: "Pulse reached the share of the daily API allocation it leaves for the org's other integrations; it resumes when budget returns (apiBudget.reservePercent).",
  },
  FIELD_CUSTOM_VALIDATION_EXCEPTION: {
    errorClass: 'data',
    hint: 'A validation rule refused the record; let Pulse through with the Pulse_Integration custom permission, or fix the record.',
  },
  STRING_TOO_LONG: {
    errorClass: 'data',
    hint: 'A value is longer than the field allows; check the field length against the package.',
  },
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: {
    errorClass: 'data',
    hint: "A value is not in the field's restricted picklist: add it to the picklist (run `pulse doctor` to compare).",
  },
  ENTITY_IS_DELETED: {
    errorClass: 'data',
    hint: 'The record was deleted in Salesforce; the next sync drops it.',
  },
  NUMBER_OUTSIDE_VALID_RANGE: {
    errorClass: 'data',
    hint: "A number does not fit the field's precision; check the field against the package.",
  },
  REQUIRED_FIELD_MISSING: { errorClass: 'data', hint: 'A required field is empty on the record.' },
  DUPLICATE_VALUE: { errorClass: 'data', hint: 'A unique field already has this value on another record.' },
  MALFORMED_ID: { errorClass: 'data', hint: 'A record id is malformed or of the wrong object.' },
  INVALID_CROSS_REFERENCE_KEY: {
    errorClass: 'data',
    hint: 'A referenced record does not exist or is not visible.',
  },
  CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: {
    errorClass: 'data',
    hint: 'A trigger or flow failed on the batch; bisect the batch to find the records that cause it.',
  },
  FIELD_INTEGRITY_EXCEPTION: {
    errorClass: 'data',
    hint: 'A value breaks a field integrity rule (e.g. a lookup filter).',
  },
  INVALID_FIELD: {
    errorClass: 'config',
    hint: 'A field Pulse uses is missing or hidden from the integration user: deploy the package, assign the Pulse_Integration permission set, run `pulse doctor`.',
  },
  INVALID_TYPE: {
    errorClass: 'config',
    hint: 'An object Pulse uses is missing or not visible to the integration user.',
  },
  INVALID_FIELD_FOR_INSERT_UPDATE: {
    errorClass: 'config',
    hint: 'The integration user cannot edit a field Pulse writes: grant edit access with the Pulse_Integration permission set.',
  },
  INSUFFICIENT_ACCESS_OR_READONLY: {
    errorClass: 'config',
    hint: 'The integration user lacks access to the record or object: check the Pulse_Integration permission set and sharing.',
  },
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: {
    errorClass: 'config',
    hint: 'The integration user cannot see a referenced record: check sharing and View All on Account.',
  },
  API_DISABLED_FOR_ORG: {
    errorClass: 'config',
    hint: 'The org or the user has no API access: the edition must include the API and the user needs "API Enabled".',
  },
  MALFORMED_QUERY: {
    errorClass: 'config',
    hint: 'Salesforce did not understand a query Pulse sent; this is a Pulse bug worth reporting.',
  },
  NOT_FOUND: {
    errorClass: 'config',
    hint: 'The resource does not exist: check the login URL and API version.',
  },
  METHOD_NOT_ALLOWED: {
    errorClass: 'config',
    hint: 'The API does not allow this call; this is a Pulse bug worth reporting.',
  },
  JSON_PARSER_ERROR: {
    errorClass: 'config',
    hint: 'Salesforce could not read the request body; this is a Pulse bug worth reporting.',
  },
  EXCEEDED_ID_LIMIT: {
    errorClass: 'config',
    hint: 'Too many records in one call; this is a Pulse bug worth reporting.',
  },
};
