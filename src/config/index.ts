/** The configuration module's public surface. */
export { ConfigError, formatProblem, type ConfigProblem } from './config-error.js';
export { ENV_KEYS, ENV_ORG_NAME, type Environment } from './env-layer.js';
export { loadConfig, type LoadConfigOptions } from './load-config.js';
export { AUTH_FLOWS, OrgConfig, type AuthFlow } from './org-schema.js';
export {
  Config,
  type AlertsConfig,
  type SuccessConfig,
  type DiagnosticsConfig,
  type HttpConfig,
  type LogConfig,
  type RedisConfig,
  type SyncConfig,
  type WorkerConfig,
} from './schema.js';
export { secretValuesOf } from './secret-values.js';
export { loadYamlFile } from './validate-layer.js';
export { DEFAULT_FIELD_MAPPING, FieldMapping, type FieldMappingKey } from './field-mapping.js';
