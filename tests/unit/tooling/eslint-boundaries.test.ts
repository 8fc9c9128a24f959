/**
 * Proves that the architecture boundaries in eslint.config.mjs really fire: each forbidden import
 * is linted with the real config (ESLint Node API, in a child process, see support/lint-cases.mjs)
 * and must produce an error from a boundary rule; the allowed neighbours must produce none.
 * Removing or weakening a rule makes these tests fail.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
}

const ROOT = path.resolve(__dirname, '../../..');
const BOUNDARY_RULES = new Set(['boundaries/layers', '@typescript-eslint/no-restricted-imports']);

type Case = { name: string; filePath: string; code: string; expect: 'error' | 'ok' };

const forbidden = (name: string, filePath: string, code: string): Case => ({
  name,
  filePath,
  code,
  expect: 'error',
});
const allowed = (name: string, filePath: string, code: string): Case => ({
  name,
  filePath,
  code,
  expect: 'ok',
});

const DOMAIN = 'mock-server/src/domain/unit/unit-code.ts';
const FEATURE_A = 'src/features/a/components/Thing.tsx';
const SHARED = 'src/shared/ui/Widget.tsx';
const PAGE = 'src/pages/index/index.tsx';

const cases: Case[] = [
  // 1. The server domain is pure.
  forbidden(
    'domain → better-sqlite3',
    DOMAIN,
    `import Database from 'better-sqlite3';\nexport const d = Database;\n`,
  ),
  forbidden(
    'domain → fastify',
    DOMAIN,
    `import fastify from 'fastify';\nexport const f = fastify;\n`,
  ),
  forbidden(
    'domain → @fastify/static',
    DOMAIN,
    `import s from '@fastify/static';\nexport const f = s;\n`,
  ),
  forbidden(
    'domain → node:fs',
    DOMAIN,
    `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
  ),
  forbidden('domain → fs', DOMAIN, `import fs from 'fs';\nexport const r = fs;\n`),
  forbidden('domain → pino', DOMAIN, `import pino from 'pino';\nexport const p = pino;\n`),
  forbidden(
    'domain → app via @/',
    DOMAIN,
    `import { x } from '@/shared/api/client';\nexport const y = x;\n`,
  ),
  forbidden(
    'domain → app via relative path',
    DOMAIN,
    `import { x } from '../../../../src/shared/api/client';\nexport const y = x;\n`,
  ),
  forbidden(
    'domain → adapters',
    DOMAIN,
    `import { repo } from '../../adapters/sqlite/repo';\nexport const r = repo;\n`,
  ),
  forbidden(
    'domain → http',
    DOMAIN,
    `import { routes } from '../../http/routes';\nexport const r = routes;\n`,
  ),
  forbidden(
    'domain → usecases',
    DOMAIN,
    `import { run } from '../../usecases/catalogue';\nexport const r = run;\n`,
  ),
  forbidden(
    'domain → adapters (type-only is still a wrong dependency)',
    DOMAIN,
    `import type { Repo } from '../../adapters/sqlite/repo';\nexport type R = Repo;\n`,
  ),
  allowed(
    'domain → domain sibling',
    DOMAIN,
    `import { checksum } from '../id/checksum';\nexport const c = checksum;\n`,
  ),
  allowed(
    'domain → contract',
    DOMAIN,
    `import type { ErrorBody } from '../../contract';\nexport type E = ErrorBody;\n`,
  ),
  allowed(
    'adapters → better-sqlite3 (the rule is about the domain only)',
    'mock-server/src/adapters/sqlite/db.ts',
    `import Database from 'better-sqlite3';\nexport const d = Database;\n`,
  ),

  // 2. The app imports nothing from the server except contract types.
  forbidden(
    'app value-imports @contract',
    PAGE,
    `import { API_PREFIX } from '@contract';\nexport const p = API_PREFIX;\n`,
  ),
  allowed(
    'app type-imports @contract',
    PAGE,
    `import type { CatalogueResponse } from '@contract';\nexport type C = CatalogueResponse;\n`,
  ),
  allowed(
    'app inline type-imports @contract',
    PAGE,
    `import { type CatalogueResponse } from '@contract';\nexport type C = CatalogueResponse;\n`,
  ),
  allowed(
    'app type-imports the contract by relative path',
    PAGE,
    `import type { ErrorBody } from '../../../mock-server/src/contract';\nexport type E = ErrorBody;\n`,
  ),
  forbidden(
    'app value-imports the contract by relative path',
    PAGE,
    `import { ErrorBody } from '../../../mock-server/src/contract';\nexport const e = ErrorBody;\n`,
  ),
  forbidden(
    'app → mock-server/src/http',
    PAGE,
    `import { buildApp } from '../../../mock-server/src/http/app';\nexport const b = buildApp;\n`,
  ),
  forbidden(
    'app → mock-server/src/domain (even type-only)',
    'src/shared/api/client.ts',
    `import type { Unit } from '../../../mock-server/src/domain/unit';\nexport type U = Unit;\n`,
  ),
  forbidden(
    'app re-exports a server value',
    'src/shared/api/index.ts',
    `export { buildApp } from '../../../mock-server/src/http/app';\n`,
  ),
  forbidden(
    'app → better-sqlite3',
    'src/shared/api/client.ts',
    `import Database from 'better-sqlite3';\nexport const d = Database;\n`,
  ),

  // 3. Features do not import each other, nor pages.
  forbidden(
    'feature a → feature b via alias',
    FEATURE_A,
    `import { x } from '@/features/b/x';\nexport const y = x;\n`,
  ),
  forbidden(
    'feature a → feature b via relative path',
    FEATURE_A,
    `import { x } from '../../b/x';\nexport const y = x;\n`,
  ),
  forbidden(
    'feature a → feature b public index',
    FEATURE_A,
    `import { x } from '@/features/b';\nexport const y = x;\n`,
  ),
  forbidden('feature a re-exports feature b', FEATURE_A, `export * from '@/features/b/x';\n`),
  forbidden(
    'feature a lazily imports feature b',
    FEATURE_A,
    `export const load = () => import('@/features/b/x');\n`,
  ),
  forbidden(
    'feature a → pages',
    FEATURE_A,
    `import Page from '@/pages/index/index';\nexport const p = Page;\n`,
  ),
  allowed(
    'feature a → its own files',
    FEATURE_A,
    `import { x } from '@/features/a/model/x';\nimport { y } from '../model/y';\nexport const z = [x, y];\n`,
  ),
  allowed(
    'feature a → shared',
    FEATURE_A,
    `import { api } from '@/shared/api';\nexport const a = api;\n`,
  ),
  allowed(
    'page → features',
    PAGE,
    `import { Catalogue } from '@/features/catalogue';\nexport const c = Catalogue;\n`,
  ),

  // 4. Shared code depends on neither features nor pages.
  forbidden(
    'shared → features',
    SHARED,
    `import { x } from '@/features/a';\nexport const y = x;\n`,
  ),
  forbidden(
    'shared → features via relative path',
    SHARED,
    `import { x } from '../../features/a/x';\nexport const y = x;\n`,
  ),
  forbidden(
    'shared → pages',
    SHARED,
    `import Page from '@/pages/mine/index';\nexport const p = Page;\n`,
  ),
  allowed(
    'shared → shared',
    SHARED,
    `import { tokens } from '@/shared/theme/tokens';\nexport const t = tokens;\n`,
  ),
];

let results: LintMessage[][];

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
  if (child.status !== 0) {
    throw new Error(`ESLint run failed (status ${child.status}):\n${child.stderr}`);
  }
  results = JSON.parse(child.stdout) as LintMessage[][];
}, 60_000);

describe('eslint boundaries', () => {
  test.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const messages = results[i];
    // A parse error (ruleId null) would hide every rule: never accept it as "fired" or "ok".
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
    const boundaryErrors = messages.filter(
      (m) => m.severity === 2 && m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId),
    );
    if (c.expect === 'error') {
      expect(boundaryErrors.length).toBeGreaterThan(0);
    } else {
      expect(boundaryErrors).toEqual([]);
    }
  });
});
