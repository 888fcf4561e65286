/**
 * The playbooks Pulse ships (playbooks/integration/*.yaml): they load, every error of DESIGN.md's
 * table, of the reference's error list and of Pulse's own catalog gets a playbook written for it,
 * look-alike errors get different playbooks, and every failed call gets one.
 */
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  ERROR_CLASSES,
  failureOfCall,
  failureOfError,
  loadPlaybooks,
  matchPlaybook,
  type CallFailure,
} from '../../../../src/diagnostics/playbooks/index.js';
import { classify, type FailureFacts } from '../../../../src/salesforce/errors/classify.js';
import { ERROR_CATALOG } from '../../../../src/salesforce/errors/error-catalog.js';
import { SalesforceError } from '../../../../src/salesforce/errors/salesforce-error.js';
import type { CallRecord } from '../../../../src/salesforce/transport/call-record.js';
import {
  API,
  answered,
  collectionsUpdate,
  oauthError,
  restError,
  soqlMessage,
  soqlQuery,
  unanswered,
} from './recorded-call.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const playbooks = loadPlaybooks({ packageRoot: repoRoot });

function playbookFor(call: CallRecord): string {
  const failure = failureOfCall(call);
  expect(failure, 'the call should count as failed').toBeDefined();
  return matchPlaybook(playbooks, failure!)?.playbook.id ?? 'none';
}

const playbookForFailure = (failure: CallFailure): string =>
  matchPlaybook(playbooks, failure)?.playbook.id ?? 'none';

/** Pulse's own failures exist only as SalesforceErrors, built the way Pulse builds them. */
const pulseError = (facts: FailureFacts) => new SalesforceError(classify(facts), facts.message, {});

const lockRow = (id: string) => ({
  statusCode: 'UNABLE_TO_LOCK_ROW',
  message: `unable to obtain exclusive access to this record or 1 records: ${id}`,
});
const governorLimit = {
  statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  message: 'PulseAccountTrigger: System.LimitException: Too many SOQL queries: 101',
};
const triggerException = {
  statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  message:
    'AccountTrigger: execution of AfterUpdate\n\ncaused by: System.NullPointerException: Attempt to de-reference a null object\n\nTrigger.AccountTrigger: line 12, column 1',
};
const validationRule = {
  statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  message: 'Industry is required for customer accounts.',
  fields: ['Industry'],
};
const stringTooLong = {
  statusCode: 'STRING_TOO_LONG',
  message:
    'Health_Reasons__c: data value too large: Open P1 case for 9 days; renewal in 30 days (max length=40)',
  fields: ['Health_Reasons__c'],
};
const pulseFieldQuery = 'SELECT Id, Name, Health_Score__c FROM Account';

/** [what, the recorded call, the playbook it must get] */
const CALLS: readonly [string, CallRecord, string][] = [
  [
    'INVALID_SESSION_ID (401)',
    restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
    'invalid-session-id',
  ],
  [
    'INVALID_SESSION_ID: not valid for the REST API',
    restError(401, 'INVALID_SESSION_ID', 'This session is not valid for use with the REST API'),
    'invalid-session-not-for-rest-api',
  ],
  [
    'invalid_grant: expired refresh token',
    oauthError('invalid_grant', 'expired access/refresh token'),
    'invalid-grant-expired-refresh-token',
  ],
  [
    "invalid_grant: user hasn't approved this consumer",
    oauthError('invalid_grant', "user hasn't approved this consumer"),
    'invalid-grant-user-not-approved',
  ],
  [
    'invalid_grant: ip restricted or invalid login hours',
    oauthError('invalid_grant', 'ip restricted or invalid login hours'),
    'invalid-grant-ip-restricted',
  ],
  [
    'invalid_grant: IP restricted (capitalised)',
    oauthError('invalid_grant', 'IP restricted or invalid login hours'),
    'invalid-grant-ip-restricted',
  ],
  [
    'invalid_grant: JWT audience is invalid',
    oauthError('invalid_grant', 'audience is invalid'),
    'invalid-grant-jwt-audience',
  ],
  [
    'invalid_grant: authentication failure (bad password)',
    oauthError('invalid_grant', 'authentication failure - Invalid Password'),
    'invalid-grant-authentication-failure',
  ],
  [
    'invalid_grant: invalid assertion',
    oauthError('invalid_grant', 'invalid assertion'),
    'invalid-grant-jwt-assertion',
  ],
  [
    'invalid_grant: no client credentials user',
    oauthError('invalid_grant', 'no client credentials user enabled'),
    'invalid-grant-client-credentials',
  ],
  ['invalid_grant: another description', oauthError('invalid_grant', 'inactive user'), 'invalid-grant'],
  ['invalid_client_id', oauthError('invalid_client_id', 'client identifier invalid'), 'invalid-client-id'],
  ['invalid_client', oauthError('invalid_client', 'invalid client credentials'), 'invalid-client-secret'],
  [
    'unsupported_grant_type',
    oauthError('unsupported_grant_type', 'grant type not supported'),
    'unsupported-grant-type',
  ],
  [
    'REQUEST_LIMIT_EXCEEDED: daily TotalRequests',
    restError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
    'request-limit-daily',
  ],
  [
    'REQUEST_LIMIT_EXCEEDED: concurrent long-running',
    restError(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
    'request-limit-concurrent',
  ],
  [
    'UNABLE_TO_LOCK_ROW on a collections update',
    collectionsUpdate([undefined, lockRow('001Dn00000Abc00001')]),
    'unable-to-lock-row',
  ],
  [
    'UNABLE_TO_LOCK_ROW on a single record (400)',
    restError(
      400,
      'UNABLE_TO_LOCK_ROW',
      'unable to obtain exclusive access to this record or 1 records: 0035cFAKEIDAQBGAA4',
      {
        method: 'PATCH',
        path: `${API}/sobjects/Account/001Dn00000Abc00001`,
        fields: [],
      },
    ),
    'unable-to-lock-row',
  ],
  ['FIELD_CUSTOM_VALIDATION_EXCEPTION', collectionsUpdate([validationRule]), 'validation-rule'],
  [
    'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: governor limit (whole batch)',
    collectionsUpdate([governorLimit, governorLimit, governorLimit]),
    'trigger-governor-limit',
  ],
  [
    'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: trigger exception',
    collectionsUpdate([undefined, triggerException]),
    'trigger-exception',
  ],
  [
    'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: flow failed',
    collectionsUpdate([
      {
        statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        message:
          "We can't save this record because the “Account Health Alerts” process failed. Give your Salesforce admin these details. This error occurred when the flow tried to update records: FIELD_CUSTOM_VALIDATION_EXCEPTION.",
      },
    ]),
    'flow-failed',
  ],
  [
    "INVALID_FIELD: one of Pulse's fields in the pull (not deployed, or hidden by field-level security)",
    restError(
      400,
      'INVALID_FIELD',
      soqlMessage(
        'SELECT Id, Name, Health_Score__c FROM Account',
        18,
        "No such column 'Health_Score__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
      ),
      { query: soqlQuery(pulseFieldQuery) },
    ),
    'invalid-field-pulse-package',
  ],
  [
    "INVALID_FIELD: one of Pulse's fields on a write",
    restError(400, 'INVALID_FIELD', "No such column 'Health_Status__c' on sobject of type Account", {
      method: 'PATCH',
      path: `${API}/sobjects/Account/001Dn00000Abc00001`,
    }),
    'invalid-field-pulse-package',
  ],
  [
    'INVALID_FIELD: a field the pull reads (the reference capture)',
    restError(
      400,
      'INVALID_FIELD',
      soqlMessage(
        'SELECT Id, Dispenser__c, Answer__c, Audit_Question__c',
        12,
        "No such column 'Dispenser__c' on entity 'Audit_Answer__c'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
      ),
      { query: soqlQuery('SELECT Id, Dispenser__c, Answer__c, Audit_Question__c FROM Audit_Answer__c') },
    ),
    'invalid-field-query',
  ],
  [
    'INVALID_FIELD: a mapped field on a write',
    restError(400, 'INVALID_FIELD', "No such column 'Customer_Health__c' on entity 'Account'", {
      method: 'PATCH',
      path: `${API}/composite/sobjects`,
    }),
    'invalid-field',
  ],
  [
    'INVALID_TYPE',
    restError(
      400,
      'INVALID_TYPE',
      soqlMessage(
        'SELECT Id FROM CaseMilestone',
        16,
        "sObject type 'CaseMilestone' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
      ),
      { query: soqlQuery('SELECT Id FROM CaseMilestone') },
    ),
    'invalid-type',
  ],
  [
    'INSUFFICIENT_ACCESS_OR_READONLY',
    collectionsUpdate([
      { statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' },
    ]),
    'insufficient-access-or-readonly',
  ],
  ['STRING_TOO_LONG', collectionsUpdate([stringTooLong]), 'string-too-long'],
  [
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    collectionsUpdate([
      {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Health_Status__c: bad value for restricted picklist field: Amber',
        fields: ['Health_Status__c'],
      },
    ]),
    'restricted-picklist-value',
  ],
  [
    'ENTITY_IS_DELETED',
    collectionsUpdate([undefined, { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]),
    'entity-is-deleted',
  ],
  [
    'MALFORMED_QUERY',
    restError(
      400,
      'MALFORMED_QUERY',
      soqlMessage('SELECT Id, FROM Account', 12, "unexpected token: 'FROM'"),
      {
        query: soqlQuery('SELECT Id, FROM Account'),
      },
    ),
    'malformed-query',
  ],
  [
    'SERVER_UNAVAILABLE (503)',
    restError(503, 'SERVER_UNAVAILABLE', 'Server Unavailable'),
    'server-unavailable',
  ],
  [
    'API_DISABLED_FOR_ORG',
    restError(403, 'API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner'),
    'api-disabled-for-org',
  ],
  [
    'UNKNOWN_EXCEPTION (500, with an ErrorId)',
    restError(
      500,
      'UNKNOWN_EXCEPTION',
      'An unexpected error occurred. Please include this ErrorId if you contact support: 675649159-184801 (-177293139)',
    ),
    'unknown-exception',
  ],
  ['ECONNRESET (connection reset)', unanswered('ECONNRESET'), 'network-connection-reset'],
  ['ETIMEDOUT (connect timeout)', unanswered('ETIMEDOUT'), 'network-connect-timeout'],
  ['ENOTFOUND (DNS)', unanswered('ENOTFOUND'), 'network-dns'],
  ['ECONNREFUSED', unanswered('ECONNREFUSED'), 'network-unreachable'],
  ['a timeout (the abort the transport records)', unanswered('AbortError'), 'request-timeout'],
  ['a TLS-inspecting proxy', unanswered('SELF_SIGNED_CERT_IN_CHAIN'), 'network-tls-certificate'],
  [
    "an HTML error page from Salesforce's edge (502)",
    answered({
      path: `${API}/query`,
      status: 502,
      contentType: 'text/html',
      body: '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>502 Bad Gateway</title>\n</head>\n<body>\n<h1>Bad Gateway</h1>\n</body>\n</html>\n',
    }),
    'malformed-html-error-page',
  ],
  [
    'truncated JSON (200)',
    answered({
      path: `${API}/query`,
      status: 200,
      body: '{"totalSize":2,"done":true,"records":[{"attributes":{"type":"Acc',
    }),
    'malformed-response',
  ],
  ['an empty 200', answered({ path: `${API}/query`, status: 200, body: '' }), 'malformed-response'],
  [
    'a 5xx without an error code',
    answered({ path: `${API}/query`, status: 504, body: '[]' }),
    'server-error-5xx',
  ],
];

/** Pulse's own failures, which have no call record: [what, the error, the playbook]. */
const PULSE_ERRORS: readonly [string, SalesforceError, string][] = [
  [
    'BUDGET_RESERVE_REACHED',
    pulseError({
      errorCode: 'BUDGET_RESERVE_REACHED',
      message: 'org acme has used 12000 API requests; Pulse stops at 12000 to keep the reserve',
    }),
    'budget-reserve-reached',
  ],
  [
    'SESSION_REFRESH_LIMIT (refused again after refreshing)',
    pulseError({
      errorCode: 'SESSION_REFRESH_LIMIT',
      message: 'the session of org acme was refused after 3 refreshes within 300 s',
    }),
    'session-refresh-limit',
  ],
  ['TIMEOUT', pulseError({ message: 'The operation was aborted', timedOut: true }), 'request-timeout'],
  [
    'MALFORMED_RESPONSE',
    pulseError({ message: 'Unexpected end of JSON input', httpStatus: 200, malformed: true }),
    'malformed-response',
  ],
];

describe('the shipped integration playbooks', () => {
  it('all load and validate, with unique ids', () => {
    expect(playbooks.length).toBeGreaterThan(40);
    expect(new Set(playbooks.map((playbook) => playbook.id)).size).toBe(playbooks.length);
    for (const playbook of playbooks)
      expect(playbook.source).toMatch(/^playbooks\/integration\/[a-z-]+\.yaml:\d+$/);
  });

  it.each(CALLS)('%s gets its own playbook', (_what, call, expected) => {
    expect(playbookFor(call)).toBe(expected);
  });

  it.each(PULSE_ERRORS)("Pulse's own %s gets its own playbook", (_what, error, expected) => {
    expect(playbookForFailure(failureOfError(error))).toBe(expected);
  });

  it.each(Object.entries(ERROR_CATALOG))(
    'catalog code %s gets a playbook that names it (not a fallback)',
    (code, entry) => {
      const choice = matchPlaybook(playbooks, { errorCode: code, errorClass: entry.errorClass, message: '' });
      const named = [choice?.playbook.match.errorCode ?? []].flat().map((value) => value.toLowerCase());
      expect(named).toContain(code.toLowerCase());
    },
  );

  it.each([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'ENETDOWN',
    'EHOSTUNREACH',
    'EHOSTDOWN',
    'UND_ERR_SOCKET',
    'NETWORK_ERROR',
  ])('the network code %s gets a network playbook', (code) => {
    expect(playbookFor(unanswered(code))).toMatch(/^network-/);
  });
});

describe('look-alike errors get different playbooks', () => {
  const pairs: readonly [string, CallRecord, CallRecord][] = [
    [
      'invalid_grant: expired token vs user not approved',
      oauthError('invalid_grant', 'expired access/refresh token'),
      oauthError('invalid_grant', "user hasn't approved this consumer"),
    ],
    [
      'invalid_grant: user not approved vs IP restricted',
      oauthError('invalid_grant', "user hasn't approved this consumer"),
      oauthError('invalid_grant', 'ip restricted or invalid login hours'),
    ],
    [
      'invalid_grant: IP restricted vs audience',
      oauthError('invalid_grant', 'ip restricted or invalid login hours'),
      oauthError('invalid_grant', 'audience is invalid'),
    ],
    [
      'invalid_grant: audience vs expired token',
      oauthError('invalid_grant', 'audience is invalid'),
      oauthError('invalid_grant', 'expired access/refresh token'),
    ],
    [
      'REQUEST_LIMIT_EXCEEDED: daily vs concurrent',
      restError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
      restError(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
    ],
    [
      'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: trigger exception vs governor limit',
      collectionsUpdate([triggerException]),
      collectionsUpdate([governorLimit]),
    ],
    [
      'UNABLE_TO_LOCK_ROW vs SERVER_UNAVAILABLE',
      collectionsUpdate([lockRow('001Dn00000Abc00000')]),
      restError(503, 'SERVER_UNAVAILABLE', 'Server Unavailable'),
    ],
    [
      'validation rule vs STRING_TOO_LONG',
      collectionsUpdate([validationRule]),
      collectionsUpdate([stringTooLong]),
    ],
    ['ECONNRESET vs a timeout', unanswered('ECONNRESET'), unanswered('AbortError')],
    ['ECONNRESET vs ETIMEDOUT', unanswered('ECONNRESET'), unanswered('ETIMEDOUT')],
    [
      'an HTML error page vs a truncated answer',
      answered({
        path: `${API}/query`,
        status: 503,
        contentType: 'text/html',
        body: '<html><body>Maintenance</body></html>',
      }),
      answered({ path: `${API}/query`, status: 200, body: '{"totalSize":1,"done":tr' }),
    ],
  ];

  it.each(pairs)('%s', (_what, first, second) => {
    expect(playbookFor(first)).not.toBe(playbookFor(second));
  });
});

describe('fallbacks', () => {
  it.each(ERROR_CLASSES)('an unknown code of class %s gets the class fallback', (errorClass) => {
    expect(playbookForFailure({ errorCode: 'SOMETHING_NEW', errorClass, httpStatus: 400 })).toBe(
      `fallback-${errorClass}`,
    );
  });

  it('a failure with nothing known gets the catch-all', () => {
    expect(playbookForFailure({})).toBe('catch-all');
    expect(playbookForFailure({ errorCode: 'SOMETHING_NEW' })).toBe('catch-all');
  });

  it('every failure gets a playbook, whatever it holds', () => {
    const failure = fc.record(
      {
        errorCode: fc.oneof(
          fc.constantFrom(...Object.keys(ERROR_CATALOG), 'ECONNRESET', 'AbortError'),
          fc.string(),
        ),
        httpStatus: fc.integer({ min: 100, max: 599 }),
        errorClass: fc.constantFrom(...ERROR_CLASSES),
        message: fc.string(),
        sObject: fc.constantFrom('Account', 'Case', 'Opportunity'),
        field: fc.string(),
        path: fc.string(),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(failure, (value) => matchPlaybook(playbooks, value) !== undefined));
  });
});
