/**
 * Acceptance: a second-hand sale driven through the API from draft to issued
 * certificate with no staff action, over a real SQLite file and real sessions (浙里办 simulator
 * login + step-up). Sellers: 李国平 and 叶美华 (joint owners, pre-reform paper certificate);
 * buyer: 应敏.
 */
import type {
  CaseDetail,
  CaseListResponse,
  CertificatesResponse,
  DocumentResponse,
  MessagesResponse,
  RegistryPublicKeyResponse,
  VerifySealResponse,
  VoidAnnouncementsResponse,
} from '../../mock-server/src/contract';
import { checkLicenceId, parseCertificateNumber } from '../../mock-server/src/domain/identifiers';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { startHarness, type Harness } from './support/registry';
import { client, eSign, login, payOwnTaxes } from './support/cases-client';

const SELLER_A = { idNumber: '331081198512258315', name: '李国平' };
const SELLER_B = { idNumber: '331083198405037966', name: '叶美华' };
const BUYER = { idNumber: '331023196801208629', name: '应敏' };
const STRANGER = { idNumber: '33100319750804648X', name: '许慧芳' };
const UNIT = '331004001005GB04397F00120001';

describe('a second-hand sale from draft to issued certificate, no staff action', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('drives the whole case and checks timeline, certificate, seal, old certificate and void announcement', async () => {
    const buyer = client(h, await login(h, BUYER));
    const sellerA = client(h, await login(h, SELLER_A));
    const sellerB = client(h, await login(h, SELLER_B));
    const stranger = client(h, await login(h, STRANGER));
    const oldNumber = (await h.registry.register.unit(UNIT))!.certificate!.number;

    // the seller 李国平 opens a draft from his unit and names the buyer; the sellers default to
    // the unit's current holders (a buyer joins by invitation, never by naming the unit)
    let c = await sellerA.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode: UNIT,
        parties: [{ ...BUYER, role: 'rightHolder' }],
        priceYuan: 1_860_000,
      },
      201,
    );
    expect(c.status).toBe('draft');
    // he reads his own name in full and the others' masked (domain/masking.ts)
    expect(c.parties.map((p) => [p.name, p.role])).toEqual([
      ['应*', 'rightHolder'],
      ['李国平', 'obligor'],
      ['叶*华', 'obligor'],
    ]);
    // questions not answered yet; applying from a phone adds invite, answerInquiry and
    // uploadMaterial
    expect(c.availableActions).toEqual([
      'edit',
      'withdraw',
      'invite',
      'answerInquiry',
      'uploadMaterial',
    ]);

    c = await sellerA.patch<CaseDetail>(`/cases/${c.caseId}`, {
      version: c.version,
      newCoOwnership: 'sole',
      answers: { truthful: '是', soleOrCoOwned: '共有', disputeOrSeizure: '否' },
    });
    expect(c.availableActions).toEqual([
      'edit',
      'startSigning',
      'withdraw',
      'invite',
      'answerInquiry',
      'uploadMaterial',
    ]);

    // somebody who is not a party sees nothing
    await stranger.get(`/cases/${c.caseId}`, 404);

    c = await sellerA.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    expect(c.status).toBe('signing');
    c = await eSign(sellerA, c.caseId);
    expect(c.availableActions).toEqual(['withdraw', 'invite', 'uploadMaterial']);
    c = await eSign(buyer, c.caseId);
    c = await eSign(sellerB, c.caseId);
    expect(c.availableActions).toEqual(['submit', 'withdraw']);

    // submit: accepted, reviewed, and parked until the tax is paid
    c = await sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('taxPending');
    expect(c.caseNumber).toMatch(/^\d{13}$/);
    expect(c.promisedDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.statutoryDueOn! > c.promisedDueOn!).toBe(true);
    expect(c.notices.map((n) => n.title)).toEqual(['不动产登记受理凭证']);
    expect(c.notices[0].number).toMatch(/^台不动产受〔\d{4}〕第\d{7}号$/);
    expect(c.availableActions).toEqual(['withdraw', 'payTax']);

    // each taxpayer pays their own lines (simulated 税务): once all have, approved, recorded and issued at once
    // the sellers first: the buyer's payment completes the 缴税 step
    c = await payOwnTaxes([sellerA, sellerB, buyer], c.caseId);
    expect(c.status).toBe('issued');
    expect(c.availableActions).toEqual([]);

    // timeline: institutions for automatic steps, parties by name, nobody else; the buyer reads
    // the sellers' names masked (domain/masking.ts)
    const steps = c.timeline.map((t) => [t.step, t.to, t.actor.kind, t.actor.displayName]);
    expect(steps).toEqual([
      ['申请', 'draft', 'party', '李*平'],
      ['申请', 'draft', 'party', '李*平'],
      ['申请', 'signing', 'party', '李*平'],
      ['签名', 'signing', 'party', '李*平'],
      ['签名', 'signing', 'party', '应敏'],
      ['签名', 'signing', 'party', '叶*华'],
      ['提交', 'submitted', 'party', '叶*华'],
      ['受理', 'accepted', 'system', '台州市不动产登记服务中心'],
      ['审核', 'review', 'system', '台州市不动产登记服务中心'],
      ['审核', 'taxPending', 'system', '台州市不动产登记服务中心'],
      ['缴税', 'review', 'party', '应敏'],
      ['核定', 'approved', 'system', '台州市自然资源和规划局'],
      ['登簿', 'recorded', 'system', '台州市自然资源和规划局'],
      ['发证', 'issued', 'system', '台州市自然资源和规划局'],
    ]);
    expect(c.timeline.every((t) => t.actor.kind !== 'staff')).toBe(true);

    // certificate number and licence identifier formats
    const number = c.recording!.certificateNumber;
    expect(number).toMatch(/^浙\(\d{4}\)台州市不动产权第\d{7}号$/);
    expect(parseCertificateNumber(number)).toMatchObject({
      ok: true,
      value: { kind: 'titleCertificate', registryName: '台州市' },
    });
    expect(c.recording!.licenceId).toMatch(
      /^1\.2\.156\.3005\.2\.11100000MB03271699001\.331000\.\d{11}\.001\.[0-9A-Z]$/,
    );
    expect(checkLicenceId(c.recording!.licenceId).ok).toBe(true);

    // the register: the buyer holds the unit, the old paper certificate is void (作废)
    const view = (await h.registry.register.unit(UNIT))!;
    expect(view.right!.holders).toEqual([{ personId: 'P048' }]);
    expect(view.right!.coOwnership).toBe('sole');
    expect(view.certificate!.number).toBe(number);
    expect(view.certificate!.status).toBe('current');
    const old = (await h.registry.register.certificateByNumber(oldNumber)) as { status?: string };
    expect(old.status).toBe('void');
    const oldRow = (await h.registry.sql.get('SELECT status FROM certificates WHERE number = ?', [
      oldNumber,
    ])) as { status: string };
    expect(oldRow.status).toBe('void');

    // the void announcement is public
    const announced = await h.app.inject({ method: 'GET', url: '/api/v1/void-announcements' });
    const list = announced.json() as VoidAnnouncementsResponse;
    expect(list.items).toEqual([
      expect.objectContaining({
        certificateNumber: oldNumber,
        unitCode: UNIT,
        reason: expect.stringContaining('公告作废'),
      }),
    ]);

    // the certificate is sealed: valid against the published key; any change breaks it
    const key = (
      await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
    ).json() as RegistryPublicKeyResponse;
    expect(key.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    const certs = await buyer.get<CertificatesResponse>('/me/certificates');
    const cert = certs.items.find((x) => x.number === number)!;
    expect(cert.status).toBe('current');
    const body = cert.document!.body as Record<string, unknown>;
    for (const field of [
      'registeredOn',
      'number',
      'rightHolders',
      'coOwnership',
      'location',
      'unitCode',
      'rightType',
      'rightNature',
      'use',
      'area',
      'term',
      'otherState',
      'remarks',
      'qrCode',
      'licenceId',
    ]) {
      expect(body[field]).toBeDefined();
    }
    expect(body.rightHolders).toEqual(['应敏']);
    expect(body.coOwnership).toBe('单独所有');
    expect(verifySeal(cert.document as never, key.publicKey)).toEqual({ valid: true });
    const check = await h.app.inject({
      method: 'POST',
      url: '/api/v1/documents/verify-seal',
      payload: { document: cert.document },
    });
    expect(check.json()).toMatchObject({
      valid: true,
      number,
      certificateStatus: 'current',
    } satisfies Partial<VerifySealResponse>);
    const forged = { ...cert.document!, body: { ...body, rightHolders: ['许慧芳'] } };
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/documents/verify-seal',
      payload: { document: forged },
    });
    expect(bad.json()).toMatchObject({ valid: false, reason: 'digestMismatch' });

    // the sellers' old certificate shows as void in their list
    const sellerCerts = await sellerA.get<CertificatesResponse>('/me/certificates');
    expect(sellerCerts.items.find((x) => x.number === oldNumber)?.status).toBe('void');

    // the acceptance receipt is sealed too, and delivered to every party with delivery/read times
    const receipt = await sellerA.get<DocumentResponse>(
      `/cases/${c.caseId}/documents/${c.notices[0].documentId}`,
    );
    expect(verifySeal(receipt.document as never, key.publicKey)).toEqual({ valid: true });
    expect(receipt.document.body).toMatchObject({
      addressees: ['应敏', '李国平', '叶美华'],
      promisedDueOn: c.promisedDueOn,
    });
    for (const who of [buyer, sellerA, sellerB]) {
      const box = await who.get<MessagesResponse>('/me/messages');
      const m = box.items.find((x) => x.documentId === c.notices[0].documentId)!;
      expect(m.deliveredAt).toMatch(/T/);
      expect(m.readAt).toBeUndefined();
      const read = await who.post<{ readAt: string }>(`/me/messages/${m.messageId}/read`);
      expect(read.readAt).toMatch(/T/);
      expect(box.items.some((x) => x.title.startsWith('不动产权证书已发放'))).toBe(true);
    }
    const strangerBox = await stranger.get<MessagesResponse>('/me/messages');
    expect(strangerBox.items).toEqual([]);

    // my cases
    const mine = await sellerA.get<CaseListResponse>('/me/cases');
    expect(mine.items.map((x) => x.caseId)).toEqual([c.caseId]);
    expect((await stranger.get<CaseListResponse>('/me/cases')).items).toEqual([]);

    // the register events are consistent
    const events = (await h.registry.register.events()).filter(
      (e) => e.event.type === 'rightRecorded' && e.event.right.unitCode === UNIT,
    );
    expect(events.at(-1)!.event).toMatchObject({ certificate: { number } });
  });

  it('an electronic old certificate is cancelled, not announced', async () => {
    const a = { idNumber: '331083197706199710', name: '杨振华' };
    const b = { idNumber: '331024198105248622', name: '许素珍' };
    const unit = '331003002001GB07382F00070002';
    const buyer = client(h, await login(h, BUYER));
    const sa = client(h, await login(h, a));
    const sb = client(h, await login(h, b));
    const oldNumber = (await h.registry.register.unit(unit))!.certificate!.number;
    let c = await sa.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode: unit,
        parties: [{ ...BUYER, role: 'rightHolder' }],
        newCoOwnership: 'sole',
        answers: { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' },
      },
      201,
    );
    c = await sa.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    for (const who of [sa, sb, buyer]) c = await eSign(who, c.caseId);
    c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    // each taxpayer pays their own lines (the buyer's 契税 is the buyer's)
    c = await payOwnTaxes([sb, sa, buyer], c.caseId);
    expect(c.status).toBe('issued');
    expect(
      await h.registry.sql.get('SELECT status FROM certificates WHERE number = ?', [oldNumber]),
    ).toEqual({ status: 'cancelled' });
    const list = (
      await h.app.inject({ method: 'GET', url: '/api/v1/void-announcements' })
    ).json() as VoidAnnouncementsResponse;
    expect(list.items.map((x) => x.certificateNumber)).not.toContain(oldNumber);
    // serials run on within the year and registry
    const [first, second] = [c.recording!.certificateNumber, ...list.items.map(() => '')];
    expect(parseCertificateNumber(first).ok && second === '').toBe(true);
  });
});
