/**
 * Loads the configuration once at start-up: `config/default.yaml`, then the orgs file
 * (`config/orgs.yaml`, or the file `PULSE_CONFIG` names), then the environment. Returns a deeply
 * frozen `Config`, or throws one `ConfigError` listing every problem.
 */
import path from 'node:path';

import { mergeLayers } from './config-layer.js';
import { readEnvLayer, type Environment } from './env-layer.js';
import { Config } from './schema.js';
import { validateLayer } from './validate-layer.js';
import { readYamlLayer } from './yaml-layer.js';

export interface LoadConfigOptions {
  readonly env: Environment;
  /** Relative paths (and `PULSE_CONFIG_DIR`, `PULSE_CONFIG`) resolve against this. */
  readonly cwd: string;
}

export function loadConfig(options: LoadConfigOptions): Config {
  const { env, cwd } = options;
  const display = (file: string): string => path.relative(cwd, file) || file;
  const configDir = path.resolve(cwd, env['PULSE_CONFIG_DIR'] || 'config');
  const orgsFile = env['PULSE_CONFIG']
    ? path.resolve(cwd, env['PULSE_CONFIG'])
    : path.join(configDir, 'orgs.yaml');

  const merged = mergeLayers([
    readYamlLayer(path.join(configDir, 'default.yaml'), display(path.join(configDir, 'default.yaml')), {
      required: false,
    }),
    readYamlLayer(orgsFile, display(orgsFile), {
      required: Boolean(env['PULSE_CONFIG']),
      requiredBy: 'PULSE_CONFIG',
    }),
    readEnvLayer(env),
  ]);

  return validateLayer(merged, Config);
}
