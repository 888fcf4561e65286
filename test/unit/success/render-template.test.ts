/**
 * Success playbook templates: every placeholder fills from the account's view, missing values read
 * `—`, substituted values cannot inject control characters or more placeholders, and nothing in a
 * template is ever evaluated.
 */
import { describe, expect, it } from 'vitest';

import type { AccountView, CaseView } from '../../../src/success/account-view.js';
import {
  hasStrayBraces,
  KNOWN_PLACEHOLDERS,
  renderTaskSubject,
  renderTemplate,
  templateContext,
  templatePlaceholders,
  type TemplateContext,
} from '../../../src/success/render-template.js';

const VIEW: AccountView = {
  accountId: '001000000000001AAA',
  name: 'Acme Corp',
  ownerId: '005000000000001AAA',
  segment: 'Enterprise',
  arr: 250000,
  score: 34,
  status: 'Red',
  scoreChange: -21,
  escalation: 'Critical',
  escalationReasons: ['Case 00001001 (P1) is past its resolution target', 'Support spike'],
  flags: ['Open P1', 'SLA Breach'],
  reasons: 'Open P1 cases: 1 (0 points).',
  openCases: [],
  calendar: 'default',
};

const CASE: CaseView = {
  caseId: '500000000000001AAA',
  label: '00001001',
  tier: 'P1',
  slaShare: 0.29,
  pastSla: false,
};

const EXTRA = {
  playbook: { id: 'critical-escalation', name: 'Critical escalation' },
  episode: { openedAt: new Date('2026-03-02T09:15:42Z') },
};

const context = (
  view: Partial<AccountView> = {},
  extra: Partial<Parameters<typeof templateContext>[1]> = {},
) => templateContext({ ...VIEW, ...view }, { ...EXTRA, ...extra });

describe('templateContext', () => {
  it('builds every known placeholder, and only those', () => {
    const full = context(
      {},
      { case: CASE, dueDate: '2026-03-04', episode: { ...EXTRA.episode, closedAt: new Date() } },
    );
    const keys = Object.entries(full).flatMap(([group, fields]) =>
      Object.keys(fields as object).map((field) => `${group}.${field}`),
    );
    expect(keys.sort()).toEqual([...KNOWN_PLACEHOLDERS].sort());
  });

  it('joins lists, formats instants, counts the SLA in whole percent rounded down', () => {
    const full = context({}, { case: CASE, episode: { ...EXTRA.episode, reminder: 3 } });
    expect(full.health.escalationReasons).toBe(
      'Case 00001001 (P1) is past its resolution target; Support spike',
    );
    expect(full.health.flags).toBe('Open P1, SLA Breach');
    expect(full.episode).toEqual({ openedAt: '2026-03-02 09:15 UTC', closedAt: null, reminder: 3 });
    expect(full.case?.slaPercent).toBe(29);
    expect(context({}, { case: { ...CASE, slaShare: 0.7499 } }).case?.slaPercent).toBe(74);
  });

  it('leaves the case out when there is none, and reminders start at 1', () => {
    const plain = context();
    expect(plain.case).toBeUndefined();
    expect(plain.episode.reminder).toBe(1);
    expect(plain.due.date).toBeNull();
  });

  it('takes instants as ISO strings too, as episodes store them', () => {
    const episode = { openedAt: '2026-03-02T09:15:42.000Z', closedAt: '2026-03-03T17:00:00+01:00' };
    expect(context({}, { episode }).episode).toEqual({
      openedAt: '2026-03-02 09:15 UTC',
      closedAt: '2026-03-03 16:00 UTC',
      reminder: 1,
    });
  });
});

describe('renderTemplate', () => {
  it('fills placeholders, numbers plainly, spaces inside the braces allowed', () => {
    const text = renderTemplate(
      '{{account.name}} ({{ account.segment }}, ARR {{account.arr}}): {{health.status}} {{health.score}}, {{health.scoreChange}} in 30 days',
      context(),
    );
    expect(text).toBe('Acme Corp (Enterprise, ARR 250000): Red 34, -21 in 30 days');
  });

  it('renders null, empty and absent values as —', () => {
    const text = renderTemplate(
      '{{account.ownerId}}|{{account.segment}}|{{health.score}}|{{health.flags}}|{{health.reasons}}|{{case.label}}|{{episode.closedAt}}|{{due.date}}',
      context({ ownerId: null, segment: null, score: null, flags: [], reasons: '' }),
    );
    expect(text).toBe('—|—|—|—|—|—|—|—');
  });

  it('renders 0 as 0, not as missing', () => {
    expect(
      renderTemplate('{{health.score}} {{health.scoreChange}}', context({ score: 0, scoreChange: 0 })),
    ).toBe('0 0');
  });

  it('strips control characters from values but keeps newlines and tabs', () => {
    const text = renderTemplate(
      '{{account.name}}',
      context({ name: 'Acme\u0000\u001b[31m\r\nCorp\tLtd\u007f\u0085' }),
    );
    expect(text).toBe('Acme[31m\nCorp\tLtd');
  });

  it('keeps the template text itself as written, without HTML escaping', () => {
    expect(renderTemplate('<b>{{account.name}}</b> & co\r\n', context({ name: 'A&B <x>' }))).toBe(
      '<b>A&B <x></b> & co\r\n',
    );
  });

  it('for Slack, escapes values (not the template), so a name cannot mention a channel or hide a link', () => {
    const name = '<!channel> Acme & <https://evil.example|Salesforce>';
    expect(renderTemplate('*{{account.name}}* <@U123>', context({ name }), { slack: true })).toBe(
      '*&lt;!channel&gt; Acme &amp; &lt;https://evil.example|Salesforce&gt;* <@U123>',
    );
  });

  it('never expands a placeholder found inside a value', () => {
    expect(renderTemplate('{{account.name}}', context({ name: '{{account.id}}' }))).toBe('{{account.id}}');
  });

  it('evaluates nothing: unknown or crafted placeholders stay as written', () => {
    const template =
      '{{constructor}} {{__proto__.polluted}} {{account.name.length}} {{account.toString}} {{x.y}}';
    expect(renderTemplate(template, context())).toBe(template);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('renders a case only when the context has one', () => {
    const template = 'Case {{case.label}} ({{case.tier}}) at {{case.slaPercent}}% ({{case.id}})';
    expect(renderTemplate(template, context({}, { case: { ...CASE, slaShare: 0.75 } }))).toBe(
      'Case 00001001 (P1) at 75% (500000000000001AAA)',
    );
    expect(renderTemplate(template, context())).toBe('Case — (—) at —% (—)');
  });

  it('cuts a Task subject to 255 characters, without splitting a character', () => {
    const long = renderTaskSubject('Review: {{account.name}}', context({ name: 'x'.repeat(300) }));
    expect(long).toHaveLength(255);
    expect(long.endsWith('x…')).toBe(true);
    const emoji = renderTaskSubject('{{account.name}}', context({ name: `${'a'.repeat(253)}😀😀` }));
    expect(emoji).toBe(`${'a'.repeat(253)}…`);
    expect(renderTaskSubject('Short {{account.name}}', context())).toBe('Short Acme Corp');
  });

  it('a hand-built context works too', () => {
    const handBuilt: TemplateContext = {
      ...context(),
      due: { date: '2026-03-09' },
    };
    expect(renderTemplate('Due {{due.date}}, playbook {{playbook.id}}', handBuilt)).toBe(
      'Due 2026-03-09, playbook critical-escalation',
    );
  });
});

describe('templatePlaceholders and hasStrayBraces', () => {
  it('lists placeholders in order, trimmed', () => {
    expect(templatePlaceholders('{{a.b}} and {{ case.label }} then {{a.b}} and {{bad name}}')).toEqual([
      'a.b',
      'case.label',
      'a.b',
    ]);
  });

  it('finds braces that are not placeholders', () => {
    expect(hasStrayBraces('{{account.name}} is fine')).toBe(false);
    expect(hasStrayBraces('{{account.name} is not')).toBe(true);
    expect(hasStrayBraces('{{account name}}')).toBe(true);
    expect(hasStrayBraces('{ single braces } are text')).toBe(false);
  });
});
