import path from 'node:path';
import { baseUrl, ConfigError, loadConfig } from '../../../mock-server/src/config';

const CWD = '/srv/app';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has documented defaults', () => {
    expect(loadConfig({}, CWD)).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: path.join(CWD, 'data/registry.sqlite'),
      databaseUrl: '',
      staticDir: path.join(CWD, 'dist/h5'),
      logLevel: 'info',
      seedOnEmpty: true,
      bodyLimitBytes: 1048576,
      simulatorsEnabled: true,
      presentationTtlSeconds: 300,
      invitationTtlDays: 7,
      uploadMaxBytes: 8 * 1024 * 1024,
      uploadMaxPixels: 40_000_000,
      dataSourceFaults: {},
      dataSourceTimeoutMs: 2000,
      machineSweepSeconds: 300,
      publicBaseUrl: '',
      deliveryChannel: '浙里办「掌上不动产」',
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig(
        {
          PORT: '0',
          HOST: '0.0.0.0',
          DATABASE_PATH: '/var/lib/registry.sqlite',
          DATABASE_URL: 'postgres://registry:secret@db.internal:5432/registry',
          STATIC_DIR: 'build/web',
          LOG_LEVEL: 'WARN',
          SEED_ON_EMPTY: 'false',
          BODY_LIMIT_BYTES: '2048',
          SIMULATORS_ENABLED: 'false',
          INVITATION_TTL_DAYS: '3',
          UPLOAD_MAX_BYTES: '65536',
          UPLOAD_MAX_PIXELS: '1000000',
          DATA_SOURCE_FAULTS: 'civilAffairs:unavailable,housing:slow',
          DATA_SOURCE_TIMEOUT_MS: '500',
          PUBLIC_BASE_URL: 'https://bdc.example.gov.cn',
          DELIVERY_CHANNEL: '浙江政务服务网「不动产登记」',
        },
        CWD,
      ),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      databasePath: '/var/lib/registry.sqlite',
      databaseUrl: 'postgres://registry:secret@db.internal:5432/registry',
      staticDir: path.join(CWD, 'build/web'),
      logLevel: 'warn',
      seedOnEmpty: false,
      bodyLimitBytes: 2048,
      simulatorsEnabled: false,
      presentationTtlSeconds: 300,
      invitationTtlDays: 3,
      uploadMaxBytes: 65536,
      uploadMaxPixels: 1_000_000,
      dataSourceFaults: { civilAffairs: 'unavailable', housing: 'slow' },
      dataSourceTimeoutMs: 500,
      machineSweepSeconds: 300,
      publicBaseUrl: 'https://bdc.example.gov.cn',
      deliveryChannel: '浙江政务服务网「不动产登记」',
    });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: ' ' }, CWD)).toMatchObject({
      port: 3000,
      logLevel: 'info',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['HOST', 'local host'],
    ['HOST', 'http://127.0.0.1'],
    ['LOG_LEVEL', 'verbose'],
    ['SEED_ON_EMPTY', 'yes'],
    ['BODY_LIMIT_BYTES', '1mb'],
    ['BODY_LIMIT_BYTES', '10'],
    ['BODY_LIMIT_BYTES', '999999999999'],
    ['DATABASE_PATH', 'data/\0evil'],
    ['STATIC_DIR', 'dist/\0h5'],
    ['DATA_SOURCE_FAULTS', 'police:slow'],
    ['DATA_SOURCE_FAULTS', 'civilAffairs:broken'],
    ['DATA_SOURCE_TIMEOUT_MS', '5'],
    ['MACHINE_SWEEP_SECONDS', '0'],
    ['PUBLIC_BASE_URL', 'https://bdc.example.gov.cn/verify'],
    ['PUBLIC_BASE_URL', 'javascript:alert(1)'],
    ['DELIVERY_CHANNEL', '<script>'],
    ['DELIVERY_CHANNEL', '浙里办'.repeat(14)],
  ])('names %s in the message for the bad value %j', (variable, value) => {
    const err = errorOf({ [variable]: value });
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable} `)).toBe(true);
    expect(err.message).toContain(JSON.stringify(value));
  });

  it('explains the PORT rule', () => {
    expect(errorOf({ PORT: 'abc' }).message).toBe(
      'PORT 必须是 0–65535 的整数（0 表示随机端口） (got "abc")',
    );
  });

  it('takes a PostgreSQL URL in DATABASE_URL (postgres:// or postgresql://)', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://127.0.0.1/registry' }, CWD).databaseUrl).toBe(
      'postgresql://127.0.0.1/registry',
    );
    expect(loadConfig({ DATABASE_URL: ' ' }, CWD).databaseUrl).toBe('');
  });

  it.each([
    'mysql://u:p@db/registry',
    'postgres://u:p@db',
    'postgres://u:secret-password@/registry',
    'registry.sqlite',
  ])('refuses DATABASE_URL %j without repeating it (it may carry a password)', (value) => {
    const err = errorOf({ DATABASE_URL: value });
    expect(err.variable).toBe('DATABASE_URL');
    expect(err.message).toMatch(/^DATABASE_URL 必须是 postgres:\/\//);
    expect(err.message).not.toContain(value);
    expect(err.message).not.toContain('secret');
  });

  it('accepts IPv6 hosts and prints them in brackets', () => {
    const c = loadConfig({ HOST: '::1', PORT: '8080' }, CWD);
    expect(c.host).toBe('::1');
    expect(baseUrl(c.host, c.port)).toBe('http://[::1]:8080/');
    expect(baseUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000/');
  });
});
