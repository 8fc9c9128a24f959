/**
 * Configuration from environment variables, validated once at start. A bad value throws a
 * ConfigError whose message names the variable, the rule and the value it got.
 */
import path from 'node:path';
import { parseDataSourceFaults, type DataSourceFaultMode } from './adapters/data-sources/faults';
import { decodePublicKeyHex } from './domain/crypto';
import type { DataSourceCode } from './ports/sharedData';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** absolute path of the SQLite file (the store unless databaseUrl is set) */
  databasePath: string;
  /**
   * postgres://user:password@host:port/database: the store is this PostgreSQL database (several
   * registry nodes may share it); empty: the SQLite file at databasePath.
   */
  databaseUrl: string;
  /** absolute path of the built H5 app */
  staticDir: string;
  logLevel: LogLevel;
  /**
   * the demonstration mode (DEMO=true, or NODE_ENV development/test without DEMO): the only mode
   * in which the simulators, demo seeding and demo staff passwords exist
   */
  demo: boolean;
  seedOnEmpty: boolean;
  bodyLimitBytes: number;
  /**
   * the simulators of the outside parties and their helper routes (/api/v1/sim/*, e.g. the
   * 浙里办 container): demo mode only; a real deployment uses the real adapters (identityPlatform)
   */
  simulatorsEnabled: boolean;
  /** the identity platform (实名认证/人脸识别, 浙里办 ticket exchange): the simulator or the real one */
  identityPlatform: IdentityPlatformConfig;
  /** folder of the private key files (0600, readable by the server alone) */
  keyDir: string;
  /**
   * Fastify's trustProxy: which proxies' X-Forwarded-For/-Proto are believed, so that behind a
   * TLS proxy the staff cookie is Secure and HSTS is sent; false: none (direct connections)
   */
  trustProxy: boolean | number | string[];
  /** lifetime of a presentation token (亮证码), seconds, ≤ 300 (tests shorten it) */
  presentationTtlSeconds: number;
  /** invitation lifetime (days), largest upload (bytes) and image size (pixels) */
  invitationTtlDays: number;
  uploadMaxBytes: number;
  uploadMaxPixels: number;
  /** demo/test faults of the shared-data sources, e.g. civilAffairs:unavailable */
  dataSourceFaults: Partial<Record<DataSourceCode, DataSourceFaultMode>>;
  /** how long the registry waits for a data source per attempt, ms */
  dataSourceTimeoutMs: number;
  /**
   * how often each node's machine looks for cases whose 补正期限 has passed, seconds (it also
   * looks at start)
   */
  machineSweepSeconds: number;
  /**
   * how often an open signing status stream sends a keep-alive comment and checks that its
   * session is still live (a stream whose session idled out is closed then), ms
   */
  statusStreamHeartbeatMs: number;
  /**
   * FEE_BEFORE_RECORDING: recording waits for the registration fee (the review's fee.paid rule
   * holds the case in 待缴税费 until the 财政电子票据 checks out, docs/registry-facts.md §14).
   * Off by default while the apps and flows that pay only the tax are moved to the fee card.
   */
  feeBeforeRecording: boolean;
  /**
   * the public origin printed in the certificate PDF's QR (https://host[:port]); empty:
   * the origin the request came to (development). Set it in production so that a Host header
   * cannot choose the address on a signed PDF.
   */
  publicBaseUrl: string;
  /**
   * where citizens receive the registry's results, as the notices name it (the 受理凭证: 登记结果将
   * 通过…送达); default 浙里办「掌上不动产」, the platform citizens know (台政办发〔2021〕20号)
   */
  deliveryChannel: string;
  /**
   * scrypt's cost N of new staff and surveying-firm password hashes: 16384 (the production cost,
   * adapters/staff/password.ts); only demo mode may set less (the test harnesses do, so that
   * hundreds of registries started in a test run do not each spend a second hashing the demo
   * accounts' passwords). A stored hash keeps its cost: verifying never depends on it.
   */
  passwordScryptCost: number;
}

/**
 * The identity platform the face check and the 浙里办 login go to: the simulator (demo mode
 * only) or the real platform's gateway at `url`, whose assertions are checked with its published
 * SM2 public key; `appKey` is sent as the registry's credential.
 */
export type IdentityPlatformConfig =
  | {
      kind: 'simulator';
      /** how long the simulated platform shows each liveness prompt (FACE_SIM_PROMPT_MS) */
      promptMs: number;
    }
  | { kind: 'http'; url: string; publicKeyHex: string; appKey: string };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const CONFIG_DEFAULTS = {
  PORT: '3000',
  HOST: '127.0.0.1',
  DATABASE_PATH: 'data/registry.sqlite',
  DATABASE_URL: '',
  STATIC_DIR: 'dist/h5',
  LOG_LEVEL: 'info',
  DEMO: '',
  NODE_ENV: '',
  SEED_ON_EMPTY: '',
  BODY_LIMIT_BYTES: String(1024 * 1024),
  SIMULATORS_ENABLED: '',
  DEMO_ALLOW_PUBLIC_HOST: 'false',
  IDENTITY_PLATFORM_URL: '',
  FACE_SIM_PROMPT_MS: '1800',
  IDENTITY_PLATFORM_PUBLIC_KEY: '',
  IDENTITY_PLATFORM_APP_KEY: '',
  KEY_DIR: '',
  TRUST_PROXY: 'false',
  PRESENTATION_TTL_SECONDS: '300',
  INVITATION_TTL_DAYS: '7',
  UPLOAD_MAX_BYTES: String(8 * 1024 * 1024),
  UPLOAD_MAX_PIXELS: '40000000',
  DATA_SOURCE_FAULTS: '',
  DATA_SOURCE_TIMEOUT_MS: '2000',
  MACHINE_SWEEP_SECONDS: '300',
  STATUS_STREAM_HEARTBEAT_MS: '15000',
  FEE_BEFORE_RECORDING: '',
  PUBLIC_BASE_URL: '',
  DELIVERY_CHANNEL: '浙里办「掌上不动产」',
  PASSWORD_SCRYPT_COST: '16384',
} as const;

/** The production cost of new password hashes; less only in demo mode (PASSWORD_SCRYPT_COST). */
const PRODUCTION_SCRYPT_COST = 16384;

const MAX_BODY_LIMIT = 64 * 1024 * 1024;
type Env = Record<string, string | undefined>;

/** Reads a variable; unset and empty both mean "use the default". */
function read(env: Env, name: keyof typeof CONFIG_DEFAULTS): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? CONFIG_DEFAULTS[name] : v.trim();
}

const bad = (name: string, rule: string, value: string) =>
  new ConfigError(name, `${name} ${rule} (got ${JSON.stringify(value)})`);

function integer(
  env: Env,
  name: keyof typeof CONFIG_DEFAULTS,
  min: number,
  max: number,
  rule: string,
) {
  const raw = read(env, name);
  if (!/^\d+$/.test(raw)) throw bad(name, rule, raw);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(name, rule, raw);
  return n;
}

function filePath(env: Env, name: keyof typeof CONFIG_DEFAULTS, cwd: string, rule: string): string {
  const raw = read(env, name);
  if (raw.includes('\0')) throw bad(name, rule, raw);
  return raw === ':memory:' ? raw : path.resolve(cwd, raw);
}

/** What the command-line tools need: where the store and the key files are, and the mode. */
export type StoreConfig = Pick<Config, 'databasePath' | 'databaseUrl' | 'keyDir' | 'demo'>;

/** The store part of the configuration (npm run twins, keys:rotate, staff:create, …). */
export function loadStoreConfig(env: Env = process.env, cwd: string = process.cwd()): StoreConfig {
  const databasePath = filePath(env, 'DATABASE_PATH', cwd, '必须是数据库文件路径');
  return {
    databasePath,
    databaseUrl: databaseUrlOf(env),
    keyDir: keyDirOf(env, cwd, databasePath),
    demo: demoMode(env),
  };
}

function databaseUrlOf(env: Env): string {
  const databaseUrl = read(env, 'DATABASE_URL');
  if (databaseUrl && !isDatabaseUrl(databaseUrl)) {
    // the message never repeats the value: it may carry a password
    throw new ConfigError(
      'DATABASE_URL',
      'DATABASE_URL 必须是 postgres://用户:密码@主机:端口/数据库 形式的 PostgreSQL 地址，或留空使用 SQLite 文件',
    );
  }
  return databaseUrl;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const port = integer(env, 'PORT', 0, 65535, '必须是 0–65535 的整数（0 表示随机端口）');

  const host = read(env, 'HOST');
  if (
    !/^(\[?[0-9A-Fa-f:.]+\]?|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/.test(
      host,
    )
  ) {
    throw bad('HOST', '必须是主机名或 IP 地址，例如 127.0.0.1 或 0.0.0.0', host);
  }

  const databasePath = filePath(env, 'DATABASE_PATH', cwd, '必须是数据库文件路径');
  const staticDir = filePath(env, 'STATIC_DIR', cwd, '必须是目录路径');

  const databaseUrl = databaseUrlOf(env);

  const logLevel = read(env, 'LOG_LEVEL').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw bad('LOG_LEVEL', `必须是 ${LOG_LEVELS.join('/')} 之一`, read(env, 'LOG_LEVEL'));
  }

  const demo = demoMode(env);
  const seedOnEmpty = flag(env, 'SEED_ON_EMPTY', demo);
  const simulatorsEnabled = flag(env, 'SIMULATORS_ENABLED', demo);
  if (!demo && simulatorsEnabled) {
    throw new ConfigError(
      'SIMULATORS_ENABLED',
      'SIMULATORS_ENABLED=true 只能用于演示模式（DEMO=true 或 NODE_ENV=development/test）：模拟器让任何人以任何身份登录、写入登记簿。' +
        ' Simulators let anyone sign in as anyone; they run in demo mode only.',
    );
  }
  if (!demo && seedOnEmpty) {
    throw new ConfigError(
      'SEED_ON_EMPTY',
      'SEED_ON_EMPTY=true 只能用于演示模式（DEMO=true）：演示数据含公开的示例人员和工作人员口令。' +
        ' Demo seeding (fictitious register, published staff passwords) runs in demo mode only.',
    );
  }
  if (simulatorsEnabled && !isLoopback(host) && !flag(env, 'DEMO_ALLOW_PUBLIC_HOST', false)) {
    throw new ConfigError(
      'HOST',
      `HOST=${host} 不是本机回环地址，而模拟器已开启：任何能访问该地址的人都能以任何身份登录、写入登记簿。` +
        '请改用 HOST=127.0.0.1，或关闭演示模式并配置真实的外部系统；确需对外演示时设置 DEMO_ALLOW_PUBLIC_HOST=true。' +
        ` Refusing to listen on a non-loopback address (${host}) with the simulators on.`,
    );
  }
  const identityPlatform = identityPlatformOf(env, simulatorsEnabled);
  const trustProxy = trustProxyOf(env);

  const bodyLimitBytes = integer(
    env,
    'BODY_LIMIT_BYTES',
    1024,
    MAX_BODY_LIMIT,
    `必须是 1024–${MAX_BODY_LIMIT} 之间的整数（字节）`,
  );

  const presentationTtlSeconds = integer(
    env,
    'PRESENTATION_TTL_SECONDS',
    5,
    300,
    '必须是 5–300 之间的整数（秒，亮证码有效期最长5分钟）',
  );

  const faultsRaw = read(env, 'DATA_SOURCE_FAULTS');
  const faults = parseDataSourceFaults(faultsRaw);
  if (!faults.ok) {
    throw bad(
      'DATA_SOURCE_FAULTS',
      `必须是 数据源:模式 的逗号分隔列表，例如 civilAffairs:unavailable,housing:slow（${faults.problem}）`,
      faultsRaw,
    );
  }

  const publicBaseUrl = read(env, 'PUBLIC_BASE_URL');
  if (publicBaseUrl && !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(publicBaseUrl)) {
    throw bad(
      'PUBLIC_BASE_URL',
      '必须是 http(s)://主机[:端口]，不带路径，例如 https://bdc.example.gov.cn',
      publicBaseUrl,
    );
  }

  const deliveryChannel = read(env, 'DELIVERY_CHANNEL');
  const printable = [...deliveryChannel].every((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f');
  if (!printable || [...deliveryChannel].length > 40 || /["'<>\\]/.test(deliveryChannel)) {
    throw bad(
      'DELIVERY_CHANNEL',
      '必须是 1–40 个字符的平台名称（不含引号、尖括号和控制字符），例如 浙里办「掌上不动产」',
      deliveryChannel,
    );
  }

  return {
    port,
    host: host.replace(/^\[(.*)\]$/, '$1'),
    databasePath,
    databaseUrl,
    staticDir,
    logLevel: logLevel as LogLevel,
    demo,
    seedOnEmpty,
    bodyLimitBytes,
    simulatorsEnabled,
    identityPlatform,
    keyDir: keyDirOf(env, cwd, databasePath),
    trustProxy,
    presentationTtlSeconds,
    invitationTtlDays: integer(env, 'INVITATION_TTL_DAYS', 1, 90, '必须是 1–90 之间的整数（天）'),
    uploadMaxBytes: integer(
      env,
      'UPLOAD_MAX_BYTES',
      1024,
      MAX_BODY_LIMIT,
      `必须是 1024–${MAX_BODY_LIMIT} 之间的整数（字节）`,
    ),
    uploadMaxPixels: integer(
      env,
      'UPLOAD_MAX_PIXELS',
      64,
      200_000_000,
      '必须是 64–200000000 之间的整数（像素）',
    ),
    dataSourceFaults: faults.faults,
    dataSourceTimeoutMs: integer(
      env,
      'DATA_SOURCE_TIMEOUT_MS',
      50,
      60_000,
      '必须是 50–60000 之间的整数（毫秒）',
    ),
    machineSweepSeconds: integer(
      env,
      'MACHINE_SWEEP_SECONDS',
      1,
      86_400,
      '必须是 1–86400 之间的整数（秒）',
    ),
    statusStreamHeartbeatMs: integer(
      env,
      'STATUS_STREAM_HEARTBEAT_MS',
      50,
      60_000,
      '必须是 50–60000 之间的整数（毫秒）',
    ),
    publicBaseUrl,
    deliveryChannel,
    feeBeforeRecording: flag(env, 'FEE_BEFORE_RECORDING', false),
    passwordScryptCost: passwordScryptCostOf(env, demo),
  };
}

/** A power of two from 1024 to 2^20; below the production cost in demo mode only. */
function passwordScryptCostOf(env: Env, demo: boolean): number {
  const rule = '必须是 1024–1048576 之间的 2 的幂（scrypt 的 N）';
  const n = integer(env, 'PASSWORD_SCRYPT_COST', 1024, 1 << 20, rule);
  if ((n & (n - 1)) !== 0)
    throw bad('PASSWORD_SCRYPT_COST', rule, read(env, 'PASSWORD_SCRYPT_COST'));
  if (!demo && n < PRODUCTION_SCRYPT_COST) {
    throw new ConfigError(
      'PASSWORD_SCRYPT_COST',
      `PASSWORD_SCRYPT_COST 低于 ${PRODUCTION_SCRYPT_COST} 只能用于演示模式（DEMO=true）：口令散列的成本不能降低。` +
        ` A password hash cost below ${PRODUCTION_SCRYPT_COST} is for demo mode only.`,
    );
  }
  return n;
}

const BOOLEAN_WORDS = ['true', 'false', '1', '0'];

/** A true/false variable; unset: `fallback`. */
function flag(env: Env, name: keyof typeof CONFIG_DEFAULTS, fallback: boolean): boolean {
  const raw = read(env, name).toLowerCase();
  if (raw === '') return fallback;
  if (!BOOLEAN_WORDS.includes(raw)) throw bad(name, '必须是 true 或 false', read(env, name));
  return raw === 'true' || raw === '1';
}

/**
 * Demo mode: DEMO=true|false when given; else NODE_ENV=development or test (`npm run server`
 * sets development unless NODE_ENV is set; jest sets test). Anything else, NODE_ENV=production
 * and no NODE_ENV at all included, is a real deployment.
 */
export function demoMode(env: Env): boolean {
  const demoRaw = read(env, 'DEMO');
  if (demoRaw !== '') return flag(env, 'DEMO', false);
  const nodeEnv = read(env, 'NODE_ENV').toLowerCase();
  return nodeEnv === 'development' || nodeEnv === 'test';
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

function identityPlatformOf(env: Env, simulatorsEnabled: boolean): IdentityPlatformConfig {
  const url = read(env, 'IDENTITY_PLATFORM_URL');
  if (simulatorsEnabled && url === '')
    return {
      kind: 'simulator',
      promptMs: integer(
        env,
        'FACE_SIM_PROMPT_MS',
        300,
        10_000,
        '必须是 300–10000 之间的整数（毫秒）',
      ),
    };
  if (url === '') {
    throw new ConfigError(
      'IDENTITY_PLATFORM_URL',
      'IDENTITY_PLATFORM_URL 未设置：模拟器已关闭（非演示模式），人脸核验必须接入真实的身份认证平台' +
        '（同时设置 IDENTITY_PLATFORM_PUBLIC_KEY 与 IDENTITY_PLATFORM_APP_KEY），或以演示模式启动（DEMO=true）。' +
        ' No identity platform configured and the simulators are off.',
    );
  }
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(url)) {
    throw bad('IDENTITY_PLATFORM_URL', '必须是 http(s)://主机[:端口][/路径]', url);
  }
  if (url.startsWith('http://') && !isLoopback(new URL(url).hostname)) {
    throw bad('IDENTITY_PLATFORM_URL', '必须使用 https（http 仅限本机回环地址）', url);
  }
  const publicKeyHex = read(env, 'IDENTITY_PLATFORM_PUBLIC_KEY').toLowerCase();
  if (!/^04[0-9a-f]{128}$/.test(publicKeyHex) || !isCurvePoint(publicKeyHex)) {
    throw bad(
      'IDENTITY_PLATFORM_PUBLIC_KEY',
      '必须是身份认证平台公布的 SM2 公钥（04‖x‖y，130 位十六进制）',
      publicKeyHex,
    );
  }
  const appKey = read(env, 'IDENTITY_PLATFORM_APP_KEY');
  if (appKey.length < 16 || /\s/.test(appKey)) {
    // never repeated: it is a credential
    throw new ConfigError(
      'IDENTITY_PLATFORM_APP_KEY',
      'IDENTITY_PLATFORM_APP_KEY 必须是身份认证平台分配给登记机构的应用密钥（至少 16 个字符，不含空白）',
    );
  }
  return { kind: 'http', url: url.replace(/\/+$/, ''), publicKeyHex, appKey };
}

function isCurvePoint(publicKeyHex: string): boolean {
  try {
    decodePublicKeyHex(publicKeyHex);
    return true;
  } catch {
    return false;
  }
}

/** KEY_DIR, else `keys` beside the SQLite file (also when the store is PostgreSQL). */
function keyDirOf(env: Env, cwd: string, databasePath: string): string {
  const raw = read(env, 'KEY_DIR');
  if (raw.includes('\0')) throw bad('KEY_DIR', '必须是目录路径', raw);
  if (raw !== '') return path.resolve(cwd, raw);
  const base = databasePath === ':memory:' ? path.resolve(cwd, 'data') : path.dirname(databasePath);
  return path.join(base, 'keys');
}

/** TRUST_PROXY: false | true | a hop count | comma-separated proxy addresses or CIDRs. */
function trustProxyOf(env: Env): boolean | number | string[] {
  const raw = read(env, 'TRUST_PROXY');
  const lower = raw.toLowerCase();
  if (lower === 'false' || lower === '0') return false;
  if (lower === 'true') return true;
  if (/^[1-9]\d?$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((x) => x.trim());
  if (list.every((x) => /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/.test(x))) return list;
  throw bad(
    'TRUST_PROXY',
    '必须是 false、true、代理层数（1–99）或逗号分隔的代理地址/网段，例如 10.0.0.0/8',
    raw,
  );
}

/** postgres:// or postgresql:// with a host and a database name */
function isDatabaseUrl(raw: string): boolean {
  if (!/^postgres(ql)?:\/\//i.test(raw)) return false;
  try {
    const url = new URL(raw);
    return url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/** `http://127.0.0.1:3000/`, with brackets around an IPv6 host. */
export function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}
