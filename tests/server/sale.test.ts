/**
 * The home sale over HTTP on a real SQLite file: the online contract (validation,
 * authorisation, a change voiding signatures, the contract in the signing bundle, filing once at
 * submission), tax assessed on the case from the filed contract (a price below the 核价 reference
 * uses the reference; every line with its rule), payment (a double POST charges once, gateway
 * failures answer 503 and change nothing, a retry then pays; the sealed 完税证明 verified by shared
 * data), and utilities (opt-in checks; after recording one provider fails, is retried, confirms).
 */
import type {
  BundleResponse,
  CaseDetail,
  ContractResponse,
  MessagesResponse,
  TaxResponse,
  UtilitiesResponse,
} from '../../mock-server/src/contract';
import type {
  DataSourcesResponse,
  SharedDataResponse,
} from '../../mock-server/src/contract/sharedData';
import { SqlSharedDataStore } from '../../mock-server/src/adapters/sqlite/sharedDataStore';
import { createApp, openRegistry } from '../../mock-server/src/bootstrap';
import { verifySourceSeal } from '../../mock-server/src/domain/shared-data';
import { verifyTaxReceipt } from '../../mock-server/src/domain/tax';
import { createLogger } from '../../mock-server/src/logger';
import { eSign, payOwnTaxes } from './support/cases-client';
import {
  as,
  BUYER,
  count,
  openSale,
  parties,
  partyId,
  SELLER_A,
  SELLER_B,
  startSigningHarness,
  UNIT,
  type Client,
  type SigningHarness,
} from './support/signing';

let h: SigningHarness;
let p: Awaited<ReturnType<typeof parties>>;
// a fresh register for every test: a paid sale moves the unit to the buyer
beforeEach(async () => {
  h = await startSigningHarness();
  p = await parties(h);
});
afterEach(() => h.close());

const inDays = (n: number) =>
  new Date(h.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
const terms = (priceFen: number) => ({
  priceFen,
  paymentMethod: 'mortgageLoan',
  handoverDate: inDays(30),
  fixtures: '空调三台、整体橱柜',
});

async function raw(who: Client, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return h.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${who.token}` },
    ...(payload ? { payload } : {}),
  });
}

/** A sale with contract terms, signed by all three and submitted: waits for tax. */
async function saleAtTax(priceFen: number): Promise<CaseDetail> {
  let c = await openSale(p.buyer, false);
  await p.buyer.put(`/cases/${c.caseId}/contract`, terms(priceFen));
  c = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  await eSign(p.buyer, c.caseId);
  await eSign(p.sellerA, c.caseId);
  await eSign(p.sellerB, c.caseId);
  c = await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
  expect(c.status).toBe('taxPending');
  return c;
}

const areaOfUnit = async () =>
  (
    (await h.registry.sql.get('SELECT building_area AS a FROM units WHERE unit_code = ?', [
      UNIT,
    ])) as {
      a: number;
    }
  ).a;

describe('online contract (在线签约)', () => {
  it('refuses bad terms with 4xx and a Chinese message, and changes nothing', async () => {
    const c = await openSale(p.buyer, false);
    const url = `/cases/${c.caseId}/contract`;
    for (const [body, status, code] of [
      [terms(0), 422, 'CONTRACT_TERMS_INVALID'],
      [terms(99_999), 422, 'CONTRACT_TERMS_INVALID'],
      [terms(1e11 + 1), 422, 'CONTRACT_TERMS_INVALID'],
      [{ ...terms(1e8), priceFen: 1.5 }, 400, 'VALIDATION_FAILED'],
      [{ ...terms(1e8), handoverDate: '2026-02-30' }, 422, 'CONTRACT_TERMS_INVALID'],
      [{ ...terms(1e8), handoverDate: '2099-01-01' }, 422, 'CONTRACT_TERMS_INVALID'],
      [{ ...terms(1e8), fixtures: '灯'.repeat(501) }, 422, 'CONTRACT_TERMS_INVALID'],
      [{ ...terms(1e8), paymentMethod: 'barter' }, 400, 'VALIDATION_FAILED'],
      [{ ...terms(1e8), extra: 1 }, 400, 'VALIDATION_FAILED'],
    ] as const) {
      const r = await raw(p.buyer, 'PUT', url, body);
      expect([r.statusCode, r.json().code]).toEqual([status, code]);
      expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count(h, 'contract_terms')).toBe(0);
    const view = await p.buyer.get<ContractResponse>(url);
    expect(view.terms).toBeUndefined();
    expect(view.editable).toBe(true);
    // somebody who is not a party learns nothing
    expect((await raw(p.stranger, 'PUT', url, terms(1e8))).statusCode).toBe(404);
    expect((await raw(p.stranger, 'GET', url)).statusCode).toBe(404);
  });

  it('is part of the bundle; a change after signing voids signatures; filed once at submission', async () => {
    let c = await openSale(p.buyer, false);
    const url = `/cases/${c.caseId}/contract`;
    const saved = await p.sellerA.put<ContractResponse>(url, terms(250_000_000));
    expect(saved.view).toMatchObject({
      priceFen: 250_000_000,
      priceText: '2,500,000.00元',
      paymentMethodName: '商业贷款',
      fixtures: '空调三台、整体橱柜',
    });
    expect(saved.updatedByName).toBe(SELLER_A.name);
    c = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(c.priceYuan).toBe(2_500_000);

    c = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    const bundle = await p.buyer.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    const contract = bundle.documents.find((d) => d.kind === 'contract');
    expect(contract?.title).toBe('存量房买卖合同（网签）');
    expect(contract?.body).toMatchObject({
      terms: { priceFen: 250_000_000, handoverDate: inDays(30) },
    });
    await eSign(p.buyer, c.caseId);
    await eSign(p.sellerA, c.caseId);

    // the seller lowers the price while signing: both signatures are void
    await p.sellerB.put(url, terms(240_000_000));
    c = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(c.parties.every((x) => !x.signedAt)).toBe(true);
    const messages = await p.buyer.get<MessagesResponse>('/me/messages');
    expect(messages.items.some((m) => m.title === '签署内容已变更，请重新签署')).toBe(true);
    // saving the same terms again changes nothing (no signature voided)
    await eSign(p.buyer, c.caseId);
    await p.sellerB.put(url, terms(240_000_000));
    c = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(c.parties.find((x) => x.name === BUYER.name)?.signedAt).toBeDefined();

    await eSign(p.sellerA, c.caseId);
    await eSign(p.sellerB, c.caseId);
    expect((await p.buyer.get<ContractResponse>(url)).filing).toBeUndefined();
    c = await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    const filed = await p.buyer.get<ContractResponse>(url);
    expect(filed.filing?.contractNumber).toMatch(/^TZWQ\d{4}\d{7}$/);
    expect(filed.editable).toBe(false);
    // locked now: no more changes, by anybody
    const locked = await raw(p.buyer, 'PUT', url, terms(230_000_000));
    expect([locked.statusCode, locked.json().code]).toEqual([409, 'CONTRACT_LOCKED']);
    // one filing per case, whatever asks again
    expect(
      (
        (await h.registry.sql.get(
          'SELECT count(*) AS n FROM housing_contract_filings WHERE case_id = ?',
          [c.caseId],
        )) as { n: number }
      ).n,
    ).toBe(1);
  });
});

describe('the filed contract as shared data (网签备案 before submission)', () => {
  /** the stored shared record a material references (`shared:SHR-…`) */
  const recordOf = async (ref: string | undefined) => {
    expect(ref).toMatch(/^shared:SHR-[^,]+$/);
    const stored = await new SqlSharedDataStore(h.registry.sql).record(
      ref!.slice('shared:'.length),
    );
    expect(stored).toBeDefined();
    return stored!;
  };

  it('the submitted case references the sealed 住建 record of the filed contract; tax uses its price', async () => {
    const c = await saleAtTax(250_000_000);
    const filing = (await p.buyer.get<ContractResponse>(`/cases/${c.caseId}/contract`)).filing!;
    expect(filing.contractNumber).toMatch(/^TZWQ/);
    // the material fixed at submission points at the record 住建 shared, not a placeholder
    const material = c.materials.find((m) => m.code === 'filedContract');
    expect(material).toMatchObject({ source: 'sharedData', status: 'provided' });
    const stored = await recordOf(material?.ref);
    expect(stored).toMatchObject({
      caseId: c.caseId,
      materialCode: 'filedContract',
      sealValid: true,
    });
    expect(stored.record.source).toBe('housing');
    expect(stored.record.data).toMatchObject({
      contractNumber: filing.contractNumber,
      terms: { priceFen: 250_000_000 },
    });
    // the seal verifies with 住建's published key (and not with another source's)
    const keys = (await raw(p.buyer, 'GET', '/data-sources')).json() as DataSourcesResponse;
    const key = (code: string) => keys.items.find((k) => k.code === code)!;
    expect(verifySourceSeal(stored.record, key('housing'))).toEqual({ valid: true });
    expect(verifySourceSeal(stored.record, key('civilAffairs')).valid).toBe(false);
    // 材料来源 shows the same record
    const s = await p.buyer.get<SharedDataResponse>(`/cases/${c.caseId}/shared-data`);
    expect(s.items.find((i) => i.code === 'filedContract')).toMatchObject({
      mode: 'shared',
      recordIds: [stored.recordId],
      sealValid: true,
    });
    // the assessment takes the price from the filed contract
    const tax = await p.buyer.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    expect(tax.assessment.base.contractPriceFen).toBe(250_000_000);
    expect(tax.facts.find((f) => f.fact === 'price')?.source).toBe(
      `住建网签备案（${filing.contractNumber}）`,
    );
  });

  it('a submission refused after filing leaves the filing (terms locked); the next one reuses it', async () => {
    let c = await openSale(p.buyer, false);
    const url = `/cases/${c.caseId}/contract`;
    await p.buyer.put(url, terms(260_000_000));
    c = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(p.buyer, c.caseId);
    await eSign(p.sellerA, c.caseId);
    await eSign(p.sellerB, c.caseId);
    c = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    // a stale version: the submission is refused after the contract was filed
    const stale = await raw(p.sellerB, 'POST', `/cases/${c.caseId}/submit`, {
      version: c.version - 1,
    });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'CONFLICT']);
    const afterRefusal = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(afterRefusal.status).toBe('signing');
    const filed = await p.buyer.get<ContractResponse>(url);
    expect(filed.filing?.contractNumber).toMatch(/^TZWQ/);
    expect(filed.editable).toBe(false);
    // the filed terms cannot change while the case is still being signed
    const change = await raw(p.buyer, 'PUT', url, terms(200_000_000));
    expect([change.statusCode, change.json().code]).toEqual([409, 'CONTRACT_LOCKED']);
    expect(change.json().message).toBe('合同已网签备案，条款不能再修改');
    expect(afterRefusal.parties.every((x) => x.signedAt)).toBe(true);
    // submitting again reuses the filing: one filing, and the case references it
    c = await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('taxPending');
    expect(await count(h, 'housing_contract_filings')).toBe(1);
    const stored = await recordOf(c.materials.find((m) => m.code === 'filedContract')?.ref);
    expect(stored.record.data).toMatchObject({ contractNumber: filed.filing!.contractNumber });
  });

  it('a sale without online terms files nothing; the item falls back to upload, saying why', async () => {
    let c = await openSale(p.buyer, false);
    c = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(p.buyer, c.caseId);
    await eSign(p.sellerA, c.caseId);
    await eSign(p.sellerB, c.caseId);
    c = await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(await count(h, 'housing_contract_filings')).toBe(0);
    let item: SharedDataResponse['items'][number] | undefined;
    for (let i = 0; i < 50 && item?.mode !== 'fallback'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      const s = await p.buyer.get<SharedDataResponse>(`/cases/${c.caseId}/shared-data`);
      item = s.items.find((x) => x.code === 'filedContract');
    }
    expect(item).toMatchObject({
      mode: 'fallback',
      source: 'housing',
      reason: 'notFound',
      allowed: ['scan'],
    });
    expect(item?.message).toMatch(/住建.*未查到/);
  });
});

describe('tax and payment (核税、缴税)', () => {
  it('assesses from the filed contract; a price below the reference price uses the reference', async () => {
    const c = await saleAtTax(10_000_000); // 10 万元: far below 路桥区 19 000 元/㎡
    const tax = await p.buyer.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    const area = await areaOfUnit();
    const reference = Math.round(1_900_000 * area);
    expect(tax.assessment.base).toMatchObject({
      contractPriceFen: 10_000_000,
      referencePriceFen: reference,
      baseFen: reference,
      usesReference: true,
    });
    expect(tax.assessment.base.rule).toContain('低于核价参考价格');
    // the buyer sees only the buyer's own lines, each naming them, with its rule; the figures add up
    expect(tax.assessment.lines.map((l) => l.taxName)).toEqual(['契税', '印花税']);
    const sellerView = await p.sellerA.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    expect(sellerView.assessment.lines.map((l) => l.taxName)).toEqual(
      expect.arrayContaining(['增值税', '个人所得税', '印花税']),
    );
    expect(sellerView.assessment.lines.some((l) => l.tax === 'deedTax')).toBe(false);
    const buyerIds = new Set(tax.assessment.lines.map((l) => l.taxpayerId));
    expect(buyerIds.size).toBe(1);
    expect(sellerView.assessment.lines.some((l) => buyerIds.has(l.taxpayerId))).toBe(false);
    for (const view of [tax, sellerView]) {
      for (const l of view.assessment.lines) {
        expect(l.rule.length).toBeGreaterThan(8);
        expect(l.taxpayerId).toEqual(expect.any(String));
        expect(l.taxpayerName).toEqual(expect.any(String));
      }
      expect(view.assessment.totals.all).toBe(
        view.assessment.lines.reduce((s, l) => s + l.amountFen, 0),
      );
    }
    for (const l of tax.assessment.lines)
      expect(l.amountFen).toBe(l.exempt ? 0 : Math.round((l.baseFen * l.rate) / 10_000));
    expect(tax.facts.find((f) => f.fact === 'price')?.source).toMatch(/^住建网签备案（TZWQ/);
    expect(tax.facts.find((f) => f.fact === 'familyHousing')?.detail).toMatch(/已有住房\d+套/);
    expect(tax.canPay).toBe(true);
    expect(tax.receipt).toBeUndefined();
    // the seller sees the same base but none of the buyer's lines; a stranger nothing
    expect(sellerView.assessment.base).toEqual(tax.assessment.base);
    expect((await raw(p.stranger, 'GET', `/cases/${c.caseId}/tax`)).statusCode).toBe(404);
  });

  it('a double POST charges once; the sealed receipt is verified by shared data before approval', async () => {
    const c = await saleAtTax(300_000_000);
    const url = `/cases/${c.caseId}/tax-payment`;
    const key = { 'idempotency-key': `pay-${c.caseId}-1` };
    const [a, b] = await Promise.all([
      h.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${p.buyer.token}`, ...key },
        payload: {},
      }),
      h.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${p.buyer.token}`, ...key },
        payload: {},
      }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    // a retry later answers the same, charging nothing
    const again = await raw(p.buyer, 'POST', url, {});
    expect(again.statusCode).toBe(200);
    const buyerCharges = (
      await p.buyer.get<{ items: { caseId: string }[] }>('/sim/payment/charges')
    ).items;
    expect(buyerCharges).toHaveLength(1);
    // the sellers pay their own lines; then the case goes on
    expect((await payOwnTaxes([p.buyer, p.sellerA, p.sellerB], c.caseId)).status).toBe('issued');
    const charges = (await p.buyer.get<{ items: { caseId: string }[] }>('/sim/payment/charges'))
      .items;
    expect(charges.filter((x) => x.caseId === c.caseId).length).toBeGreaterThanOrEqual(1);

    const tax = await p.buyer.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    expect(tax.payment?.amountFen).toBe(tax.assessment.totals.all);
    expect(tax.receipt?.body.receiptNo).toBeDefined();
    expect(tax.receipt?.body.lines).toHaveLength(tax.assessment.lines.length);
    expect(tax.sealValid).toBe(true);
    // the case's material is the shared receipt, not a paper one
    const d = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    // the last taxpayer's payment took the 缴税 step: its receipt is the one named
    const receiptNos = [tax.receipt?.body.receiptNo];
    for (const who of [p.sellerA, p.sellerB])
      receiptNos.push(
        (await who.get<TaxResponse>(`/cases/${c.caseId}/tax`)).receipt?.body.receiptNo,
      );
    expect(d.materials.find((m) => m.code === 'taxReceipt')).toMatchObject({
      source: 'sharedData',
      status: 'provided',
    });
    expect(receiptNos.map((n) => `税务:${n}`)).toContain(
      d.materials.find((m) => m.code === 'taxReceipt')?.ref,
    );
    const pay = d.timeline.find((t) => t.step === '缴税');
    expect(pay?.note).toContain('电子印章有效');
    // a tampered receipt does not verify with the department's key
    const forged = { ...tax.receipt!, body: { ...tax.receipt!.body, totalFen: 1 } };
    expect(verifyTaxReceipt(forged as never, tax.receipt!.seal.publicKey)).toBe(false);
  });

  it("a buyer cannot pay the seller's lines; each taxpayer pays their own and gets a receipt naming them", async () => {
    const c = await saleAtTax(300_000_000);
    const url = `/cases/${c.caseId}/tax-payment`;
    const buyerView = await p.buyer.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    const sellerView = await p.sellerA.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    const buyerId = buyerView.assessment.lines[0].taxpayerId!;
    const sellerId = sellerView.assessment.lines[0].taxpayerId!;
    expect(buyerId).not.toBe(sellerId);
    const before = await count(h, 'tax_payments');
    // the buyer asks to pay the seller's lines: refused, nothing charged, nothing recorded
    const r = await raw(p.buyer, 'POST', url, { taxpayerId: sellerId });
    expect([r.statusCode, r.json().code]).toEqual([403, 'TAX_NOT_YOURS']);
    expect(r.json().message).toBe('只能缴纳本人名下的税款，其他纳税人的税款须由其本人缴纳');
    expect(await count(h, 'tax_payments')).toBe(before);
    const charges = (await p.buyer.get<{ items: { caseId: string }[] }>('/sim/payment/charges'))
      .items;
    expect(charges.filter((x) => x.caseId === c.caseId)).toHaveLength(0);
    expect((await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`)).status).toBe('taxPending');
    // an amount that is not what they owe (a stale confirmation screen) is refused too
    const own = buyerView.perTaxpayer!.ownFen;
    const stale = await raw(p.buyer, 'POST', url, { taxpayerId: buyerId, amountFen: own + 1 });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'TAX_AMOUNT_CHANGED']);
    // the buyer pays exactly their own lines; the receipt names them and lists only those
    await p.buyer.post<CaseDetail>(url, { taxpayerId: buyerId, amountFen: own });
    const paid = await p.buyer.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    expect(paid.payment?.amountFen).toBe(own);
    expect(paid.receipt?.body.taxpayer).toEqual({ personId: buyerId, name: expect.any(String) });
    expect(paid.receipt?.body.totalFen).toBe(own);
    expect(paid.receipt?.body.lines.every((l) => l.payer === 'rightHolder')).toBe(true);
    expect(paid.sealValid).toBe(true);
    expect(paid.canPay).toBe(false);
    // the seller's lines are still the seller's to pay: the case waits when they owe
    const waiting = await p.sellerA.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    expect(waiting.receipt).toBeUndefined();
    if (sellerView.perTaxpayer!.ownFen > 0)
      expect((await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`)).status).toBe('taxPending');
    expect((await payOwnTaxes([p.sellerA, p.sellerB], c.caseId)).status).toBe('issued');
    const sellerPaid = await p.sellerA.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    if (sellerView.perTaxpayer!.ownFen > 0)
      expect(sellerPaid.receipt?.body.taxpayer?.personId).toBe(sellerId);
  });

  it('gateway down: 503 PAYMENT_UNAVAILABLE, nothing charged, the case waits; a retry pays', async () => {
    const c = await saleAtTax(300_000_000);
    const faults = await raw(p.buyer, 'POST', '/sim/payment/faults', {
      faults: ['transient', 'transient', 'transient'],
    });
    expect(faults.statusCode).toBe(204);
    const url = `/cases/${c.caseId}/tax-payment`;
    const r = await raw(p.buyer, 'POST', url, {});
    expect([r.statusCode, r.json().code]).toEqual([503, 'PAYMENT_UNAVAILABLE']);
    expect(r.json().message).toBe('支付暂时无法完成，未发生扣款，请稍后重试');
    expect(r.headers['retry-after']).toBe('5');
    const charges = (await p.buyer.get<{ items: { caseId: string }[] }>('/sim/payment/charges'))
      .items;
    expect(charges.filter((x) => x.caseId === c.caseId)).toHaveLength(0);
    expect((await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`)).status).toBe('taxPending');
    // a malformed idempotency key is refused before anything happens
    const bad = await h.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${p.buyer.token}`, 'idempotency-key': 'x' },
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    await p.buyer.post<CaseDetail>(url);
    const ok = await payOwnTaxes([p.buyer, p.sellerA, p.sellerB], c.caseId);
    expect(ok.status).toBe('issued');
  });

  it('a charge whose answer was lost (gateway timeout after charging) is found, not repeated', async () => {
    const c = await saleAtTax(300_000_000);
    await raw(p.buyer, 'POST', '/sim/payment/faults', { faults: ['timeoutAfterCharge'] });
    await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/tax-payment`);
    const charges = (await p.buyer.get<{ items: { caseId: string }[] }>('/sim/payment/charges'))
      .items;
    expect(charges.filter((x) => x.caseId === c.caseId)).toHaveLength(1);
    // the buyer's charge and receipt, recorded once
    expect(await count(h, 'tax_payments')).toBe(1);
    expect(await count(h, 'tax_receipts')).toBe(1);
    const paid = await payOwnTaxes([p.buyer, p.sellerA, p.sellerB], c.caseId);
    expect(paid.status).toBe('issued');
  });
});

describe('tax between spouses', () => {
  it('a wife selling her own home to her husband pays no deed tax (契税法 §6)', async () => {
    const wife = await as(h, SELLER_B); // 叶美华, sole holder of a home in 三门县
    const unitCode = (
      (await h.registry.sql.get(
        "SELECT unit_code AS u FROM units WHERE location LIKE '%海韵花园4幢3单元1403室'",
      )) as { u: string }
    ).u;
    let c = await wife.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode,
        parties: [{ ...SELLER_A, role: 'rightHolder' }],
        priceYuan: 900_000,
        newCoOwnership: 'sole',
      },
      201,
    );
    await wife.put(`/cases/${c.caseId}/parties/${partyId(c, SELLER_B.name)}/inquiry`, {
      answers: { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' },
    });
    await wife.put(`/cases/${c.caseId}/contract`, terms(90_000_000));
    c = await wife.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(wife, c.caseId);
    await eSign(p.sellerA, c.caseId);
    c = await wife.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('taxPending');
    // the husband buys: the 契税 line is his, and only he sees it
    const tax = await p.sellerA.get<TaxResponse>(`/cases/${c.caseId}/tax`);
    const deed = tax.assessment.lines.find((l) => l.tax === 'deedTax')!;
    expect(deed).toMatchObject({ exempt: true, amountFen: 0 });
    expect(deed.rule).toContain('夫妻之间');
    expect(tax.facts.some((f) => f.fact === 'spouses')).toBe(true);
  });
});

describe('utilities (水电气网联动过户)', () => {
  it('buyer opts in; after recording one provider fails, is retried and confirms', async () => {
    let c = await openSale(p.buyer, false);
    const url = `/cases/${c.caseId}/utilities`;
    // only the buyer chooses; bad account numbers and unknown services are refused
    expect((await raw(p.sellerA, 'PUT', url, { items: [{ kind: 'water' }] })).statusCode).toBe(403);
    const badAccount = await raw(p.buyer, 'PUT', url, {
      items: [{ kind: 'water', accountNumber: '12 34' }],
    });
    expect([badAccount.statusCode, badAccount.json().code]).toEqual([422, 'UTILITIES_INVALID']);
    expect((await raw(p.buyer, 'PUT', url, { items: [{ kind: 'oil' }] })).statusCode).toBe(400);
    const dup = await raw(p.buyer, 'PUT', url, { items: [{ kind: 'gas' }, { kind: 'gas' }] });
    expect(dup.statusCode).toBe(422);
    const chosen = await p.buyer.put<UtilitiesResponse>(url, {
      items: [
        { kind: 'broadband' },
        { kind: 'water', accountNumber: 'SW-1002345' },
        { kind: 'power' },
        { kind: 'gas' },
      ],
    });
    expect(chosen.items.map((i) => [i.kind, i.status])).toEqual([
      ['water', 'optedIn'],
      ['power', 'optedIn'],
      ['gas', 'optedIn'],
      ['broadband', 'optedIn'],
    ]);
    expect(chosen.editable).toBe(true);

    await p.buyer.put(`/cases/${c.caseId}/contract`, terms(300_000_000));
    c = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(p.buyer, c.caseId);
    await eSign(p.sellerA, c.caseId);
    await eSign(p.sellerB, c.caseId);
    await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    // the power company is down for the registry's three attempts
    const f = await raw(p.buyer, 'POST', '/sim/utilities/faults', {
      kind: 'power',
      faults: ['unavailable', 'timeout', 'unavailable'],
    });
    expect(f.statusCode).toBe(204);
    c = await payOwnTaxes([p.buyer, p.sellerA, p.sellerB], c.caseId);
    expect(c.status).toBe('issued');

    const settled = async () => {
      for (let i = 0; i < 100; i++) {
        const u = await p.buyer.get<UtilitiesResponse>(url);
        if (u.items.every((x) => x.status === 'confirmed' || x.status === 'failed')) return u;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('utility notifications did not settle');
    };
    let u = await settled();
    expect(u.items.map((i) => [i.kind, i.status, i.attempts])).toEqual([
      ['water', 'confirmed', 1],
      ['power', 'failed', 3],
      ['gas', 'confirmed', 1],
      ['broadband', 'confirmed', 1],
    ]);
    expect(u.items[1].lastError).toMatch(/供电/);
    expect(u.items[0].confirmationNo).toMatch(/^SW\d{8}\d{5}$/);
    expect(u.canRetry).toBe(true);
    expect(u.editable).toBe(false);
    const late = await raw(p.buyer, 'PUT', url, { items: [] });
    expect(late.statusCode).toBe(409);

    u = await p.buyer.post<UtilitiesResponse>(`${url}/retry`);
    expect(u.items.map((i) => i.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'confirmed',
    ]);
    expect(u.items[1].attempts).toBe(4);
    expect(u.canRetry).toBe(false);
    // every confirmation and the failure are notes in the case's timeline, by the company
    const notes = (await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`)).timeline
      .filter((t) => t.action.startsWith('utilityTransfer'))
      .map((t) => [t.action, t.actor.displayName, t.note?.replace(/（.*/, '')]);
    expect(notes).toEqual([
      ['utilityTransferConfirmed', '台州市水务集团（模拟）', '供水联动过户已确认'],
      ['utilityTransferFailed', '国网台州供电公司（模拟）', '供电联动过户暂未成功'],
      ['utilityTransferConfirmed', '台州市燃气公司（模拟）', '燃气联动过户已确认'],
      ['utilityTransferConfirmed', '台州电信宽带（模拟）', '宽带联动过户已确认'],
      ['utilityTransferConfirmed', '国网台州供电公司（模拟）', '供电联动过户已确认'],
    ]);
    // confirmations reach the parties' message boxes
    const titles = (await p.sellerA.get<MessagesResponse>('/me/messages')).items.map(
      (m) => m.title,
    );
    for (const name of ['供水', '供电', '燃气', '宽带'])
      expect(titles.some((t) => t.startsWith(`${name}联动过户已确认`))).toBe(true);
    expect(titles).toContain('供电联动过户暂未成功');
    // a retry of a confirmed case asks nobody again (same confirmation numbers)
    const again = await p.buyer.post<UtilitiesResponse>(`${url}/retry`);
    expect(again.items.map((i) => i.confirmationNo)).toEqual(u.items.map((i) => i.confirmationNo));
  });
});

describe('utilities after a restart', () => {
  it('a company that never answered before the stop is notified again at start', async () => {
    let c = await openSale(p.buyer, false);
    const url = `/cases/${c.caseId}/utilities`;
    await p.buyer.put(url, { items: [{ kind: 'gas' }] });
    await p.buyer.put(`/cases/${c.caseId}/contract`, terms(300_000_000));
    c = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(p.buyer, c.caseId);
    await eSign(p.sellerA, c.caseId);
    await eSign(p.sellerB, c.caseId);
    await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    await raw(p.buyer, 'POST', '/sim/utilities/faults', {
      kind: 'gas',
      faults: ['timeout', 'timeout', 'timeout'],
    });
    await payOwnTaxes([p.buyer, p.sellerA, p.sellerB], c.caseId);
    for (let i = 0; i < 100; i++) {
      const u = await p.buyer.get<UtilitiesResponse>(url);
      if (u.items[0].status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await p.buyer.get<UtilitiesResponse>(url)).items[0].status).toBe('failed');

    // stop and start the server on the same file: the gas company is told again by itself
    await h.app.close();
    await h.registry.close();
    const logger = createLogger('silent');
    const registry = await openRegistry(h.config, logger);
    const app = await createApp(h.config, registry, logger, { clock: h.clock });
    try {
      let status = '';
      for (let i = 0; i < 100 && status !== 'confirmed'; i++) {
        const r = await app.inject({
          method: 'GET',
          url: `/api/v1${url}`,
          headers: { authorization: `Bearer ${p.buyer.token}` },
        });
        status = (r.json() as UtilitiesResponse).items[0].status;
        if (status !== 'confirmed') await new Promise((x) => setTimeout(x, 50));
      }
      expect(status).toBe('confirmed');
    } finally {
      await app.close();
      await registry.close();
      // the harness' own close() must not close these twice
      h.app = app;
    }
  });
});
