/**
 * Archive fixtures: complete cases through the API (a sale to the certificate, a refusal for a
 * seized unit, a withdrawal) and wait until the archive has filed them.
 */
import type { CaseDetail } from '../../../mock-server/src/contract';
import type { Harness } from './registry';
import { client, eSign, eSignSpouses, isNamed, login, payOwnTaxes } from './cases-client';

export const SELLER_A = { idNumber: '331081198512258315', name: '李国平' };
export const SELLER_B = { idNumber: '331083198405037966', name: '叶美华' };
export const BUYER = { idNumber: '331023196801208629', name: '应敏' };
export const SALE_UNIT = '331004001005GB04397F00120001';
const ANSWERS = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };
type Who = { idNumber: string; name: string };
type Client = ReturnType<typeof client>;

/**
 * Waits until the case has an archive package: filing runs after the completing request, and
 * writes its files asynchronously (each one synced to disk), so it is given up to 20 s.
 */
export async function untilFiled(h: Harness, caseId: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const row = await h.registry.sql.get('SELECT 1 FROM archive_packages WHERE case_id = ?', [
      caseId,
    ]);
    if (row) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`case ${caseId} was not filed`);
}

async function drive(
  h: Harness,
  unitCode: string,
  sellers: Who[],
  extra: object = {},
): Promise<{ c: CaseDetail; buyer: Client; sellers: Client[] }> {
  const buyer = client(h, await login(h, BUYER));
  const sc = await Promise.all(sellers.map(async (s) => client(h, await login(h, s))));
  // the (first) seller opens the sale from their unit and names the buyer
  let c = await sc[0].post<CaseDetail>(
    '/cases',
    {
      businessTypeCode: 'transfer.secondHandSale',
      unitCode,
      parties: [{ ...BUYER, role: 'rightHolder' }],
      newCoOwnership: 'sole',
      priceYuan: 1_000_000,
      answers: ANSWERS,
      ...extra,
    },
    201,
  );
  c = await sc[0].post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  // the other parties' names are masked for the reader (domain/masking.ts)
  const names = c.parties.map((p) => p.name);
  for (const [i, s] of sellers.entries()) {
    if (names.some((n) => isNamed(n, s.name))) await eSign(sc[i], c.caseId);
  }
  await eSign(buyer, c.caseId);
  await eSignSpouses(h, c);
  c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
  return { c, buyer, sellers: sc };
}

/** The sale of 紫荆华庭12幢3单元2303室 to 应敏, issued, then filed. */
export async function issuedSale(h: Harness) {
  const r = await drive(h, SALE_UNIT, [SELLER_A, SELLER_B]);
  // each taxpayer pays their own lines (the buyer's 契税, the sellers' own where they owe)
  const c = await payOwnTaxes([r.buyer, ...r.sellers], r.c.caseId);
  if (c.status !== 'issued') throw new Error(`sale ended ${c.status}`);
  await untilFiled(h, c.caseId);
  return { ...r, c };
}

/** A seized unit: refused at review (不予登记通知书), then filed. */
export async function refusedCase(h: Harness) {
  const r = await drive(h, '331023001004GB06142F00080001', [
    { idNumber: '331081198903289936', name: '李伟' },
    { idNumber: '331022198706033560', name: '卢丹' },
  ]);
  if (r.c.status !== 'refused') throw new Error(`expected refused, got ${r.c.status}`);
  await untilFiled(h, r.c.caseId);
  return r;
}

/** Withdrawn while waiting for the tax, then filed. */
export async function withdrawnCase(h: Harness) {
  const r = await drive(h, '331002005008GB07196F00110001', [
    { idNumber: '331002196302095277', name: '应晓东' },
  ]);
  const c = await r.buyer.post<CaseDetail>(`/cases/${r.c.caseId}/withdraw`);
  if (c.status !== 'withdrawn') throw new Error(`expected withdrawn, got ${c.status}`);
  await untilFiled(h, c.caseId);
  return { ...r, c };
}
