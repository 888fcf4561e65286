/**
 * Owners in playbooks: a role condition matches the owner's role by label or API name; an owner
 * with no role fails it; a role not looked up leaves the playbook undecided (no episode opens or
 * ends); case owners are named, and a notice `to: caseOwnerQueue` carries the case's queue only
 * when a queue owns it.
 */
import { describe, expect, it } from 'vitest';

import { loadHealthModel } from '../../../src/main/load-health-model.js';
import type { AccountView, CaseView } from '../../../src/success/account-view.js';
import { observeAccount, type EpisodeState } from '../../../src/success/episodes.js';
import { playbooksUseOwners, withOwners, type OwnerDirectoryData } from '../../../src/success/owners.js';
import { SuccessPlaybook } from '../../../src/success/playbook-schema.js';
import { renderFiring } from '../../../src/success/render-firing.js';

const model = loadHealthModel({ cwd: process.cwd() });
const AT = new Date('2026-03-02T10:00:00Z');
const USER_WITH_ROLE = '005000000000001AAA';
const USER_WITHOUT_ROLE = '005000000000002AAA';
const QUEUE = '00G000000000001AAA';

const slaCase = (overrides: Partial<CaseView> = {}): CaseView => ({
  caseId: '500000000000001AAA',
  label: '00001001',
  tier: 'P1',
  slaShare: 0.8,
  pastSla: false,
  ownerId: QUEUE,
  ...overrides,
});

const view = (overrides: Partial<AccountView> = {}): AccountView => ({
  accountId: '001000000000001AAA',
  name: 'Acme',
  ownerId: USER_WITH_ROLE,
  segment: 'Enterprise',
  arr: 300_000,
  score: 40,
  status: 'Red',
  scoreChange: -12,
  escalation: 'None',
  escalationReasons: [],
  flags: [],
  reasons: 'Pulling the score down: open P1 cases.',
  openCases: [
    slaCase(),
    slaCase({ caseId: '500000000000002AAA', label: '00001002', ownerId: USER_WITHOUT_ROLE }),
  ],
  calendar: 'default',
  ...overrides,
});

const directory: OwnerDirectoryData = {
  readAt: AT.toISOString(),
  owners: {
    [USER_WITH_ROLE]: {
      name: 'Dana Reyes',
      role: { name: 'Enterprise CSM', developerName: 'Enterprise_CSM' },
    },
    [USER_WITHOUT_ROLE]: { name: 'Sam Otto', role: null },
    [QUEUE]: { name: 'Tier 2 Support', queueDeveloperName: 'Tier_2_Support' },
  },
};

const enterpriseAtRisk = (roles: string[]) =>
  SuccessPlaybook.parse({
    id: 'enterprise-at-risk',
    name: 'Enterprise at risk',
    description: 'Red accounts of enterprise CSMs',
    trigger: { statusBecame: 'Red' },
    conditions: { ownerRoles: roles },
    actions: [{ task: { subject: 'Check in', description: 'x', due: { businessDays: 5 } } }],
  });

const slaNotice = SuccessPlaybook.parse({
  id: 'sla',
  name: 'SLA',
  description: 'SLA about to breach',
  trigger: { caseSlaReached: { share: 0.75 } },
  actions: [
    {
      webhook: {
        to: 'caseOwnerQueue',
        text: '{{case.label}} owner {{case.owner}} queue {{case.ownerQueue}}',
      },
    },
  ],
});

describe('owner roles', () => {
  it('a role condition matches the label or the API name, in any case', () => {
    const [named] = withOwners([view()], directory);
    for (const roles of [['Enterprise CSM'], ['enterprise_csm'], ['SMB CSM', 'ENTERPRISE CSM']]) {
      const states = observeAccount(enterpriseAtRisk(roles), named!, [], AT, true);
      expect(states.map((state) => [state.seq, state.active])).toEqual([[1, true]]);
    }
    expect(observeAccount(enterpriseAtRisk(['SMB CSM']), named!, [], AT, true)).toEqual([]);
  });

  it('an owner without a role fails the condition; one the directory does not know is undecided', () => {
    const [noRole, unknown] = withOwners(
      [view({ ownerId: USER_WITHOUT_ROLE }), view({ ownerId: '005000000000009AAA' })],
      directory,
    );
    expect(noRole?.ownerRole).toBeNull();
    expect(unknown?.ownerRole).toBeUndefined();
    const playbook = enterpriseAtRisk(['Enterprise CSM']);
    expect(observeAccount(playbook, noRole!, [], AT, true)).toEqual([]);
    // Undecided: an open episode is left open, not closed.
    const [open] = observeAccount(playbook, withOwners([view()], directory)[0]!, [], AT, true);
    expect(observeAccount(playbook, unknown!, [open!], AT, true)).toEqual([]);
  });

  it('a role not looked up neither opens nor ends an episode', () => {
    const playbook = enterpriseAtRisk(['Enterprise CSM']);
    const [named] = withOwners([view()], directory);
    const [open] = observeAccount(playbook, named!, [], AT, true) as [EpisodeState];
    // Next look: the account recovered, but the directory could not be read.
    const unread = view({ status: 'Green' });
    expect(unread.ownerRole).toBeUndefined();
    expect(observeAccount(playbook, unread, [open], AT, true)).toEqual([]);
    // Read again: the episode ends.
    const [green] = withOwners([unread], directory);
    expect(observeAccount(playbook, green!, [open], AT, true)).toEqual([
      expect.objectContaining({ active: false, closedAt: AT.toISOString() }),
    ]);
  });

  it('only playbooks that use roles or cases need the directory', () => {
    expect(playbooksUseOwners([enterpriseAtRisk(['x'])])).toBe(true);
    expect(playbooksUseOwners([slaNotice])).toBe(true);
    const plain = SuccessPlaybook.parse({ ...enterpriseAtRisk(['x']), conditions: undefined });
    expect(playbooksUseOwners([plain])).toBe(false);
    expect(playbooksUseOwners([{ ...enterpriseAtRisk(['x']), enabled: false }])).toBe(false);
  });
});

describe('case owners', () => {
  it('a queue-owned case is routed to its queue; a person-owned one is not', () => {
    const [named] = withOwners([view()], directory);
    const states = observeAccount(slaNotice, named!, [], AT, true);
    expect(states).toHaveLength(2);
    const [queued, personal] = states.map((state) =>
      renderFiring(state, slaNotice, { actionIndex: 0, occurrence: 1 }, model, AT),
    );
    expect(queued?.queue).toEqual({ name: 'Tier 2 Support', queue: true, developerName: 'Tier_2_Support' });
    expect(queued?.text).toBe('00001001 owner Tier 2 Support queue Tier 2 Support');
    expect(personal?.queue).toBeUndefined();
    expect(personal?.text).toBe('00001002 owner Sam Otto queue —');
  });

  it('without the directory the owner is its id, and nothing is routed', () => {
    const [state] = observeAccount(slaNotice, view(), [], AT, true);
    const firing = renderFiring(state!, slaNotice, { actionIndex: 0, occurrence: 1 }, model, AT);
    expect(firing.text).toBe(`00001001 owner ${QUEUE} queue —`);
    expect(firing.queue).toBeUndefined();
  });

  it('a notice to the default webhook is not routed, even for a queue-owned case', () => {
    const plainNotice = SuccessPlaybook.parse({
      ...slaNotice,
      actions: [{ webhook: { text: '{{case.ownerQueue}}' } }],
    });
    const [named] = withOwners([view()], directory);
    const [state] = observeAccount(plainNotice, named!, [], AT, true);
    const firing = renderFiring(state!, plainNotice, { actionIndex: 0, occurrence: 1 }, model, AT);
    expect(firing.queue).toBeUndefined();
    expect(firing.text).toBe('Tier 2 Support');
  });
});
