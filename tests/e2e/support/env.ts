/**
 * Preconditions of the end-to-end suite. Both fail loudly (never skip): a green run must mean
 * the real build was tested in a real browser.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
/** H5_DIST lets parallel work build and test its own copy (default dist/h5). */
export const H5_DIR = path.resolve(ROOT, process.env.H5_DIST ?? 'dist/h5');

export const CHROMIUM_MISSING =
  '未找到 Chromium：请运行 `apt-get update && apt-get install -y chromium`（或设置 CHROMIUM_PATH）';

/** dist/h5 must hold a finished H5 build (npm test builds it before test:e2e). */
export function requireH5Build(): string {
  const index = path.join(H5_DIR, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `未找到 H5 构建产物 ${path.relative(ROOT, index)}：请先运行 \`npm run build:h5\`（npm test 会自动执行）。`,
    );
  }
  return H5_DIR;
}

/** CHROMIUM_PATH if set, else Debian's /usr/bin/chromium; throws the install hint when absent. */
export function findChromium(): string {
  // An explicit CHROMIUM_PATH is the only candidate: a wrong one must not be silently replaced.
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : ['/usr/bin/chromium'];
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  const tried = candidates.join(', ');
  throw new Error(`${CHROMIUM_MISSING}\n（已查找：${tried}）`);
}
