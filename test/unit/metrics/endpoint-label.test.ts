/**
 * The endpoint label names the kind of resource a call went to, never an id, an object name or a
 * query: the series stay few whatever the org holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { endpointLabel } from '../../../src/metrics/endpoint-label.js';

describe('endpointLabel', () => {
  it.each([
    ['/services/oauth2/token', 'token'],
    ['/services/oauth2/revoke', 'revoke'],
    ['/services/oauth2/authorize', 'oauth2/other'],
    ['/id/00D000000000001AAA/005000000000001AAA', 'identity'],
    ['/services/data/', 'versions'],
    ['/services/data/v64.0', 'resources'],
    ['/services/data/v64.0/query', 'query'],
    ['/services/data/v64.0/query/', 'query'],
    ['/services/data/v64.0/query/01g000000000001AAA-2000', 'query/more'],
    ['/services/data/v64.0/queryAll', 'queryAll'],
    ['/services/data/v64.0/queryAll/01g000000000001AAA-4000', 'queryAll/more'],
    ['/services/data/v64.0/sobjects', 'sobjects'],
    ['/services/data/v64.0/sobjects/Account', 'sobjects/object'],
    ['/services/data/v64.0/sobjects/Account/describe', 'sobjects/describe'],
    ['/services/data/v64.0/sobjects/Custom_Object__c/describe', 'sobjects/describe'],
    ['/services/data/v64.0/sobjects/Account/deleted', 'sobjects/deleted'],
    ['/services/data/v64.0/sobjects/Account/001000000000001AAA', 'sobjects/record'],
    ['/services/data/v64.0/sobjects/Account/001000000000001AAA/Contacts', 'sobjects/other'],
    ['/services/data/v64.0/composite/sobjects', 'composite/sobjects'],
    ['/services/data/v64.0/composite/sobjects/Account', 'composite/sobjects'],
    ['/services/data/v64.0/composite', 'composite'],
    ['/services/data/v64.0/composite/unknown', 'composite/other'],
    ['/services/data/v64.0/limits', 'limits'],
    ['/services/data/v64.0/jobs/query', 'jobs/query'],
    ['/services/data/v64.0/jobs/query/750000000000001AAA', 'jobs/query/job'],
    ['/services/data/v64.0/jobs/query/750000000000001AAA/results', 'jobs/query/results'],
    ['/services/data/v64.0/jobs/ingest', 'jobs/ingest'],
    ['/services/data/v64.0/jobs/ingest/750000000000002AAA', 'jobs/ingest/job'],
    ['/services/data/v64.0/jobs/ingest/750000000000002AAA/batches', 'jobs/ingest/batches'],
    ['/services/data/v64.0/jobs/ingest/750000000000002AAA/failedResults/', 'jobs/ingest/failedResults'],
    ['/services/data/v64.0/jobs/ingest/750000000000002AAA/anything', 'jobs/ingest/other'],
    ['/services/data/v64.0/jobs/other', 'jobs/other'],
    ['/services/data/v64.0/tooling/query', 'tooling'],
    ['/services/data/v64.0/001000000000001AAA', 'other'],
    ['/services/data/latest/query', 'other'],
    ['/services/async/64.0/job', 'other'],
    ['/', 'other'],
    ['', 'other'],
  ])('%s -> %s', (path, label) => {
    expect(endpointLabel(path)).toBe(label);
  });

  it('never echoes an id, an object name or a query string of the path', () => {
    const labels = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom('query', 'queryAll', 'sobjects', 'composite', 'jobs', 'limits', 'tooling', 'x'),
        fc.array(fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/), { maxLength: 4 }),
        (resource, rest) => {
          const label = endpointLabel(['/services/data/v64.0', resource, ...rest].join('/'));
          labels.add(label);
          for (const segment of rest)
            if (
              ![
                'describe',
                'deleted',
                'updated',
                'listviews',
                'quickActions',
                'query',
                'ingest',
                'results',
                'sobjects',
                'batch',
                'tree',
                'graph',
                'batches',
                'successfulResults',
                'failedResults',
                'unprocessedrecords',
                'more',
                'job',
                'object',
                'record',
                'other',
              ].includes(segment)
            )
              expect(label.split('/')).not.toContain(segment);
        },
      ),
    );
    // A fixed, small vocabulary however many paths were tried.
    expect(labels.size).toBeLessThan(30);
  });
});
