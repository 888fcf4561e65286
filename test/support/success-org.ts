/**
 * What the customer-success playbook tests share: a webhook receiver that records each message (and
 * can refuse them), a folder holding some of the package's playbooks, and changes to an emulated
 * org that make an account fall into risk (Red, with a critical escalation) or recover.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { RunningEmulator } from '../../emulator/index.js';
import { formatDateTime } from '../../emulator/org/wire-format.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const HOUR = 3_600_000;

/** A webhook receiver that records each message, and can be told to refuse them. */
export async function webhookReceiver() {
  const received: Record<string, unknown>[] = [];
  let refusing = false;
  let attempts = 0;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      attempts += 1;
      if (refusing) {
        response.writeHead(503).end();
        return;
      }
      received.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/B000/secret-path`,
    received,
    refuse: (value: boolean) => (refusing = value),
    attempts: () => attempts,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A folder with the named playbooks of the package's `playbooks/success`. */
export function playbooksDir(files: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulse-playbooks-'));
  for (const file of files)
    copyFileSync(path.join(repoRoot, 'playbooks/success', file), path.join(dir, file));
  return dir;
}

let caseNumber = 90_000;

/** Reads and changes of an emulated org, as its users would make them. */
export function orgChanges(emulator: RunningEmulator) {
  const store = () => emulator.state.store;
  const user = () => emulator.state.apiUserId;
  const live = (object: string) =>
    [...store().recordsOf(object)].filter((record) => record['IsDeleted'] !== true);
  const now = () => emulator.state.clock.now().getTime();
  const day = (offsetDays: number) => new Date(now() + offsetDays * 24 * HOUR).toISOString().slice(0, 10);

  /**
   * Three old, open, escalated P1 cases past their SLA (a critical escalation), a renewal lost this
   * year and one slipping, and no activity for half a year: the account turns Red.
   */
  function sink(accountId: string): string[] {
    const createdAt = formatDateTime(new Date(now() - 10 * 24 * HOUR));
    const cases = [1, 2, 3].map((n) => {
      const record = store().insert(
        'Case',
        {
          AccountId: accountId,
          Subject: `Outage ${n}`,
          Priority: 'Critical',
          Status: 'New',
          IsEscalated: true,
        },
        user(),
      );
      record['CreatedDate'] = createdAt;
      caseNumber += 1;
      record['CaseNumber'] = String(caseNumber);
      return String(record['Id']);
    });
    const renewal = { AccountId: accountId, Type: 'Renewal', Amount: 50_000, IsWon: false };
    store().insert(
      'Opportunity',
      {
        ...renewal,
        Name: 'Renewal (lost)',
        StageName: 'Closed Lost',
        IsClosed: true,
        Probability: 0,
        CloseDate: day(-20),
      },
      user(),
    );
    store().insert(
      'Opportunity',
      {
        ...renewal,
        Name: 'Renewal (slipping)',
        StageName: 'Prospecting',
        IsClosed: false,
        Probability: 10,
        CloseDate: day(30),
      },
      user(),
    );
    store().update(store().recordById(accountId)!, { LastActivityDate: day(-180) }, user());
    return cases;
  }

  /** The cases are solved, the renewals are off the table, and the CSM has just called. */
  function recover(accountId: string, caseIds: readonly string[]): void {
    for (const id of caseIds)
      store().update(store().recordById(id)!, { Status: 'Closed', IsClosed: true }, user());
    for (const opportunity of live('Opportunity'))
      if (opportunity['AccountId'] === accountId && String(opportunity['Name']).startsWith('Renewal ('))
        store().softDelete(opportunity, user());
    store().update(store().recordById(accountId)!, { LastActivityDate: day(0) }, user());
  }

  return {
    store,
    live,
    sink,
    recover,
    /** Tasks Pulse created, by the start of their Pulse_Key__c (`pulse:at-risk:`). */
    pulseTasks: (prefix: string) =>
      live('Task').filter((task) => String(task['Pulse_Key__c'] ?? '').startsWith(prefix)),
    statusOf: (accountId: string) => store().recordById(accountId)?.['Health_Status__c'],
    /** Past the pull's commit lag, so the next run sees what the test changed. */
    passCommitLag: () => {
      emulator.state.clock.advance(3 * 60_000);
    },
  };
}
