/**
 * A Bulk job's result files as a write outcome: written only what successfulResults lists,
 * everything else failed with a reason, in the order of the changes.
 */
import { describe, expect, it } from 'vitest';

import { toWriteOutcome } from '../../../src/sync/write/bulk-outcome.js';

const ids = ['001000000000001AAA', '001000000000002AAA', '001000000000003AAA', '001000000000004AAA'];
const changes = ids.map((id) => ({ id, values: { Health_Score__c: 50 } }));
const [a = '', b = '', c = '', d = ''] = ids;

describe('toWriteOutcome', () => {
  it('splits successful, failed and unprocessed rows, in the order of the changes', () => {
    const outcome = toWriteOutcome(
      changes,
      {
        successful: [
          { sfId: c, created: false, uploadedId: c },
          { sfId: a, created: false, uploadedId: a },
        ],
        failed: [
          {
            sfId: b,
            uploadedId: b,
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'Locked',
            fields: [],
          },
        ],
        unprocessed: [{ uploadedId: d }],
      },
      { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'Exceeded max limit of batches' },
    );
    expect(outcome).toEqual({
      written: [a, c],
      failed: [
        { id: b, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Locked' },
        { id: d, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'Exceeded max limit of batches' },
      ],
    });
  });

  it('never reports written a change no result names', () => {
    const outcome = toWriteOutcome(changes.slice(0, 2), { successful: [], failed: [], unprocessed: [] });
    expect(outcome.written).toEqual([]);
    expect(outcome.failed.map((failure) => [failure.id, failure.errorCode])).toEqual([
      [a, 'UNKNOWN'],
      [b, 'UNKNOWN'],
    ]);
  });

  it('matches 15-character ids to 18-character results, and ignores rows of records it did not change', () => {
    const short = [{ id: a.slice(0, 15), values: { Health_Score__c: 1 } }];
    const outcome = toWriteOutcome(short, {
      successful: [
        { sfId: a, created: false, uploadedId: undefined },
        { sfId: d, created: false, uploadedId: d },
      ],
      failed: [],
      unprocessed: [],
    });
    expect(outcome).toEqual({ written: [a.slice(0, 15)], failed: [] });
  });

  it('a failed update of a malformed id is matched by the uploaded Id (sf__Id is empty)', () => {
    const outcome = toWriteOutcome([{ id: 'bogus', values: {} }], {
      successful: [],
      failed: [
        { sfId: '', uploadedId: 'bogus', errorCode: 'MALFORMED_ID', message: 'bad id', fields: ['Id'] },
      ],
      unprocessed: [],
    });
    expect(outcome.failed).toEqual([{ id: 'bogus', errorCode: 'MALFORMED_ID', message: 'bad id' }]);
  });
});
