/**
 * 更正登记, 异议登记, 遗失补证 and 换证 over HTTP, each from draft to its recorded result
 * (docs/registry-facts.md §15): the holders correct how they hold their unit (staff find the
 * register wrong, 细则 §79); an interested party objects at the counter and the objection lapses
 * by itself 15 days on without a lawsuit (民法典 §220, an injected clock and the node's sweep); a
 * lost paper certificate's 遗失声明 is on the public page for 15 working days, then a new
 * certificate is issued by itself and the old one is void (细则 §22); a damaged one is exchanged.
 */
import type {
  CaseDetail,
  FeeResponse,
  StaffCaseDecisionResponse,
  StaffCaseResponse,
  VoidAnnouncementsResponse,
} from '../../mock-server/src/contract';
import { beijingDate, objectionLastDay } from '../../mock-server/src/domain/cases';
import { chinaWorkingDayCalendar } from '../../mock-server/src/domain/calendar';
import { client, eSign, login } from './support/cases-client';
import { staffClient, staffLogin } from './support/staff-client';
import { startSigningHarness, type SigningHarness } from './support/signing';
import { PAN_UNIT, YING } from './support/business-types';
import { SELLER_A, SELLER_B, UNIT as COUPLE_UNIT } from './support/signing';
import { png } from './support/png';

type Who = { idNumber: string; name: string };
const DAY = 86_400_000;

let h: SigningHarness;
beforeAll(async () => {
  h = await startSigningHarness({ MACHINE_SWEEP_SECONDS: '1' });
});
afterAll(() => h.close());

const as = async (who: Who) => client(h, await login(h, who));
const staff = async () => staffClient(h, await staffLogin(h));
const certificateStatus = async (number: string) =>
  (
    (await h.registry.sql.get('SELECT status FROM certificates WHERE number = ?', [number])) as {
      status: string;
    }
  ).status;
const currentRight = async (unitCode: string) =>
  (await h.registry.sql.get(
    'SELECT co_ownership AS co, registered_on AS "registeredOn" FROM rights WHERE unit_code = ? AND status = \'current\'',
    [unitCode],
  )) as { co: string; registeredOn: string };

/** a natural person holding a unit alone with a current paper certificate, nothing on it */
async function paperHolders(n: number): Promise<{ who: Who; unitCode: string; number: string }[]> {
  const rows = (await h.registry.sql.all(
    `SELECT p.name, p.id_number AS "idNumber", r.unit_code AS "unitCode", c.number
       FROM rights r JOIN certificates c ON c.certificate_id = r.certificate_id
       JOIN right_holders x ON x.right_id = r.right_id JOIN persons p ON p.person_id = x.person_id
      WHERE r.status = 'current' AND r.co_ownership = 'sole' AND c.form = 'paper'
        AND c.status = 'current' AND c.kind = 'titleCertificate' AND p.kind = 'natural'
        AND NOT EXISTS (SELECT 1 FROM restrictions s WHERE s.unit_code = r.unit_code AND s.status = 'current')
      ORDER BY r.unit_code`,
  )) as { name: string; idNumber: string; unitCode: string; number: string }[];
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.idNumber) && seen.add(r.idNumber))
    .slice(0, n)
    .map((r) => ({
      who: { name: r.name, idNumber: r.idNumber },
      unitCode: r.unitCode,
      number: r.number,
    }));
}

/** the case as `who` reads it, once `done` holds (the machine's sweep runs on its own timer) */
async function until(who: Who, caseId: string, done: (c: CaseDetail) => boolean) {
  const s = await as(who);
  for (;;) {
    const c = await s.get<CaseDetail>(`/cases/${caseId}`);
    if (done(c)) return c;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** issued (and perhaps filed already: the machine files an issued case at once) */
const issued = (c: CaseDetail) => c.status === 'issued' || c.status === 'archived';

/** staff approve a case the machine handed them, noting what they found */
async function staffApprove(caseId: string, note: string): Promise<void> {
  const api = await staff();
  const d = await api.get<StaffCaseResponse>(`/cases/${caseId}`);
  await api.post<StaffCaseDecisionResponse>(`/cases/${caseId}/decisions`, {
    decision: 'approve',
    note,
    version: d.case.version,
  });
}

async function uploadScan(who: Who, caseId: string, material: string) {
  const r = await h.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/materials/${material}/files`,
    headers: { authorization: `Bearer ${await login(h, who)}`, 'content-type': 'image/png' },
    payload: Buffer.from(png(24, 16, 3)),
  });
  expect(r.statusCode).toBe(201);
}

/** signs as every holder (each on their own session) and submits */
async function signAndSubmit(c: CaseDetail, signers: Who[]): Promise<CaseDetail> {
  const first = await as(signers[0]);
  c = await first.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  for (const who of signers) c = await eSign(await as(who), c.caseId);
  return first.post<CaseDetail>(`/cases/${c.caseId}/submit`);
}

describe('更正登记', () => {
  it('both holders correct 共同共有 to 按份共有 60/40; staff find the register wrong; the right is re-stated with its date and a new certificate', async () => {
    const before = await currentRight(COUPLE_UNIT);
    const a = await as(SELLER_A);
    let c = await a.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'correction.byRightHolder',
        unitCode: COUPLE_UNIT,
        parties: [
          { ...SELLER_A, role: 'rightHolder', shareBasisPoints: 6000 },
          { ...SELLER_B, role: 'rightHolder', shareBasisPoints: 4000 },
        ],
        newCoOwnership: 'shares',
        answers: {
          truthful: '是',
          registerError: '共有方式误登为共同共有，应为按份共有（李国平60%，叶美华40%）',
          soleOrCoOwned: '共有',
          coOwnershipKind: '按份共有',
          shareDetails: '李国平60%，叶美华40%',
        },
      },
      201,
    );
    expect(c.parties.map((p) => [p.role, p.shareBasisPoints]).sort()).toEqual([
      ['rightHolder', 4000],
      ['rightHolder', 6000],
    ]);
    await uploadScan(SELLER_A, c.caseId, 'errorProof');
    // no registration fee for a correction (docs/registry-facts.md §14)
    c = await signAndSubmit(c, [SELLER_A, SELLER_B]);
    const fee = await a.get<FeeResponse>(`/cases/${c.caseId}/fee`);
    expect(fee.totalFen).toBe(0);
    expect(fee.noFeeReason).toContain('更正登记');
    // whether the register is wrong is a staff finding (细则 §79), never the machine's
    c = await until(SELLER_A, c.caseId, (x) => Boolean(x.manualQueue));
    expect(c.manualQueue!.reasons.map((r) => r.code)).toContain('correction.errorVerified');
    await staffApprove(c.caseId, '对照原始登记档案，共有方式确属误登');
    c = await until(SELLER_A, c.caseId, issued);
    expect(c.recording).toMatchObject({ kind: 'right', certificateKind: 'titleCertificate' });
    const after = await currentRight(COUPLE_UNIT);
    expect(after).toEqual({ co: 'shares', registeredOn: before.registeredOn });
    const shares = (await h.registry.sql.all(
      `SELECT x.share_basis_points AS s FROM rights r JOIN right_holders x ON x.right_id = r.right_id
        WHERE r.unit_code = ? AND r.status = 'current' ORDER BY x.share_basis_points DESC`,
      [COUPLE_UNIT],
    )) as { s: number }[];
    expect(shares.map((x) => Number(x.s))).toEqual([6000, 4000]);
  });
});

describe('异议登记', () => {
  it('an interested party objects at the counter; the register shows it and it lapses by itself 15 days on without a lawsuit', async () => {
    const api = await staff();
    // not online: the app says 请到窗口办理 with the reason
    const catalogue = (await h.app.inject({ method: 'GET', url: '/api/v1/catalogue' })).json() as {
      items: { code: string; application?: { online: boolean; counterReason?: string } }[];
    };
    const objection = catalogue.items.find((b) => b.code === 'objection.byInterestedParty')!;
    expect(objection.application).toMatchObject({ online: false });
    expect(objection.application!.counterReason).toContain('利害关系');

    const ANSWERS = {
      truthful: '是',
      holderRefusedCorrection: '是',
      knowsLiability: '是',
      objectionMatter: '该房屋系申请人出资购买，登记簿记载的权利人有误',
    };
    const materials = ['interestProof', 'errorProof'].map((code) => ({
      code,
      source: 'scan',
      status: 'provided',
      ref: `counter:${code}`,
    }));
    let c = (
      await api.post<StaffCaseDecisionResponse>(
        '/counter-intake',
        {
          businessTypeCode: 'objection.byInterestedParty',
          unitCode: PAN_UNIT,
          parties: [{ ...YING, role: 'applicant' }],
          answers: ANSWERS,
          materials,
        },
        201,
      )
    ).case as unknown as CaseDetail;
    c = await until(YING, c.caseId, (x) => Boolean(x.manualQueue));
    expect(c.manualQueue!.reasons.map((r) => r.code)).toContain('objection.interestVerified');
    await staffApprove(c.caseId, '已当面核验利害关系及证明材料');
    c = await until(YING, c.caseId, issued);
    expect(c.recording).toMatchObject({ kind: 'objection', certificateKind: 'registrationProof' });
    const objections = async () =>
      (await h.registry.sql.all(
        "SELECT status FROM restrictions WHERE unit_code = ? AND kind = 'objection'",
        [PAN_UNIT],
      )) as { status: string }[];
    expect(await objections()).toEqual([{ status: 'current' }]);

    // on the last day it stands; the day after, the machine ends it by itself
    const { lastDay } = objectionLastDay(beijingDate(h.clock.now().toISOString()));
    h.clock.advance(Date.parse(`${lastDay}T12:00:00+08:00`) - h.clock.now().getTime());
    expect(await objections()).toEqual([{ status: 'current' }]);
    h.clock.advance(DAY);
    const lapsed = await until(
      YING,
      c.caseId,
      (x) => x.timeline.at(-1)?.action === 'lapseObjection',
    );
    expect(lapsed.timeline.at(-1)!.note).toContain('《民法典》第二百二十条第二款');
    expect(lapsed.timeline.at(-1)!.note).toContain(lastDay);
    expect(await objections()).toEqual([{ status: 'cancelled' }]);
    expect(await certificateStatus(c.recording!.certificateNumber)).toBe('cancelled');
  });
});

describe('遗失补证 and 换证', () => {
  it('遗失补证: the 遗失声明 is on the public page for 15 working days; then the machine issues a new certificate and the old one is void', async () => {
    const [lost] = await paperHolders(1);
    const holder = await as(lost.who);
    let c = await holder.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'certificate.lostReplacement',
        unitCode: lost.unitCode,
        answers: { truthful: '是', lossCircumstances: '搬家时遗失', certificateHeldByOthers: '否' },
      },
      201,
    );
    c = await signAndSubmit(c, [lost.who]);
    // 证书工本费 (an assumption kept as catalogue data)
    const fee = await holder.get<FeeResponse>(`/cases/${c.caseId}/fee`);
    expect(fee.totalFen).toBe(1000);
    c = await until(lost.who, c.caseId, (x) => x.status === 'approved');
    const published = beijingDate(c.announcement!.publishedAt);
    const endsOn = chinaWorkingDayCalendar.addWorkingDays(published, 15).date;
    expect(c.announcement).toMatchObject({ title: '遗失声明', endsOn });
    // on the registry's public page, names masked
    const page = (
      await h.app.inject({ method: 'GET', url: '/api/v1/void-announcements' })
    ).json() as VoidAnnouncementsResponse;
    const notice = page.items.find((x) => x.certificateNumber === lost.number)!;
    expect(notice.reason).toContain('遗失声明');
    expect(notice.reason).not.toContain(lost.who.name);

    // the last day: still waiting; the day after: recorded and issued by itself
    h.clock.ms = Date.parse(`${endsOn}T12:00:00+08:00`);
    expect((await (await as(lost.who)).get<CaseDetail>(`/cases/${c.caseId}`)).status).toBe(
      'approved',
    );
    h.clock.ms = Date.parse(`${endsOn}T16:30:00.000Z`);
    const done = await until(lost.who, c.caseId, issued);
    expect(done.timeline.find((t) => t.action === 'record')?.note).toContain('遗失声明期满');
    expect(await certificateStatus(lost.number)).toBe('void');
    expect(await certificateStatus(done.recording!.certificateNumber)).toBe('current');
    // the old number is refused: nothing can be applied for with it
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${await login(h, lost.who)}` },
      payload: { businessTypeCode: 'mortgage.first', certificateNumber: lost.number },
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'CERTIFICATE_NOT_CURRENT']);
  });

  it('换证: the damaged paper certificate is exchanged for an electronic one and announced void', async () => {
    const [, damaged] = await paperHolders(2);
    const holder = await as(damaged.who);
    let c = await holder.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'certificate.damagedExchange',
        unitCode: damaged.unitCode,
        answers: { truthful: '是', damage: '水浸，字迹模糊' },
      },
      201,
    );
    await uploadScan(damaged.who, c.caseId, 'damagedCertificate');
    c = await signAndSubmit(c, [damaged.who]);
    c = await until(damaged.who, c.caseId, issued);
    expect(await certificateStatus(damaged.number)).toBe('void');
    const page = (
      await h.app.inject({ method: 'GET', url: '/api/v1/void-announcements' })
    ).json() as VoidAnnouncementsResponse;
    expect(page.items.map((x) => x.certificateNumber)).toContain(damaged.number);
  });
});
