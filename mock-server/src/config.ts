/**
 * Configuration from environment variables, validated once at start. A bad value throws a
 * ConfigError whose message names the variable, the rule and the value it got.
 */
import path from 'node:path';
import { parseDataSourceFaults, type DataSourceFaultMode } from './adapters/data-sources/faults';
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
  seedOnEmpty: boolean;
  bodyLimitBytes: number;
  /** dev/test helpers imitating outside parties, e.g. POST /api/v1/sim/zlb/* (浙里办 container) */
  simulatorsEnabled: boolean;
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
}

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
  SEED_ON_EMPTY: 'true',
  BODY_LIMIT_BYTES: String(1024 * 1024),
  SIMULATORS_ENABLED: 'true',
  PRESENTATION_TTL_SECONDS: '300',
  INVITATION_TTL_DAYS: '7',
  UPLOAD_MAX_BYTES: String(8 * 1024 * 1024),
  UPLOAD_MAX_PIXELS: '40000000',
  DATA_SOURCE_FAULTS: '',
  DATA_SOURCE_TIMEOUT_MS: '2000',
  MACHINE_SWEEP_SECONDS: '300',
  PUBLIC_BASE_URL: '',
  DELIVERY_CHANNEL: '浙里办「掌上不动产」',
} as const;

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

  const databaseUrl = read(env, 'DATABASE_URL');
  if (databaseUrl && !isDatabaseUrl(databaseUrl)) {
    // the message never repeats the value: it may carry a password
    throw new ConfigError(
      'DATABASE_URL',
      'DATABASE_URL 必须是 postgres://用户:密码@主机:端口/数据库 形式的 PostgreSQL 地址，或留空使用 SQLite 文件',
    );
  }

  const logLevel = read(env, 'LOG_LEVEL').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw bad('LOG_LEVEL', `必须是 ${LOG_LEVELS.join('/')} 之一`, read(env, 'LOG_LEVEL'));
  }

  const seedRaw = read(env, 'SEED_ON_EMPTY').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(seedRaw)) {
    throw bad('SEED_ON_EMPTY', '必须是 true 或 false', read(env, 'SEED_ON_EMPTY'));
  }

  const simRaw = read(env, 'SIMULATORS_ENABLED').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(simRaw)) {
    throw bad('SIMULATORS_ENABLED', '必须是 true 或 false', read(env, 'SIMULATORS_ENABLED'));
  }

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
    seedOnEmpty: seedRaw === 'true' || seedRaw === '1',
    bodyLimitBytes,
    simulatorsEnabled: simRaw === 'true' || simRaw === '1',
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
    publicBaseUrl,
    deliveryChannel,
  };
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
