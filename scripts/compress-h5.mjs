#!/usr/bin/env node
// After `taro build --type h5` (part of `npm run build:h5`): writes a brotli (.br) and a gzip
// (.gz) copy beside every .js, .css, .html, .svg and .json file of the H5 build, which the server
// sends as they are to a browser that accepts them (mock-server/src/http/staticFiles.ts).
// Brotli at its best quality and gzip at level 9: done once per build, not per request.
// A copy that would not be smaller than the file is not written (the plain file is sent).
// H5_DIST: the build folder (as config/index.ts and scripts/bench-h5-size.mjs), default dist/h5.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const H5 = path.resolve(ROOT, process.env.H5_DIST || 'dist/h5');
const EXTENSIONS = new Set(['.js', '.css', '.html', '.svg', '.json']);

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (EXTENSIONS.has(path.extname(entry.name).toLowerCase())) yield full;
  }
}

if (!fs.existsSync(path.join(H5, 'index.html'))) {
  console.error(`未找到 ${path.relative(ROOT, H5)}/index.html：请先运行 taro build --type h5。`);
  process.exit(1);
}

let count = 0;
let raw = 0;
let br = 0;
let gz = 0;
for (const file of files(H5)) {
  const buf = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
  const gzip = zlib.gzipSync(buf, { level: 9 });
  // a stale copy from an earlier build must not be served in place of this file
  for (const [ext, out] of [
    ['.br', brotli],
    ['.gz', gzip],
  ]) {
    if (out.length < buf.length) fs.writeFileSync(file + ext, out);
    else fs.rmSync(file + ext, { force: true });
  }
  count += 1;
  raw += buf.length;
  br += Math.min(brotli.length, buf.length);
  gz += Math.min(gzip.length, buf.length);
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `预压缩 ${path.relative(ROOT, H5)}：${count} 个文件，${kb(raw)} KB → brotli ${kb(br)} KB，gzip ${kb(gz)} KB`,
);
