/**
 * Every broken configuration is refused before anything starts: exit code 2, one message that
 * names the key (or variable) and where it was set, no stack trace, and never a secret's value.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { runPulse } from '../../support/run-cli-in-process.js';
import { tempConfigDir } from '../../support/temp-config.js';

interface BrokenCase {
  readonly name: string;
  readonly files?: Record<string, string>;
  readonly env?: Record<string, string>;
  /** The exact problem line expected in the message (after "  - "). */
  readonly problem: string;
}

const passwordOrg = (extra: string) =>
  [
    'orgs:',
    '  acme:',
    '    loginUrl: https://acme.my.salesforce.com',
    '    authFlow: password',
    '    clientId: 3MVG9abc',
    '    clientSecret: TopSecretValue1',
    '    username: pulse@acme.com',
    '    password: TopSecretValue2',
    extra,
  ].join('\n');

const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** A shipped file under config/ with one change. */
const shipped = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(path.join(repoRoot, 'config', file), 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`${file} has no ${String(from)}`);
  return { [`config/${file}`]: changed };
};
const ACME = passwordOrg('');
const PLAYBOOK = [
  'id: custom',
  'name: Custom',
  'description: Ours.',
  'trigger:',
  '  statusBecame: Purple',
  'actions:',
  '  - webhook: { text: "{{account.name}}" }',
  '',
].join('\n');

const cases: BrokenCase[] = [
  {
    name: 'a Redis URL that is not redis://',
    env: { REDIS_URL: 'http://127.0.0.1:6379' },
    problem:
      'redis.url (REDIS_URL): expected a redis:// or rediss:// URL such as "redis://127.0.0.1:6379", found "http://127.0.0.1:6379"',
  },
  {
    name: 'a Redis URL with a password, the password never echoed',
    env: { REDIS_URL: 'http://pulse:TopSecretValue1@127.0.0.1:6379' },
    problem:
      'redis.url (REDIS_URL): expected a redis:// or rediss:// URL such as "redis://127.0.0.1:6379", found "http://***@127.0.0.1:6379"',
  },
  {
    name: 'a Redis URL whose password holds # and @, never echoed',
    env: { REDIS_URL: 'redis://:Top#Secret@Value1@127.0.0.1:6379' },
    problem:
      'redis.url (REDIS_URL): expected a redis:// or rediss:// URL such as "redis://127.0.0.1:6379", found "redis://***@127.0.0.1:6379"',
  },
  {
    name: 'a port that is not a number',
    env: { PULSE_HTTP_PORT: 'eighty' },
    problem: 'http.port (PULSE_HTTP_PORT): expected a number, found "eighty"',
  },
  {
    name: 'a port out of range',
    files: { 'config/default.yaml': 'http:\n  port: 70000\n' },
    problem: 'http.port (config/default.yaml:2): expected at most 65535, found 70000',
  },
  {
    name: 'an unknown log level',
    env: { LOG_LEVEL: 'verbose' },
    problem:
      'log.level (LOG_LEVEL): expected one of "error", "warn", "info", "debug", "silent", found "verbose"',
  },
  {
    name: 'a duration without a unit',
    files: { 'config/default.yaml': 'sync:\n  commitLag: 120\n' },
    problem:
      'sync.commitLag (config/default.yaml:2): expected a duration with a unit, such as "30s", "5m" or "2h", found 120',
  },
  {
    name: 'a duration that is not one',
    files: { 'config/default.yaml': 'sync:\n  overlap: soon\n' },
    problem:
      'sync.overlap (config/default.yaml:2): expected a duration with a unit, such as "30s", "5m" or "2h", found "soon"',
  },
  {
    name: 'a cron expression that is not one',
    files: { 'config/default.yaml': 'sync:\n  schedule: "every hour"\n' },
    problem:
      'sync.schedule (config/default.yaml:2): expected a cron expression with 5 or 6 fields, such as "*/15 * * * *", found "every hour"',
  },
  {
    name: 'a cron field out of range',
    files: { 'config/default.yaml': 'sync:\n  fullPassSchedule: "0 25 * * *"\n' },
    problem:
      'sync.fullPassSchedule (config/default.yaml:2): expected a cron expression: Constraint error, got value 25 expected range 0-23, found "0 25 * * *"',
  },
  {
    name: 'an unknown time zone',
    files: { 'config/default.yaml': 'sync:\n  timeZone: Europe/Atlantis\n' },
    problem:
      'sync.timeZone (config/default.yaml:2): expected an IANA time zone such as "UTC" or "America/New_York", found "Europe/Atlantis"',
  },
  {
    name: 'a misspelt key',
    files: { 'config/default.yaml': 'redis:\n  keyprefix: "x:"\n' },
    problem:
      'redis.keyprefix (config/default.yaml:2): unknown setting (check its spelling and where it is nested)',
  },
  {
    name: 'a misspelt PULSE_ variable',
    env: { PULSE_HTTP_PROT: '8080' },
    problem: 'PULSE_HTTP_PROT: is not a Pulse setting (see the configuration table in README.md)',
  },
  {
    name: 'an unknown auth flow',
    files: {
      'config/orgs.yaml':
        'orgs:\n  acme:\n    loginUrl: https://login.salesforce.com\n    authFlow: oauth\n    clientId: x\n',
    },
    problem:
      'orgs.acme.authFlow (config/orgs.yaml:4): expected one of "jwt", "refresh_token", "client_credentials", "password", found "oauth"',
  },
  {
    name: 'an org missing a setting its auth flow needs',
    files: {
      'config/orgs.yaml':
        'orgs:\n  acme:\n    loginUrl: https://login.salesforce.com\n    authFlow: jwt\n    clientId: x\n    username: u@x.com\n',
    },
    problem: 'orgs.acme.privateKeyFile (config/orgs.yaml:2): is required: expected a string',
  },
  {
    name: 'an SF_* org without an auth flow',
    env: { SF_LOGIN_URL: 'https://login.salesforce.com', SF_CLIENT_ID: 'x' },
    problem:
      'orgs.default.authFlow (SF_* variables): is required: expected one of "jwt", "refresh_token", "client_credentials", "password"',
  },
  {
    name: 'client credentials against a generic login host',
    env: {
      SF_LOGIN_URL: 'https://login.salesforce.com',
      SF_AUTH_FLOW: 'client_credentials',
      SF_CLIENT_ID: '3MVG9abc',
      SF_CLIENT_SECRET: 'TopSecretValue3',
    },
    problem:
      'orgs.default.loginUrl (SF_LOGIN_URL): the client-credentials flow needs the org\'s My Domain URL (https://<domain>.my.salesforce.com), not a generic login host, found "https://login.salesforce.com"',
  },
  {
    name: 'a plain-http login URL to another host',
    files: {
      'config/orgs.yaml': passwordOrg('').replace(
        'https://acme.my.salesforce.com',
        'http://acme.example.com',
      ),
    },
    problem:
      'orgs.acme.loginUrl (config/orgs.yaml:3): expected an https:// login URL such as "https://login.salesforce.com" (http only for 127.0.0.1), found "http://acme.example.com"',
  },
  {
    name: 'an org name that cannot be a queue name',
    files: { 'config/orgs.yaml': passwordOrg('').replace('  acme:', '  Acme Prod:') },
    problem:
      'orgs.Acme Prod (config/orgs.yaml:2): expected an org name of lower-case letters, digits and "-", found "Acme Prod"',
  },
  {
    name: 'a budget reserve out of range',
    files: { 'config/orgs.yaml': passwordOrg('    apiBudget:\n      reservePercent: 150') },
    problem: 'orgs.acme.apiBudget.reservePercent (config/orgs.yaml:10): expected at most 99, found 150',
  },
  {
    name: 'a secret of the wrong type, never echoed',
    files: {
      'config/orgs.yaml': passwordOrg('').replace('password: TopSecretValue2', 'password: [TopSecretValue2]'),
    },
    problem: 'orgs.acme.password (config/orgs.yaml:8): expected a string, found a value (hidden)',
  },
  {
    name: 'a YAML syntax error',
    files: { 'config/default.yaml': 'redis:\n  url: "redis://x\nlog: {\n' },
    problem: 'config/default.yaml (config/default.yaml:4): YAML syntax: Missing closing "quote',
  },
  {
    name: 'a duplicate key',
    files: { 'config/default.yaml': 'http:\n  port: 1\n  port: 2\n' },
    problem: 'config/default.yaml (config/default.yaml:3): YAML syntax: Map keys must be unique',
  },
  {
    name: 'a case queue routed twice',
    files: {
      'config/default.yaml': [
        'success:',
        '  queueRoutes:',
        '    - { queue: Tier 2 Support, webhookUrl: https://hooks.example.com/TopSecretValue1 }',
        '    - { queue: tier 2 support, webhookUrl: https://hooks.example.com/TopSecretValue2 }',
        '',
      ].join('\n'),
    },
    problem:
      'success.queueRoutes.1.queue (config/default.yaml:4): this queue is routed twice (names match in any case), found "tier 2 support"',
  },
  {
    name: 'a queue route whose webhook is not a URL, never echoed',
    files: {
      'config/default.yaml':
        'success:\n  queueRoutes:\n    - { queue: Tier 2, webhookUrl: TopSecretValue1 }\n',
    },
    problem:
      'success.queueRoutes.0.webhookUrl (config/default.yaml:3): expected a https:// or http:// URL such as "https://hooks.slack.com/services/...", found a value (hidden)',
  },
  {
    name: 'health model: bands that overlap',
    files: shipped(
      'health-model.yaml',
      '{ status: Yellow, minScore: 40 }',
      '{ status: Yellow, minScore: 70 }',
    ),
    problem:
      'bands.1.minScore (config/health-model.yaml:10): expected bands best first, minScore falling, found 70',
  },
  {
    name: 'health model: a group weight of zero',
    files: shipped('health-model.yaml', /^ {4}weight: 30$/m, '    weight: 0'),
    problem: 'groups.0.weight (config/health-model.yaml:15): expected more than 0, found 0',
  },
  {
    name: 'health model: a weight that is not a number',
    files: shipped('health-model.yaml', /^ {8}weight: 3$/m, '        weight: three'),
    problem: 'groups.0.measures.0.weight (config/health-model.yaml:21): expected a number, found "three"',
  },
  {
    name: 'health model: a misspelt top-level key',
    files: shipped('health-model.yaml', /^bands:/m, 'bandz:'),
    problem:
      'bandz (config/health-model.yaml:8): unknown setting (check its spelling and where it is nested)',
  },
  {
    name: 'SLA: an unknown time zone',
    files: shipped('sla.yaml', 'timeZone: UTC', 'timeZone: Mars/Olympus'),
    problem:
      'calendars.default.timeZone (config/sla.yaml:30): expected an IANA time zone such as "UTC" or "America/New_York", found "Mars/Olympus"',
  },
  {
    name: 'SLA: a priority mapped to a tier that does not exist',
    files: shipped('sla.yaml', 'Critical: P1', 'Critical: P9'),
    problem: 'priorities.Critical (config/sla.yaml:15): expected one of "P1", "P2", "P3", "P4", found "P9"',
  },
  {
    name: 'SLA: a target that is not a business-time duration',
    files: shipped('sla.yaml', 'P1: { firstResponse: 15m', 'P1: { firstResponse: 15 minutes'),
    problem:
      'tiers.P1.firstResponse (config/sla.yaml:6): expected a business-time duration such as "15m", "4h" or "1h30m", found "15 minutes"',
  },
  {
    name: 'SLA: a default calendar that is not defined',
    files: shipped('sla.yaml', 'defaultCalendar: default', 'defaultCalendar: london'),
    problem:
      'defaultCalendar (config/sla.yaml:42): expected the name of a calendar under "calendars" (default), found "london"',
  },
  {
    name: 'orgs: an unknown field mapping',
    files: { 'config/orgs.yaml': `${ACME}    fieldMapping:\n      healthScor: Health_Score__c\n` },
    problem:
      'orgs.acme.fieldMapping.healthScor (config/orgs.yaml:10): unknown setting (check its spelling and where it is nested)',
  },
  {
    name: 'orgs: a field mapping that is not an API name',
    files: { 'config/orgs.yaml': `${ACME}    fieldMapping:\n      score: "Health Score"\n` },
    problem:
      'orgs.acme.fieldMapping.score (config/orgs.yaml:10): expected a field API name such as "Health_Score__c", found "Health Score"',
  },
  {
    name: 'orgs: two values mapped to one field',
    files: { 'config/orgs.yaml': `${ACME}    fieldMapping:\n      score: Health_Status__c\n` },
    problem:
      'orgs.acme.fieldMapping.score (config/orgs.yaml:10): already the field of status: each value needs a field of its own, found "Health_Status__c"',
  },
  {
    name: 'orgs: the same org name twice',
    files: { 'config/orgs.yaml': `${ACME}  acme:\n    loginUrl: https://other.my.salesforce.com\n` },
    problem: 'config/orgs.yaml (config/orgs.yaml:9): YAML syntax: Map keys must be unique',
  },
  {
    name: 'orgs: a missing secret',
    files: { 'config/orgs.yaml': ACME.replace('    password: TopSecretValue2\n', '') },
    problem: 'orgs.acme.password (config/orgs.yaml:2): is required: expected a string',
  },
  {
    name: 'orgs: a switch that is not true or false',
    files: { 'config/orgs.yaml': `${ACME}    writeBack: yes please\n` },
    problem: 'orgs.acme.writeBack (config/orgs.yaml:9): expected a boolean, found "yes please"',
  },
  {
    name: 'a webhook at an encoded address',
    files: { 'config/default.yaml': 'alerts:\n  webhookUrl: http://0x7f000001/hooks/TopSecretValue1\n' },
    problem:
      'alerts.webhookUrl (config/default.yaml:2): the address is encoded: write the IP address plainly, such as "10.0.0.5", found a value (hidden)',
  },
  {
    name: 'a private host given as a URL',
    files: { 'config/default.yaml': 'network:\n  privateHosts: ["https://hooks.internal"]\n' },
    problem:
      'network.privateHosts.0 (config/default.yaml:2): expected a host name such as "hooks.internal.example", found "https://hooks.internal"',
  },
  {
    name: 'playbooks: a trigger naming a status the model lacks',
    files: { 'config/default.yaml': 'success:\n  playbooksDir: mine\n', 'mine/custom.yaml': PLAYBOOK },
    problem:
      'trigger.statusBecame (DIR/mine/custom.yaml:5): unknown status "Purple" (config/health-model.yaml): expected one of "Green", "Yellow", "Red"',
  },
  {
    name: 'playbooks: a folder that does not exist',
    files: { 'config/default.yaml': 'success:\n  playbooksDir: nowhere\n' },
    problem: 'DIR/nowhere: cannot read the playbook folder (ENOENT)',
  },
  {
    name: 'PULSE_CONFIG naming a file that does not exist',
    env: { PULSE_CONFIG: 'config/missing.yaml' },
    problem: 'PULSE_CONFIG: file not found: config/missing.yaml',
  },
];

describe('a broken configuration', () => {
  it('covers at least 30 broken configurations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('is refused with the key named: $name', async ({ files, env, problem }) => {
    const cwd = tempConfigDir(files);
    const result = await runPulse(['config', 'check'], { cwd, ...(env ? { env } : {}) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^(Configuration|Success playbooks) (is|are) invalid \(\d+ problems?\):$/);
    expect(lines.slice(1)).toContain(`  - ${problem.replace('DIR', cwd)}`);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(result.stderr).not.toContain('TopSecretValue');
  });

  it('lists every problem at once, not just the first', async () => {
    const result = await runPulse(['config', 'check'], {
      cwd: tempConfigDir({ 'config/default.yaml': 'sync:\n  timeZone: Nowhere\n  commitLag: 5\n' }),
      env: { LOG_LEVEL: 'loud', REDIS_URL: 'nope' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Configuration is invalid \(4 problems\):/);
    for (const key of ['sync.timeZone', 'sync.commitLag', 'log.level (LOG_LEVEL)', 'redis.url (REDIS_URL)']) {
      expect(result.stderr).toContain(`  - ${key}`);
    }
  });

  it('is refused by every command that loads configuration, not only `config check`', async () => {
    const result = await runPulse(['demo'], { cwd: tempConfigDir(), env: { LOG_FORMAT: 'xml' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'log.format (LOG_FORMAT): expected one of "auto", "json", "pretty", found "xml"',
    );
  });
});
