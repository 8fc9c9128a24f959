#!/usr/bin/env node
// Photo upload size and compression time: `npm run bench:upload` (after build:h5).
//
// Drives the real H5 app in chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH, the
// e2e suite's flags): starts the real registry on a free port with a fresh SQLite file, puts a
// second-hand sale into 补正 through the API (网签买卖合同 unreadable), logs the seller in on a
// phone-sized context (fake camera with sensor noise for the face check), opens the case's
// correction and photographs the contract with a generated 12-megapixel JPEG (4000×3000, a
// gradient, text and 40 000 coloured specks: photo-like noise). The app scales it to a 2000 px
// long edge and re-encodes it as JPEG ≈ 0.8 on the phone; the bench reads the bytes of the
// upload request off the network. It prints the original and uploaded sizes (target ≤ 600 KB)
// and the time from handing the file to the page until the upload request leaves, i.e. decode,
// scale, encode and the SM3 digest: the time to compress, in chromium. Runs RUNS times (default 3).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { require as tsRequire } from 'tsx/cjs/api';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 3);
const TARGET_BYTES = 600 * 1024;

// the e2e suite's own support modules (TypeScript, CommonJS like under jest)
const load = async (rel) => tsRequire(path.join(ROOT, rel), import.meta.url);
const { requireH5Build } = await load('tests/e2e/support/env.ts');
const { startServer } = await load('tests/e2e/support/server.ts');
const { launchChromium, newPhone } = await load('tests/e2e/support/browser.ts');
const { gotoRoute, waitForStationed } = await load('tests/e2e/support/app.ts');
const { withSensorNoise } = await load('tests/e2e/support/camera.ts');
const { saleInCorrection } = await load('tests/e2e/support/api.ts');
const apply = await load('tests/e2e/support/apply.ts');
// the benchmarks' shared figures: the machine's load at the start, min / median / max
const { machineLine, spread } = await load('scripts/bench/harness.ts');
const { BUYER, SELLER, DETAIL, FACE, LOGIN, here, bigPhoto, faceCheckPasses } = apply;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

requireH5Build();
const machine = machineLine();
const server = await startServer();
let browser;
try {
  const caseId = await saleInCorrection(server.url, SELLER, BUYER, SELLER.unit);
  browser = await launchChromium();
  const { page } = await newPhone(browser, server.url);
  // tsx keeps function names with a __name() helper; functions sent into the page need it there
  await page.addInitScript('globalThis.__name = (f) => f;');
  await withSensorNoise(page);

  await gotoRoute(page, LOGIN);
  await page.locator(here('.login-name input')).fill(SELLER.name);
  await page.locator(here('.login-id input')).fill(SELLER.idNumber);
  await page.locator(here('[role="checkbox"]')).click();
  await page.locator(here('.login-submit')).click();
  await waitForStationed(page, FACE);
  await faceCheckPasses(page).catch(async (e) => {
    const shown = await page
      .locator(here('.app-page'))
      .innerText()
      .catch(() => '');
    throw new Error(`刷脸登录没有通过：${shown.slice(0, 300)}`, { cause: e });
  });

  await gotoRoute(page, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
  await page.locator(here('.correction-start')).click({ timeout: 30_000 });
  const item = page.locator(here('.material[data-material="filedContract"]'));
  await item.locator('.material__camera').waitFor({ timeout: 30_000 });

  const results = [];
  for (let run = 0; run < RUNS; run++) {
    const photo = await bigPhoto(page); // different specks each run: a different file
    const sent = new Promise((resolve) => {
      const onRequest = (r) => {
        if (/\/materials\/filedContract\/files$/.test(r.url()) && r.method() === 'POST') {
          page.off('request', onRequest);
          resolve({ at: performance.now(), bytes: r.postDataBuffer()?.length ?? 0 });
        }
      };
      page.on('request', onRequest);
    });
    const chooser = page.waitForEvent('filechooser');
    await item.locator('.material__camera').click();
    const t0 = performance.now();
    await (
      await chooser
    ).setFiles({
      name: `contract-${run}.jpg`,
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    const { at, bytes } = await sent;
    await item.locator('.upload-task[data-status="done"]').nth(run).waitFor({ timeout: 120_000 });
    results.push({ original: photo.length, bytes, ms: at - t0 });
    console.log(
      `run ${run + 1}: 12 MP JPEG ${kb(photo.length)} → uploaded ${kb(bytes)} ` +
        `(${bytes} bytes) in ${Math.round(at - t0)} ms`,
    );
  }
  const max = Math.max(...results.map((r) => r.bytes));
  const ms = spread(results.map((r) => r.ms));
  console.log(
    `\n4000×3000 JPEG (${kb(results[0].original)}) → bytes uploaded after compression: ` +
      `max ${kb(max)} (${max} bytes; target ≤ ${kb(TARGET_BYTES)}: ${max <= TARGET_BYTES ? 'OK' : 'OVER'})`,
  );
  console.log(
    `time to compress in chromium (decode, scale to 2000 px, JPEG encode, SM3): ` +
      `median ${Math.round(ms.median)} ms, min ${Math.round(ms.min)} ms, ` +
      `max ${Math.round(ms.max)} ms over ${results.length} runs`,
  );
  console.log(machine);
  if (max > TARGET_BYTES) process.exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  await server.stop();
}
