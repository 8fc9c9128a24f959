/**
 * Dates and times are formatted in one place per side: src/shared/lib/time.ts for the app and
 * mock-server/src/domain/time.ts for the server (documents, PDFs, server-rendered pages, the staff
 * console), both dayjs at Beijing time. Two guards: ESLint's no-restricted-syntax / no-restricted-imports fire on each way of formatting
 * a date by hand (linted with the real eslint.config.mjs, see support/lint-cases.mjs), and a plain
 * text scan of src/ and mock-server/src/ — what `git grep` would find, including the scripts that
 * server-rendered pages send as text — turns up none of them outside the time modules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const TIME_MODULE = 'src/shared/lib/time.ts';
const SERVER_TIME_MODULE = 'mock-server/src/domain/time.ts';
const DOMAIN = 'mock-server/src/domain/a/thing.ts';
const USECASE = 'mock-server/src/usecases/a/thing.ts';
const SERVER_HTTP = 'mock-server/src/http/a/thing.ts';
const FEATURE = 'src/features/a/Thing.tsx';
const RULES = new Set([
  'no-restricted-syntax',
  '@typescript-eslint/no-restricted-imports',
  'boundaries/layers',
]);

type Case = { name: string; filePath: string; code: string; expect: 'error' | 'ok' };
const bad = (name: string, code: string, filePath = FEATURE): Case => ({
  name,
  filePath,
  code,
  expect: 'error',
});
const good = (name: string, code: string, filePath = FEATURE): Case => ({
  name,
  filePath,
  code,
  expect: 'ok',
});

const cases: Case[] = [
  bad('Date getters', `export const f = (d: Date) => d.getFullYear() + d.getHours();\n`),
  bad('UTC getters', `export const f = (d: Date) => d.getUTCDate();\n`),
  bad('toISOString', `export const f = () => new Date().toISOString();\n`),
  bad('toLocaleDateString', `export const f = (d: Date) => d.toLocaleDateString('zh-CN');\n`),
  bad('toLocaleString', `export const f = (d: Date) => d.toLocaleString();\n`),
  bad('Intl.DateTimeFormat', `export const f = new Intl.DateTimeFormat('zh-CN');\n`),
  bad('a format pattern', `export const f = 'YYYY-MM-DD';\n`),
  bad('a format pattern in a template', 'export const f = (x: string) => `${x} HH:mm`;\n'),
  bad('ISO text made wall time', `export const f = (iso: string) => iso.replace('T', ' ');\n`),
  bad(
    'cutting an instant',
    `export const f = (c: { signedAt: string }) => c.signedAt.slice(0, 16);\n`,
  ),
  bad('cutting iso text', `export const f = (iso: string) => iso.slice(0, 10);\n`),
  bad('dayjs imported directly', `import dayjs from 'dayjs';\nexport const d = dayjs;\n`),
  bad(
    'a dayjs plugin imported directly',
    `import utc from 'dayjs/plugin/utc';\nexport const u = utc;\n`,
  ),
  bad('in src/shared too', `export const f = (d: Date) => d.getMonth();\n`, 'src/shared/ui/X.tsx'),
  good(
    'the time module itself',
    fs.readFileSync(path.join(ROOT, TIME_MODULE), 'utf8'),
    TIME_MODULE,
  ),
  good(
    'using the time module',
    `import { dateTime } from '@/shared/lib/time';\nexport const f = (iso: string) => dateTime(iso);\n`,
  ),
  good('hex with padStart', `export const h = (b: number) => b.toString(16).padStart(2, '0');\n`),
  good('a digest cut short', `export const f = (digest: string) => digest.slice(0, 16);\n`),
  good('Date.now for timers', `export const t0 = Date.now();\n`),
  // the server
  bad('server: Date getters', `export const f = (d: Date) => d.getUTCFullYear();\n`, DOMAIN),
  bad(
    'server: toLocaleString',
    `export const f = (d: Date) => d.toLocaleString('zh-CN');\n`,
    SERVER_HTTP,
  ),
  bad(
    'server: toLocaleString on money',
    `export const f = (n: number) => n.toLocaleString('en-US');\n`,
    DOMAIN,
  ),
  bad(
    'server: cutting toISOString',
    `export const f = (d: Date) => d.toISOString().slice(0, 10);\n`,
    USECASE,
  ),
  bad(
    'server: cutting an instant',
    `export const f = (e: { recordedAt: string }) => e.recordedAt.slice(0, 10);\n`,
    USECASE,
  ),
  bad(
    'server: ISO text made wall time',
    `export const f = (iso: string) => iso.replace('T', ' ');\n`,
    SERVER_HTTP,
  ),
  bad(
    'server: Intl.DateTimeFormat',
    `export const f = new Intl.DateTimeFormat('zh-CN');\n`,
    DOMAIN,
  ),
  bad(
    'server: dayjs in the domain',
    `import dayjs from 'dayjs';\nexport const d = dayjs;\n`,
    DOMAIN,
  ),
  bad(
    'server: dayjs in a use case',
    `import utc from 'dayjs/plugin/utc';\nexport const u = utc;\n`,
    USECASE,
  ),
  bad(
    'server: the domain stays pure beside the time rules',
    `import fs from 'node:fs';\nexport const f = fs;\n`,
    DOMAIN,
  ),
  good(
    'the server time module itself',
    fs.readFileSync(path.join(ROOT, SERVER_TIME_MODULE), 'utf8'),
    SERVER_TIME_MODULE,
  ),
  good(
    'server: using the time module',
    `import { beijingMinute } from '../../domain/time';\nexport const f = (iso: string) => beijingMinute(iso);\n`,
    USECASE,
  ),
  good(
    'server: an instant written for storage',
    `export const f = (d: Date) => d.toISOString();\n`,
    USECASE,
  ),
  good(
    'server: a message naming the date format',
    `export const m = '日期格式应为YYYY-MM-DD';\n`,
    DOMAIN,
  ),
];

let results: { ruleId: string | null; severity: number }[][] = [];

beforeAll(() => {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'support/lint-cases.mjs')], {
    cwd: ROOT,
    input: JSON.stringify({
      cwd: ROOT,
      cases: cases.map(({ code, filePath }) => ({ code, filePath })),
    }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`ESLint run failed:\n${child.stderr}`);
  results = JSON.parse(child.stdout);
}, 60_000);

describe('ESLint keeps date formatting in the time module', () => {
  test.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const messages = results[i];
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
    const errors = messages.filter((m) => m.severity === 2 && m.ruleId && RULES.has(m.ruleId));
    if (c.expect === 'error') expect(errors.length).toBeGreaterThan(0);
    else expect(errors).toEqual([]);
  });
});

/** What `git grep` would be asked: each way of formatting a date by hand, in code (not comments). */
const HAND_FORMATTING = [
  /\.(get|getUTC)(FullYear|Month|Date|Day|Hours|Minutes|Seconds)\(/,
  /\.to(ISO|Locale|LocaleDate|LocaleTime|UTC|Date|Time)String\(/,
  /Intl\.DateTimeFormat/,
  /['"`][^'"`]*(YYYY|HH:mm)/,
  /\.replace\(\s*['"]T['"]/,
  /(At|Date|Time|iso)\.(slice|substring|substr)\(/,
  /from ['"]dayjs(\/|['"])/,
];

/**
 * The same for the server, except a whole toISOString() (the wire and storage form of an instant)
 * and format patterns in messages ("应为YYYY-MM-DD"); dayjs stays behind the time module.
 */
const SERVER_HAND_FORMATTING = [
  /\.(get|getUTC)(FullYear|Month|Date|Day|Hours|Minutes|Seconds)\(/,
  /\.to(Locale|LocaleDate|LocaleTime|UTC|Date|Time)String\(/,
  /toISOString\(\)\s*\.(slice|substring|substr)\(/,
  /Intl\.DateTimeFormat/,
  /\.replace\(\s*['"]T['"]/,
  /(At|Date|Time|iso)\.(slice|substring|substr)\(/,
  /from ['"]dayjs(\/|['"])/,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** Lines of code with comments blanked out (block and line comments; strings are kept). */
function codeLines(text: string): string[] {
  const noBlocks = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '));
  return noBlocks.split('\n').map((l) => l.replace(/(^|[^:'"`])\/\/.*$/, '$1'));
}

/** Lines under `dir` (other than the time module) that match one of `patterns`. */
function offences(dir: string, timeModule: string, patterns: RegExp[]): string[] {
  return sourceFiles(path.join(ROOT, dir))
    .filter((f) => path.relative(ROOT, f).split(path.sep).join('/') !== timeModule)
    .flatMap((f) =>
      codeLines(fs.readFileSync(f, 'utf8')).flatMap((line, i) =>
        patterns.some((p) => p.test(line))
          ? [`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`]
          : [],
      ),
    );
}

describe('no date formatting outside the time module', () => {
  it('the scan finds what it looks for in the time module itself', () => {
    const lines = codeLines(fs.readFileSync(path.join(ROOT, TIME_MODULE), 'utf8'));
    expect(lines.some((l) => HAND_FORMATTING.some((p) => p.test(l)))).toBe(true);
  });

  it('src/ has none elsewhere', () => {
    expect(offences('src', TIME_MODULE, HAND_FORMATTING)).toEqual([]);
  });

  it('the server scan finds what it looks for in the server time module itself', () => {
    const lines = codeLines(fs.readFileSync(path.join(ROOT, SERVER_TIME_MODULE), 'utf8'));
    expect(lines.some((l) => SERVER_HAND_FORMATTING.some((p) => p.test(l)))).toBe(true);
  });

  it('mock-server/src/ has none elsewhere, the pages’ and staff console’s scripts included', () => {
    expect(offences('mock-server/src', SERVER_TIME_MODULE, SERVER_HAND_FORMATTING)).toEqual([]);
  });
});
