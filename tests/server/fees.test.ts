/**
 * The registration fee over HTTP (docs/registry-facts.md §14): the buyer of a home sale (the new
 * right holder) sees the 80 元 fee with its rule and pays it after confirming the amount; the
 * sellers and strangers cannot; recording waits for the fee as it waits for the tax; the
 * 财政电子票据 verifies with the finance key published at GET /api/v1/keys. A case withdrawn (or
 * refused) after payment refunds the fee and the tax once, also when refunds run again on
 * another node, with sealed refund records the payer sees. The paid receipt reads as the
 * 不动产登记费收费票据 on the fee card and among the payer's document copies, as a PDF sealed by the
 * registry with the receipt's Chinese text; nobody else gets it.
 */
import type {
  CaseDetail,
  DetachedSignature,
  DocumentCopiesResponse,
  FeeResponse,
  PublishedKeysResponse,
} from '../../mock-server/src/contract';
import { checkDetached } from '../../mock-server/src/domain/certificates';
import { renderingTexts } from '../../mock-server/src/domain/documents/printModel';
import { createApp } from '../../mock-server/src/bootstrap';
import { verifyFinanceSeal } from '../../mock-server/src/domain/fees';
import { createLogger } from '../../mock-server/src/logger';
import { eSign, payOwnTaxes } from './support/cases-client';
import { pdfText } from './support/pdf';
import {
  count,
  openSale,
  parties,
  startSigningHarness,
  type Client,
  type SigningHarness,
} from './support/signing';

let h: SigningHarness;
let p: Awaited<ReturnType<typeof parties>>;
beforeEach(async () => {
  h = await startSigningHarness({ FEE_BEFORE_RECORDING: 'true' });
  p = await parties(h);
});
afterEach(() => h.close());

async function raw(who: Client, method: 'GET' | 'POST', url: string, payload?: object) {
  return h.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${who.token}` },
    ...(payload ? { payload } : {}),
  });
}

/** A sale signed by all three and submitted: it waits in 待缴税费. */
async function submittedSale(): Promise<CaseDetail> {
  let c = await openSale(p.buyer, false);
  await p.buyer.put(`/cases/${c.caseId}/contract`, {
    priceFen: 186_000_000,
    paymentMethod: 'fullPayment',
    handoverDate: new Date(h.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
    fixtures: '无',
  });
  c = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  await eSign(p.buyer, c.caseId);
  await eSign(p.sellerA, c.caseId);
  await eSign(p.sellerB, c.caseId);
  c = await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
  expect(c.status).toBe('taxPending');
  return c;
}

const financeKey = async (who: Client) =>
  (await who.get<PublishedKeysResponse>('/keys')).items.find(
    (k) => k.name === 'finance-department' && !k.retiredAt,
  )!.publicKeyHex;

/** waits (without a fixed sleep) until the condition holds */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setImmediate(r));
  }
}

describe('registration fee (登记费)', () => {
  it('the buyer sees 80 元 with the rule and pays it once; recording waits for it', async () => {
    const c = await submittedSale();
    const url = `/cases/${c.caseId}/fee`;
    const card = await p.buyer.get<FeeResponse>(url);
    expect(card).toMatchObject({ totalFen: 8000, totalText: '80.00元', mine: true, canPay: true });
    expect(card.lines[0].rule).toContain('住宅类不动产登记费每件80元');
    expect(card.lines[0].basis).toContain('发改价格规〔2016〕2559号');
    // the sellers see the fee but do not owe it; a stranger learns nothing
    const seller = await p.sellerA.get<FeeResponse>(url);
    expect(seller).toMatchObject({ mine: false, canPay: false, totalFen: 8000 });
    expect(seller.payerNames[0]).not.toContain('应敏');
    const pay = `/cases/${c.caseId}/fee-payment`;
    const bySeller = await raw(p.sellerA, 'POST', pay, { confirmAmountFen: 8000 });
    expect([bySeller.statusCode, bySeller.json().code]).toEqual([403, 'FEE_NOT_YOURS']);
    expect((await raw(p.stranger, 'POST', pay, { confirmAmountFen: 8000 })).statusCode).toBe(404);
    expect((await raw(p.stranger, 'GET', url)).statusCode).toBe(404);
    // an amount the payer did not confirm is refused and charges nothing
    const wrong = await raw(p.buyer, 'POST', pay, { confirmAmountFen: 55000 });
    expect([wrong.statusCode, wrong.json().code]).toEqual([409, 'FEE_CHANGED']);
    expect(wrong.json().message).toMatch(/80\.00元/);
    expect((await raw(p.buyer, 'POST', pay, { confirmAmountFen: 80.5 })).statusCode).toBe(400);
    expect((await raw(p.buyer, 'POST', pay, {})).statusCode).toBe(400);
    expect(await count(h, 'fee_payments')).toBe(0);

    // the tax paid first, each taxpayer their own lines: the case still waits, now for the fee
    let after = await payOwnTaxes([p.sellerA, p.sellerB, p.buyer], c.caseId);
    expect(after.status).toBe('taxPending');
    expect(after.timeline.at(-1)?.note ?? '').toContain('登记费');

    // a double tap: one charge, one 财政电子票据; then the case is recorded and issued
    const [a, b] = await Promise.all([
      p.buyer.post<FeeResponse>(pay, { confirmAmountFen: 8000 }),
      p.buyer.post<FeeResponse>(pay, { confirmAmountFen: 8000 }),
    ]);
    expect(a.receipt?.body.billNo).toBe(b.receipt?.body.billNo);
    expect(await count(h, 'fee_payments')).toBe(1);
    expect(
      (
        await h.registry.sql.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM payment_gateway_charges WHERE idempotency_key LIKE 'FEE-%'",
        )
      )?.n,
    ).toBe(1);
    after = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(['issued', 'archived']).toContain(after.status);
    expect(after.timeline.some((t) => t.action === 'payFee' && t.step === '缴费')).toBe(true);

    // the 财政电子票据 names the payer and verifies with the finance key from GET /api/v1/keys
    const paid = await p.buyer.get<FeeResponse>(url);
    expect(paid).toMatchObject({ paid: true, canPay: false, sealValid: true });
    const receipt = paid.receipt!;
    expect(receipt.body).toMatchObject({ caseId: c.caseId, totalFen: 8000, payerName: '应敏' });
    const key = await financeKey(p.buyer);
    expect(verifyFinanceSeal(receipt, key)).toBe(true);
    // not with another published key (the registry's own seal)
    const registryKey = (await p.buyer.get<PublishedKeysResponse>('/keys')).items.find(
      (k) => k.name === 'registry',
    )!.publicKeyHex;
    expect(verifyFinanceSeal(receipt, registryKey)).toBe(false);
    expect(verifyFinanceSeal({ ...receipt, body: { ...receipt.body, totalFen: 1 } }, key)).toBe(
      false,
    );
    // the receipt is the payer's: a seller sees that it is paid, not the receipt
    const sellerView = await p.sellerA.get<FeeResponse>(url);
    expect(sellerView.paid).toBe(true);
    expect(sellerView.receipt).toBeUndefined();
    expect(sellerView.receiptRendering).toBeUndefined();

    // readable: the 不动产登记费收费票据 in Chinese, amounts in 元 with 大写, no raw keys or fen
    const readable = paid.receiptRendering!;
    expect(readable).toMatchObject({ kind: 'feeReceipt', title: '不动产登记费收费票据' });
    const shown = renderingTexts(readable).join('\n');
    for (const s of [
      '应敏',
      '80.00元',
      '人民币捌拾元整',
      receipt.body.billNo,
      receipt.body.checkCode,
    ])
      expect(shown).toContain(s);
    expect(shown).not.toMatch(/totalFen|payerName|\b8000\b|\d{4}-\d{2}-\d{2}T\d{2}:/);

    // among the payer's document copies, as a PDF the registry sealed, with the receipt's text
    const copies = async (who: Client) =>
      (await who.get<DocumentCopiesResponse>(`/cases/${c.caseId}/copies`)).items;
    const item = (await copies(p.buyer)).find((i) => i.ref === 'feeReceipt')!;
    expect(item).toMatchObject({ title: '不动产登记费收费票据', source: 'issued' });
    const pdfUrl = `/cases/${c.caseId}/copies/feeReceipt/document.pdf`;
    const pdf = await raw(p.buyer, 'GET', pdfUrl);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const bytes = new Uint8Array(pdf.rawPayload);
    const printedAt = String(pdf.headers['x-printed-at']);
    const sig = (
      await raw(p.buyer, 'GET', `${pdfUrl}.sig?at=${encodeURIComponent(printedAt)}`)
    ).json() as DetachedSignature;
    expect(checkDetached(bytes, sig, registryKey)).toMatchObject({ valid: true });
    const changed = new Uint8Array(bytes);
    changed[changed.length >> 1] ^= 1;
    expect(checkDetached(changed, sig, registryKey)).toMatchObject({ valid: false });
    const text = pdfText(bytes).replace(/[\n\f]/g, '');
    for (const s of renderingTexts(readable)) expect(text).toContain(s);
    expect(text).toContain('不动产登记费收费票据');
    expect(text).toContain('人民币捌拾元整');
    // the receipt names its payer: the sellers and strangers get no copy of it
    expect((await copies(p.sellerA)).map((i) => i.ref)).not.toContain('feeReceipt');
    expect((await raw(p.sellerA, 'GET', pdfUrl)).statusCode).toBe(404);
    expect((await raw(p.stranger, 'GET', pdfUrl)).statusCode).toBe(404);
  });

  it('withdrawn after the fee was paid: refunded once, also when refunds run again on another node', async () => {
    const c = await submittedSale();
    await p.buyer.post<FeeResponse>(`/cases/${c.caseId}/fee-payment`, { confirmAmountFen: 8000 });
    const w = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/withdraw`);
    expect(w.status).toBe('withdrawn');
    const url = `/cases/${c.caseId}/fee`;
    const card = await until(
      () => p.buyer.get<FeeResponse>(url),
      (v) => v.refunds.length > 0,
    );
    expect(card.refunds).toHaveLength(1);
    const r = card.refunds[0];
    expect(r).toMatchObject({ sealValid: true });
    expect(r.body).toMatchObject({ kind: 'fee', amountFen: 8000, reason: 'withdrawn' });
    expect(r.reasonText).toContain('申请人撤回申请');
    expect(verifyFinanceSeal(r, await financeKey(p.buyer))).toBe(true);
    // the refund is the payer's record: the sellers see none
    expect((await p.sellerA.get<FeeResponse>(url)).refunds).toEqual([]);
    // another node starting on the same database retries what an ended case is owed: nothing more
    const second = await createApp(h.config, h.registry, createLogger('silent'), {
      clock: h.clock,
    });
    await second.ready();
    const again = await second.inject({
      method: 'GET',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${p.buyer.token}` },
    });
    expect(again.json().refunds).toHaveLength(1);
    await second.close();
    // a second withdrawal is refused and refunds nothing
    expect((await raw(p.buyer, 'POST', `/cases/${c.caseId}/withdraw`, {})).statusCode).toBe(409);
    expect(await count(h, 'payment_gateway_refunds')).toBe(1);
    expect(await count(h, 'case_refunds')).toBe(1);
  });

  it('withdrawn after the tax was paid: each taxpayer’s tax is refunded to them, once', async () => {
    const c = await submittedSale();
    const taxed = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/tax-payment`);
    expect(taxed.status).toBe('taxPending'); // waits for the sellers' own lines and the fee
    // a seller who owes pays their own lines too (per taxpayer, docs/registry-facts.md §13)
    const sellerOwes = await p.sellerA.get<{ canPay: boolean; perTaxpayer?: { ownFen: number } }>(
      `/cases/${c.caseId}/tax`,
    );
    if (sellerOwes.canPay) await payOwnTaxes([p.sellerA], c.caseId);
    const payers = sellerOwes.canPay ? 2 : 1;
    await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/withdraw`);
    const card = await until(
      () => p.buyer.get<FeeResponse>(`/cases/${c.caseId}/fee`),
      (v) => v.refunds.length > 0,
    );
    expect(card.refunds.map((r) => r.body.kind)).toEqual(['tax']);
    expect(card.refunds[0].body.amountFen).toBeGreaterThan(0);
    if (sellerOwes.canPay) {
      // the seller's refund is theirs, of their own amount; the buyer sees only their own
      const own = await until(
        () => p.sellerA.get<FeeResponse>(`/cases/${c.caseId}/fee`),
        (v) => v.refunds.length > 0,
      );
      expect(own.refunds.map((r) => r.body.amountFen)).toEqual([sellerOwes.perTaxpayer!.ownFen]);
      expect(own.refunds[0].body.refundNo).not.toBe(card.refunds[0].body.refundNo);
    }
    expect(await count(h, 'payment_gateway_refunds')).toBe(payers);
  });
});
