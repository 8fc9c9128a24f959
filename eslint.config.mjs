// ESLint flat config: typescript-eslint's recommended rules plus the architecture's boundaries.
//
// Boundaries (tests/unit/tooling/eslint-boundaries.test.ts proves each one fires):
//   1. mock-server/src/domain/** is pure: no fastify, @fastify/*, better-sqlite3, fs, pino, and
//      nothing from the app (src/) or mock-server/src/{adapters,http,usecases}.
//   2. The app (src/**) imports nothing from mock-server except TYPE-ONLY imports from the
//      contract (`import type … from '@contract'` or a relative path to mock-server/src/contract).
//   3. src/features/<A>/** cannot import src/features/<B>/** (B ≠ A), nor src/pages/**.
//   4. src/shared/** cannot import src/features/** or src/pages/**.
//
// Package names are checked with @typescript-eslint/no-restricted-imports. Paths are checked by
// the small local rule `boundaries/layers`, which resolves every import specifier to a path the
// way tsconfig does (`@/…` → src/…, `@contract` → mock-server/src/contract, relative paths from
// the importing file) without touching the disk, so it also works for files not yet written and
// catches an alias and a relative path alike.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Turn an import specifier into a repository-relative path, or null for a package import. */
function resolveSpecifier(spec, filename) {
  let abs;
  if (spec === '@contract' || spec.startsWith('@contract/')) {
    abs = path.join(ROOT, 'mock-server/src/contract', spec.slice('@contract'.length));
  } else if (spec.startsWith('@/')) {
    abs = path.join(ROOT, 'src', spec.slice(2));
  } else if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    abs = path.resolve(path.dirname(filename), spec);
  } else if (path.isAbsolute(spec)) {
    abs = spec;
  } else {
    return null;
  }
  return path.relative(ROOT, abs).split(path.sep).join('/');
}

const under = (p, dir) => p === dir || p.startsWith(`${dir}/`);
const CONTRACT = 'mock-server/src/contract';

/**
 * Each layer: which files it applies to, and a check(target) returning an error message or
 * null. `typeOnly` is true when the import brings in types only (erased at compile time).
 */
const LAYERS = [
  {
    name: 'server domain',
    applies: (file) => under(file, 'mock-server/src/domain'),
    check(target) {
      if (under(target, 'src')) return '服务端领域层不能引用前端应用代码（src/）';
      for (const dir of ['adapters', 'http', 'usecases']) {
        if (under(target, `mock-server/src/${dir}`)) {
          return `服务端领域层必须保持纯净：不能引用 mock-server/src/${dir}（依赖方向是 ${dir} → domain）`;
        }
      }
      return null;
    },
  },
  {
    name: 'app',
    applies: (file) => under(file, 'src'),
    check(target, { typeOnly }) {
      if (!under(target, 'mock-server')) return null;
      const isContract = under(target, CONTRACT) || target === `${CONTRACT}.ts`;
      if (isContract && typeOnly) return null;
      if (isContract) {
        return '应用只能以 `import type` 引用接口契约（@contract），不能引入其运行时代码';
      }
      return '应用不能引用服务端代码；只允许 `import type … from "@contract"`';
    },
  },
  {
    name: 'feature',
    applies: (file) => under(file, 'src/features'),
    check(target, { file }) {
      const own = file.split('/')[2];
      if (under(target, 'src/features')) {
        const other = target.split('/')[2];
        if (other && other !== own) {
          return `功能模块之间不能互相引用：src/features/${own} 引用了 src/features/${other}（把共用部分移到 src/shared）`;
        }
      }
      if (under(target, 'src/pages')) return '功能模块不能引用页面（src/pages）';
      return null;
    },
  },
  {
    name: 'shared',
    applies: (file) => under(file, 'src/shared'),
    check(target) {
      if (under(target, 'src/features')) return 'src/shared 不能引用功能模块（src/features）';
      if (under(target, 'src/pages')) return 'src/shared 不能引用页面（src/pages）';
      return null;
    },
  },
];

const isTypeOnlyImport = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.type === 'ImportDeclaration' &&
    node.specifiers.length > 0 &&
    node.specifiers.every((s) => s.importKind === 'type'));

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the dependency boundaries between app, features and server.' },
    schema: [],
    messages: { violation: '{{message}}（导入 "{{spec}}"）' },
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const layers = LAYERS.filter((l) => l.applies(file));
    if (layers.length === 0) return {};
    function verify(sourceNode, typeOnly) {
      if (!sourceNode || sourceNode.type !== 'Literal' || typeof sourceNode.value !== 'string') {
        return;
      }
      const target = resolveSpecifier(sourceNode.value, context.filename);
      if (target === null) return;
      for (const layer of layers) {
        const message = layer.check(target, { file, typeOnly });
        if (message) {
          context.report({
            node: sourceNode,
            messageId: 'violation',
            data: { message, spec: sourceNode.value },
          });
          return;
        }
      }
    }
    return {
      ImportDeclaration: (node) => verify(node.source, isTypeOnlyImport(node)),
      ExportNamedDeclaration: (node) => node.source && verify(node.source, isTypeOnlyImport(node)),
      ExportAllDeclaration: (node) => verify(node.source, isTypeOnlyImport(node)),
      ImportExpression: (node) => verify(node.source, false),
      TSImportType: (node) => verify(node.argument?.literal ?? node.argument, true),
      TSExternalModuleReference: (node) => verify(node.expression, false),
      CallExpression(node) {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments.length === 1
        ) {
          verify(node.arguments[0], false);
        }
      },
    };
  },
};

const boundaries = { meta: { name: 'boundaries' }, rules: { layers: layersRule } };

/** Node.js and browser globals for plain JS files (no dependency on the `globals` package). */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'fetch',
    'globalThis',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
    'structuredClone',
  ].map((g) => [g, 'readonly']),
);
const commonjsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

const DOMAIN_FORBIDDEN_PACKAGES = [
  'fastify',
  'better-sqlite3',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'pino',
].map((name) => ({
  name,
  message:
    '服务端领域层必须保持纯净：框架、数据库、文件系统和日志只能出现在 adapters/http/usecases 中。',
}));

/** The pure domain's imports; dayjs only in the server's time module. */
function domainRestrictedImports(withDayjs) {
  return {
    paths: [...DOMAIN_FORBIDDEN_PACKAGES, ...(withDayjs ? serverDayjsPaths : [])],
    patterns: [
      { group: ['@fastify/*'], message: '服务端领域层不能依赖 Fastify 插件。' },
      { regex: '^@/', message: '服务端领域层不能引用前端应用代码（@/… 指向 src/）。' },
      ...(withDayjs ? serverDayjsPatterns : []),
    ],
  };
}

/** Server packages never enter the app; dayjs only through the time module. */
function appRestrictedImports(withDayjs) {
  const server = '这是服务端依赖，不能进入应用包。';
  const dayjs = `日期和时间只能通过 ${TIME_MODULE} 格式化（北京时间），不要直接引入 dayjs。`;
  return {
    // @contract (type-only) and every other mock-server path: boundaries/layers.
    paths: [
      ...['fastify', 'better-sqlite3', 'pino'].map((name) => ({ name, message: server })),
      ...(withDayjs ? [{ name: 'dayjs', message: dayjs }] : []),
    ],
    patterns: [
      { group: ['@fastify/*'], message: server },
      ...(withDayjs ? [{ group: ['dayjs/*'], message: dayjs }] : []),
    ],
  };
}

/**
 * Date formatting outside the time module: the Date getters and string conversions, toLocale*
 * (numbers too: src/shared/lib/number.ts groups digits), Intl.DateTimeFormat, format patterns
 * ('YYYY', 'HH:mm'), turning an ISO instant into wall time by replacing its 'T', and cutting an
 * instant's text (x.createdAt.slice(0, 10)). Each prints UTC or the device's zone instead of
 * Beijing time. tests/unit/tooling/time-module.test.ts proves every selector fires.
 */
const TIME_MODULE = 'src/shared/lib/time.ts';
const USE_TIME_MODULE = `请使用 ${TIME_MODULE}（dateTime、date、today…）：日期和时间一律按北京时间显示，不在别处格式化。`;
const DATE_FORMATTING = [
  `MemberExpression[property.name=/^(get|getUTC)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)$/]`,
  `MemberExpression[property.name=/^(toISOString|toLocaleString|toLocaleDateString|toLocaleTimeString|toDateString|toTimeString|toUTCString|toGMTString)$/]`,
  `MemberExpression[object.name='Intl'][property.name=/^(DateTimeFormat|RelativeTimeFormat)$/]`,
  `Literal[value=/YYYY|HH:mm/]`,
  `TemplateElement[value.raw=/YYYY|HH:mm/]`,
  `CallExpression[callee.property.name=/^(replace|replaceAll)$/][arguments.0.value='T']`,
  `CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.name=/(At|Date|Time|iso|Iso|ISO)$/]`,
  `CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.property.name=/(At|Date|Time|iso|Iso|ISO)$/]`,
].map((selector) => ({ selector, message: USE_TIME_MODULE }));

/**
 * The server's time module (pure, dayjs at +08:00) and what the server may not do outside it: the
 * same hand formatting as the app, except that a whole `toISOString()` stays allowed (instants are
 * stored and sent in that form; it is the wire format, not a display) while cutting it is not.
 * Format patterns are not matched here: dayjs is only reachable through the module, and messages
 * such as "日期格式应为YYYY-MM-DD" name a pattern without formatting anything.
 */
const SERVER_TIME_MODULE = 'mock-server/src/domain/time.ts';
const USE_SERVER_TIME_MODULE = `请使用 ${SERVER_TIME_MODULE}（beijingDate、beijingMinute、dateText…）：日期和时间一律按北京时间格式化，不在别处手写。`;
const SERVER_DATE_FORMATTING = [
  `MemberExpression[property.name=/^(get|getUTC)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)$/]`,
  `MemberExpression[property.name=/^(toLocaleString|toLocaleDateString|toLocaleTimeString|toDateString|toTimeString|toUTCString|toGMTString)$/]`,
  `MemberExpression[object.name='Intl'][property.name=/^(DateTimeFormat|RelativeTimeFormat)$/]`,
  `CallExpression[callee.property.name=/^(replace|replaceAll)$/][arguments.0.value='T']`,
  `CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.callee.property.name='toISOString']`,
  `CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.name=/(At|Date|Time|iso|Iso|ISO)$/]`,
  `CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.property.name=/(At|Date|Time|iso|Iso|ISO)$/]`,
].map((selector) => ({ selector, message: USE_SERVER_TIME_MODULE }));
const SERVER_DAYJS = `日期和时间只能通过 ${SERVER_TIME_MODULE} 格式化（北京时间），不要直接引入 dayjs。`;
const serverDayjsPaths = [{ name: 'dayjs', message: SERVER_DAYJS }];
const serverDayjsPatterns = [{ group: ['dayjs/*'], message: SERVER_DAYJS }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      '.swc/**',
      '.taro-cache/**',
      '.tmp/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonjsGlobals } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.{ts,tsx,mts,cts}'] })),
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    plugins: { boundaries },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'boundaries/layers': 'error',
    },
  },
  {
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['mock-server/src/domain/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', domainRestrictedImports(true)],
    },
  },
  {
    // The server outside the domain: dayjs only through the time module too.
    files: ['mock-server/src/**/*.{ts,tsx}'],
    ignores: ['mock-server/src/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: serverDayjsPaths, patterns: serverDayjsPatterns },
      ],
    },
  },
  {
    files: ['mock-server/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...SERVER_DATE_FORMATTING] },
  },
  {
    // The server's one time module: the only server file that formats dates (on dayjs).
    files: [SERVER_TIME_MODULE],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', domainRestrictedImports(false)],
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', appRestrictedImports(true)],
      'no-restricted-syntax': ['error', ...DATE_FORMATTING],
    },
  },
  {
    // The one time module: the only place in the app that formats dates (on dayjs).
    files: [TIME_MODULE],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', appRestrictedImports(false)],
      'no-restricted-syntax': 'off',
    },
  },
);
