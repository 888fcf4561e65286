/**
 * `pulse config check`: validates the configuration and prints what Pulse will use, with secrets
 * hidden. The first thing to run after editing `config/` or the environment.
 */
import type { Command } from 'commander';

import type { Config } from '../../config/index.js';
import type { HealthModel } from '../../health/index.js';
import type { SuccessPlaybook } from '../../success/playbook-schema.js';
import type { CliContext } from '../cli-context.js';

function describeConfig(config: Config, model: HealthModel, playbooks: readonly SuccessPlaybook[]): string {
  const orgs = Object.entries(config.orgs);
  const lines = [
    'Configuration is valid.',
    `  redis:  ${config.redis.url} (key prefix "${config.redis.keyPrefix}")`,
    `  http:   ${config.http.host}:${config.http.port}`,
    `  sync:   "${config.sync.schedule}" (${config.sync.timeZone}), full pass "${config.sync.fullPassSchedule}"`,
    `  worker: ${config.worker.concurrency} jobs at once per org, ${config.sync.batchSize} accounts per batch, a dead worker's job moves after ${config.worker.lockDuration / 1000} s`,
    `  health: ${model.config.bands.length} bands, ${model.config.groups.length} groups, SLA calendars: ${model.sla.calendars.size} (model ${model.version})`,
    `  playbooks: ${config.success.enabled ? `${playbooks.filter((p) => p.enabled).length} of ${playbooks.length} enabled` : 'off (success.enabled: false)'}`,
    `  orgs:   ${orgs.length === 0 ? 'none configured (see config/orgs.example.yaml)' : orgs.length}`,
    ...orgs.map(([name, org]) => {
      const mode = org.shadow ? 'shadow' : org.writeBack ? 'write-back on' : 'write-back off';
      return `    - ${name}: ${org.authFlow} at ${org.loginUrl}, API ${org.apiVersion}, ${mode}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerConfigCheck(program: Command, context: CliContext): void {
  const config = program.command('config').description('Inspect the configuration');
  config
    .command('check')
    .description('Validate config/*.yaml and the environment; print the result with secrets hidden')
    .option('--json', 'print the parsed configuration as JSON')
    .action((options: { json?: boolean }) => {
      const loaded = context.loadConfig();
      // The other files an edit can break: refused here, not hours later inside a job.
      const model = context.loadHealthModel({});
      const playbooks = context.loadPlaybooks(loaded, model);
      const redacted = context.redactValue(loaded) as Config;
      context.stdout.write(
        options.json ? `${JSON.stringify(redacted, null, 2)}\n` : describeConfig(redacted, model, playbooks),
      );
    });
}
