/**
 * The import boundaries of DESIGN.md, checked on every `npm run lint`:
 * main -> cli, http, jobs -> sync -> success, diagnostics -> health, salesforce -> config,
 * with errors/, redaction/ and logging/ as leaves anyone may use.
 */
const notFrom = (...folders) => `^(?!(${folders.join('|')})/)`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order and testing fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'jsforce-only-in-salesforce',
      severity: 'error',
      comment: 'Only src/salesforce/ talks to Salesforce (DESIGN.md, "Layout").',
      // Tests of the Salesforce layer and of the emulator's compatibility with jsforce may use it directly, and
      // so may bench/'s plain-jsforce baseline (what a user would otherwise write).
      from: { path: notFrom('src/salesforce', 'test/(unit|integration)/(salesforce|emulator)', 'bench') },
      to: { path: '(^|/)node_modules/jsforce/' },
    },
    {
      name: 'bullmq-only-in-queue-and-jobs',
      severity: 'error',
      comment: 'Only src/queue/, jobs/ and the composition roots know about BullMQ.',
      from: { path: notFrom('src/queue', 'jobs', 'src/main') },
      to: { path: '(^|/)node_modules/bullmq/' },
    },
    {
      name: 'express-only-in-http',
      severity: 'error',
      comment: 'Only src/http/ imports express.',
      from: { path: notFrom('src/http') },
      to: { path: '(^|/)node_modules/express/' },
    },
    {
      name: 'health-is-pure',
      severity: 'error',
      comment:
        'src/health/ does no I/O: zod, luxon (calendars), node:crypto (hashing the model) and shared error types only.',
      from: { path: '^src/health/' },
      to: {
        pathNot: ['^src/health/', '^src/errors/', '(^|/)node_modules/(zod|luxon)/', '^crypto$'],
      },
    },
    {
      name: 'emulator-is-independent',
      severity: 'error',
      comment:
        'The emulator speaks the wire format on its own, so it catches our mapping bugs instead of sharing them.',
      from: { path: '^emulator/' },
      to: { path: '^(src|jobs)/' },
    },
    {
      name: 'nothing-imports-main',
      severity: 'error',
      comment: 'src/main/ holds the composition roots; nothing depends on them.',
      from: { path: notFrom('src/main', 'test', 'bench') },
      to: { path: '^src/main/' },
    },
    {
      name: 'entry-layers-are-top',
      severity: 'error',
      comment: 'cli, http and jobs are entry points; lower layers never import them.',
      from: {
        path: '^src/(sync|success|diagnostics|doctor|health|salesforce|config|queue|metrics|errors|redaction|logging)/',
      },
      to: { path: '^(src/(cli|http)|jobs)/' },
    },
    {
      name: 'metrics-above-what-it-reads',
      severity: 'error',
      comment:
        'src/metrics/ reads the figures of sync, queue and salesforce for /metrics; they never import it (main wires the recorder).',
      from: {
        path: '^src/(sync|success|diagnostics|doctor|health|salesforce|config|queue|errors|redaction|logging)/',
      },
      to: { path: '^src/metrics/' },
    },
    {
      name: 'sync-and-diagnostics-above-domain',
      severity: 'error',
      from: { path: '^src/(health|salesforce|config|errors|redaction|logging)/' },
      to: { path: '^src/(sync|success|diagnostics|doctor)/' },
    },
    {
      name: 'success-below-sync',
      severity: 'error',
      comment: 'Runs tell the playbooks what they scored; the playbooks never reach into runs.',
      from: { path: '^src/success/' },
      to: { path: '^src/sync/' },
    },
    {
      name: 'config-is-bottom',
      severity: 'error',
      comment: 'Configuration depends only on the shared leaves.',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: ['^src/(config|errors|redaction)/'] },
    },
    {
      name: 'leaves-are-leaves',
      severity: 'error',
      from: { path: '^src/(errors|redaction|logging)/' },
      to: { path: '^src/', pathNot: ['^src/(errors|redaction|logging)/'] },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      from: { path: '^(src|jobs|emulator)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages through their `exports` maps (e.g. `csv-parse/sync`), as Node does.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
