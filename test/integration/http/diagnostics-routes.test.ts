/**
 * The diagnostics routes over a seeded call store: failed calls listed with their playbooks and
 * filtered, paged by cursor; one call with its failures, the playbook and why it matched; an org's
 * summary with its verdict; another org's token refused.
 */
import { describe, expect } from 'vitest';

import { API_PREFIX } from '../../../src/http/create-app.js';
import { apiTest, CALLS } from '../../support/api-app.js';

const BASE = `${API_PREFIX}/diagnostics`;
type Line = { id: string; errorCodes: string[]; playbook: { id: string } | null; sObject: string | null };

describe('diagnostics routes', () => {
  apiTest('list failed calls with playbooks, filter them, page by cursor', async ({ api }) => {
    const all = await api.call('viewer', 'GET', `${BASE}/orgs/acme/calls`);
    expect(all.status).toBe(200);
    const lines = all.body['calls'] as Line[];
    expect(lines.map((line) => line.id)).toEqual([CALLS.refused, CALLS.dropped]);
    expect(lines.every((line) => line.playbook !== null)).toBe(true);
    expect(lines[0]).toMatchObject({ sObject: 'Account', errorCodes: ['FIELD_CUSTOM_VALIDATION_EXCEPTION'] });
    expect(lines[0]?.playbook?.id).not.toBe(lines[1]?.playbook?.id);

    const byCode = await api.call('viewer', 'GET', `${BASE}/orgs/acme/calls?errorCode=ECONNRESET`);
    expect((byCode.body['calls'] as Line[]).map((line) => line.id)).toEqual([CALLS.dropped]);
    const byClass = await api.call(
      'viewer',
      'GET',
      `${BASE}/orgs/acme/calls?errorClass=data&sObject=Account`,
    );
    expect((byClass.body['calls'] as Line[]).map((line) => line.id)).toEqual([CALLS.refused]);
    const early = await api.call('viewer', 'GET', `${BASE}/orgs/acme/calls?to=2026-11-20T11:00:02Z`);
    expect((early.body['calls'] as Line[]).map((line) => line.id)).toEqual([CALLS.dropped]);

    const first = await api.call('viewer', 'GET', `${BASE}/orgs/acme/calls?limit=1`);
    const cursor = first.body['nextCursor'] as string;
    expect((first.body['calls'] as Line[]).map((line) => line.id)).toEqual([CALLS.refused]);
    const second = await api.call('viewer', 'GET', `${BASE}/orgs/acme/calls?limit=1&cursor=${cursor}`);
    expect([(second.body['calls'] as Line[]).map((line) => line.id), second.body['nextCursor']]).toEqual([
      [CALLS.dropped],
      null,
    ]);
    expect((await api.call('viewer', 'GET', `${BASE}/orgs/beta/calls`)).body['calls']).toEqual([]);
    // A cursor this API did not give is the caller's mistake, not a 500.
    const forged = await api.call('viewer', 'GET', `${BASE}/orgs/acme/calls?cursor=abc`);
    expect([forged.status, (forged.body['error'] as { code: string }).code]).toEqual([
      400,
      'invalid_request',
    ]);
  });

  apiTest('one call: redacted, with its failures, playbook and why it matched', async ({ api }) => {
    const { status, body } = await api.call('viewer', 'GET', `${BASE}/calls/${CALLS.refused}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ org: 'acme', intact: true, call: { id: CALLS.refused, failed: true } });
    const playbook = body['playbook'] as { id: string; steps: unknown[]; replay: { helps: boolean } };
    expect(playbook.steps.length).toBeGreaterThan(0);
    expect(playbook.replay.helps).toBe(false);
    expect(body['failures']).toEqual([
      expect.objectContaining({
        errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        field: 'Health_Status__c',
        playbook: playbook.id,
      }),
    ]);
    expect((body['matchedBecause'] as string[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/Bearer (?!\[REDACTED\])/);
    expect((await api.call('betaViewer', 'GET', `${BASE}/calls/${CALLS.refused}`)).status).toBe(403);
    expect((await api.call('viewer', 'GET', `${BASE}/calls/no-such-call`)).status).toBe(404);
  });

  apiTest('exports: one call as curl with a token placeholder, failed calls as HAR', async ({ api }) => {
    const curl = await api.call('viewer', 'GET', `${BASE}/calls/${CALLS.refused}/curl`);
    expect(curl.status).toBe(200);
    const command = (curl.body as { text: string }).text;
    expect(command).toContain("'https://acme.my.salesforce.com/services/data/v64.0/composite/sobjects'");
    expect(command).toContain('Authorization: Bearer $SF_ACCESS_TOKEN');
    expect(command).not.toContain('[REDACTED]"');
    const har = await api.call('viewer', 'GET', `${BASE}/orgs/acme/calls.har`);
    const entries = (
      har.body['log'] as { entries: { request: { url: string }; response: { status: number } }[] }
    ).entries;
    expect(entries.map((entry) => entry.response.status)).toEqual([200, 0]);
    expect(entries[1]?.request.url).toBe(
      'https://acme.my.salesforce.com/services/data/v64.0/query?q=SELECT+Id+FROM+Account',
    );
  });

  apiTest('an org’s summary: counts by code, object and hour, and a verdict', async ({ api }) => {
    const { status, body } = await api.call('viewer', 'GET', `${BASE}/orgs/acme/summary?hours=48`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      calls: 2,
      failed: 2,
      byCode: { FIELD_CUSTOM_VALIDATION_EXCEPTION: 1, ECONNRESET: 1 },
      byObject: { Account: 2 },
      verdict: { status: 'failing' },
    });
    expect((body['byHour'] as unknown[]).length).toBe(48);
    expect(body['latencyMs']).toEqual({ p50: 50, p90: 250, p99: 250 });
  });
});
