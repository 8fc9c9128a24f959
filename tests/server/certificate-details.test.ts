/**
 * The details a citizen, a bank or a court reads on issued certificates and notices, through the
 * API: 附记 names the old certificate with the register's status; a cancellation announces a paper
 * registration proof void like a transfer does; 权利其他状况 carries the 专有 / 分摊 建筑面积 from the
 * register; licence identifiers follow one issuer-code rule; the 受理凭证 names the delivery
 * channel citizens know.
 */
import type {
  CaseDetail,
  DocumentResponse,
  VoidAnnouncementsResponse,
  WalletItem,
  WalletResponse,
} from '../../mock-server/src/contract';
import { certificateIdentifiers } from '../../mock-server/src/domain/documents';
import { BUYER, issuedSale, SALE_UNIT } from './support/archive-fixture';
import { PAN, PAN_CERT } from './support/business-types';
import { client, eSign, login } from './support/cases-client';
import { startSigningHarness, type SigningHarness } from './support/signing';

/** 颜国平's home, mortgaged before the reform: its 不动产登记证明 is paper */
const YAN = { idNumber: '331024196402052432', name: '颜国平' };
const YAN_PROOF = '浙(2018)台州市不动产证明第0028855号';
const YAN_UNIT = '331004001005GB00754F00070001';
const YAN_TITLE = '浙(2018)台州市不动产权第0025458号';

let h: SigningHarness;
let sale: Awaited<ReturnType<typeof issuedSale>>;
beforeAll(async () => {
  h = await startSigningHarness();
  sale = await issuedSale(h);
});
afterAll(() => h.close());

type Who = { idNumber: string; name: string };
const as = async (who: Who) => client(h, await login(h, who));

const certificate = async (where: string, params: string[]) =>
  (await h.registry.sql.get<{ number: string; status: string; licence_id: string | null }>(
    `SELECT number, status, licence_id FROM certificates WHERE ${where}`,
    params,
  ))!;

async function documentBody(who: ReturnType<typeof client>, c: CaseDetail, kind: string) {
  const d = [...c.documents, ...c.notices].find((x) => x.kind === kind);
  if (!d) throw new Error(`no ${kind} on case ${c.caseId}`);
  const doc = await who.get<DocumentResponse>(`/cases/${c.caseId}/documents/${d.documentId}`);
  return doc.document.body as Record<string, string>;
}

const voidAnnounced = async () =>
  (
    (
      await h.app.inject({ method: 'GET', url: '/api/v1/void-announcements' })
    ).json() as VoidAnnouncementsResponse
  ).items.map((i) => i.certificateNumber);

describe('附记 reads the register', () => {
  it('names the old paper certificate 已作废, as the register holds it and the void announcements say', async () => {
    const old = await certificate("unit_code = ? AND form = 'paper'", [SALE_UNIT]);
    expect(old.status).toBe('void');
    expect(await voidAnnounced()).toContain(old.number);
    const body = await documentBody(sale.buyer, sale.c, 'titleCertificate');
    expect(body.remarks).toContain(`原证号：${old.number}（已作废）`);
    expect(body.remarks).not.toContain('已注销');
  });
});

describe('权利其他状况 carries the areas of the register', () => {
  it('prints the 专有 and 分摊 建筑面积 the register holds for the unit, adding up to its building area', async () => {
    const u = (await h.registry.sql.get<{
      building_area: number;
      exclusive_area: number | null;
      apportioned_area: number | null;
    }>('SELECT building_area, exclusive_area, apportioned_area FROM units WHERE unit_code = ?', [
      SALE_UNIT,
    ]))!;
    expect(u.exclusive_area).toBeGreaterThan(0);
    expect(u.apportioned_area).toBeGreaterThan(0);
    expect(
      Math.round(Number(u.exclusive_area) * 100) + Math.round(Number(u.apportioned_area) * 100),
    ).toBe(Math.round(Number(u.building_area) * 100));
    const body = await documentBody(sale.buyer, sale.c, 'titleCertificate');
    expect(body.otherState).toContain(`专有建筑面积：${Number(u.exclusive_area).toFixed(2)}㎡`);
    expect(body.otherState).toContain(`分摊建筑面积：${Number(u.apportioned_area).toFixed(2)}㎡`);
    expect(body.area).toContain(`房屋建筑面积${Number(u.building_area).toFixed(2)}㎡`);
  });
});

describe('注销登记 announces a paper registration proof void', () => {
  it('cancelling a mortgage whose proof is paper: the proof is void, announced publicly, and the parties are told so', async () => {
    expect(await voidAnnounced()).not.toContain(YAN_PROOF);
    const yan = await as(YAN);
    let c = await yan.post<CaseDetail>(
      '/cases',
      { businessTypeCode: 'mortgage.cancellation', certificateNumber: YAN_PROOF },
      201,
    );
    c = await yan.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(yan, c.caseId);
    c = await yan.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('issued');
    expect(c.recording).toMatchObject({
      kind: 'mortgageCancellation',
      certificateNumber: YAN_PROOF,
      voidAnnounced: true,
    });
    expect((await certificate('number = ?', [YAN_PROOF])).status).toBe('void');
    expect(await voidAnnounced()).toContain(YAN_PROOF);
    const list = (
      await h.app.inject({ method: 'GET', url: '/api/v1/void-announcements' })
    ).json() as VoidAnnouncementsResponse;
    expect(list.items.find((i) => i.certificateNumber === YAN_PROOF)).toMatchObject({
      unitCode: YAN_UNIT,
      reason: expect.stringContaining('公告作废'),
    });
    // the title certificate stays current
    expect((await certificate('number = ?', [YAN_TITLE])).status).toBe('current');
    // the proof in the holder's message: announced void, not "cancelled"
    const box = await yan.get<{ items: { title: string; body: string }[] }>('/me/messages');
    const m = box.items.find((x) => x.body.includes(YAN_PROOF))!;
    expect(m.body).toContain('公告作废');
  });
});

describe('one issuer-code rule for licence identifiers', () => {
  /** the issuer code of a licence identifier (GB/T 36904: type.issuer.serial.version.check) */
  const issuerOf = (licenceId: string) => licenceId.split('.').slice(-4)[0];
  const twinOf = async (who: Who, number: string) => {
    const w = await as(who);
    const item = (await w.get<WalletResponse>('/me/wallet')).items.find(
      (i) => i.number === number,
    )!;
    const detail = await w.get<{ item: WalletItem }>(`/me/wallet/${item.id}`);
    return detail.item.document!.body as { licenceId: string };
  };

  it('the body that numbers the certificate issues it: 台州市 (331000) for a district, in new certificates and wallet twins alike', async () => {
    // a new certificate of a 路桥区 unit, numbered by 台州市
    const issued = await certificate('number = ?', [sale.c.recording!.certificateNumber]);
    expect(issued.number).toMatch(/台州市不动产权/);
    expect(SALE_UNIT.slice(0, 6)).toBe('331004');
    expect(issuerOf(issued.licence_id!)).toBe('331000');
    // the wallet's twin of a pre-reform paper certificate of a 路桥区 unit, numbered by 台州市:
    // the same identifier the twins job gives it
    const twin = await twinOf(YAN, YAN_TITLE);
    expect(issuerOf(twin.licenceId)).toBe('331000');
    expect(twin.licenceId).toBe(
      certificateIdentifiers({
        kind: 'titleCertificate',
        unitCode: YAN_UNIT,
        year: 2018,
        serial: 25458,
      }).licenceId,
    );
  });

  it('a county registry (天台县) issues under its own code', async () => {
    const pan = await certificate('number = ?', [PAN_CERT]);
    expect(issuerOf(pan.licence_id!)).toBe('331023');
    expect((await twinOf(PAN, PAN_CERT)).licenceId).toBe(pan.licence_id);
  });
});

describe('the 受理凭证 names where results are delivered', () => {
  it('浙里办「掌上不动产」 unless the deployment names another (DELIVERY_CHANNEL)', async () => {
    const receipt = await documentBody(sale.buyer, sale.c, 'acceptanceReceipt');
    expect(receipt.text).toContain('登记结果将通过浙里办「掌上不动产」送达');
  });
});

it('the buyer has the new certificate in the wallet (sanity of the fixture)', async () => {
  const buyer = await as(BUYER);
  const w = await buyer.get<WalletResponse>('/me/wallet');
  expect(w.items.some((i) => i.number === sale.c.recording!.certificateNumber)).toBe(true);
});
