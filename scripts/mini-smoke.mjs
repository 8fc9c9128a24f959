#!/usr/bin/env node
// Smoke test of the built mini-programs (dist/weapp, dist/alipay) in plain Node, without devtools:
// the bundles run in a fresh VM context with a stubbed `wx` / `my`, `App`, `Page` and `Component`,
// the way the platform loads them. Part of `npm run test:mini` (after the builds and the size check).
//
// For each platform:
//   1. Every `/pages/…` route compiled into the JavaScript is a page app.json declares (main
//      package or subpackage), so no navigation leads to a missing page.
//   2. The main package boots alone: app.js and the main pages load with no subpackage file
//      present to the loader, each page registers itself with Page() and renders.
//   3. On 首页, tapping each service entry that opens a subpackage page calls navigateTo with
//      that page; the subpackage is then loaded (as the platform downloads it on first use),
//      the page registers and renders.
//   4. Every other subpackage page loads and renders the same way.
// "Renders" = the page's setData tree has content and shows the page's title (its .json).
// The fake registry answers every request with 503, so pages show their error or login states.
// Exit 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PLATFORMS = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['weapp', 'alipay'];
const GLOBAL_OF = { weapp: 'wx', alipay: 'my' };

/** Applies a mini-program setData path such as `root.cn.[0].cn.[2].v` to a plain object. */
function setPath(target, key, value) {
  const parts = key.split('.').map((p) => {
    const m = /^\[(\d+)\]$/.exec(p);
    return m ? Number(m[1]) : p;
  });
  let node = target;
  for (let i = 0; i < parts.length - 1; i += 1) {
    if (node[parts[i]] === undefined || node[parts[i]] === null) {
      node[parts[i]] = typeof parts[i + 1] === 'number' ? [] : {};
    }
    node = node[parts[i]];
  }
  node[parts[parts.length - 1]] = value;
}

/** Depth-first list of the rendered nodes of a page's data (Taro's `root.cn` tree). */
function nodesOf(tree) {
  const out = [];
  const walk = (n, ancestors) => {
    if (!n || typeof n !== 'object') return;
    out.push({ node: n, ancestors });
    for (const c of n.cn ?? []) walk(c, [...ancestors, n]);
  };
  walk(tree, []);
  return out;
}
const textOf = (n) =>
  nodesOf(n)
    .map(({ node }) => (typeof node.v === 'string' ? node.v : ''))
    .join('');

function fakePlatformApi(platform, log) {
  const storage = new Map();
  const sysInfo = {
    platform: 'devtools',
    brand: 'smoke',
    model: 'node',
    system: 'smoke',
    pixelRatio: 2,
    windowWidth: 375,
    windowHeight: 812,
    screenWidth: 375,
    screenHeight: 812,
    statusBarHeight: 20,
    language: 'zh_CN',
    version: '8.0.0',
    SDKVersion: '3.0.0',
    fontSizeSetting: 16,
    theme: 'light',
  };
  const done = (o, result) => {
    Promise.resolve().then(() => {
      o?.success?.(result);
      o?.complete?.(result);
    });
    return Promise.resolve(result);
  };
  const nav = (kind) => (o) => {
    log.navigations.push({ kind, url: o?.url });
    return done(o, { errMsg: `${kind}:ok` });
  };
  const api = {
    getSystemInfoSync: () => sysInfo,
    getSystemInfo: (o) => done(o, sysInfo),
    getWindowInfo: () => sysInfo,
    getDeviceInfo: () => sysInfo,
    getAppBaseInfo: () => sysInfo,
    getSystemSetting: () => ({}),
    getAccountInfoSync: () => ({ miniProgram: { envVersion: 'develop', version: '' } }),
    getMenuButtonBoundingClientRect: () => ({
      top: 24,
      bottom: 56,
      left: 280,
      right: 367,
      width: 87,
      height: 32,
    }),
    getStorageSync: (k) =>
      platform === 'alipay' ? { data: storage.get(k?.key ?? k) } : (storage.get(k) ?? ''),
    setStorageSync: (k, v) => {
      if (typeof k === 'object') storage.set(k.key, k.data);
      else storage.set(k, v);
    },
    removeStorageSync: (k) => storage.delete(k?.key ?? k),
    getStorage: (o) => done(o, { data: storage.get(o.key) }),
    setStorage: (o) => {
      storage.set(o.key, o.data);
      return done(o, {});
    },
    removeStorage: (o) => {
      storage.delete(o.key);
      return done(o, {});
    },
    request: (o) => {
      log.requests.push(`${o.method ?? 'GET'} ${o.url}`);
      const body = JSON.stringify({ code: 'UNAVAILABLE', message: '服务暂不可用（冒烟测试）' });
      const res = { statusCode: 503, status: 503, data: body, header: {}, headers: {} };
      done(o, res);
      return { abort() {} };
    },
    getNetworkType: (o) => done(o, { networkType: 'wifi' }),
    onNetworkStatusChange: () => undefined,
    offNetworkStatusChange: () => undefined,
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    switchTab: nav('switchTab'),
    reLaunch: nav('reLaunch'),
    navigateBack: nav('navigateBack'),
    nextTick: (fn) => setTimeout(fn, 0),
    canIUse: () => true,
    createSelectorQuery: () => {
      const q = {
        in: () => q,
        select: () => q,
        selectAll: () => q,
        selectViewport: () => q,
        boundingClientRect: () => q,
        scrollOffset: () => q,
        fields: () => q,
        node: () => q,
        exec: (cb) => cb?.([]),
      };
      return q;
    },
  };
  // Any other API (toasts, loading, pull-down refresh…) exists and succeeds with an empty result.
  // Other names stay undefined: the runtimes keep their own objects on the global (Taro's alipay
  // runtime keeps its event centre on `my`), and those must start out absent.
  const API_NAME =
    /^(show|hide|set|get|stop|start|on|off|create|choose|make|vibrate|open|save|preview|scan|compress|upload|download|authorize|pageScrollTo|report|hideKeyboard)/;
  return new Proxy(api, {
    get(target, key) {
      if (key in target) return target[key];
      if (typeof key !== 'string' || !API_NAME.test(key)) return undefined;
      return (o) => done(o, {});
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  });
}

/** A loader for one platform's dist folder: CommonJS `require` between the bundle's files. */
function createLoader(dir, context, allowed) {
  const cache = new Map();
  const load = (file) => {
    const full = path.resolve(file.endsWith('.js') ? file : `${file}.js`);
    if (cache.has(full)) return cache.get(full).exports;
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (!allowed(rel)) throw new Error(`${rel} 不在已下载的包里`);
    const module = { exports: {} };
    cache.set(full, module);
    const code = fs.readFileSync(full, 'utf8');
    const fn = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, {
      filename: full,
    });
    fn((p) => load(path.resolve(path.dirname(full), p)), module, module.exports);
    return module.exports;
  };
  return load;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
/** Waits until `cond()` holds, at most `ms` (a page's first render can take a few event-loop turns). */
async function waitFor(cond, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await settle();
  return cond();
}

async function smoke(platform) {
  const dir = path.join(ROOT, 'dist', platform);
  const failures = [];
  const fail = (m) => failures.push(m);
  const appJsonPath = path.join(dir, 'app.json');
  if (!fs.existsSync(appJsonPath))
    return [`dist/${platform}/app.json 不存在：请先运行 npm run build:${platform}`];
  const app = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
  const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => ({
    root: String(s.root).replace(/^\/+|\/+$/g, ''),
    pages: s.pages.map((p) => `${String(s.root).replace(/^\/+|\/+$/g, '')}/${p}`),
  }));
  const mainPages = app.pages;
  const allPages = new Set([...mainPages, ...subs.flatMap((s) => s.pages)]);
  const subOf = (rel) => subs.find((s) => rel.startsWith(`${s.root}/`));

  // 1. Routes compiled into the bundles are declared pages.
  const jsFiles = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.js')) jsFiles.push(full);
    }
  };
  walk(dir);
  const routes = new Set();
  for (const f of jsFiles) {
    for (const m of fs
      .readFileSync(f, 'utf8')
      .matchAll(/["'`]\/?(pages\/[\w-]+\/[\w-]+)(?=[?"'`])/g)) {
      routes.add(m[1]);
    }
  }
  for (const r of routes) if (!allPages.has(r)) fail(`代码里的路由 /${r} 不是 app.json 声明的页面`);

  // 2. The main package alone.
  const log = { navigations: [], requests: [], errors: [] };
  const registered = new Map();
  const downloaded = new Set(); // subpackage roots the "platform" has fetched
  const sandbox = {
    console: {
      ...console,
      log: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (...a) => log.errors.push(a.map(String).join(' ')),
    },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    App: (config) => {
      sandbox.__app = config;
    },
    Page: (config) => {
      registered.set(sandbox.__loading, config);
    },
    Component: (config) => config,
    Behavior: (config) => config,
    getApp: () => sandbox.__app,
    getCurrentPages: () => sandbox.__pages ?? [],
    requirePlugin: () => ({}),
  };
  sandbox[GLOBAL_OF[platform]] = fakePlatformApi(platform, log);
  // Alipay's JS engine has a `navigator` (Taro's alipay runtime reads its userAgent); WeChat's has none.
  if (platform === 'alipay') sandbox.navigator = { userAgent: 'AlipayClient (smoke)' };
  const context = vm.createContext(sandbox);
  const load = createLoader(dir, context, (rel) => {
    const sub = subOf(rel);
    return !sub || downloaded.has(sub.root);
  });

  const open = async (page, query = {}) => {
    const sub = subOf(`${page}.js`);
    if (sub) downloaded.add(sub.root);
    sandbox.__loading = page;
    try {
      load(path.join(dir, `${page}.js`));
    } catch (e) {
      fail(`${page}: 加载失败：${e.message}`);
      return null;
    }
    const config = registered.get(page);
    if (!config) {
      fail(`${page}: 没有调用 Page()（所需的公共文件没有加载？）`);
      return null;
    }
    const instance = Object.create(config);
    Object.assign(instance, {
      route: page,
      __route__: page,
      data: {},
      options: query,
      setData(data, cb) {
        for (const [k, v] of Object.entries(data)) setPath(this.data, k, v);
        cb?.call(this);
      },
    });
    sandbox.__pages = [...(sandbox.__pages ?? []), instance];
    try {
      instance.onLoad?.(query);
      instance.onShow?.();
      instance.onReady?.();
    } catch (e) {
      fail(`${page}: 渲染出错：${e.message}`);
      return null;
    }
    const hasContent = () => !!instance.data.root && nodesOf(instance.data.root).length >= 2;
    if (!(await waitFor(hasContent))) {
      fail(`${page}: 没有渲染出内容`);
      return null;
    }
    const pageJson = JSON.parse(fs.readFileSync(path.join(dir, `${page}.json`), 'utf8'));
    const title = pageJson.navigationBarTitleText ?? pageJson.defaultTitle;
    if (title && !(await waitFor(() => textOf(instance.data.root).includes(title), 1000))) {
      fail(`${page}: 页面上没有标题「${title}」`);
    }
    return instance;
  };

  try {
    load(path.join(dir, 'app.js'));
  } catch (e) {
    return [`app.js 加载失败：${e.message}`];
  }
  if (!sandbox.__app) return ['app.js 没有调用 App()'];
  sandbox.__app.onLaunch?.({ path: mainPages[0], query: {} });
  sandbox.__app.onShow?.({ path: mainPages[0], query: {} });

  const rendered = [];
  for (const page of mainPages) {
    if (await open(page)) rendered.push(page);
  }

  // 3. 首页's entries into subpackages.
  const home = sandbox.__pages?.find((p) => p.route === mainPages[0]);
  if (home) {
    const entries = nodesOf(home.data.root).filter(
      ({ node }) => typeof node.cl === 'string' && node.cl.includes('service-entry__button'),
    );
    if (entries.length === 0) fail('首页: 没有找到服务入口');
    for (const { node } of entries) {
      const title = textOf(node);
      const sid = node.sid ?? node.uid;
      const before = log.navigations.length;
      home.eh({
        type: 'tap',
        timeStamp: Date.now(),
        target: { id: sid, dataset: { sid } },
        currentTarget: { id: sid, dataset: { sid } },
        detail: {},
      });
      await settle();
      const nav = log.navigations.slice(before).find((n) => n.url);
      if (!nav) {
        fail(`首页: 点「${title}」没有跳转`);
        continue;
      }
      const target = nav.url.replace(/^\//, '').split('?')[0];
      if (!allPages.has(target)) {
        fail(`首页: 点「${title}」跳到未声明的页面 ${nav.url}`);
        continue;
      }
      if (nav.kind === 'navigateTo' && subOf(`${target}.js`) && !registered.has(target)) {
        if (await open(target)) rendered.push(target);
      }
    }
  }

  // 4. The remaining subpackage pages.
  for (const page of subs.flatMap((s) => s.pages)) {
    if (
      !registered.has(page) &&
      (await open(page, { id: 'smoke', caseId: 'smoke', unitCode: 'smoke' }))
    ) {
      rendered.push(page);
    }
  }

  for (const e of log.errors) {
    if (!/服务暂不可用|503/.test(e)) fail(`console.error: ${e.slice(0, 300)}`);
  }
  console.log(
    `\n小程序冒烟测试 · ${platform}：${rendered.length}/${allPages.size} 个页面渲染，` +
      `主包 ${mainPages.length} 页，分包 ${subs.length} 个（按需加载：${[...downloaded].join('、') || '无'}），` +
      `代码里的路由 ${routes.size} 个，请求 ${log.requests.length} 次，跳转 ${log.navigations.length} 次`,
  );
  return failures;
}

// An error thrown from a timer or a rejected promise nobody handles is a failure of the platform
// being tested (reported in one line: the bundles are minified).
const stray = [];
const short = (e) =>
  String(e?.stack ?? e)
    .split('\n')
    .slice(0, 2)
    .join(' ')
    .slice(0, 300);
process.on('uncaughtException', (e) => stray.push(`未捕获的异常：${short(e)}`));
process.on('unhandledRejection', (e) => stray.push(`未处理的 Promise 拒绝：${short(e)}`));

let failed = false;
for (const platform of PLATFORMS) {
  stray.length = 0;
  const failures = await smoke(platform);
  await settle();
  failures.push(...stray);
  if (failures.length > 0) {
    failed = true;
    console.error(`  ✗ ${platform}:\n${failures.map((f) => `    ✗ ${f}`).join('\n')}`);
  }
}
if (failed) process.exit(1);
console.log('\n小程序冒烟测试通过。');
process.exit(0);
