/**
 * Buying with a loan, each business type driven over HTTP from draft to its recorded result:
 * 转移+抵押 (the buyer's bank signs by e-seal; the 不动产权证书 and the 不动产登记证明 issued
 * together), 带押过户 (the seller's mortgage cancelled, the transfer and the new mortgage recorded in
 * one step, all or none), 预告登记 of a new home and 预购商品房抵押预告, each advance notice lapsing
 * by itself 90 days after registration became possible (民法典 §221; an injected clock and the
 * node's sweep, here every second).
 */
import type {
  CaseDetail,
  DocumentResponse,
  MessagesResponse,
  RegistryPublicKeyResponse,
} from '../../mock-server/src/contract';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { advanceNoticeLastDay, beijingDate } from '../../mock-server/src/domain/cases';
import { client, eSign, eSignSpouses, isNamed, login, payOwnTaxes } from './support/cases-client';
import { BANK, mortgageTerms } from './support/business-types';
import {
  BUYER,
  SELLER_A,
  SELLER_ANSWERS,
  SELLER_B,
  startSigningHarness,
  UNIT,
  type SigningHarness,
} from './support/signing';

type Who = { idNumber: string; name: string };
const TERMS = mortgageTerms(1_200_000);
const DAY = 86_400_000;

let h: SigningHarness;
let registryKey: string;
beforeEach(async () => {
  h = await startSigningHarness({ MACHINE_SWEEP_SECONDS: '1' });
  registryKey = (
    (
      await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
    ).json() as RegistryPublicKeyResponse
  ).publicKey;
});
afterEach(() => h.close());

const as = async (who: Who) => client(h, await login(h, who));
const personOf = async (personId: string) =>
  (await h.registry.sql.get(
    'SELECT name, id_number AS "idNumber" FROM persons WHERE person_id = ?',
    [personId],
  )) as Who;
const restrictionsOn = async (unitCode: string, kind: string) =>
  (await h.registry.sql.all(
    'SELECT restriction_id AS id, status, details_json AS d FROM restrictions WHERE unit_code = ? AND kind = ? ORDER BY created_seq',
    [unitCode, kind],
  )) as { id: string; status: string; d: string }[];
const certificateStatus = async (number: string) =>
  (
    (await h.registry.sql.get('SELECT status FROM certificates WHERE number = ?', [number])) as {
      status: string;
    }
  ).status;

async function sealed(who: ReturnType<typeof client>, c: CaseDetail, number: string) {
  const d = c.documents.find((x) => x.number === number)!;
  expect(d).toBeDefined();
  const doc = await who.get<DocumentResponse>(`/cases/${c.caseId}/documents/${d.documentId}`);
  expect(verifySeal(doc.document as never, registryKey)).toEqual({ valid: true });
  return doc.document.body as Record<string, unknown>;
}

/** Each taxpayer pays their own lines; the machine then approves, records and issues. */
async function payTax(payers: ReturnType<typeof client>[], c: CaseDetail): Promise<CaseDetail> {
  expect(c.status).toBe('taxPending');
  return payOwnTaxes(payers, c.caseId);
}

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setImmediate(r));
  }
}

describe('转移+抵押 in one case', () => {
  it('the bank seals by e-seal; one 登簿 records the buyer’s right and the bank’s mortgage; certificate and 不动产登记证明 issued together', async () => {
    const sellerA = await as(SELLER_A);
    const sellerB = await as(SELLER_B);
    const buyer = await as(BUYER);
    let c = await sellerA.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.saleWithMortgage',
        unitCode: UNIT,
        parties: [
          { ...BUYER, role: 'rightHolder' },
          { ...BANK, role: 'mortgagee' },
        ],
        priceYuan: 1_860_000,
        newCoOwnership: 'sole',
        mortgage: TERMS,
        answers: { ...SELLER_ANSWERS, signedVoluntarily: '是' },
      },
      201,
    );
    expect(c.parties.map((p) => p.role).sort()).toEqual(
      ['mortgagee', 'obligor', 'obligor', 'rightHolder'].sort(),
    );
    // the sale's and the mortgage's questions in one 询问笔录
    const inq = await buyer.get<{ questions: { code: string }[] }>(
      `/cases/${c.caseId}/parties/${c.parties.find((p) => isNamed(p.name, BUYER.name))!.personId}/inquiry`,
    );
    expect(inq.questions.map((q) => q.code)).toEqual(
      expect.arrayContaining(['truthful', 'disputeOrSeizure', 'signedVoluntarily']),
    );
    c = await sellerA.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    // the bank's system sealed as signing began
    expect(c.parties.find((p) => p.role === 'mortgagee')?.signedAt).toBeDefined();
    await eSign(sellerA, c.caseId);
    await eSign(sellerB, c.caseId);
    c = await eSign(buyer, c.caseId);
    await eSignSpouses(h, c);
    c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    c = await payTax([sellerA, sellerB, buyer], c);
    expect(c.status).toBe('issued');
    const rec = c.recording as CaseDetail['recording'] & { mortgageProofNumber?: string };
    expect(rec).toMatchObject({ kind: 'right', certificateKind: 'titleCertificate' });
    expect(rec!.mortgageProofNumber).toMatch(/不动产证明第\d{7}号$/);

    const title = await sealed(buyer, c, rec!.certificateNumber);
    expect(title).toMatchObject({ documentType: 'titleCertificate', rightHolders: [BUYER.name] });
    const proof = await sealed(buyer, c, rec!.mortgageProofNumber!);
    expect(proof).toMatchObject({
      proves: '抵押权',
      rightHolders: [BANK.name],
      // the buyer is the mortgagor (抵押人) of the new mortgage
      obligors: [BUYER.name],
    });
    expect(proof.remarks).toContain(rec!.certificateNumber);
    const mortgages = await restrictionsOn(UNIT, 'mortgage');
    expect(mortgages.filter((m) => m.status === 'current')).toHaveLength(1);
    expect(JSON.parse(mortgages.at(-1)!.d)).toMatchObject({
      mortgagorIds: [c.parties.find((p) => isNamed(p.name, BUYER.name))!.personId],
      securedAmountYuan: 1_200_000,
    });
    // both certificates announced to every party
    const messages = (await buyer.get<MessagesResponse>('/me/messages')).items.map((m) => m.title);
    expect(messages).toEqual(
      expect.arrayContaining([
        `不动产权证书已发放（${rec!.certificateNumber}）`,
        `不动产登记证明已发放（${rec!.mortgageProofNumber}）`,
      ]),
    );
  });
});

/** A unit with one current mortgage, one natural holder and nothing else on it. */
async function mortgagedUnit() {
  const rows = (await h.registry.sql.all(
    `SELECT r.unit_code AS "unitCode", r.details_json AS d FROM restrictions r
      WHERE r.kind = 'mortgage' AND r.status = 'current'
        AND NOT EXISTS (SELECT 1 FROM restrictions x WHERE x.unit_code = r.unit_code
          AND x.status = 'current' AND x.restriction_id <> r.restriction_id)
      ORDER BY r.unit_code`,
  )) as { unitCode: string; d: string }[];
  for (const row of rows) {
    const m = JSON.parse(row.d) as { mortgageeId: string; mortgagorIds: string[] };
    if (m.mortgagorIds.length !== 1) continue;
    const seller = await personOf(m.mortgagorIds[0]);
    if (seller.idNumber === BUYER.idNumber) continue;
    // a person who can sign in on 浙里办 (the simulator knows the seeded personas)
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sim/zlb/zm-auth',
      payload: { certNo: seller.idNumber, certName: seller.name },
    });
    if (ok.statusCode !== 200) continue;
    return { unitCode: row.unitCode, seller, oldBank: await personOf(m.mortgageeId) };
  }
  throw new Error('no mortgaged unit in the seed');
}

describe('带押过户', () => {
  async function mortgagedSaleAtTax() {
    const { unitCode, seller, oldBank } = await mortgagedUnit();
    const s = await as(seller);
    const buyer = await as(BUYER);
    let c = await s.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.mortgagedSale',
        unitCode,
        parties: [
          { ...BUYER, role: 'rightHolder' },
          { ...BANK, role: 'mortgagee' },
        ],
        priceYuan: 1_500_000,
        newCoOwnership: 'sole',
        mortgage: TERMS,
        answers: {
          truthful: '是',
          soleOrCoOwned: '单独所有',
          disputeOrSeizure: '否',
          mortgageeConsents: '是',
          signedVoluntarily: '是',
        },
      },
      201,
    );
    // the seller's bank is prefilled from the register as 原抵押权人
    expect(c.parties.find((p) => p.role === 'releasingMortgagee')?.name).toBe(oldBank.name);
    c = await s.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    // every bank sealed by its e-seal
    for (const role of ['releasingMortgagee', 'mortgagee'])
      expect(c.parties.find((p) => p.role === role)?.signedAt).toBeDefined();
    await eSign(s, c.caseId);
    c = await eSign(buyer, c.caseId);
    await eSignSpouses(h, c);
    c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    return { c, buyer, seller: s, unitCode };
  }

  it('cancels the seller’s mortgage, records the transfer and the buyer’s mortgage in one step', async () => {
    const { c: atTax, buyer, seller, unitCode } = await mortgagedSaleAtTax();
    const [old] = (await restrictionsOn(unitCode, 'mortgage')).filter(
      (m) => m.status === 'current',
    );
    const c = await payTax([seller, buyer], atTax);
    expect(c.status).toBe('issued');
    const mortgages = await restrictionsOn(unitCode, 'mortgage');
    expect(mortgages.find((m) => m.id === old.id)?.status).toBe('cancelled');
    const current = mortgages.filter((m) => m.status === 'current');
    expect(current).toHaveLength(1);
    expect(JSON.parse(current[0].d).mortgageeId).not.toBeUndefined();
    // the three entries are consecutive events of one append
    const events = (await h.registry.sql.all(
      `SELECT seq, event_type AS type FROM register_events WHERE recorded_at = ? ORDER BY seq`,
      [c.timeline.find((t) => t.step === '登簿')!.at],
    )) as { seq: number; type: string }[];
    expect(events.map((e) => e.type)).toEqual([
      'restrictionCancelled',
      'rightRecorded',
      'restrictionRecorded',
    ]);
    expect(events.at(-1)!.seq - events[0].seq).toBe(2);
    const rec = c.recording as CaseDetail['recording'] & { mortgageProofNumber?: string };
    expect(await certificateStatus(rec!.certificateNumber)).toBe('current');
    expect(await certificateStatus(rec!.mortgageProofNumber!)).toBe('current');
  });

  it('all or none: the seller’s mortgage cancelled meanwhile fails the whole step, nothing is recorded', async () => {
    const { c: atTax, seller, unitCode } = await mortgagedSaleAtTax();
    // the seller pays their own lines first: the buyer's payment below is the one that records
    await payOwnTaxes([seller], atTax.caseId);
    const [old] = (await restrictionsOn(unitCode, 'mortgage')).filter(
      (m) => m.status === 'current',
    );
    const rightBefore = await h.registry.sql.get(
      "SELECT right_id AS id FROM rights WHERE unit_code = ? AND status = 'current'",
      [unitCode],
    );
    // the old mortgage is cancelled by another case at the counter before the tax is paid
    await h.registry.register.append([
      {
        eventId: 'EV-ELSEWHERE',
        type: 'restrictionCancelled',
        recordedAt: h.clock.now().toISOString(),
        restrictionId: old.id,
        cancelledOn: beijingDate(h.clock.now().toISOString()),
      },
    ]);
    const r = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${atTax.caseId}/tax-payment`,
      headers: { authorization: `Bearer ${await login(h, BUYER)}` },
      payload: {},
    });
    const after = (await h.registry.sql.all(
      "SELECT restriction_id AS id FROM restrictions WHERE unit_code = ? AND kind = 'mortgage' AND status = 'current'",
      [unitCode],
    )) as unknown[];
    // no new mortgage, no new right: the step was undone as a whole
    expect(after).toEqual([]);
    expect(
      await h.registry.sql.get(
        "SELECT right_id AS id FROM rights WHERE unit_code = ? AND status = 'current'",
        [unitCode],
      ),
    ).toEqual(rightBefore);
    const now = await (await as(BUYER)).get<CaseDetail>(`/cases/${atTax.caseId}`);
    expect(now.recording).toBeUndefined();
    expect(now.status).not.toBe('issued');
    expect(r.statusCode).toBeLessThan(500);
  });
});

/**
 * A developer's unit with nothing on it (its new home is for sale): the seed's developer units
 * carry an earlier buyer's advance notice, ended here first (that buyer withdrew from the purchase).
 */
async function developerUnit() {
  const row = (await h.registry.sql.get(
    `SELECT r.unit_code AS "unitCode", p.name, p.id_number AS "idNumber" FROM rights r
      JOIN right_holders rh ON rh.right_id = r.right_id
      JOIN persons p ON p.person_id = rh.person_id
      WHERE r.status = 'current' AND p.kind = 'legal'
      ORDER BY r.unit_code DESC LIMIT 1`,
  )) as { unitCode: string; name: string; idNumber: string } | undefined;
  if (!row) throw new Error('no developer unit in the seed');
  for (const r of await restrictionsOn(row.unitCode, 'advanceNotice'))
    if (r.status === 'current')
      await h.registry.register.append([
        {
          eventId: `EV-END-${r.id}`,
          type: 'restrictionCancelled',
          recordedAt: h.clock.now().toISOString(),
          restrictionId: r.id,
          cancelledOn: beijingDate(h.clock.now().toISOString()),
        },
      ]);
  return row;
}

/** Messages of a person (a fresh login: the clock may have moved past the last session). */
const titlesOf = async (who: Who) =>
  (await (await as(who)).get<MessagesResponse>('/me/messages')).items.map((m) => m.title);

describe('预告登记 and 预购商品房抵押预告 with the 90-day lapse', () => {
  it('预告登记: the buyer applies, the developer seals; the notice is recorded and lapses by itself after 90 days', async () => {
    const { unitCode, name: developer } = await developerUnit();
    const buyer = await as(BUYER);
    let c = await buyer.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'advanceNotice.newHomePurchase',
        unitCode,
        parties: [{ ...BUYER, role: 'rightHolder' }],
        newCoOwnership: 'sole',
        answers: { truthful: '是', soleOrCoOwned: '单独所有', knowsLapse: '是' },
      },
      201,
    );
    expect(c.parties.map((p) => [p.name, p.role])).toEqual([
      [BUYER.name, 'rightHolder'],
      [developer, 'obligor'],
    ]);
    c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    c = await eSign(buyer, c.caseId);
    c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('issued');
    expect(c.recording).toMatchObject({
      kind: 'advanceNotice',
      certificateKind: 'registrationProof',
    });
    const proof = await sealed(buyer, c, c.recording!.certificateNumber);
    expect(proof).toMatchObject({
      proves: '预告登记',
      rightHolders: [BUYER.name],
      obligors: [developer],
    });
    const notice = (await restrictionsOn(unitCode, 'advanceNotice')).at(-1)!;
    expect(notice.status).toBe('current');
    const recordedOn = beijingDate(h.clock.now().toISOString());
    expect(JSON.parse(notice.d)).toMatchObject({
      secures: 'purchase',
      registrableFrom: recordedOn,
    });

    // on the last day the notice still stands; the day after, the machine ends it by itself
    const { lastDay } = advanceNoticeLastDay(recordedOn);
    const lastDayNoon = Date.parse(`${lastDay}T12:00:00+08:00`);
    h.clock.advance(lastDayNoon - h.clock.now().getTime());
    const statusOfNotice = async () =>
      (await restrictionsOn(unitCode, 'advanceNotice')).find((n) => n.id === notice.id)?.status;
    expect(await statusOfNotice()).toBe('current');
    h.clock.advance(DAY);
    await until(async () => ((await statusOfNotice()) === 'cancelled' ? true : undefined));
    expect(await certificateStatus(c.recording!.certificateNumber)).toBe('cancelled');
    const after = await (await as(BUYER)).get<CaseDetail>(`/cases/${c.caseId}`);
    const lapse = after.timeline.at(-1)!;
    expect(lapse).toMatchObject({ action: 'lapseAdvanceNotice', step: '登簿' });
    expect(lapse.note).toContain('《民法典》第二百二十一条');
    expect(lapse.note).toContain(lastDay);
    expect(await titlesOf(BUYER)).toContain(`预告登记已失效（${c.recording!.certificateNumber}）`);
  });

  it('预购商品房抵押预告: the buyer names the unit by their 预告登记证明号, the bank seals; the mortgage notice lapses 90 days after the buyer’s own right is recorded', async () => {
    const JIANG = { idNumber: '331022196111150080', name: '蒋慧芳' };
    const PROOF = '浙(2025)台州市不动产证明第0010477号';
    const UNIT_J = '331002001002GB06927F00010001';
    const jiang = await as(JIANG);
    let c = await jiang.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'advanceNotice.newHomeMortgage',
        certificateNumber: PROOF,
        parties: [{ ...BANK, role: 'mortgagee' }],
        mortgage: TERMS,
        answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' },
      },
      201,
    );
    expect(c.unitCode).toBe(UNIT_J);
    // the buyer is the 抵押人, never a 权利人 of this case
    expect(c.parties.map((p) => [p.name, p.role])).toEqual([
      [BANK.name, 'mortgagee'],
      [JIANG.name, 'mortgagor'],
    ]);
    c = await jiang.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    expect(c.parties.find((p) => p.role === 'mortgagee')?.signedAt).toBeDefined();
    c = await eSign(jiang, c.caseId);
    c = await jiang.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('issued');
    const proof = await sealed(jiang, c, c.recording!.certificateNumber);
    expect(proof).toMatchObject({
      proves: '预购商品房抵押预告登记',
      rightHolders: [BANK.name],
      obligors: [JIANG.name],
    });
    expect(proof.other).toContain('1200000元');
    const notices = await restrictionsOn(UNIT_J, 'advanceNotice');
    const mine = notices.find((n) => JSON.parse(n.d).secures === 'mortgage')!;
    expect(JSON.parse(mine.d).registrableFrom).toBeUndefined();

    // long before the buyer's own right exists nothing lapses
    h.clock.advance(200 * DAY);
    expect(
      (await restrictionsOn(UNIT_J, 'advanceNotice')).find((n) => n.id === mine.id)?.status,
    ).toBe('current');
    // 预告转本 records the buyer's right (here appended directly): the 90 days start
    const right = (await h.registry.sql.get(
      "SELECT right_id AS id, right_type AS t FROM rights WHERE unit_code = ? AND status = 'current'",
      [UNIT_J],
    )) as { id: string; t: string };
    const jiangId = c.parties.find((p) => p.role === 'mortgagor')!.personId;
    const on = beijingDate(h.clock.now().toISOString());
    await h.registry.register.append([
      {
        eventId: 'EV-TRANSFER-J',
        type: 'rightRecorded',
        recordedAt: h.clock.now().toISOString(),
        right: {
          rightId: 'RIGHT-J',
          unitCode: UNIT_J,
          rightType: right.t,
          coOwnership: 'sole',
          holders: [{ personId: jiangId }],
          registeredOn: on,
          certificateId: 'CERT-J',
        },
        certificate: {
          certificateId: 'CERT-J',
          kind: 'titleCertificate',
          number: '浙(2026)台州市不动产权第0999001号',
          unitCode: UNIT_J,
          issuedOn: on,
          form: 'electronic',
          licenceId: 'LIC-J',
        },
        supersedesRightId: right.id,
      },
    ]);
    h.clock.advance(89 * DAY);
    expect(
      (await restrictionsOn(UNIT_J, 'advanceNotice')).find((n) => n.id === mine.id)?.status,
    ).toBe('current');
    h.clock.advance(10 * DAY);
    await until(async () =>
      (await restrictionsOn(UNIT_J, 'advanceNotice')).find((n) => n.id === mine.id)?.status ===
      'cancelled'
        ? true
        : undefined,
    );
    expect(await titlesOf(JIANG)).toContain(`预告登记已失效（${c.recording!.certificateNumber}）`);
  });
});
