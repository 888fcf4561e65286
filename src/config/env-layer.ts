/**
 * The environment as a configuration layer. Each variable maps to one key; a single org can be
 * configured from `SF_*` variables alone (it is named `default`). A `PULSE_*` variable that is not a
 * setting is reported, since it is almost always a typo of one that is.
 */
import type { ConfigProblem } from './config-error.js';
import type { ConfigLayer, ValueOrigin } from './config-layer.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** The org an environment-only configuration defines. */
export const ENV_ORG_NAME = 'default';

/** Variable -> configuration key. The README's configuration table mirrors this. */
export const ENV_KEYS: Readonly<Record<string, readonly string[]>> = {
  REDIS_URL: ['redis', 'url'],
  PULSE_REDIS_PREFIX: ['redis', 'keyPrefix'],
  PULSE_REDIS_CLUSTER: ['redis', 'cluster'],
  LOG_LEVEL: ['log', 'level'],
  LOG_FORMAT: ['log', 'format'],
  PULSE_HTTP_HOST: ['http', 'host'],
  PULSE_HTTP_PORT: ['http', 'port'],
  PULSE_ALERTS_WEBHOOK_URL: ['alerts', 'webhookUrl'],
  PULSE_SUCCESS_WEBHOOK_URL: ['success', 'webhookUrl'],
  SF_LOGIN_URL: ['orgs', ENV_ORG_NAME, 'loginUrl'],
  SF_AUTH_FLOW: ['orgs', ENV_ORG_NAME, 'authFlow'],
  SF_CLIENT_ID: ['orgs', ENV_ORG_NAME, 'clientId'],
  SF_CLIENT_SECRET: ['orgs', ENV_ORG_NAME, 'clientSecret'],
  SF_USERNAME: ['orgs', ENV_ORG_NAME, 'username'],
  SF_PASSWORD: ['orgs', ENV_ORG_NAME, 'password'],
  SF_SECURITY_TOKEN: ['orgs', ENV_ORG_NAME, 'securityToken'],
  SF_PRIVATE_KEY_FILE: ['orgs', ENV_ORG_NAME, 'privateKeyFile'],
  SF_REFRESH_TOKEN: ['orgs', ENV_ORG_NAME, 'refreshToken'],
  SF_API_VERSION: ['orgs', ENV_ORG_NAME, 'apiVersion'],
};

/** Variables that choose files rather than set a key; read by the loader itself. */
export const FILE_VARIABLES = ['PULSE_CONFIG', 'PULSE_CONFIG_DIR'] as const;

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = (node[part] ??= {}) as Record<string, unknown>;
    node = next;
  }
  node[path[path.length - 1] as string] = value;
}

export function readEnvLayer(env: Environment): ConfigLayer {
  const data: Record<string, unknown> = {};
  const origins = new Map<string, ValueOrigin>();
  const problems: ConfigProblem[] = [];
  for (const [name, value] of Object.entries(env)) {
    // An empty variable counts as unset, as `docker run -e NAME=` and compose files produce them.
    if (value === undefined || value === '') continue;
    const path = ENV_KEYS[name];
    if (path) {
      setPath(data, path, value);
      origins.set(path.join('.'), { where: name, raw: value });
      // A key an SF_* variable left out is blamed on the variables, not on some YAML line.
      if (path[0] === 'orgs' && !origins.has(`orgs.${ENV_ORG_NAME}`)) {
        origins.set(`orgs.${ENV_ORG_NAME}`, { where: 'SF_* variables', raw: undefined });
      }
    } else if (name.startsWith('PULSE_') && !(FILE_VARIABLES as readonly string[]).includes(name)) {
      problems.push({
        key: name,
        message: 'is not a Pulse setting (see the configuration table in README.md)',
      });
    }
  }
  return { data, origins, problems };
}
