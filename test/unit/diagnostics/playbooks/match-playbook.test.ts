/**
 * matchPlaybook's rules on small hand-made sets: every stated criterion must hold, the most specific
 * playbook wins, ties go to the one loaded first, and the answer says why it matched.
 */
import { describe, expect, it } from 'vitest';

import { matchPlaybook, Playbook, type PlaybookMatch } from '../../../../src/diagnostics/playbooks/index.js';

const playbook = (id: string, match: PlaybookMatch): Playbook =>
  Playbook.parse({
    id,
    title: id,
    summary: `The ${id} playbook.`,
    match,
    causes: ['A cause.'],
    steps: [{ check: 'Look.', fix: 'Fix.' }],
    replay: { helps: false, why: 'Because.' },
  });

const chosen = (playbooks: readonly Playbook[], failure: Parameters<typeof matchPlaybook>[1]) =>
  matchPlaybook(playbooks, failure)?.playbook.id;

describe('matchPlaybook', () => {
  const set = [
    playbook('any', {}),
    playbook('data', { errorClass: 'data' }),
    playbook('code', { errorCode: 'STRING_TOO_LONG' }),
    playbook('code-and-field', { errorCode: 'STRING_TOO_LONG', field: 'Health_Reasons__c' }),
    playbook('code-and-message', { errorCode: 'STRING_TOO_LONG', messagePattern: 'max length=255' }),
  ];

  it('needs every stated criterion to hold', () => {
    expect(chosen(set, { errorCode: 'STRING_TOO_LONG', field: 'Name', message: 'max length=80' })).toBe(
      'code',
    );
    expect(chosen(set, { errorCode: 'DUPLICATE_VALUE', errorClass: 'data' })).toBe('data');
    expect(chosen(set, { errorCode: 'DUPLICATE_VALUE', errorClass: 'config' })).toBe('any');
  });

  it('prefers the error code to the class, a message pattern to a field, and both to either', () => {
    expect(chosen(set, { errorCode: 'STRING_TOO_LONG', errorClass: 'data' })).toBe('code');
    expect(
      chosen(set, { errorCode: 'STRING_TOO_LONG', field: 'Health_Reasons__c', message: 'max length=255' }),
    ).toBe('code-and-message');
    const both = [
      ...set,
      playbook('all-three', {
        errorCode: 'STRING_TOO_LONG',
        field: 'Health_Reasons__c',
        messagePattern: '255',
      }),
    ];
    expect(
      chosen(both, { errorCode: 'STRING_TOO_LONG', field: 'Health_Reasons__c', message: 'max length=255' }),
    ).toBe('all-three');
  });

  it('breaks a tie with the narrower list, then with load order', () => {
    const narrow = [
      playbook('wide', { errorCode: ['ECONNRESET', 'EPIPE'] }),
      playbook('narrow', { errorCode: 'ECONNRESET' }),
    ];
    expect(chosen(narrow, { errorCode: 'ECONNRESET' })).toBe('narrow');
    const same = [playbook('first', { httpStatus: 503 }), playbook('second', { errorClass: 'transient' })];
    expect(chosen(same, { httpStatus: 503, errorClass: 'transient' })).toBe('first');
    expect(chosen([...same].reverse(), { httpStatus: 503, errorClass: 'transient' })).toBe('second');
  });

  it('compares codes, sObjects and fields ignoring case, and patterns case-insensitively', () => {
    const playbooks = [
      playbook('grant', { errorCode: 'invalid_grant', messagePattern: 'IP restricted', sObject: 'account' }),
    ];
    expect(
      chosen(playbooks, { errorCode: 'INVALID_GRANT', message: 'ip restricted', sObject: 'Account' }),
    ).toBe('grant');
  });

  it('matches a status class such as 5xx', () => {
    const playbooks = [playbook('server', { httpStatus: ['5xx', 420] })];
    expect(chosen(playbooks, { httpStatus: 504 })).toBe('server');
    expect(chosen(playbooks, { httpStatus: 420 })).toBe('server');
    expect(chosen(playbooks, { httpStatus: 404 })).toBeUndefined();
  });

  it('says why it matched, and which others did', () => {
    const choice = matchPlaybook(set, {
      errorCode: 'STRING_TOO_LONG',
      errorClass: 'data',
      field: 'Health_Reasons__c',
      message: 'Health_Reasons__c: data value too large: ... (max length=255)',
    });
    expect(choice?.playbook.id).toBe('code-and-message');
    expect(choice?.reasons).toEqual(['error code STRING_TOO_LONG', 'message matches /max length=255/i']);
    expect(choice?.alsoMatched).toEqual(['code-and-field', 'code', 'data', 'any']);
    expect(matchPlaybook([set[0]!], {})?.reasons).toEqual(['the catch-all: it matches any failure']);
  });

  it('gives nothing when nothing matches and there is no catch-all', () => {
    expect(matchPlaybook(set.slice(1), { errorCode: 'X', errorClass: 'auth' })).toBeUndefined();
  });

  it('is pure: the same inputs give the same answer', () => {
    const failure = { errorCode: 'STRING_TOO_LONG', field: 'Health_Reasons__c' };
    expect(matchPlaybook(set, failure)).toEqual(matchPlaybook(set, failure));
  });
});
