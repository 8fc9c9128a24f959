#!/usr/bin/env node
// H5 first-load size (`npm run bench`, after `npm run build:h5`; part of `npm test`).
// `H5_DIST=dist/h5-mine npm run bench` measures another build folder (default dist/h5).
//
// 1. Static: the <script> and stylesheet <link> tags of dist/h5/index.html, each gzipped with
//    zlib at the default level (6) and at level 9.
// 2. True first load: the real server (tsx mock-server/src/main.ts, fresh SQLite in a temp
//    folder) serves dist/h5; chromium opens `/` on a phone viewport and every JS/CSS file it
//    requests until the home page has slid in and the network is quiet is gzipped the same way.
//    This includes the chunks the entry loads dynamically (Taro loads each page lazily).
//
// Budget: first-load JS ≤ 142 KB gzip (default level) = 1.5 × 95 KB, an empty Taro 4 app's
// first load measured on this toolchain (../shared/toolchain.md). The browser figure is
// compared when chromium is available, otherwise the static one. Exit 1 when over budget.
//
// Options: --no-browser (static figures only).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { findChromium, startRealServer } from './lib/real-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// H5_DIST: the build folder to measure (as config/index.ts and tests/e2e use it), default dist/h5.
const H5 = path.resolve(ROOT, process.env.H5_DIST || 'dist/h5');
const BASELINE_KB = 95;
const BUDGET_KB = 1.5 * BASELINE_KB; // 142.5 → reported as 142
const useBrowser = !process.argv.includes('--no-browser');

const kb = (bytes) => bytes / 1024;
const f1 = (n) => n.toFixed(1);

function gzipSizes(file) {
  const buf = fs.readFileSync(file);
  return {
    raw: buf.length,
    gz: zlib.gzipSync(buf).length,
    gz9: zlib.gzipSync(buf, { level: 9 }).length,
  };
}

function printTable(title, rows) {
  console.log(`\n${title}`);
  const width = Math.max(10, ...rows.map((r) => r.name.length)) + 2;
  console.log(
    `  ${'文件'.padEnd(width - 2)}${'原始 KB'.padStart(10)}${'gzip KB'.padStart(10)}${'gzip-9 KB'.padStart(12)}`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(width)}${f1(kb(r.raw)).padStart(10)}${f1(kb(r.gz)).padStart(10)}${f1(kb(r.gz9)).padStart(12)}`,
    );
  }
  const sum = (list, k) => list.reduce((s, r) => s + r[k], 0);
  for (const [label, list] of [
    ['JS 合计', rows.filter((r) => r.name.endsWith('.js'))],
    ['CSS 合计', rows.filter((r) => r.name.endsWith('.css'))],
  ]) {
    if (list.length === 0) continue;
    console.log(
      `  ${label.padEnd(width - 2)}${f1(kb(sum(list, 'raw'))).padStart(10)}${f1(kb(sum(list, 'gz'))).padStart(10)}${f1(kb(sum(list, 'gz9'))).padStart(12)}`,
    );
  }
  return kb(
    sum(
      rows.filter((r) => r.name.endsWith('.js')),
      'gz',
    ),
  );
}

/** The URL path → file under dist/h5 (ignoring query and hash). */
const fileOf = (urlPath) => path.join(H5, decodeURIComponent(urlPath.split(/[?#]/)[0]));

// ---- 1. static: index.html's tags --------------------------------------------------------
const indexHtml = path.join(H5, 'index.html');
if (!fs.existsSync(indexHtml)) {
  console.error(`未找到 ${path.relative(ROOT, indexHtml)}：请先运行 \`npm run build:h5\`。`);
  process.exit(1);
}
const html = fs.readFileSync(indexHtml, 'utf8');
const tagged = [
  ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/g)]
    .map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1])
    .filter(Boolean),
].filter((src) => !/^(https?:)?\/\//.test(src));
const staticRows = tagged.map((src) => ({ name: src, ...gzipSizes(fileOf(src)) }));
const staticJsKb = printTable('index.html 直接引用的文件（入口）', staticRows);

// ---- 2. the browser's first load ----------------------------------------------------------

/** Fallback: dist/h5 as static files; /api answers 503 (the home page then shows its error). */
function startStaticServer() {
  const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
  const server = http.createServer((req, res) => {
    const urlPath = req.url.split('?')[0];
    if (urlPath.startsWith('/api/')) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"code":"SERVICE_UNAVAILABLE","message":"bench","requestId":"bench"}');
      return;
    }
    const file = urlPath === '/' ? indexHtml : fileOf(urlPath);
    if (!file.startsWith(H5) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        stop: () => new Promise((r) => server.close(r)),
        kind: '静态文件服务器（API 一律 503）',
      }),
    ),
  );
}

async function browserFirstLoad(executablePath) {
  const { chromium } = await import('playwright-core');
  let server;
  try {
    server = await startRealServer({ staticDir: H5, tmpPrefix: 'handheld-estate-bench-' });
  } catch (err) {
    console.log(`\n（登记服务未能启动，改用静态文件服务器：${err.message.split('\n')[0]}）`);
    server = await startStaticServer();
  }
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const requested = [];
    let settled = false;
    page.on('request', (req) => {
      if (settled) return;
      const type = req.resourceType();
      const url = new URL(req.url());
      if ((type === 'script' || type === 'stylesheet') && url.origin === server.url) {
        requested.push(url.pathname);
      }
    });
    const started = Date.now();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.waitForSelector('.taro_page.taro_page_stationed', { timeout: 30_000 });
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
    settled = true;
    const ms = Date.now() - started;
    const unique = [...new Set(requested)];
    const rows = unique.map((p) => ({ name: p, ...gzipSizes(fileOf(p)) }));
    const jsKb = printTable(
      `浏览器首屏实际加载的文件（${server.kind}，打开 / 到首页就绪，${ms} ms）`,
      rows,
    );
    const dynamic = unique.filter((p) => !tagged.includes(p));
    if (dynamic.length > 0) {
      console.log(`  其中入口动态加载（首页等）：${dynamic.join(', ')}`);
    }
    return jsKb;
  } finally {
    await browser.close();
    await server.stop();
  }
}

let browserJsKb = null;
if (useBrowser) {
  const executablePath = findChromium();
  if (executablePath) {
    browserJsKb = await browserFirstLoad(executablePath);
  } else {
    console.log(
      '\n未找到 Chromium，只报告静态数字：请运行 `apt-get update && apt-get install -y chromium`（或设置 CHROMIUM_PATH）。',
    );
  }
}

const measured = browserJsKb ?? staticJsKb;
const source = browserJsKb === null ? 'index.html 入口脚本' : '浏览器实际首屏';
console.log(`\n首屏 JS（gzip，默认级别）`);
console.log(`  index.html 入口脚本：${f1(staticJsKb)} KB`);
if (browserJsKb !== null) console.log(`  浏览器实际首屏：    ${f1(browserJsKb)} KB`);
console.log(
  `  预算：${Math.floor(BUDGET_KB)} KB（= 1.5 × 空 Taro 4 应用的 ${BASELINE_KB} KB），按「${source}」比较`,
);
if (measured > Math.floor(BUDGET_KB)) {
  console.error(`\n✗ 首屏 JS ${f1(measured)} KB 超出预算 ${Math.floor(BUDGET_KB)} KB。`);
  process.exit(1);
}
console.log(
  `\n✓ 首屏 JS ${f1(measured)} KB，在预算 ${Math.floor(BUDGET_KB)} KB 之内（余量 ${f1(Math.floor(BUDGET_KB) - measured)} KB）。`,
);
