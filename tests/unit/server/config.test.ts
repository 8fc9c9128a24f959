import path from 'node:path';
import { SCRYPT_COST } from '../../../mock-server/src/adapters/staff/password';
import { baseUrl, ConfigError, loadConfig } from '../../../mock-server/src/config';

const CWD = '/srv/app';
const DEMO = { DEMO: 'true' };
/** an SM2 public key (a point of the curve), as an identity platform publishes it */
const PLATFORM_KEY =
  '04cb79bea697a5f90c00fd7d6bb8eb74f78c0b94542f9eb082f626d07b3cb7c2cecbb70aded5cb7124695bf72de3e85c7587bcfc9db97852dcfd514ef252001f5e';
/** a real deployment's identity platform (the simulators are off outside demo mode) */
const REAL_IDENTITY_ENV = {
  IDENTITY_PLATFORM_URL: 'https://idp.example.gov.cn',
  IDENTITY_PLATFORM_PUBLIC_KEY: PLATFORM_KEY,
  IDENTITY_PLATFORM_APP_KEY: 'app-key-0123456789',
};

function errorOf(env: Record<string, string>, base: Record<string, string> = DEMO): ConfigError {
  try {
    loadConfig({ ...base, ...env }, CWD);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has documented defaults (demo mode)', () => {
    expect(loadConfig({ DEMO: 'true' }, CWD)).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: path.join(CWD, 'data/registry.sqlite'),
      databaseUrl: '',
      staticDir: path.join(CWD, 'dist/h5'),
      logLevel: 'info',
      demo: true,
      seedOnEmpty: true,
      bodyLimitBytes: 1048576,
      simulatorsEnabled: true,
      identityPlatform: { kind: 'simulator', promptMs: 1800 },
      keyDir: path.join(CWD, 'data/keys'),
      trustProxy: false,
      presentationTtlSeconds: 300,
      invitationTtlDays: 7,
      uploadMaxBytes: 8 * 1024 * 1024,
      uploadMaxPixels: 40_000_000,
      dataSourceFaults: {},
      dataSourceTimeoutMs: 2000,
      machineSweepSeconds: 300,
      statusStreamHeartbeatMs: 15000,
      feeBeforeRecording: false,
      publicBaseUrl: '',
      deliveryChannel: '浙里办「掌上不动产」',
      passwordScryptCost: 16384,
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
          NODE_ENV: 'production',
          SEED_ON_EMPTY: 'false',
          BODY_LIMIT_BYTES: '2048',
          SIMULATORS_ENABLED: 'false',
          IDENTITY_PLATFORM_URL: 'https://idp.example.gov.cn/api/',
          IDENTITY_PLATFORM_PUBLIC_KEY: PLATFORM_KEY.toUpperCase(),
          IDENTITY_PLATFORM_APP_KEY: 'app-key-0123456789',
          KEY_DIR: '/etc/registry/keys',
          TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
          INVITATION_TTL_DAYS: '3',
          UPLOAD_MAX_BYTES: '65536',
          UPLOAD_MAX_PIXELS: '1000000',
          DATA_SOURCE_FAULTS: 'civilAffairs:unavailable,housing:slow',
          DATA_SOURCE_TIMEOUT_MS: '500',
          PUBLIC_BASE_URL: 'https://bdc.example.gov.cn',
          DELIVERY_CHANNEL: '浙江政务服务网「不动产登记」',
          FEE_BEFORE_RECORDING: 'true',
          PASSWORD_SCRYPT_COST: '32768',
          STATUS_STREAM_HEARTBEAT_MS: '5000',
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
      demo: false,
      seedOnEmpty: false,
      bodyLimitBytes: 2048,
      simulatorsEnabled: false,
      identityPlatform: {
        kind: 'http',
        url: 'https://idp.example.gov.cn/api',
        publicKeyHex: PLATFORM_KEY,
        appKey: 'app-key-0123456789',
      },
      keyDir: '/etc/registry/keys',
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      presentationTtlSeconds: 300,
      invitationTtlDays: 3,
      uploadMaxBytes: 65536,
      uploadMaxPixels: 1_000_000,
      dataSourceFaults: { civilAffairs: 'unavailable', housing: 'slow' },
      dataSourceTimeoutMs: 500,
      machineSweepSeconds: 300,
      statusStreamHeartbeatMs: 5000,
      feeBeforeRecording: true,
      publicBaseUrl: 'https://bdc.example.gov.cn',
      deliveryChannel: '浙江政务服务网「不动产登记」',
      passwordScryptCost: 32768,
    });
  });

  it('hashes new passwords at the production scrypt cost unless demo mode lowers it', () => {
    // the production cost whatever the mode, unless set
    expect(loadConfig(REAL_IDENTITY_ENV, CWD).passwordScryptCost).toBe(SCRYPT_COST);
    expect(loadConfig(DEMO, CWD).passwordScryptCost).toBe(SCRYPT_COST);
    expect(SCRYPT_COST).toBe(16384);
    expect(loadConfig({ DEMO: 'true', PASSWORD_SCRYPT_COST: '1024' }, CWD).passwordScryptCost).toBe(
      1024,
    );
    // never below it in a real deployment
    const err = errorOf({ PASSWORD_SCRYPT_COST: '8192' }, { DEMO: 'false', ...REAL_IDENTITY_ENV });
    expect(err.variable).toBe('PASSWORD_SCRYPT_COST');
    expect(err.message).toMatch(/演示模式/);
  });

  it('paces the simulated face check by FACE_SIM_PROMPT_MS, within 0.3–10 s', () => {
    expect(loadConfig({ DEMO: 'true', FACE_SIM_PROMPT_MS: '600' }, CWD).identityPlatform).toEqual({
      kind: 'simulator',
      promptMs: 600,
    });
    for (const v of ['100', '20000', '1.5', 'fast'])
      expect(errorOf({ FACE_SIM_PROMPT_MS: v }, DEMO).variable).toBe('FACE_SIM_PROMPT_MS');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DEMO: 'true', PORT: '', LOG_LEVEL: ' ' }, CWD)).toMatchObject({
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
    ['STATUS_STREAM_HEARTBEAT_MS', '10'],
    ['PUBLIC_BASE_URL', 'https://bdc.example.gov.cn/verify'],
    ['PUBLIC_BASE_URL', 'javascript:alert(1)'],
    ['DELIVERY_CHANNEL', '<script>'],
    ['DELIVERY_CHANNEL', '浙里办'.repeat(14)],
    ['PASSWORD_SCRYPT_COST', '1000'],
    ['PASSWORD_SCRYPT_COST', '512'],
    ['PASSWORD_SCRYPT_COST', '2097152'],
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
    expect(
      loadConfig({ ...DEMO, DATABASE_URL: 'postgresql://127.0.0.1/registry' }, CWD).databaseUrl,
    ).toBe('postgresql://127.0.0.1/registry');
    expect(loadConfig({ ...DEMO, DATABASE_URL: ' ' }, CWD).databaseUrl).toBe('');
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
    const c = loadConfig({ ...DEMO, HOST: '::1', PORT: '8080' }, CWD);
    expect(c.host).toBe('::1');
    expect(baseUrl(c.host, c.port)).toBe('http://[::1]:8080/');
    expect(baseUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000/');
  });
});

describe('demo mode and real deployments', () => {
  const REAL_IDENTITY = {
    IDENTITY_PLATFORM_URL: 'https://idp.example.gov.cn',
    IDENTITY_PLATFORM_PUBLIC_KEY: PLATFORM_KEY,
    IDENTITY_PLATFORM_APP_KEY: 'app-key-0123456789',
  };

  it.each([
    [{ NODE_ENV: 'development' }, true],
    [{ NODE_ENV: 'test' }, true],
    [{ NODE_ENV: 'production', DEMO: 'true' }, true],
    [{ NODE_ENV: 'development', DEMO: 'false', ...REAL_IDENTITY }, false],
    [{ NODE_ENV: 'production', ...REAL_IDENTITY }, false],
    [{ ...REAL_IDENTITY }, false],
  ])('%j is demo mode: %s (simulators and seeding follow it)', (env, demo) => {
    const c = loadConfig(env, CWD);
    expect(c).toMatchObject({ demo, simulatorsEnabled: demo, seedOnEmpty: demo });
    expect(c.identityPlatform.kind).toBe(demo ? 'simulator' : 'http');
  });

  it('refuses to start without an identity platform when the simulators are off', () => {
    const err = errorOf({ NODE_ENV: 'production' }, {});
    expect(err.variable).toBe('IDENTITY_PLATFORM_URL');
    expect(err.message).toContain('DEMO=true');
  });

  it.each([['SIMULATORS_ENABLED'], ['SEED_ON_EMPTY']])(
    'refuses %s=true outside demo mode, saying why',
    (variable) => {
      const err = errorOf({ NODE_ENV: 'production', ...REAL_IDENTITY, [variable]: 'true' }, {});
      expect(err.variable).toBe(variable);
      expect(err.message).toContain('演示模式');
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', 'registry.example.gov.cn'])(
    'refuses HOST=%s with the simulators on unless DEMO_ALLOW_PUBLIC_HOST=true',
    (host) => {
      const err = errorOf({ NODE_ENV: 'production', DEMO: 'true', HOST: host }, {});
      expect(err.variable).toBe('HOST');
      expect(err.message).toContain('DEMO_ALLOW_PUBLIC_HOST=true');
      expect(
        loadConfig(
          { NODE_ENV: 'production', DEMO: 'true', HOST: host, DEMO_ALLOW_PUBLIC_HOST: 'true' },
          CWD,
        ).simulatorsEnabled,
      ).toBe(true);
      // without the simulators any address is fine
      expect(loadConfig({ NODE_ENV: 'production', HOST: host, ...REAL_IDENTITY }, CWD).host).toBe(
        host,
      );
    },
  );

  it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost'])('takes loopback %s in demo mode', (h) => {
    expect(loadConfig({ DEMO: 'true', HOST: h }, CWD).simulatorsEnabled).toBe(true);
  });

  it.each([
    ['IDENTITY_PLATFORM_URL', 'http://idp.example.gov.cn'],
    ['IDENTITY_PLATFORM_URL', 'ftp://idp.example.gov.cn'],
    ['IDENTITY_PLATFORM_PUBLIC_KEY', '04abcd'],
    ['IDENTITY_PLATFORM_PUBLIC_KEY', `04${'ab'.repeat(64)}`],
    ['TRUST_PROXY', 'everyone'],
  ])('refuses %s=%j', (variable, value) => {
    const err = errorOf({ NODE_ENV: 'production', ...REAL_IDENTITY, [variable]: value }, {});
    expect(err.variable).toBe(variable);
  });

  it('never repeats the identity platform app key', () => {
    const err = errorOf(
      { NODE_ENV: 'production', ...REAL_IDENTITY, IDENTITY_PLATFORM_APP_KEY: 'short secret' },
      {},
    );
    expect(err.variable).toBe('IDENTITY_PLATFORM_APP_KEY');
    expect(err.message).not.toContain('short secret');
  });

  it.each([
    ['true', true],
    ['2', 2],
    ['false', false],
  ])('reads TRUST_PROXY=%s', (raw, value) => {
    expect(loadConfig({ DEMO: 'true', TRUST_PROXY: raw }, CWD).trustProxy).toEqual(value);
  });
});
