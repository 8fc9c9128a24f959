/**
 * 窗口受理 for every business type that is recorded, through the staff console's HTTP routes
 * (cookie + CSRF): a mortgage with the bank and its terms, its cancellation named by the
 * 不动产登记证明号, a married mortgagor's spouse who consents at the counter, a change of the
 * holder's name and ID number — each intake → recorded, with the right documents and register
 * state — and the refusals (4xx, stable code, Chinese message, nothing stored but the audit row).
 */
import type {
  CaseDetail,
  DocumentResponse,
  RegistryPublicKeyResponse,
  StaffCaseDecisionResponse,
} from '../../mock-server/src/contract';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { client, login } from './support/cases-client';
import { startHarness, type Harness } from './support/registry';
import { staffClient, staffLogin } from './support/staff-client';
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

const TERMS = mortgageTerms(600_000);
const MORTGAGE_ANSWERS = { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' };

let h: Harness;
let api: ReturnType<typeof staffClient>;
let registryKey: string;
beforeAll(async () => {
  h = await startHarness();
  api = staffClient(h, await staffLogin(h));
  registryKey = (
    (
      await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
    ).json() as RegistryPublicKeyResponse
  ).publicKey;
});
afterAll(() => h.close());

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
const counterAudit = async () =>
  (await h.registry.sql.all(
    "SELECT case_id, outcome, detail_json AS detail FROM staff_audit WHERE action = 'counterIntake' ORDER BY audit_id",
  )) as { case_id: string | null; outcome: string; detail: string }[];

const intake = async (body: object) =>
  (await api.post<StaffCaseDecisionResponse>('/counter-intake', body, 201)).case;

/** Every party signed in person, witnessed by the staff member (no e-signature). */
function expectWitnessedSigning(c: CaseDetail, names: string[]) {
  const signs = c.timeline.filter((t) => t.action === 'sign');
  expect(signs.map((t) => t.actor.displayName).sort()).toEqual([...names].sort());
  for (const t of signs) expect(t.note).toMatch(/窗口当面签署，见证人：王芳/);
  expect(c.timeline[0]).toMatchObject({ actor: { kind: 'staff', displayName: '王芳' } });
}

async function sealedBody(who: { idNumber: string; name: string }, c: CaseDetail, kind: string) {
  const d = c.documents.find((x) => x.kind === kind)!;
  expect(d).toBeDefined();
  const doc = await client(h, await login(h, who)).get<DocumentResponse>(
    `/cases/${c.caseId}/documents/${d.documentId}`,
  );
  expect(verifySeal(doc.document as never, registryKey)).toEqual({ valid: true });
  return doc.document.body as Record<string, unknown>;
}

describe('窗口受理 of 抵押权首次登记 and 抵押权注销登记', () => {
  it('a mortgage by certificate number with the bank: recorded, registration proof issued, unit mortgaged', async () => {
    expect(await mortgagesOn(PAN_UNIT)).toEqual([]);
    const c = await intake({
      businessTypeCode: 'mortgage.first',
      certificateNumber: PAN_CERT,
      parties: [
        { ...PAN, role: 'rightHolder' },
        { ...BANK, role: 'mortgagee' },
      ],
      mortgage: TERMS,
      answers: MORTGAGE_ANSWERS,
      note: '申请人不会使用智能手机',
    });
    expect(c.unitCode).toBe(PAN_UNIT);
    expect(c.mortgage).toEqual(TERMS);
    expect(c.status).toBe('issued');
    expectWitnessedSigning(c, [PAN.name, BANK.name]);
    expect(c.recording).toMatchObject({ kind: 'mortgage', certificateKind: 'registrationProof' });
    expect(c.recording!.certificateNumber).toMatch(/^浙\(\d{4}\)天台县不动产证明第\d{7}号$/);
    const proof = await sealedBody(PAN, c, 'registrationProof');
    expect(proof).toMatchObject({
      proves: '抵押权',
      rightHolders: [BANK.name],
      obligors: [PAN.name],
      number: c.recording!.certificateNumber,
    });
    expect(proof.other).toContain('600000元');
    // no new title certificate: the holder's stays current and the unit is now mortgaged
    expect(c.documents.filter((d) => d.kind === 'titleCertificate')).toEqual([]);
    expect(await certificateStatus(PAN_CERT)).toBe('current');
    expect(await mortgagesOn(PAN_UNIT)).toEqual([{ id: expect.any(String), status: 'current' }]);
    expect((await counterAudit()).at(-1)).toMatchObject({ case_id: c.caseId, outcome: 'ok' });
  });

  it('its cancellation by the proof number: the mortgage ends, the proof is cancelled, nothing is issued; a second cancellation is refused', async () => {
    const [{ number: proofNumber }] = (await h.registry.sql.all(
      "SELECT number FROM certificates WHERE unit_code = ? AND kind = 'registrationProof' AND status = 'current'",
      [PAN_UNIT],
    )) as { number: string }[];
    const c = await intake({
      businessTypeCode: 'mortgage.cancellation',
      certificateNumber: proofNumber,
      parties: [{ ...PAN, role: 'rightHolder' }],
    });
    // the mortgagee comes from the register and signs at the counter too
    expect(c.parties.map((p) => [p.name, p.role]).sort()).toEqual(
      [
        [PAN.name, 'rightHolder'],
        [BANK.name, 'mortgagee'],
      ].sort(),
    );
    expect(c.status).toBe('issued');
    expectWitnessedSigning(c, [PAN.name, BANK.name]);
    expect(c.recording).toMatchObject({
      kind: 'mortgageCancellation',
      certificateNumber: proofNumber,
    });
    expect(c.documents.filter((d) => d.kind === 'registrationProof')).toEqual([]);
    expect(await mortgagesOn(PAN_UNIT)).toEqual([
      { id: c.cancelsRestrictionId, status: 'cancelled' },
    ]);
    expect(await certificateStatus(proofNumber)).toBe('cancelled');
    expect(await certificateStatus(PAN_CERT)).toBe('current');

    const cases = await count('cases');
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/v1/staff/counter-intake',
      headers: { cookie: (await staffLogin(h)).cookie, 'x-csrf-token': 'x'.repeat(32) },
      payload: {
        businessTypeCode: 'mortgage.cancellation',
        certificateNumber: proofNumber,
        parties: [{ ...PAN, role: 'rightHolder' }],
      },
    });
    // without the session's CSRF token: 403, nothing done
    expect(r.statusCode).toBe(403);
    const again = await api.post<{ code: string; message: string }>(
      '/counter-intake',
      {
        businessTypeCode: 'mortgage.cancellation',
        certificateNumber: proofNumber,
        parties: [{ ...PAN, role: 'rightHolder' }],
      },
      409,
    );
    expect(again).toMatchObject({ code: 'CERTIFICATE_NOT_CURRENT' });
    expect(again.message).toMatch(/已注销/);
    expect(await count('cases')).toBe(cases);
  });

  it('民政 unavailable: the counter cannot tell whether a spouse must consent, so the intake waits (409) and stores nothing', async () => {
    const s = await staffLogin(h);
    const fault = (mode: string) =>
      h.app.inject({
        method: 'PUT',
        url: '/api/v1/staff/data-sources/faults',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: { source: 'civilAffairs', mode },
      });
    expect((await fault('unavailable')).statusCode).toBe(200);
    try {
      const before = { cases: await count('cases'), records: await count('shared_records') };
      const r = await api.post<{ code: string; message: string }>(
        '/counter-intake',
        {
          businessTypeCode: 'mortgage.first',
          unitCode: YANG_UNIT,
          parties: [
            { ...YANG, role: 'rightHolder' },
            { ...BANK, role: 'mortgagee' },
          ],
          mortgage: TERMS,
          answers: MORTGAGE_ANSWERS,
        },
        409,
      );
      expect(r).toMatchObject({ code: 'MARRIAGE_STATUS_PENDING' });
      expect(r.message).toMatch(/^民政婚姻登记信息暂未取得（系统维护），无法确认是否需要配偶同意/);
      expect({ cases: await count('cases'), records: await count('shared_records') }).toEqual(
        before,
      );
      expect((await counterAudit()).at(-1)).toMatchObject({ case_id: null, outcome: 'refused' });
      expect(JSON.parse((await counterAudit()).at(-1)!.detail)).toMatchObject({
        code: 'MARRIAGE_STATUS_PENDING',
      });
    } finally {
      await fault('ok');
    }
  });

  it("a married mortgagor's spouse is added from 民政's answer and consents at the counter", async () => {
    const c = await intake({
      businessTypeCode: 'mortgage.first',
      unitCode: YANG_UNIT,
      parties: [
        { ...YANG, role: 'rightHolder' },
        { ...BANK, role: 'mortgagee' },
      ],
      mortgage: { ...TERMS, mortgageType: '最高额抵押' },
      answers: MORTGAGE_ANSWERS,
    });
    expect(c.parties.filter((p) => p.role === 'consentingSpouse').map((p) => p.name)).toEqual([
      XU_CAIYUN.name,
    ]);
    expectWitnessedSigning(c, [YANG.name, BANK.name, XU_CAIYUN.name]);
    expect(c.status).toBe('issued');
    expect(c.recording).toMatchObject({ kind: 'mortgage' });
    expect((await mortgagesOn(YANG_UNIT)).filter((m) => m.status === 'current')).toHaveLength(1);
  });

  it('the same review rules as online: a private person as mortgagee is refused with a sealed 不予登记通知书', async () => {
    const c = await intake({
      businessTypeCode: 'mortgage.first',
      unitCode: PAN_UNIT,
      parties: [
        { ...PAN, role: 'rightHolder' },
        { ...YING, role: 'mortgagee' },
      ],
      mortgage: TERMS,
      answers: MORTGAGE_ANSWERS,
    });
    expect(c.status).toBe('refused');
    expect(c.notices.map((n) => n.title)).toContain('不动产登记不予登记通知书');
    expect(c.recording).toBeUndefined();
    expect((await mortgagesOn(PAN_UNIT)).filter((m) => m.status === 'current')).toEqual([]);
  });
});

describe('窗口受理 of 变更登记 (the holder’s name and ID number)', () => {
  it('re-issues the title certificate under the new name; the old one is cancelled', async () => {
    const oldNumber = (
      (await h.registry.sql.get(
        "SELECT number FROM certificates WHERE unit_code = ? AND kind = 'titleCertificate' AND status = 'current'",
        [XU_UNIT],
      )) as { number: string }
    ).number;
    const c = await intake({
      businessTypeCode: 'change.holderIdentity',
      unitCode: XU_UNIT,
      parties: [{ ...XU, role: 'rightHolder' }],
      identityChange: { newName: '许慧芬', newIdNumber: '331003197508046527' },
      answers: { truthful: '是' },
    });
    expect(c.status).toBe('issued');
    expectWitnessedSigning(c, [XU.name]);
    expect(c.recording).toMatchObject({ kind: 'right' });
    const body = await sealedBody(
      { idNumber: '331003197508046527', name: '许慧芬' },
      c,
      'titleCertificate',
    );
    expect(body.rightHolders).toEqual(['许慧芬']);
    expect(body.remarks).toContain(`原证号：${oldNumber}`);
    expect(await certificateStatus(oldNumber)).toBe('cancelled');
    expect(await certificateStatus(c.recording!.certificateNumber)).toBe('current');
    // a change of identity is no mortgage
    expect((await mortgagesOn(XU_UNIT)).filter((m) => m.status === 'current')).toEqual([]);
  });
});

describe('窗口受理 of 预告转本 (new home from the advance notice)', () => {
  it('by the buyer’s 预告登记证明号: the developer is prefilled from the register, signs at the counter, and the case waits for the deed tax as online', async () => {
    const JIANG = { idNumber: '331022196111150080', name: '蒋慧芳' };
    const c = await intake({
      businessTypeCode: 'transfer.newHomeFromAdvanceNotice',
      certificateNumber: '浙(2025)台州市不动产证明第0010477号',
      parties: [{ ...JIANG, role: 'rightHolder' }],
      newCoOwnership: 'sole',
      answers: { truthful: '是', soleOrCoOwned: '单独所有' },
    });
    expect(c.unitCode).toBe('331002001002GB06927F00010001');
    expect(c.parties.map((p) => [p.name, p.role])).toEqual([
      [JIANG.name, 'rightHolder'],
      ['台州市海湾置业有限公司', 'obligor'],
    ]);
    expectWitnessedSigning(c, [JIANG.name, '台州市海湾置业有限公司']);
    expect(c.status).toBe('taxPending');
    expect(c.notices.map((n) => n.title)).toContain('不动产登记受理凭证');
  });
});

describe('窗口受理 refusals', () => {
  const mortgage = (over: object) => ({
    businessTypeCode: 'mortgage.first',
    unitCode: PAN_UNIT,
    parties: [
      { ...PAN, role: 'rightHolder' },
      { ...BANK, role: 'mortgagee' },
    ],
    mortgage: TERMS,
    answers: MORTGAGE_ANSWERS,
    ...over,
  });
  const cases: [string, object, number, string, RegExp][] = [
    [
      'the holdings proof is no case',
      {
        businessTypeCode: 'query.holdingsProof',
        unitCode: PAN_UNIT,
        parties: [{ ...PAN, role: 'applicant' }],
      },
      422,
      'BUSINESS_NOT_AT_COUNTER',
      /权属查询证明/,
    ],
    [
      'a mortgage without its terms',
      mortgage({ mortgage: undefined }),
      400,
      'VALIDATION_FAILED',
      /请填写抵押信息/,
    ],
    [
      'a date that does not exist',
      mortgage({ mortgage: { ...TERMS, debtEndsOn: '2046-02-30' } }),
      400,
      'VALIDATION_FAILED',
      /日期不存在/,
    ],
    [
      'a debt that ends before it starts',
      mortgage({ mortgage: { ...TERMS, debtEndsOn: '2025-12-31' } }),
      400,
      'VALIDATION_FAILED',
      /结束日期必须晚于开始日期/,
    ],
    [
      'a price on a mortgage',
      mortgage({ priceYuan: 100 }),
      400,
      'VALIDATION_FAILED',
      /不填写成交价/,
    ],
    [
      'identity change data on a mortgage',
      mortgage({ identityChange: { newName: '潘晓冬', newIdNumber: '331003197508046527' } }),
      400,
      'VALIDATION_FAILED',
      /不填写身份变更信息/,
    ],
    [
      'a unit code that is not the certificate’s unit',
      mortgage({ certificateNumber: PAN_CERT, unitCode: XU_UNIT }),
      400,
      'VALIDATION_FAILED',
      /不一致/,
    ],
    [
      'a mortgage by a certificate the applicant does not hold',
      mortgage({
        unitCode: undefined,
        certificateNumber: PAN_CERT,
        parties: [
          { ...YING, role: 'rightHolder' },
          { ...BANK, role: 'mortgagee' },
        ],
      }),
      403,
      'CERTIFICATE_NOT_ALLOWED',
      /不是该证书的权利人/,
    ],
    [
      'a cancellation without the proof number',
      {
        businessTypeCode: 'mortgage.cancellation',
        unitCode: PAN_UNIT,
        parties: [{ ...PAN, role: 'rightHolder' }],
      },
      400,
      'VALIDATION_FAILED',
      /不动产登记证明号/,
    ],
    [
      'a malformed proof number',
      {
        businessTypeCode: 'mortgage.cancellation',
        certificateNumber: '台州123456789',
        parties: [{ ...PAN, role: 'rightHolder' }],
      },
      422,
      'CERTIFICATE_NUMBER_INVALID',
      /格式不正确/,
    ],
    [
      'a proof number not in the register',
      {
        businessTypeCode: 'mortgage.cancellation',
        certificateNumber: '浙(2025)天台县不动产证明第0999999号',
        parties: [{ ...PAN, role: 'rightHolder' }],
      },
      404,
      'CERTIFICATE_NOT_FOUND',
      /没有这个证书号/,
    ],
    [
      'a change without the new data',
      {
        businessTypeCode: 'change.holderIdentity',
        unitCode: PAN_UNIT,
        parties: [{ ...PAN, role: 'rightHolder' }],
      },
      400,
      'VALIDATION_FAILED',
      /变更后的姓名和公民身份号码/,
    ],
    [
      'a new ID number with a wrong check digit',
      {
        businessTypeCode: 'change.holderIdentity',
        unitCode: PAN_UNIT,
        parties: [{ ...PAN, role: 'rightHolder' }],
        identityChange: { newName: '潘晓冬', newIdNumber: '331003197508046528' },
      },
      400,
      'VALIDATION_FAILED',
      /公民身份号码不正确/,
    ],
    [
      'another person’s ID number',
      {
        businessTypeCode: 'change.holderIdentity',
        unitCode: PAN_UNIT,
        parties: [{ ...PAN, role: 'rightHolder' }],
        identityChange: { newName: '潘晓冬', newIdNumber: YING.idNumber },
      },
      400,
      'VALIDATION_FAILED',
      /他人/,
    ],
    [
      'a change applied for by someone who is not a holder',
      {
        businessTypeCode: 'change.holderIdentity',
        unitCode: PAN_UNIT,
        parties: [{ ...YING, role: 'rightHolder' }],
        identityChange: { newName: '应敏敏', newIdNumber: '331003197508046527' },
      },
      400,
      'VALIDATION_FAILED',
      /必须是该不动产的权利人/,
    ],
    ['an unknown field', mortgage({ mortgagee: BANK }), 400, 'VALIDATION_FAILED', /./],
  ];

  // the change refusals on 潘晓东's unit: 许慧芳's identity has changed in the test above
  it('refuses each with a stable code and a Chinese message, stores nothing and audits the refusal', async () => {
    const before = {
      cases: await count('cases'),
      events: await count('register_events'),
      certificates: await count('certificates'),
      documents: await count('documents'),
    };
    const refusedBefore = (await counterAudit()).filter((a) => a.outcome === 'refused').length;
    let audited = 0;
    for (const [what, body, status, code, message] of cases) {
      const r = await api.post<{ code: string; message: string }>('/counter-intake', body, status);
      expect({ what, code: r.code }).toEqual({ what, code });
      expect(r.message).toMatch(message);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      // schema refusals never reach the use case; every other refusal is audited with its code
      if (what !== 'an unknown field') {
        audited += 1;
        expect(JSON.parse((await counterAudit()).at(-1)!.detail)).toMatchObject({ code });
      }
    }
    expect({
      cases: await count('cases'),
      events: await count('register_events'),
      certificates: await count('certificates'),
      documents: await count('documents'),
    }).toEqual(before);
    const refused = (await counterAudit()).filter((a) => a.outcome === 'refused');
    expect(refused).toHaveLength(refusedBefore + audited);
    expect(refused.every((a) => a.case_id === null)).toBe(true);
    // no new ID number in the audit (personal data)
    expect(refused.map((a) => a.detail).join('')).not.toContain('331003197508046527');
  });
});
