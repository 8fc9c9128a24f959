/**
 * What people sign, they can read: on two phones (two browser contexts) the seller and the buyer
 * of a home sale open every document before signing — the 不动产登记申请书, each 询问笔录, the
 * 网签合同, the commitments — on 预览文书, on the signing step and on the buyer's own page (another
 * party's 询问笔录 as its digest, with the line that says it is theirs), and
 * the seller opens the 受理凭证 on the notice screen. On each document screen, with the document
 * open: no raw key name, no `null`, no amount in fen, no ISO timestamp is visible (the visible-text
 * scanner plus a check for key names), and axe passes, in 普通版 and in 长辈版.
 */
import type { Page } from 'playwright-core';
import { waitForStationed } from './support/app';
import {
  answerInquiry,
  APPLY,
  buyerOpensByCode,
  CONTRACT,
  DETAIL,
  drawSignature,
  fillBuyer,
  finishMaterials,
  here,
  inviteBuyer,
  signIn,
  phone as phoneOf,
  pickDate,
  SELLER,
  SIGN,
  signWithFace,
  startSale,
  stepText,
} from './support/apply';
import { useE2E, type E2E } from './support/harness';

const e2e = useE2E();
jest.setTimeout(420_000);

/** Key names of the documents' data that must never reach the screen. */
const RAW_KEYS =
  /documentType|businessType|\brole\b|priceFen|priceYuan|rightHolder|obligor|mortgagee|shareBasisPoints|partyId|newCoOwnership|paymentMethod|handoverDate|committedAt|maritalStatus|\bnull\b|undefined/;

async function checkDocumentScreen(page: Page, label: string, area: string) {
  const text = await page.locator(here(area)).innerText();
  const leaked = RAW_KEYS.exec(text);
  if (leaked)
    throw new Error(
      `文书里显示了程序的字段名或空值“${leaked[0]}”（${label}）：…${text.slice(Math.max(0, leaked.index - 30), leaked.index + 30)}…`,
    );
  await e2e.scanText(page, label);
  await e2e.checkA11y(page, label);
}

/**
 * Opens every document of the bundle in `scope` one after another and checks each open
 * document screen; returns what each showed, by document id.
 */
async function readEveryDocument(
  page: Page,
  scope: string,
  label: string,
  atLeast = 1,
): Promise<Record<string, string>> {
  const docs = page.locator(here(`${scope} .bundle-doc`));
  // a saved contract reloads the bundle: wait for the list as it stands after that, not a
  // shorter one shown before it
  // the list is read in one go (it may be drawn again meanwhile), until it holds them all
  let ids: string[] = [];
  for (let tries = 0; ids.length < atLeast && tries < 20; tries++) {
    await docs.nth(atLeast - 1).waitFor({ timeout: 30_000 });
    ids = await docs.evaluateAll((els) => els.map((e) => e.getAttribute('data-doc') ?? ''));
  }
  expect(ids.length).toBeGreaterThanOrEqual(atLeast);
  const shown: Record<string, string> = {};
  for (const id of ids) {
    const item = page.locator(here(`${scope} .bundle-doc[data-doc="${id}"]`));
    const toggle = item.locator('.bundle-doc__toggle');
    if ((await toggle.innerText()).includes('阅读')) await toggle.click();
    // a document the reader is not a party of (another party's 询问笔录) comes as its digest
    // only, with a line that says so (domain/signing/readers.ts)
    const view = item.locator('.doc, .bundle-doc__withheld').first();
    await view.waitFor({ timeout: 15_000 });
    shown[id] = await view.innerText();
    await checkDocumentScreen(page, `${label} · ${id}`, `${scope} .bundle-doc[data-doc="${id}"]`);
  }
  return shown;
}

async function fillContract(seller: Page) {
  await seller.locator(here('.sale-contract')).waitFor({ timeout: 30_000 });
  await seller.locator(here('.sale-contract [role="radio"]'), { hasText: CONTRACT.method }).click();
  await pickDate(seller, '.contract-handover', CONTRACT.handoverDate);
  await seller.locator(here('.sale-contract textarea')).fill(CONTRACT.fixtures);
  await seller.locator(here('.contract-save')).click();
  await seller.locator(here('.sale-summary__price'), { hasText: '¥1,680,000.00' }).waitFor();
}

async function backToStep(e2eh: E2E, page: Page, step: string) {
  await e2eh.visit(page, APPLY);
  await waitForStationed(page, APPLY);
  await stepText(page, step);
}

test('every document is readable before signing, on both phones, in both modes', async () => {
  const seller = await phoneOf(e2e);
  const buyer = await phoneOf(e2e);
  await signIn(e2e, seller, SELLER);
  await startSale(e2e, seller);
  await fillBuyer(seller);
  await stepText(seller, '询问笔录');
  await answerInquiry(seller);
  await finishMaterials(seller);

  // 预览文书 (普通版): every document, including the contract with its agreed terms
  await stepText(seller, '预览文书');
  await fillContract(seller);
  const read = await readEveryDocument(seller, '.apply-preview', '预览文书', 3);
  const titles = Object.values(read).map((t) => t.split('\n')[0]);
  expect(titles).toEqual(
    expect.arrayContaining(['不动产登记申请书', '不动产登记询问笔录', '存量房买卖合同（网签）']),
  );
  const form = read.applicationForm;
  for (const heading of ['申请登记事项', '不动产情况', '权利人情况', '义务人情况', '申请人签章'])
    expect(form).toContain(heading);
  const contract = read.contract;
  expect(contract).toContain('1,680,000.00元（人民币壹佰陆拾捌万元整）');
  expect(contract).toContain(CONTRACT.fixtures);

  // the same screen in 长辈版
  await e2e.setMode(seller, 'elder');
  await backToStep(e2e, seller, '预览文书');
  await readEveryDocument(seller, '.apply-preview', '预览文书（长辈版）');

  // the signing step, in 长辈版 and then in 普通版 (the case is now in signing: the wizard
  // resumes at 签名), then sign
  await seller.locator(here('.preview-next')).click();
  await stepText(seller, '签名');
  await readEveryDocument(seller, '.sign-panel', '签名（长辈版）');
  await e2e.setMode(seller, 'normal');
  await backToStep(e2e, seller, '签名');
  await readEveryDocument(seller, '.sign-panel', '签名（普通版）');
  await drawSignature(seller);
  await signWithFace(seller, APPLY);
  const code = await inviteBuyer(seller);

  // the buyer's own page (普通版): her 询问笔录 is in her name, the seller's name is masked
  await buyerOpensByCode(e2e, buyer, code);
  await answerInquiry(buyer);
  const buyerRead = await readEveryDocument(buyer, '.sign-panel', '签署申请');
  const buyerForm = buyerRead.applicationForm;
  expect(buyerForm).toContain('应敏');
  expect(buyerForm).not.toContain(SELLER.name);
  expect(buyerForm).toContain('潘*东');
  // the seller's 询问笔录 is his statement: she reads that it is his, and its digest
  const his = Object.entries(buyerRead).filter(([id]) => id.startsWith('inquiry:'));
  expect(his.map(([, t]) => t)).toContainEqual(
    expect.stringContaining('该文件仅对其当事人可见，您可核对其摘要'),
  );
  expect(his.map(([, t]) => t).join('\n')).not.toContain(SELLER.name);
  const signUrl = buyer.url();

  // and in 长辈版
  await e2e.setMode(buyer, 'elder');
  await buyer.goto('about:blank');
  await buyer.goto(signUrl, { waitUntil: 'load' });
  await waitForStationed(buyer, SIGN);
  await readEveryDocument(buyer, '.sign-panel', '签署申请（长辈版）');
  await drawSignature(buyer);
  // her face login counts as the fresh face check while it is less than 5 minutes old
  await signWithFace(buyer, SIGN, 'ifAsked');
  await buyer.locator(here('.cosign-done')).waitFor({ timeout: 30_000 });

  // the seller submits; the notice screen shows the 受理凭证 readably, in both modes
  await seller
    .locator(here('.signing-party .signing-party__state[data-state="signed"]'))
    .nth(1)
    .waitFor({ timeout: 30_000 });
  await seller.locator(here('.apply-submit')).click();
  await waitForStationed(seller, DETAIL, 30_000);
  const detailUrl = seller.url();
  for (const mode of ['normal', 'elder'] as const) {
    if (mode === 'elder') {
      await e2e.setMode(seller, 'elder');
      await seller.goto('about:blank');
      await seller.goto(detailUrl, { waitUntil: 'load' });
      await waitForStationed(seller, DETAIL, 30_000);
    }
    const notice = seller.locator(here('.notice')).first();
    await notice.waitFor({ timeout: 30_000 });
    await notice.locator('.notice__open').click();
    const view = notice.locator('.notice__body .doc');
    await view.waitFor({ timeout: 30_000 });
    const shown = await view.innerText();
    expect(shown).toContain('业务号');
    expect(shown).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await checkDocumentScreen(
      seller,
      `通知书（${mode === 'elder' ? '长辈版' : '普通版'}）`,
      '.notices',
    );
  }
});
