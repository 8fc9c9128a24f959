/**
 * 权籍调查入库 through the API (docs/registry-facts.md §16): the demo surveying firm's user signs
 * in, uploads the drawings, has the firm's e-seal seal a result and submits it. A valid result is
 * accepted (with the firm, time and seal, on the tamper-evident log); one result refused for each
 * check (bad code, overlap, area mismatch, missing drawing, bad seal) with its reason and nothing
 * stored; a corrected resubmission accepted; the staff console lists results, refuses one with
 * reasons, and records the 首次登记 of a building from an accepted result with its certificates.
 */
import type {
  FirstRegistrationResponse,
  RegistryPublicKeyResponse,
  SurveyResultBody,
  SurveyResultListResponse,
  SurveyResultResponse,
  SurveySealBody,
} from '../../mock-server/src/contract';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { DEMO_DEVELOPER, DEMO_SURVEY_USER } from '../../mock-server/src/adapters/seed/surveyFirm';
import { startHarness, type Harness } from './support/registry';
import { pdf, png } from './support/png';
import { staffClient, staffLogin } from './support/staff-client';
import { firm, firmLogin } from './support/survey-firm';

/** A 28-character code on parcel 331002 001 001 GB 09001 (not in the seeded register), unit n. */
const code = (parcel: string, n: number) =>
  `331002001001GB${parcel}F0001${String(n).padStart(4, '0')}`;

/** A square parcel of side `s` metres at (x0, y0) in CGCS2000 zone 40 plane coordinates. */
const square = (x0: number, y0: number, s = 40) => [
  { x: x0, y: y0 },
  { x: x0 + s, y: y0 },
  { x: x0 + s, y: y0 + s },
  { x: x0, y: y0 + s },
  { x: x0, y: y0 },
];

const X0 = 3171000.12;
const Y0 = 40512000.34;

function building(
  parcel: string,
  drawings: SurveyResultBody['drawings'],
  over: Partial<SurveyResultBody> = {},
): SurveyResultBody {
  return {
    buildingName: '星海苑3幢',
    location: '椒江区星海路88号星海苑3幢',
    boundary: square(X0, Y0),
    buildingArea: 360.3,
    storeys: 3,
    structure: '钢筋混凝土',
    units: [1, 2, 3].map((n) => ({
      unitCode: code(parcel, n),
      room: `1单元${n}01`,
      floor: n,
      use: '住宅' as const,
      exclusiveArea: 100.05,
      apportionedArea: 20.05,
    })),
    drawings,
    ...over,
  };
}

const countResults = async (h: Harness) =>
  Number((await h.registry.sql.get<{ n: number }>('SELECT count(*) AS n FROM survey_results'))!.n);
const countUnits = async (h: Harness) =>
  Number((await h.registry.sql.get<{ n: number }>('SELECT count(*) AS n FROM survey_units'))!.n);

describe('权籍调查入库', () => {
  let h: Harness;
  let f: ReturnType<typeof firm>;
  let drawings: SurveyResultBody['drawings'];

  beforeAll(async () => {
    h = await startHarness();
    f = firm(h, await firmLogin(h));
    drawings = [
      { kind: 'parcelMap', digest: await f.upload(pdf('zongditu'), 'application/pdf') },
      { kind: 'unitPlan', digest: await f.upload(png(40, 30, 7), 'image/png') },
    ];
  });
  afterAll(() => h.close());

  const refusedWith = async (result: SurveyResultBody, seal: SurveySealBody, reason: string) => {
    const before = [await countResults(h), await countUnits(h)];
    const res = await f.submit(result, seal);
    expect(res.statusCode).toBe(422);
    const body = res.json() as {
      code: string;
      message: string;
      reasons: { code: string; message: string }[];
    };
    expect(body.code).toBe('SURVEY_RESULT_REFUSED');
    expect(body.reasons.map((r) => r.code)).toContain(reason);
    for (const r of body.reasons) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    // nothing stored on refusal
    expect([await countResults(h), await countUnits(h)]).toEqual(before);
    return body.reasons;
  };

  it('refuses anyone but a signed-in firm user, and a change without the CSRF token', async () => {
    const anon = await h.app.inject({ method: 'GET', url: '/api/v1/survey/results' });
    expect(anon.statusCode).toBe(401);
    const s = await firmLogin(h);
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/v1/survey/seal',
      headers: { cookie: s.cookie },
      payload: { result: building('09001', drawings) },
    });
    expect(noCsrf.statusCode).toBe(403);
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/survey/session',
      payload: { username: DEMO_SURVEY_USER.username, password: 'wrong-password-1' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('refuses a drawing that is not what it claims, storing nothing', async () => {
    const s = await firmLogin(h);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/survey/drawings',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'image/png' },
      payload: Buffer.from(pdf('not a picture')),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('accepts a valid result with the firm, time and seal, and logs it', async () => {
    const result = building('09001', drawings);
    const seal = await f.seal(result);
    const leavesBefore = Number(
      (await h.registry.sql.get<{ n: number }>('SELECT count(*) AS n FROM log_leaves'))?.n ?? 0,
    );
    const res = await f.submit(result, seal);
    expect(res.statusCode).toBe(201);
    const out = res.json() as SurveyResultResponse;
    expect(out.result.status).toBe('accepted');
    expect(out.result.statusText).toBe('已入库');
    expect(out.result.firmName).toContain('测绘');
    expect(out.result.parcelCode).toBe('331002001001GB09001');
    expect(out.result.sealCertificateSerial).toMatch(/^ESEAL-/);
    expect(out.result.digest).toBe(seal.signedDigest);
    expect(out.units).toHaveLength(3);
    // the entry is on the tamper-evident log: an audit leaf naming the result and its digest
    const audit = await h.registry.sql.get<{ target: string; action: string }>(
      "SELECT target, action FROM archive_audit WHERE action = 'surveyResultAccepted'",
    );
    expect(audit?.target).toContain(out.result.resultId);
    expect(audit?.target).toContain(seal.signedDigest);
    const leavesAfter = Number(
      (await h.registry.sql.get<{ n: number }>('SELECT count(*) AS n FROM log_leaves'))!.n,
    );
    expect(leavesAfter).toBeGreaterThan(leavesBefore);
    // a retry of the same sealed result answers the result entered
    const again = await f.submit(result, seal);
    expect(again.statusCode).toBe(200);
    expect((again.json() as SurveyResultResponse).result.resultId).toBe(out.result.resultId);
    expect((await f.list()).map((r) => r.resultId)).toContain(out.result.resultId);
  });

  it('refuses a malformed or used unit code', async () => {
    const bad = building('09002', drawings, { boundary: square(X0 + 200, Y0) });
    bad.units[1] = { ...bad.units[1], unitCode: '331002001001GB09002X0001000' };
    const reasons = await refusedWith(bad, await f.seal(bad), 'unitCodeMalformed');
    expect(reasons.find((r) => r.code === 'unitCodeMalformed')!.message).toContain('GB/T 37346');
    // a code another result holds
    const used = building('09002', drawings, { boundary: square(X0 + 200, Y0) });
    used.units[0] = { ...used.units[0], unitCode: code('09001', 1).replace('09001', '09002') };
    used.units[2] = { ...used.units[2], unitCode: code('09001', 2) };
    await refusedWith(used, await f.seal(used), 'unitCodeOtherParcel');
    // a code in the seeded register (docs/personas.md: 海韵花园6幢1单元1203室)
    const registered = building('00162', drawings, { boundary: square(X0 + 400, Y0) });
    registered.units = registered.units.map((u, i) => ({
      ...u,
      unitCode: `331022002008GB00162F0006000${i + 1}`,
    }));
    await refusedWith(registered, await f.seal(registered), 'unitCodeInUse');
  });

  it('refuses a parcel overlapping one entered, and one not closed', async () => {
    const overlapping = building('09003', drawings, { boundary: square(X0 + 20, Y0 + 20) });
    const reasons = await refusedWith(overlapping, await f.seal(overlapping), 'parcelOverlap');
    expect(reasons.find((r) => r.code === 'parcelOverlap')!.message).toContain(
      '331002001001GB09001',
    );
    const open = building('09003', drawings, {
      boundary: square(X0 + 200, Y0 + 200).slice(0, -1),
    });
    await refusedWith(open, await f.seal(open), 'boundaryInvalid');
  });

  it('refuses areas that do not sum to the building total within the tolerance', async () => {
    const mismatch = building('09004', drawings, {
      boundary: square(X0 + 600, Y0),
      buildingArea: 361.3,
    });
    const reasons = await refusedWith(mismatch, await f.seal(mismatch), 'areaMismatch');
    expect(reasons.find((r) => r.code === 'areaMismatch')!.message).toContain('允许误差 0.03');
  });

  it('refuses a result without its drawings', async () => {
    const noPlan = building('09005', [drawings[0]], { boundary: square(X0 + 800, Y0) });
    const reasons = await refusedWith(noPlan, await f.seal(noPlan), 'drawingMissing');
    expect(reasons.find((r) => r.code === 'drawingMissing')!.message).toBe('缺少房产分户图');
  });

  it('refuses a bad seal: forged, or over other content', async () => {
    const result = building('09006', drawings, { boundary: square(X0 + 1000, Y0) });
    const seal = await f.seal(result);
    const forged = {
      ...seal,
      signature: (seal.signature[0] === 'a' ? 'b' : 'a') + seal.signature.slice(1),
    };
    await refusedWith(result, forged, 'sealInvalid');
    // sealed, then changed: the seal does not cover what is submitted
    const changed = { ...result, storeys: 4 };
    await refusedWith(changed, seal, 'sealNotForResult');
  });

  it('accepts the corrected resubmission of a refused result', async () => {
    const wrong = building('09007', drawings, {
      boundary: square(X0 + 1200, Y0),
      buildingArea: 380,
    });
    await refusedWith(wrong, await f.seal(wrong), 'areaMismatch');
    const corrected = { ...wrong, buildingArea: 360.3 };
    const res = await f.submit(corrected, await f.seal(corrected));
    expect(res.statusCode).toBe(201);
    expect((res.json() as SurveyResultResponse).result.status).toBe('accepted');
  });

  it('lets the staff console list results and refuse one with reasons, freeing its codes', async () => {
    const staff = staffClient(h, await staffLogin(h));
    const list = await staff.get<SurveyResultListResponse>('/survey-results');
    const target = list.items.find((r) => r.parcelCode === '331002001001GB09007')!;
    expect(target.status).toBe('accepted');
    const out = await staff.post<SurveyResultResponse>(
      `/survey-results/${target.resultId}/refusal`,
      { reasons: ['分户图与实地不符，请复测'] },
    );
    expect(out.result.status).toBe('refused');
    expect(out.result.refusalReasons).toEqual(['分户图与实地不符，请复测']);
    // the firm sees it refused, and may submit the codes and the parcel again
    expect((await f.list()).find((r) => r.resultId === target.resultId)?.statusText).toBe('已退回');
    const again = building('09007', drawings, { boundary: square(X0 + 1200, Y0) });
    expect((await f.submit(again, await f.seal(again))).statusCode).toBe(201);
    // a refused result cannot be refused twice, nor registered
    await staff.post(`/survey-results/${target.resultId}/refusal`, { reasons: ['再次退回'] }, 409);
  });

  it('records a 首次登记 of the building from an accepted result, with certificates issued', async () => {
    const staff = staffClient(h, await staffLogin(h));
    const list = await staff.get<SurveyResultListResponse>('/survey-results');
    const target = list.items.find((r) => r.parcelCode === '331002001001GB09001')!;
    const out = await staff.post<FirstRegistrationResponse>(
      `/survey-results/${target.resultId}/first-registration`,
      {
        developerName: DEMO_DEVELOPER.name,
        developerCreditCode: DEMO_DEVELOPER.creditCode,
        landUseEndsOn: '2090-12-31',
      },
      201,
    );
    expect(out.certificates).toHaveLength(3);
    for (const c of out.certificates) {
      expect(c.certificateNumber).toMatch(/^浙\(\d{4}\)台州市不动产权第\d{7}号$/);
      expect(c.licenceId).toMatch(/^1\.2\.156\.3005\.2\./);
      // in the register: the unit from the survey, the developer's right, its certificate
      const unit = await h.registry.register.unit(c.unitCode);
      expect(unit?.unit.exclusiveArea).toBe(100.05);
      expect(unit?.unit.apportionedArea).toBe(20.05);
      expect(unit?.unit.buildingArea).toBe(120.1);
      expect(unit?.unit.totalFloors).toBe(3);
      expect(unit?.right?.rightType).toBe('国有建设用地使用权/房屋所有权');
      expect(unit?.certificate?.number).toBe(c.certificateNumber);
      // the certificate, sealed with the registry's key
      const row = await h.registry.sql.get<{ body_json: string; seal_json: string }>(
        'SELECT body_json, seal_json FROM documents WHERE number = ?',
        [c.certificateNumber],
      );
      const key = (
        (
          await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
        ).json() as RegistryPublicKeyResponse
      ).publicKey;
      const doc = { body: JSON.parse(row!.body_json), seal: JSON.parse(row!.seal_json) };
      expect(verifySeal(doc as never, key)).toEqual({ valid: true });
      expect(doc.body.rightHolders).toEqual([DEMO_DEVELOPER.name]);
    }
    const after = await staff.get<SurveyResultResponse>(`/survey-results/${target.resultId}`);
    expect(after.result.status).toBe('registered');
    expect(after.result.firstRegistration?.certificateCount).toBe(3);
    // a result is used once; its codes stay held (the register has them)
    await staff.post(
      `/survey-results/${target.resultId}/first-registration`,
      {
        developerName: DEMO_DEVELOPER.name,
        developerCreditCode: DEMO_DEVELOPER.creditCode,
        landUseEndsOn: '2090-12-31',
      },
      409,
    );
    await staff.post(`/survey-results/${target.resultId}/refusal`, { reasons: ['不应退回'] }, 409);
  });
});
