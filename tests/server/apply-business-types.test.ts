/**
 * Every business type of the catalogue applied for online over HTTP: a mortgage
 * (抵押权首次登记) named by certificate number with a bank as party, its cancellation, a change of
 * the holder's name and ID number, a married mortgagor's spouse who must consent, and naming a
 * unit by certificate number (valid, unknown, void, malformed, not allowed).
 */
import type {
  CaseDetail,
  DocumentResponse,
  PresentationResponse,
  RegistryPublicKeyResponse,
  SigningStatusResponse,
  VerificationResult,
  WalletItem,
} from '../../mock-server/src/contract';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { maskName } from '../../mock-server/src/domain/masking';
import { SqlSharedDataStore } from '../../mock-server/src/adapters/sqlite/sharedDataStore';
import { verifySourceSeal } from '../../mock-server/src/domain/shared-data';
import { client, eSign, login } from './support/cases-client';
import { staffLogin } from './support/staff-client';
import { startSigningHarness, type SigningHarness } from './support/signing';
import {
  BANK,
  mortgageTerms,
  PAN,
  PAN_CERT,
  PAN_UNIT,
  XU,
  XU_CAIYUN,
  XU_UNIT,
  YANG,
  YANG_UNIT,
  YING,
} from './support/business-types';

const TERMS = mortgageTerms(800_000);

let h: SigningHarness;
let registryKey: string;
beforeAll(async () => {
  h = await startSigningHarness();
  registryKey = (
    (
      await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
    ).json() as RegistryPublicKeyResponse
  ).publicKey;
});
afterAll(() => h.close());

type Who = { idNumber: string; name: string };
/** a party's id by their name: in full if it is the reader's own, else as the reader sees it masked */
const partyOf = (c: CaseDetail, name: string) =>
  c.parties.find((p) => p.name === name || p.name === maskName(name))!.personId;
const as = async (who: Who) => {
  const token = await login(h, who);
  return { ...client(h, token), token };
};
const count = async (table: string) =>
  ((await h.registry.sql.get(`SELECT count(*) AS n FROM ${table}`)) as { n: number }).n;
const certificateStatus = async (number: string) =>
  (
    (await h.registry.sql.get('SELECT status FROM certificates WHERE number = ?', [number])) as {
      status: string;
    }
  ).status;
const mortgagesOn = async (unitCode: string) =>
  (await h.registry.sql.all(
    "SELECT restriction_id AS id, status FROM restrictions WHERE unit_code = ? AND kind = 'mortgage'",
    [unitCode],
  )) as { id: string; status: string }[];

async function refused(who: Who, body: object, status: number, code: string, message: RegExp) {
  const token = await login(h, who);
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { authorization: `Bearer ${token}` },
    payload: body,
  });
  expect(r.statusCode).toBe(status);
  expect(r.json()).toMatchObject({ code });
  expect((r.json() as { message: string }).message).toMatch(message);
}

/** What a verifier sees now for the holder's current certificate of the unit. */
async function verificationOf(who: Who, unitCode: string) {
  const token = await login(h, who);
  const auth = { authorization: `Bearer ${token}` };
  const items = (
    await h.app.inject({ method: 'GET', url: '/api/v1/me/wallet', headers: auth })
  ).json().items as WalletItem[];
  const item = items.find(
    (i) =>
      i.unitCode === unitCode &&
      i.kind === 'titleCertificate' &&
      i.status.certificate === 'current',
  )!;
  const p = (
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/me/wallet/${item.id}/presentations`,
      headers: auth,
      payload: { view: 'minimal' },
    })
  ).json() as PresentationResponse;
  const v = await h.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    payload: { token: p.token },
  });
  expect(v.statusCode).toBe(200);
  return (v.json() as VerificationResult).status;
}

async function sealedDocument(who: ReturnType<typeof client>, c: CaseDetail, kind: string) {
  const d = c.documents.find((x) => x.kind === kind)!;
  expect(d).toBeDefined();
  const doc = await who.get<DocumentResponse>(`/cases/${c.caseId}/documents/${d.documentId}`);
  expect(verifySeal(doc.document as never, registryKey)).toEqual({ valid: true });
  return doc.document.body as Record<string, unknown>;
}

describe('抵押权首次登记 and 抵押权注销登记 online', () => {
  it('a mortgage named by certificate number: the bank signs by e-seal, the registration proof is issued and verification shows the unit mortgaged', async () => {
    expect(await mortgagesOn(PAN_UNIT)).toEqual([]);
    expect((await verificationOf(PAN, PAN_UNIT)).restrictions).toEqual([]);
    const pan = await as(PAN);
    // full-width brackets and spaces are accepted (docs/registry-facts.md §2)
    let c = await pan.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'mortgage.first',
        certificateNumber: ' 浙（2023）天台县不动产权第0029887号 ',
        parties: [{ ...BANK, role: 'mortgagee' }],
        mortgage: TERMS,
      },
      201,
    );
    expect(c.unitCode).toBe(PAN_UNIT);
    expect(c.parties.map((p) => [p.name, p.role])).toEqual([
      [BANK.name, 'mortgagee'],
      [PAN.name, 'rightHolder'],
    ]);
    expect(c.mortgage).toEqual(TERMS);
    // the mortgage variant of the 询问笔录 (docs/registry-facts.md §5); 有其他共有人 = 是 blocks
    const inq = `/cases/${c.caseId}/parties/${c.parties[1].personId}/inquiry`;
    const q = await pan.get<{ questions: { code: string }[] }>(inq);
    expect(q.questions.map((x) => x.code)).toEqual([
      'truthful',
      'signedVoluntarily',
      'otherCoOwners',
    ]);
    const blocked = await h.app.inject({
      method: 'PUT',
      url: `/api/v1${inq}`,
      headers: { authorization: `Bearer ${pan.token}` },
      payload: { answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '是' } },
    });
    expect(blocked.statusCode).toBeGreaterThanOrEqual(400);
    await pan.put(inq, {
      answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' },
    });

    c = await pan.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    // the bank's system signed with its organisation e-seal as signing began
    expect(c.parties.find((p) => p.role === 'mortgagee')?.signedAt).toBeDefined();
    const status = await pan.get<SigningStatusResponse>(`/cases/${c.caseId}/signing-status`);
    expect(status.parties.map((p) => [p.name, p.state])).toEqual([
      [BANK.name, 'signed'],
      [PAN.name, 'waiting'],
    ]);
    // the bank is not questioned: no 询问笔录 of it in the bundle
    const bundle = await pan.get<{ documents: { id: string }[] }>(`/cases/${c.caseId}/bundle`);
    expect(bundle.documents.map((d) => d.id)).toEqual([
      'applicationForm',
      `inquiry:${c.parties[1].personId}`,
    ]);

    await eSign(pan, c.caseId);
    c = await pan.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('issued');
    expect(c.recording).toMatchObject({ kind: 'mortgage', certificateKind: 'registrationProof' });
    expect(c.recording!.certificateNumber).toMatch(/^浙\(\d{4}\)天台县不动产证明第\d{7}号$/);

    const proof = await sealedDocument(pan, c, 'registrationProof');
    expect(proof).toMatchObject({
      documentType: 'registrationProof',
      title: '不动产登记证明',
      proves: '抵押权',
      rightHolders: [BANK.name],
      obligors: [PAN.name],
      number: c.recording!.certificateNumber,
    });
    expect(proof.other).toContain('800000元');
    expect(proof.remarks).toContain(PAN_CERT);

    expect(await mortgagesOn(PAN_UNIT)).toEqual([{ id: expect.any(String), status: 'current' }]);
    expect(await certificateStatus(c.recording!.certificateNumber)).toBe('current');
    // the title certificate stays current; its next verification shows the mortgage
    expect(await certificateStatus(PAN_CERT)).toBe('current');
    expect(await verificationOf(PAN, PAN_UNIT)).toEqual({
      certificate: 'current',
      restrictions: ['mortgage'],
      summary: '现势；已抵押',
    });
  });

  it('the mortgage is cancelled: the registration proof is cancelled and verification no longer shows it mortgaged', async () => {
    const [proofNumber] = (
      (await h.registry.sql.all(
        "SELECT number FROM certificates WHERE unit_code = ? AND kind = 'registrationProof' AND status = 'current'",
        [PAN_UNIT],
      )) as { number: string }[]
    ).map((r) => r.number);
    const pan = await as(PAN);
    let c = await pan.post<CaseDetail>(
      '/cases',
      { businessTypeCode: 'mortgage.cancellation', certificateNumber: proofNumber },
      201,
    );
    expect(c.parties.map((p) => [p.name, p.role]).sort()).toEqual(
      [
        [BANK.name, 'mortgagee'],
        [PAN.name, 'rightHolder'],
      ].sort(),
    );
    expect(c.cancelsRestrictionId).toBe((await mortgagesOn(PAN_UNIT))[0].id);
    c = await pan.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(pan, c.caseId);
    c = await pan.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('issued');
    expect(c.recording).toMatchObject({
      kind: 'mortgageCancellation',
      certificateNumber: proofNumber,
    });
    expect(c.documents.filter((d) => d.kind === 'registrationProof')).toEqual([]);
    expect(await mortgagesOn(PAN_UNIT)).toEqual([
      { id: c.cancelsRestrictionId, status: 'cancelled' },
    ]);
    expect(await certificateStatus(proofNumber)).toBe('cancelled');
    expect(await verificationOf(PAN, PAN_UNIT)).toEqual({
      certificate: 'current',
      restrictions: [],
      summary: '现势',
    });
    // a second cancellation of the same proof is refused: it is no longer current
    await refused(
      PAN,
      { businessTypeCode: 'mortgage.cancellation', certificateNumber: proofNumber },
      409,
      'CERTIFICATE_NOT_CURRENT',
      /已注销/,
    );
  });
});

describe('spouse consent follows 民政 (the civilAffairs shared data), not the register', () => {
  const MORTGAGE = {
    businessTypeCode: 'mortgage.first',
    unitCode: YANG_UNIT,
    parties: [{ ...BANK, role: 'mortgagee' }],
    mortgage: TERMS,
    answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' },
  };
  const setFault = async (mode: string) => {
    const staff = await staffLogin(h);
    const r = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/data-sources/faults',
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      payload: { source: 'civilAffairs', mode },
    });
    expect(r.statusCode).toBe(200);
  };
  const spouses = (c: CaseDetail) =>
    c.parties.filter((p) => p.role === 'consentingSpouse').map((p) => p.name);
  const stored = (recordId: string | undefined) =>
    new SqlSharedDataStore(h.registry.sql).record(recordId ?? '');
  afterEach(() => setFault('ok'));

  it('民政 answering married adds the spouse, from its sealed record kept with the case', async () => {
    const yang = await as(YANG);
    const c = await yang.post<CaseDetail>('/cases', MORTGAGE, 201);
    // the seller reads his wife's name masked (domain/masking.ts)
    expect(spouses(c)).toEqual([maskName(XU_CAIYUN.name)]);
    const holder = c.marriageCheck?.holders.find((x) => x.personId === partyOf(c, YANG.name));
    expect(holder).toMatchObject({ status: 'married' });
    expect(c.marriageCheck?.message).toBeUndefined();
    const record = (await h.registry.sql.all(
      "SELECT record_id AS id FROM shared_records WHERE case_id = ? AND kind = 'marriage'",
      [c.caseId],
    )) as { id: string }[];
    expect(record).toHaveLength(1);
    const r = (await stored(record[0].id))!;
    expect(r).toMatchObject({ sealValid: true, status: 'current', materialCode: null });
    expect(r.record.source).toBe('civilAffairs');
    expect(r.record.data).toMatchObject({
      maritalStatus: '已婚',
      spouse: { name: XU_CAIYUN.name, idNumber: XU_CAIYUN.idNumber },
    });
    const keys = (await h.app.inject({ method: 'GET', url: '/api/v1/data-sources' })).json() as {
      items: { code: string; publicKeyHex: string; keyId: string }[];
    };
    expect(
      verifySourceSeal(
        r.record,
        keys.items.find((k) => k.code === 'civilAffairs')!,
      ),
    ).toEqual({ valid: true });
  });

  it('民政 answering wrong (unmarried, sealed) decides: the register’s marriage does not add the spouse', async () => {
    await setFault('wrong');
    const yang = await as(YANG);
    const c = await yang.post<CaseDetail>('/cases', MORTGAGE, 201);
    // the register knows 杨永明 is married to 徐彩云; 民政's sealed answer says otherwise and
    // decides (the record can be sent back for recheck like any shared record)
    expect(spouses(c)).toEqual([]);
    expect(c.marriageCheck?.holders).toEqual([
      { personId: partyOf(c, YANG.name), status: 'unmarried' },
    ]);
    const staff = await staffLogin(h);
    const view = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/staff/cases/${c.caseId}/shared-data`,
        headers: { cookie: staff.cookie },
      })
    ).json() as { records: { kind: string; sealValid: boolean; data: unknown }[] };
    expect(view.records.filter((x) => x.kind === 'marriage')).toEqual([
      expect.objectContaining({
        sealValid: true,
        data: expect.objectContaining({ maritalStatus: '未婚或无婚姻登记记录' }),
      }),
    ]);
  });

  it('民政 wrong for an unmarried holder (a spouse nobody can identify): the case waits, saying why', async () => {
    const single = (await h.registry.sql
      .get(`SELECT p.id_number AS "idNumber", p.name, r.unit_code AS "unitCode"
           FROM rights r JOIN right_holders x ON x.right_id = r.right_id
           JOIN persons p ON p.person_id = x.person_id
          WHERE r.status = 'current' AND p.kind = 'natural'
            AND p.person_id NOT IN (SELECT spouse_a_id FROM marriages UNION SELECT spouse_b_id FROM marriages)
            AND (SELECT count(*) FROM right_holders y WHERE y.right_id = r.right_id) = 1
            AND NOT EXISTS (SELECT 1 FROM restrictions z WHERE z.unit_code = r.unit_code)
          LIMIT 1`)) as { idNumber: string; name: string; unitCode: string };
    await setFault('wrong');
    const me = await as(single);
    const c = await me.post<CaseDetail>('/cases', { ...MORTGAGE, unitCode: single.unitCode }, 201);
    expect(spouses(c)).toEqual([]);
    expect(c.marriageCheck?.holders[0]).toMatchObject({
      status: 'unknown',
      reason: 'spouseUnknown',
    });
    expect(c.marriageCheck?.message).toContain('登记的配偶身份无法核实');
  });

  it('民政 unavailable: no guess from the register; submission waits (409, Chinese reason) and 民政 is asked again', async () => {
    await setFault('unavailable');
    const yang = await as(YANG);
    let c = await yang.post<CaseDetail>('/cases', MORTGAGE, 201);
    expect(spouses(c)).toEqual([]);
    expect(c.marriageCheck?.holders[0]).toMatchObject({ status: 'unknown', reason: 'unavailable' });
    expect(c.marriageCheck?.message).toBe(
      '民政婚姻登记信息暂未取得（系统维护），无法确认是否需要配偶同意，暂不能提交。请稍后再提交，届时将重新向民政查询',
    );
    c = await yang.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(yang, c.caseId);
    const before = await count('register_events');
    const submit = () =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.caseId}/submit`,
        headers: { authorization: `Bearer ${yang.token}` },
        payload: {},
      });
    const waiting = await submit();
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json()).toMatchObject({
      code: 'MARRIAGE_STATUS_PENDING',
      message: c.marriageCheck?.message,
    });
    expect(await count('register_events')).toBe(before);
    expect((await yang.get<CaseDetail>(`/cases/${c.caseId}`)).status).toBe('signing');

    // 民政 is back: the next submission asks again; he is married, so his wife must consent
    await setFault('ok');
    const again = await submit();
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SIGNATURES_INCOMPLETE' });
    // who has not signed: the submitter himself in full, his wife masked (domain/masking.ts)
    const missing = (again.json() as { message: string }).message;
    expect(missing).toContain(YANG.name);
    expect(missing).toContain(maskName(XU_CAIYUN.name));
    expect(missing).not.toContain(XU_CAIYUN.name);
    c = await yang.get<CaseDetail>(`/cases/${c.caseId}`);
    // the seller reads his wife's name masked (domain/masking.ts)
    expect(spouses(c)).toEqual([maskName(XU_CAIYUN.name)]);
    expect(c.marriageCheck?.holders[0]).toMatchObject({ status: 'married' });
    expect(c.marriageCheck?.message).toBeUndefined();
    expect(await count('register_events')).toBe(before);
  });
});

describe("a married mortgagor's spouse consents (common property)", () => {
  it('adds the spouse as consentingSpouse, keeps her when the parties are edited, and submission needs her e-signature', async () => {
    const yang = await as(YANG);
    let c = await yang.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'mortgage.first',
        unitCode: YANG_UNIT,
        parties: [{ ...BANK, role: 'mortgagee' }],
        mortgage: { ...TERMS, mortgageType: '最高额抵押' },
        answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' },
      },
      201,
    );
    const spouse = c.parties.find((p) => p.role === 'consentingSpouse');
    expect(spouse?.name).toBe(maskName(XU_CAIYUN.name));
    // leaving her out of an edit does not remove her
    c = await yang.patch<CaseDetail>(`/cases/${c.caseId}`, {
      version: c.version,
      parties: [
        { ...BANK, role: 'mortgagee' },
        { ...YANG, role: 'rightHolder' },
      ],
    });
    expect(c.parties.filter((p) => p.role === 'consentingSpouse').map((p) => p.name)).toEqual([
      maskName(XU_CAIYUN.name),
    ]);
    c = await yang.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(yang, c.caseId);
    const before = await count('register_events');
    const r = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.caseId}/submit`,
      headers: { authorization: `Bearer ${yang.token}` },
      payload: {},
    });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'SIGNATURES_INCOMPLETE' });
    expect((r.json() as { message: string }).message).toContain(maskName(XU_CAIYUN.name));
    expect(await count('register_events')).toBe(before);

    // she finds it under 待我签署 on her own phone and signs
    const xu = await as(XU_CAIYUN);
    const toSign = await xu.get<{ items: CaseDetail[] }>('/me/to-sign');
    expect(toSign.items.map((x) => x.caseId)).toContain(c.caseId);
    await eSign(xu, c.caseId);
    c = await yang.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('issued');
    expect(await verificationOf(YANG, YANG_UNIT)).toMatchObject({ restrictions: ['mortgage'] });
  });
});

describe('变更登记 of the holder’s name and ID number', () => {
  it('re-issues the title certificate with the new name; the old one is cancelled and the person carries the new data', async () => {
    const oldNumber = (
      (await h.registry.sql.get(
        "SELECT number FROM certificates WHERE unit_code = ? AND kind = 'titleCertificate' AND status = 'current'",
        [XU_UNIT],
      )) as { number: string }
    ).number;
    const xu = await as(XU);
    // an invalid new ID number is refused (GB 11643 check digit)
    await refused(
      XU,
      {
        businessTypeCode: 'change.holderIdentity',
        unitCode: XU_UNIT,
        identityChange: { newName: '许慧芬', newIdNumber: '331003197508046528' },
      },
      400,
      'VALIDATION_FAILED',
      /公民身份号码不正确/,
    );
    // another person's ID number is refused
    await refused(
      XU,
      {
        businessTypeCode: 'change.holderIdentity',
        unitCode: XU_UNIT,
        identityChange: { newName: '许慧芬', newIdNumber: YING.idNumber },
      },
      400,
      'VALIDATION_FAILED',
      /他人/,
    );
    let c = await xu.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'change.holderIdentity',
        unitCode: XU_UNIT,
        identityChange: { newName: '许慧芬', newIdNumber: '331003197508046527' },
        answers: { truthful: '是' },
      },
      201,
    );
    expect(c.identityChange).toMatchObject({ newName: '许慧芬' });
    expect(c.identityChange!.newIdNumber).not.toBe('331003197508046527');
    c = await xu.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await eSign(xu, c.caseId);
    c = await xu.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(c.status).toBe('issued');
    const body = await sealedDocument(xu, c, 'titleCertificate');
    expect(body.rightHolders).toEqual(['许慧芬']);
    expect(body.remarks).toContain(`原证号：${oldNumber}`);
    expect(await certificateStatus(oldNumber)).toBe('cancelled');
    expect(await certificateStatus(c.recording!.certificateNumber)).toBe('current');
    expect(
      await h.registry.sql.get(
        `SELECT name, id_number AS "idNumber" FROM persons WHERE person_id = 'P030'`,
      ),
    ).toEqual({ name: '许慧芬', idNumber: '331003197508046527' });
  });
});

describe('预告转本 by the buyer with her 预告登记证明号', () => {
  it('prefills the developer, which signs by its e-seal; another person may not use the proof', async () => {
    const JIANG = { idNumber: '331022196111150080', name: '蒋慧芳' };
    const PROOF = '浙(2025)台州市不动产证明第0010477号';
    const body = (who: Who) => ({
      businessTypeCode: 'transfer.newHomeFromAdvanceNotice',
      certificateNumber: PROOF,
      parties: [{ ...who, role: 'rightHolder' }],
      newCoOwnership: 'sole',
      answers: { truthful: '是', soleOrCoOwned: '单独所有' },
    });
    // someone else's proof answers like an unknown number (docs/registry-facts.md §8)
    await refused(YING, body(YING), 404, 'CERTIFICATE_NOT_FOUND', /没有您可凭此办理的证书/);
    const jiang = await as(JIANG);
    let c = await jiang.post<CaseDetail>('/cases', body(JIANG), 201);
    expect(c.unitCode).toBe('331002001002GB06927F00010001');
    expect(c.parties.map((p) => [p.name, p.role])).toEqual([
      [JIANG.name, 'rightHolder'],
      ['台州市海湾置业有限公司', 'obligor'],
    ]);
    c = await jiang.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    expect(c.parties.find((p) => p.role === 'obligor')?.signedAt).toBeDefined();
    await eSign(jiang, c.caseId);
    c = await jiang.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    // accepted and reviewed (the advance notice's holder applies): it waits for the deed tax
    expect(c.status).toBe('taxPending');
    expect(c.timeline.map((t) => t.action)).toEqual(
      expect.arrayContaining(['accept', 'startReview', 'awaitTax']),
    );
  });
});

describe('naming the unit by certificate number', () => {
  it('refuses unknown, void, malformed and not-allowed numbers with Chinese messages and creates nothing', async () => {
    // a number the caller holds nothing under answers like one that is not in the register
    // (docs/registry-facts.md §8): neither whether it exists nor who holds it is learnt
    const before = await count('cases');
    const sale = (certificateNumber: string, rightHolder = true) => ({
      businessTypeCode: 'transfer.secondHandSale',
      certificateNumber,
      parties: rightHolder ? [{ ...YING, role: 'rightHolder' }] : [],
      newCoOwnership: 'sole',
    });
    await refused(
      YING,
      sale('浙(2023)天台县不动产权第0099999号'),
      404,
      'CERTIFICATE_NOT_FOUND',
      /没有您可凭此办理的证书/,
    );
    // announced void when the unit was sold (公告作废), someone else's: the same answer
    await refused(
      YING,
      sale('浙(2016)天台县不动产权第0020457号'),
      404,
      'CERTIFICATE_NOT_FOUND',
      /没有您可凭此办理的证书/,
    );
    await refused(YING, sale('台州123456789'), 422, 'CERTIFICATE_NUMBER_INVALID', /格式不正确/);
    // a registration proof's number where a title certificate is needed
    await refused(
      YING,
      sale('浙(2025)温岭市不动产证明第0028943号'),
      422,
      'CERTIFICATE_NUMBER_INVALID',
      /不动产权证书号/,
    );
    // the seller's number answers a buyer like an unknown one, named as buyer or not
    for (const asBuyer of [false, true])
      await refused(
        YING,
        sale(PAN_CERT, asBuyer),
        404,
        'CERTIFICATE_NOT_FOUND',
        /没有您可凭此办理的证书/,
      );
    // a mortgage only by one's own certificate
    await refused(
      YING,
      { businessTypeCode: 'mortgage.first', certificateNumber: PAN_CERT, mortgage: TERMS },
      404,
      'CERTIFICATE_NOT_FOUND',
      /没有您可凭此办理的证书/,
    );
    // a change of identity takes no certificate number
    await refused(
      PAN,
      {
        businessTypeCode: 'change.holderIdentity',
        certificateNumber: PAN_CERT,
        identityChange: { newName: '潘晓冬', newIdNumber: '331003197508046527' },
      },
      403,
      'CERTIFICATE_NOT_ALLOWED',
      /不能凭证书号/,
    );
    // the holdings proof is not a case
    await refused(
      YING,
      { businessTypeCode: 'query.holdingsProof', unitCode: PAN_UNIT },
      422,
      'BUSINESS_NOT_ONLINE',
      /证照/,
    );
    expect(await count('cases')).toBe(before);
  });

  it("the seller opens a sale by their own certificate number and names the buyer; the buyer joins by the seller's invitation", async () => {
    const pan = await as(PAN);
    const c = await pan.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        certificateNumber: PAN_CERT,
        parties: [{ ...YING, role: 'rightHolder' }],
        newCoOwnership: 'sole',
      },
      201,
    );
    expect(c.unitCode).toBe(PAN_UNIT);
    // the seller reads the buyer's name masked (domain/masking.ts)
    expect(c.parties.map((p) => [p.name, p.role])).toEqual([
      [maskName(YING.name), 'rightHolder'],
      [PAN.name, 'obligor'],
    ]);
    const inv = await pan.post<{ code: string }>(
      `/cases/${c.caseId}/invitations`,
      { partyId: partyOf(c, YING.name) },
      201,
    );
    const ying = await as(YING);
    expect(await ying.post<{ caseId: string }>('/invitations/accept', { code: inv.code })).toEqual({
      caseId: c.caseId,
    });
    expect((await ying.get<CaseDetail>(`/cases/${c.caseId}`)).unitCode).toBe(PAN_UNIT);
  });
});
