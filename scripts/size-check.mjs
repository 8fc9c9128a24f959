#!/usr/bin/env node
// Mini-program package sizes of dist/weapp and dist/alipay (built by `npm run build:weapp` and
// `npm run build:alipay`). Prints the main package, each subpackage and the total, and exits 1
// when the main package exceeds 600 KB, a subpackage exceeds 2 MB or the whole exceeds 20 MB.
//
// The platforms allow 2 MB for the main package; our budget is 600 KB because the main package is
// what every launch downloads before the first screen (src/app.config.ts keeps only the tabs,
// login, face check and invitations there; every other feature is a subpackage).
//
// Main package = every file under the output root except the subpackage roots declared in
// app.json (`subPackages` on weapp, `subpackages` on alipay; both accepted) and except source
// maps, which are not uploaded. Sizes are bytes on disk; 1 MB = 1024 × 1024 bytes, as WeChat counts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;
const KB = 1024;
const LIMITS = { main: 600 * KB, package: 2 * MB, total: 20 * MB };
const PLATFORMS = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['weapp', 'alipay'];

const fmt = (bytes) =>
  bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
const isCounted = (file) => !file.endsWith('.map');

function listFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function measure(platform) {
  const dir = path.join(ROOT, 'dist', platform);
  const appJson = path.join(dir, 'app.json');
  if (!fs.existsSync(appJson)) {
    return {
      platform,
      problems: [
        `dist/${platform}/app.json 不存在：请先运行 \`npm run build:${platform}\`（npm run test:mini 会先构建）。`,
      ],
    };
  }
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8'));
  const subpackages = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => ({
    root: String(s.root).replace(/^\/+|\/+$/g, ''),
    name: s.name ?? s.root,
    bytes: 0,
    files: 0,
  }));
  let main = 0;
  let mainFiles = 0;
  for (const file of listFiles(dir)) {
    if (!isCounted(file)) continue;
    const rel = path.relative(dir, file).split(path.sep).join('/');
    const size = fs.statSync(file).size;
    const sub = subpackages.find((s) => rel === s.root || rel.startsWith(`${s.root}/`));
    if (sub) {
      sub.bytes += size;
      sub.files += 1;
    } else {
      main += size;
      mainFiles += 1;
    }
  }
  const total = main + subpackages.reduce((sum, s) => sum + s.bytes, 0);
  const problems = [];
  if (main > LIMITS.main) {
    problems.push(`dist/${platform} 主包 ${fmt(main)} 超过 ${fmt(LIMITS.main)} 上限`);
  }
  for (const s of subpackages) {
    if (s.bytes > LIMITS.package) {
      problems.push(
        `dist/${platform} 分包 ${s.root} ${fmt(s.bytes)} 超过 ${fmt(LIMITS.package)} 上限`,
      );
    }
  }
  if (total > LIMITS.total) {
    problems.push(`dist/${platform} 总大小 ${fmt(total)} 超过 ${fmt(LIMITS.total)} 上限`);
  }
  return { platform, main, mainFiles, subpackages, total, problems };
}

const results = PLATFORMS.map(measure);
for (const r of results) {
  console.log(`\n小程序包大小 · ${r.platform}`);
  if (r.main === undefined) {
    console.log('  （未构建）');
    continue;
  }
  const rows = [
    ['主包', r.main, r.mainFiles, LIMITS.main],
    ...r.subpackages.map((s) => [`分包 ${s.root}`, s.bytes, s.files, LIMITS.package]),
    ['总计', r.total, r.mainFiles + r.subpackages.reduce((n, s) => n + s.files, 0), LIMITS.total],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  for (const [label, bytes, files, limit] of rows) {
    const pct = ((bytes / limit) * 100).toFixed(1);
    console.log(
      `  ${label.padEnd(width)} ${fmt(bytes).padStart(10)}  ${String(files).padStart(4)} 个文件  上限 ${fmt(limit)}（已用 ${pct}%）${bytes > limit ? '  ✗ 超限' : ''}`,
    );
  }
  if (r.subpackages.length === 0) console.log('  （app.json 未声明分包）');
}

const problems = results.flatMap((r) => r.problems);
if (problems.length > 0) {
  console.error(`\n包大小检查未通过：\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\n包大小检查通过。');
