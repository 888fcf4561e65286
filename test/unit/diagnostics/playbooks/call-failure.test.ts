/**
 * What a playbook is matched on, read from recorded calls as the transport records them: codes from
 * REST error arrays, sObject Collections results and OAuth errors; Salesforce's message, field and
 * sObject; network failures; and answers Pulse could not read.
 */
import { describe, expect, it } from 'vitest';

import {
  failureOfCall,
  failureOfError,
  failuresOfCall,
} from '../../../../src/diagnostics/playbooks/index.js';
import { classify } from '../../../../src/salesforce/errors/classify.js';
import { SalesforceError } from '../../../../src/salesforce/errors/salesforce-error.js';
import {
  API,
  TOKEN_PATH,
  answered,
  collectionsUpdate,
  oauthError,
  restError,
  soqlMessage,
  soqlQuery,
  unanswered,
} from './recorded-call.js';

describe('failureOfCall', () => {
  it('is undefined for a call that did not fail', () => {
    expect(
      failureOfCall(
        answered({ path: `${API}/query`, status: 200, body: { totalSize: 0, done: true, records: [] } }),
      ),
    ).toBeUndefined();
    expect(failureOfCall(collectionsUpdate([undefined, undefined]))).toBeUndefined();
    // A 204 has no body and no content type; Bulk API uploads answer 201 text/plain.
    expect(
      failureOfCall(
        answered({
          method: 'PATCH',
          path: `${API}/sobjects/Account/001`,
          status: 204,
          body: '',
          contentType: '',
        }),
      ),
    ).toBeUndefined();
    expect(
      failureOfCall(
        answered({
          method: 'PUT',
          path: `${API}/jobs/ingest/750/batches`,
          status: 201,
          body: '',
          contentType: 'text/plain',
        }),
      ),
    ).toBeUndefined();
  });

  it('reads a REST error array: code, status, class, message, and the field and sObject named in a SOQL message', () => {
    const call = restError(
      400,
      'INVALID_FIELD',
      soqlMessage(
        'SELECT Id, Dispenser__c, Answer__c',
        12,
        "No such column 'Dispenser__c' on entity 'Audit_Answer__c'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.",
      ),
      { query: soqlQuery('SELECT Id, Dispenser__c, Answer__c FROM Audit_Answer__c') },
    );
    expect(failureOfCall(call)).toEqual({
      errorCode: 'INVALID_FIELD',
      httpStatus: 400,
      errorClass: 'config',
      message: expect.stringContaining("No such column 'Dispenser__c'") as string,
      sObject: 'Audit_Answer__c',
      field: 'Dispenser__c',
      path: `${API}/query`,
    });
  });

  it("takes the sObject from the path, or else the query's FROM", () => {
    const write = restError(400, 'INVALID_FIELD', "No such column 'Foo__c' on sobject of type Account", {
      method: 'PATCH',
      path: `${API}/sobjects/Account/001Dn00000Abc00001`,
    });
    expect(failureOfCall(write)).toMatchObject({ sObject: 'Account', field: 'Foo__c' });
    const query = restError(
      400,
      'MALFORMED_QUERY',
      soqlMessage('SELECT Id FROM Case WHERE', 26, "unexpected token: '<EOF>'"),
      {
        query: soqlQuery('SELECT Id FROM Case WHERE'),
      },
    );
    expect(failureOfCall(query)).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      errorClass: 'config',
      sObject: 'Case',
    });
  });

  it('reads an OAuth error: the error is the code, the description the message', () => {
    expect(failureOfCall(oauthError('invalid_grant', 'expired access/refresh token'))).toEqual({
      errorCode: 'invalid_grant',
      httpStatus: 400,
      errorClass: 'auth',
      message: 'expired access/refresh token',
      path: TOKEN_PATH,
    });
  });

  it('reads each failed record of an sObject Collections answer, with its sObject and field', () => {
    const call = collectionsUpdate([
      undefined,
      {
        statusCode: 'STRING_TOO_LONG',
        message: 'Health_Reasons__c: data value too large: x (max length=40)',
        fields: ['Health_Reasons__c'],
      },
      {
        statusCode: 'UNABLE_TO_LOCK_ROW',
        message: 'unable to obtain exclusive access to this record or 1 records: 001Dn00000Abc00002',
      },
    ]);
    expect(call.errorCodes).toEqual(['STRING_TOO_LONG', 'UNABLE_TO_LOCK_ROW']);
    expect(failuresOfCall(call)).toEqual([
      expect.objectContaining({
        errorCode: 'STRING_TOO_LONG',
        errorClass: 'data',
        sObject: 'Account',
        field: 'Health_Reasons__c',
        httpStatus: 200,
      }),
      // Not the call's first code: classified the way the recorder classifies the first.
      expect.objectContaining({
        errorCode: 'UNABLE_TO_LOCK_ROW',
        errorClass: 'transient',
        sObject: 'Account',
      }),
    ]);
  });

  it('explains an all-or-none rollback by the record that failed, not by the ones rolled back with it', () => {
    const call = collectionsUpdate([
      {
        statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
        message:
          'Record rolled back because not all records were valid and the request was using AllOrNone header',
      },
      { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' },
    ]);
    expect(failureOfCall(call)).toMatchObject({ errorCode: 'ENTITY_IS_DELETED', errorClass: 'data' });
  });

  it('takes the code the transport recorded for a call that got no answer', () => {
    expect(failureOfCall(unanswered('ECONNRESET'))).toEqual({
      errorCode: 'ECONNRESET',
      errorClass: 'transient',
      path: `${API}/query`,
    });
    expect(failureOfCall(unanswered('AbortError'))).toMatchObject({ errorCode: 'AbortError' });
  });

  it('calls an error page MALFORMED_RESPONSE, with its content type and start as the message', () => {
    const call = answered({
      path: `${API}/query`,
      status: 502,
      contentType: 'text/html',
      body: '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>502 Bad Gateway</title>',
    });
    expect(call.errorCodes).toBeUndefined();
    expect(call.errorClass).toBe('transient');
    expect(failureOfCall(call)).toEqual({
      errorCode: 'MALFORMED_RESPONSE',
      httpStatus: 502,
      errorClass: 'transient',
      message: 'text/html: <!DOCTYPE html> <html lang="en"> <head> <title>502 Bad Gateway</title>',
      path: `${API}/query`,
    });
  });

  it('calls an empty or cut-off JSON answer MALFORMED_RESPONSE, though the transport noted no error', () => {
    const empty = answered({ path: `${API}/query`, status: 200, body: '' });
    expect(empty.errorClass).toBeUndefined();
    expect(failureOfCall(empty)).toMatchObject({
      errorCode: 'MALFORMED_RESPONSE',
      message: 'application/json;charset=UTF-8: (empty body)',
    });
    const cut = answered({ path: `${API}/query`, status: 200, body: '{"totalSize":3,"done":true,"recor' });
    expect(failureOfCall(cut)).toMatchObject({ errorCode: 'MALFORMED_RESPONSE', errorClass: 'transient' });
  });

  it('does not call a body the recorder cut for size malformed', () => {
    const long = `{"totalSize":1,"done":true,"records":[{"Name":"${'x'.repeat(100)}`;
    const call = {
      ...answered({ path: `${API}/query`, status: 200, body: '{}' }),
      responseBody: `${long}…[cut: 1234 more characters]`,
    };
    expect(failureOfCall(call)).toBeUndefined();
  });

  it('names a JSON error without a code ERROR_HTTP_<status>, as jsforce does', () => {
    expect(failureOfCall(answered({ path: `${API}/limits`, status: 500, body: '[]' }))).toMatchObject({
      errorCode: 'ERROR_HTTP_500',
      errorClass: 'transient',
    });
  });
});

describe('failureOfError', () => {
  it("gives Pulse's own refusals, with the message without the hint", () => {
    const message = 'org acme has used 12000 API requests; Pulse stops at 12000 to keep the reserve';
    const error = new SalesforceError(
      classify({ errorCode: 'BUDGET_RESERVE_REACHED', message }),
      message,
      {},
    );
    expect(failureOfError(error)).toEqual({
      errorCode: 'BUDGET_RESERVE_REACHED',
      errorClass: 'limit',
      message,
    });
  });

  it('keeps the status of an error that had one', () => {
    const error = new SalesforceError(
      classify({ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid', httpStatus: 401 }),
      'Session expired or invalid',
      { httpStatus: 401 },
    );
    expect(failureOfError(error)).toEqual({
      errorCode: 'INVALID_SESSION_ID',
      errorClass: 'auth',
      httpStatus: 401,
      message: 'Session expired or invalid',
    });
  });
});
