/**
 * The printable certificate and the offline seal check in chromium.
 * The holder downloads 下载 PDF and the signature file from the certificate page; the registry
 * confirms the pair, and the QR's verify URL on the paper shows the status now without names.
 * A verifier without the app pastes a forged presentation token into /verify: the page checks
 * the seal with the registry's public key and refuses it without asking /api/v1/verify.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { keyPairFromPrivateKey, kSourceFromRandomBytes } from '../../mock-server/src/domain/crypto';
import { signPresentationToken } from '../../mock-server/src/domain/presentation';
import { pagePdfText, parsePdf, pdfPages } from '../server/support/pdf';
import { checkA11y } from './support/a11y';
import { signInPhone } from './support/api';
import { CURRENT_PAGE, waitForStationed } from './support/app';
import { withSensorNoise } from './support/camera';
import { useE2E } from './support/harness';

const e2e = useE2E();

const WALLET = '/#/pages/certificates/index';
const DETAIL = '/#/pages/wallet/detail';

/** docs/personas.md: P013 杨永明 holds 阳光嘉园4幢2单元204室 alone. */
const HOLDER = { name: '杨永明', idNumber: '33100419820825953X' };
const LOCATION = '阳光嘉园4幢2单元204室';
const here = (sel: string) => `${CURRENT_PAGE} ${sel}`;

/** Signed in over the API: the face login is login.test.ts's subject, not this file's. */
const logIn = (page: Page) => signInPhone(page, e2e.baseURL, HOLDER);

test('下载 PDF: the file and its signature check out, and the QR on it shows the status now', async () => {
  const { page: holder } = await e2e.phone();
  await withSensorNoise(holder);
  await logIn(holder);
  await e2e.visit(holder, WALLET);
  const card = holder.locator(here('.wallet-card'), { hasText: LOCATION });
  await card.waitFor({ timeout: 20_000 });
  await card.locator('.wallet-card__body').click();
  await waitForStationed(holder, DETAIL);
  await holder.locator(here('.certificate__pdf-download')).waitFor({ timeout: 15_000 });
  await e2e.checkA11y(holder, '证照详情 · 下载 PDF');

  const [pdfDownload] = await Promise.all([
    holder.waitForEvent('download'),
    holder.locator(here('.certificate__pdf-download')).click(),
  ]);
  const pdf = fs.readFileSync((await pdfDownload.path())!);
  expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  expect(pdfDownload.suggestedFilename()).toMatch(/^不动产权证书-.*\.pdf$/);
  await holder.locator(here('.certificate__pdf-signature')).waitFor({ timeout: 15_000 });
  await e2e.checkA11y(holder, '证照详情 · PDF 已下载');

  const [sigDownload] = await Promise.all([
    holder.waitForEvent('download'),
    holder.locator(here('.certificate__pdf-signature')).click(),
  ]);
  const signature = JSON.parse(fs.readFileSync((await sigDownload.path())!, 'utf8')) as unknown;
  const check = async (file: Buffer) =>
    (await (
      await fetch(`${e2e.baseURL}/api/v1/documents/verify-file`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ file: file.toString('base64'), signature }),
      })
    ).json()) as { valid: boolean; reason?: string };
  expect(await check(pdf)).toMatchObject({ valid: true });
  const changed = Buffer.from(pdf);
  changed[changed.length >> 1] ^= 1;
  expect(await check(changed)).toMatchObject({ valid: false, reason: 'digestMismatch' });

  // the QR's URL, read back from the PDF's text, opened by someone without the app
  const parsed = parsePdf(pdf);
  const text = pagePdfText(parsed, pdfPages(parsed)[0]).replace(/\n/g, '');
  expect(text).toContain('以在线核验结果为准');
  const url = /https?:\/\/[^\s]+\/verify\?c=[^&\s]+&check=[0-9a-f]{32}/.exec(text)![0];
  const { page: verifier } = await e2e.phone();
  await verifier.goto(url.replace(/^https?:\/\/[^/]+/, e2e.baseURL));
  await verifier.waitForFunction(
    () => /核验通过|不通过|证书/.test(document.getElementById('verdict')?.textContent ?? ''),
    undefined,
    { timeout: 15_000 },
  );
  const shown = await verifier.locator('#result').innerText();
  expect(shown).toContain('核验通过：现势');
  expect(shown).toContain('打印版');
  expect(shown).not.toContain('杨永明');
  await checkA11y(verifier, '/verify（打印版核验）');
  await e2e.scanText(verifier, '/verify（打印版核验）');
}, 150_000);

test('/verify refuses a forged token on the page, without asking the registry', async () => {
  const forger = keyPairFromPrivateKey(BigInt(`0x${'7d'.repeat(32)}`));
  const now = Date.now();
  const forged = signPresentationToken(
    {
      v: 1,
      typ: 'estate-presentation',
      kid: 'REGKEY-forged',
      pid: 'PRES-forged',
      sub: 'CERT-forged',
      kind: 'titleCertificate',
      view: 'full',
      fields: ['location'],
      nonce: '0123456789abcdef0123456789abcdef',
      iat: new Date(now).toISOString(),
      exp: new Date(now + 120_000).toISOString(),
      uses: 3,
    },
    forger.privateKey,
    kSourceFromRandomBytes((n) => new Uint8Array(n).map((_, i) => (i * 31 + 9) & 0xff)),
  );
  const { page } = await e2e.phone();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${e2e.baseURL}/verify`);
  await page.locator('#token-input').fill(`${e2e.baseURL}/verify#${forged}`);
  await page.locator('#token-form button[type="submit"]').click();
  await page.waitForFunction(
    () => document.getElementById('verdict')?.textContent === '核验不通过',
    undefined,
    { timeout: 15_000 },
  );
  const shown = await page.locator('#result').innerText();
  expect(shown).toContain('电子签章无效');
  expect(shown).toContain('TOKEN_SEAL_INVALID');
  expect(requests).toContain('/verify/sm2.js');
  expect(requests).toContain('/api/v1/registry/public-key');
  expect(requests).not.toContain('/api/v1/verify');
  await checkA11y(page, '/verify（本机核验不通过）');
});
