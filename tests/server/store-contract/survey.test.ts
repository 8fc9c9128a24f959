/**
 * The survey store's contract (surveying firms, their sessions and drawings, the cadastral
 * database of survey results): one suite, run on the embedded SQLite file and on PostgreSQL, with
 * a second handle standing for a second node. A firm is registered once by its credit code, a
 * username once; a unit code is held by one live result at most (two nodes racing for it: one
 * wins); parcels are found by their bounding box; a refused result frees its codes; a result is
 * refused or registered once.
 */
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlSurveyStore } from '../../../mock-server/src/adapters/sqlite/surveyStore';
import type { SurveyResultInput } from '../../../mock-server/src/domain/survey';
import type { StoredSurveyResult } from '../../../mock-server/src/ports/survey';
import { DATABASES, migrated, type Store } from '../support/databases';

const T0 = '2026-03-02T01:00:00.000Z';

const firm = (firmId: string, creditCode: string) => ({
  firmId,
  name: '台州星海测绘有限公司',
  creditCode,
  licenceNumber: '乙测资字33100001',
  licenceValidUntil: '2030-12-31',
  createdAt: T0,
});

const input = (codes: string[], x0: number): SurveyResultInput => ({
  buildingName: '星海苑1幢',
  location: '椒江区星海路1号',
  boundary: [
    { x: x0, y: 0 },
    { x: x0 + 10, y: 0 },
    { x: x0 + 10, y: 10 },
    { x: x0, y: 10 },
    { x: x0, y: 0 },
  ],
  buildingArea: 90 * codes.length,
  storeys: 2,
  structure: '砖混',
  units: codes.map((unitCode, i) => ({
    unitCode,
    room: `${i + 1}01`,
    floor: i + 1,
    use: '住宅' as const,
    exclusiveArea: 80,
    apportionedArea: 10,
  })),
  drawings: [],
});

const stored = (resultId: string, codes: string[], x0: number): StoredSurveyResult => ({
  resultId,
  firmId: 'FIRM-1',
  submittedBy: 'SVU-1',
  submittedAt: T0,
  parcelCode: codes[0].slice(0, 19),
  result: input(codes, x0),
  digest: resultId
    .padEnd(64, '0')
    .toLowerCase()
    .replace(/[^0-9a-f]/g, 'a'),
  seal: {
    signedDigest: 'a'.repeat(64),
    signature: 'b'.repeat(128),
    signedAt: T0,
    certificate: {} as never,
  },
  bounds: { minX: x0, maxX: x0 + 10, minY: 0, maxY: 10 },
  status: 'accepted',
});

const code = (n: number) => `331002001001GB09901F0001${String(n).padStart(4, '0')}`;

describe.each(DATABASES)('survey store on %s', (_name, target) => {
  let store: Store;
  let db: SqlDb;
  let other: SqlDb;
  let survey: SqlSurveyStore;
  let survey2: SqlSurveyStore;

  beforeAll(async () => {
    store = await target();
    db = await migrated(store);
    other = store.open();
    survey = new SqlSurveyStore(db);
    survey2 = new SqlSurveyStore(other);
    expect(await survey.saveFirm(firm('FIRM-1', '91350100M000100Y43'))).toBe(true);
  });
  afterAll(async () => {
    await other?.close();
    await db?.close();
    await store?.cleanup();
  });

  it('registers a firm once by its credit code, a username once', async () => {
    expect(await survey2.saveFirm(firm('FIRM-2', '91350100M000100Y43'))).toBe(false);
    expect((await survey2.firmByCreditCode('91350100M000100Y43'))?.firmId).toBe('FIRM-1');
    const user = {
      userId: 'SVU-1',
      firmId: 'FIRM-1',
      username: 'cehui',
      displayName: '陈工',
      passwordHash: 'plain$x',
      active: true,
    };
    expect(await survey.saveUser(user, T0)).toBe(true);
    expect(await survey2.saveUser({ ...user, userId: 'SVU-2' }, T0)).toBe(false);
    expect(await survey2.userByUsername('cehui')).toEqual(user);
    expect(await survey2.user('SVU-1')).toEqual(user);
  });

  it('keeps sessions: touched, ended', async () => {
    await survey.createSession('h1', {
      userId: 'SVU-1',
      csrfToken: 'c',
      createdAt: T0,
      lastSeenAt: T0,
    });
    await survey2.touchSession('h1', '2026-03-02T02:00:00.000Z');
    expect((await survey.session('h1'))?.lastSeenAt).toBe('2026-03-02T02:00:00.000Z');
    await survey2.endSession('h1', '2026-03-02T03:00:00.000Z');
    expect((await survey.session('h1'))?.endedAt).toBe('2026-03-02T03:00:00.000Z');
  });

  it('keeps a drawing once per firm and digest', async () => {
    const d = {
      firmId: 'FIRM-1',
      digest: 'c'.repeat(64),
      mediaType: 'application/pdf',
      bytes: 10,
      uploadedBy: 'SVU-1',
      uploadedAt: T0,
    };
    await survey.saveDrawing(d);
    await survey2.saveDrawing({ ...d, uploadedAt: '2026-03-03T00:00:00.000Z' });
    expect(await survey.drawing('FIRM-1', d.digest)).toEqual(d);
    expect(await survey.drawing('FIRM-2', d.digest)).toBeUndefined();
  });

  it('holds a unit code in one live result: two nodes racing, one wins', async () => {
    const [a, b] = await Promise.all([
      survey.saveAccepted(stored('SVR-A', [code(1), code(2)], 0)),
      survey2.saveAccepted(stored('SVR-B', [code(2), code(3)], 100)),
    ]);
    expect([a, b].sort()).toEqual([false, true]);
    const winner = a ? 'SVR-A' : 'SVR-B';
    expect((await survey.result(winner))?.result.units.length).toBe(2);
    expect(await survey.result(a ? 'SVR-B' : 'SVR-A')).toBeUndefined();
    expect((await survey2.liveUnitCodes([code(1), code(2), code(3), code(4)])).sort()).toEqual(
      a ? [code(1), code(2)] : [code(2), code(3)],
    );
  });

  it('finds live parcels by bounding box and results by digest', async () => {
    await survey.saveAccepted(stored('SVR-C', [code(10)], 1000));
    const near = await survey2.parcelsNear({ minX: 1005, maxX: 1020, minY: 5, maxY: 20 });
    expect(near).toHaveLength(1);
    expect(near[0].ring).toHaveLength(4);
    expect(near[0].parcelCode).toBe(code(10).slice(0, 19));
    expect(await survey2.parcelsNear({ minX: 2000, maxX: 2010, minY: 0, maxY: 10 })).toEqual([]);
    const c = (await survey.result('SVR-C'))!;
    expect((await survey2.liveResultByDigest('FIRM-1', c.digest))?.resultId).toBe('SVR-C');
    expect((await survey2.results({ firmId: 'FIRM-1' })).map((r) => r.resultId)).toContain('SVR-C');
  });

  it('refuses a result once, freeing its codes and parcel; registers an accepted one once', async () => {
    const refusal = { at: T0, by: '王芳', reasons: ['复测'] };
    expect(await survey.refuse('SVR-C', refusal)).toBe(true);
    expect(await survey2.refuse('SVR-C', refusal)).toBe(false);
    expect((await survey2.result('SVR-C'))?.refusal).toEqual(refusal);
    expect(await survey.liveUnitCodes([code(10)])).toEqual([]);
    expect(await survey.parcelsNear({ minX: 1005, maxX: 1020, minY: 5, maxY: 20 })).toEqual([]);
    expect(await survey.liveResultByDigest('FIRM-1', (await survey.result('SVR-C'))!.digest)).toBe(
      undefined,
    );
    // the codes of a refused result may be entered again
    expect(await survey.saveAccepted(stored('SVR-D', [code(10)], 1000))).toBe(true);
    const reg = { registrationId: 'FR-1', registeredAt: T0, certificateCount: 1 };
    expect(await survey.markRegistered('SVR-D', reg)).toBe(true);
    expect(await survey2.markRegistered('SVR-D', reg)).toBe(false);
    expect(await survey2.refuse('SVR-D', refusal)).toBe(false);
    expect((await survey.result('SVR-D'))?.registration).toEqual(reg);
    expect((await survey.result('SVR-D'))?.status).toBe('registered');
    // a registered result still holds its codes
    expect(await survey.liveUnitCodes([code(10)])).toEqual([code(10)]);
  });
});
