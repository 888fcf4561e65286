import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { z } from 'zod';

import { ConfigError, loadConfig, loadYamlFile } from '../../../src/config/index.js';
import { tempConfigDir } from '../../support/temp-config.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('loadConfig', () => {
  it('gives every setting a default when there is no configuration at all', () => {
    const config = loadConfig({ cwd: tempConfigDir(), env: {} });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'pulse:', cluster: false });
    expect(config.sync).toMatchObject({ commitLag: 120_000, overlap: 300_000, timeZone: 'UTC' });
    expect(config.orgs).toEqual({});
  });

  it('turns Redis Cluster on from PULSE_REDIS_CLUSTER, and refuses a value that is not a flag', () => {
    const env = { REDIS_URL: 'redis://10.0.0.7:7000', PULSE_REDIS_CLUSTER: 'true' };
    expect(loadConfig({ cwd: tempConfigDir(), env }).redis).toMatchObject({
      url: env.REDIS_URL,
      cluster: true,
    });
    expect(() => loadConfig({ cwd: tempConfigDir(), env: { PULSE_REDIS_CLUSTER: 'yes' } })).toThrow(
      /PULSE_REDIS_CLUSTER/,
    );
    expect(() =>
      loadConfig({ cwd: tempConfigDir(), env: { ...env, REDIS_URL: 'redis://10.0.0.7:7000/2' } }),
    ).toThrow(/only database 0/);
    expect(() =>
      loadConfig({ cwd: tempConfigDir(), env: { ...env, PULSE_REDIS_PREFIX: '{pulse}:' } }),
    ).toThrow(/one slot/);
  });

  it('accepts the shipped config/default.yaml and config/orgs.example.yaml', () => {
    const config = loadConfig({ cwd: repoRoot, env: { PULSE_CONFIG: 'config/orgs.example.yaml' } });
    expect(Object.keys(config.orgs)).toEqual(['acme-prod', 'acme-sandbox']);
    expect(config.orgs['acme-prod']).toMatchObject({
      authFlow: 'jwt',
      apiBudget: { reservePercent: 30 },
      writeBack: false,
      apiVersion: '64.0',
    });
  });

  it('lets the environment override files, and configures a single org from SF_* alone', () => {
    const cwd = tempConfigDir({ 'config/default.yaml': 'http:\n  port: 9000\nlog:\n  level: debug\n' });
    const config = loadConfig({
      cwd,
      env: {
        PULSE_HTTP_PORT: '9100',
        REDIS_URL: 'redis://10.0.0.5:6380/2',
        SF_LOGIN_URL: 'http://127.0.0.1:4010',
        SF_AUTH_FLOW: 'password',
        SF_CLIENT_ID: 'pulse-demo',
        SF_CLIENT_SECRET: 'demo-secret',
        SF_USERNAME: 'admin@pulse.demo',
        SF_PASSWORD: 'demo-password',
        SF_API_VERSION: '62.0',
      },
    });
    expect(config.http.port).toBe(9100);
    expect(config.log.level).toBe('debug');
    expect(config.redis.url).toBe('redis://10.0.0.5:6380/2');
    expect(config.orgs['default']).toMatchObject({
      authFlow: 'password',
      apiVersion: '62.0',
      writeBack: false,
    });
  });

  it('parses durations with units into milliseconds', () => {
    const cwd = tempConfigDir({ 'config/default.yaml': 'sync:\n  commitLag: 90s\n  overlap: 1.5h\n' });
    expect(loadConfig({ cwd, env: {} }).sync).toMatchObject({ commitLag: 90_000, overlap: 5_400_000 });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ cwd: tempConfigDir(), env: { LOG_LEVEL: '' } }).log.level).toBe('info');
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({ cwd: tempConfigDir(), env: {} });
    expect(Object.isFrozen(config.redis)).toBe(true);
    expect(() => {
      (config.redis as { url: string }).url = 'redis://elsewhere';
    }).toThrow(TypeError);
  });
});

describe('loadYamlFile', () => {
  const Model = z.object({ weights: z.record(z.string(), z.number().min(0)) }).strict();

  it('validates a model file against the schema it is given', () => {
    const cwd = tempConfigDir({ 'config/model.yaml': 'weights:\n  support: 2\n' });
    expect(loadYamlFile(path.join(cwd, 'config/model.yaml'), 'config/model.yaml', Model)).toEqual({
      weights: { support: 2 },
    });
  });

  it('names the key and line of a bad value, and a missing file', () => {
    const cwd = tempConfigDir({ 'config/model.yaml': 'weights:\n  support: -1\n' });
    expect(() => loadYamlFile(path.join(cwd, 'config/model.yaml'), 'config/model.yaml', Model)).toThrow(
      'weights.support (config/model.yaml:2): expected at least 0, found -1',
    );
    expect(() => loadYamlFile(path.join(cwd, 'config/none.yaml'), 'config/none.yaml', Model)).toThrow(
      ConfigError,
    );
  });
});
