/**
 * Shared data, over HTTP on a real SQLite file with the real simulators:
 *  - a sale where every data source answers is registered with no uploaded material: every item
 *    is shared (source, time, valid seal), the registry's own, or the online application;
 *  - the same sale with the marriage source down falls back to a commitment, saying why, and
 *    still completes;
 *  - a shared record marked wrong goes through recheck (staff) and objection (party, evidence
 *    photo); the timeline shows the 1-working-day deadline; the party's material prevails;
 *  - slow → timeout → bounded retries → fallback; misuse gets 4xx and changes nothing.
 */
import type { ArchivePackageResponse, CaseDetail } from '../../mock-server/src/contract';
import type {
  DataSourcesResponse,
  SharedDataResponse,
} from '../../mock-server/src/contract/sharedData';
import { verifySourceSeal } from '../../mock-server/src/domain/shared-data';
import type { SharedRecord } from '../../mock-server/src/ports/sharedData';
import { chinaWorkingDayCalendar } from '../../mock-server/src/domain/calendar';
import { beijingDate } from '../../mock-server/src/domain/cases';
import path from 'node:path';
import {
  createDataSources,
  SqlDataSourceFaults,
  sourceKeys,
} from '../../mock-server/src/adapters/data-sources';
import { FileKeyStore } from '../../mock-server/src/adapters/keys/fileKeyStore';
import { SqlSharedDataStore } from '../../mock-server/src/adapters/sqlite/sharedDataStore';
import { SqlCaseStore } from '../../mock-server/src/adapters/sqlite/caseStore';
import { SharedDataFetcher } from '../../mock-server/src/usecases/shared-data/fetch';
import { Rechecks } from '../../mock-server/src/usecases/shared-data/rechecks';
import { RegisterCheck } from '../../mock-server/src/usecases/shared-data/registerCheck';
import { MaterialResolution } from '../../mock-server/src/usecases/shared-data/resolution';
import { SharedDataView } from '../../mock-server/src/usecases/shared-data/view';
import { eSign, payOwnTaxes } from './support/cases-client';
import { base64, tinyJpeg } from './support/jpeg';
import {
  count,
  BUYER,
  openSale,
  parties,
  startSigningHarness,
  type Client,
  type SigningHarness,
} from './support/signing';
import { staffLogin, type StaffLogin } from './support/staff-client';

let h: SigningHarness;
let p: Awaited<ReturnType<typeof parties>>;
let staff: StaffLogin;
// each test sells the same seeded unit, so each gets its own registry
// (a fresh seeded registry per test takes seconds on a busy 2-core machine; the per-attempt
// timeout is generous so that only the scripted faults, never the load, decide an answer)
beforeEach(async () => {
  h = await startSigningHarness({ DATA_SOURCE_TIMEOUT_MS: '5000' });
  p = await parties(h);
  staff = await staffLogin(h);
}, 60_000);
afterEach(() => h.close());

const inDays = (n: number) =>
  new Date(h.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);

async function setFault(source: string, mode: string) {
  const r = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/data-sources/faults',
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
    payload: { source, mode },
  });
  expect(r.statusCode).toBe(200);
}

async function raw(who: Client | null, method: 'GET' | 'POST', url: string, payload?: object) {
  return h.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who ? { authorization: `Bearer ${who.token}` } : {},
    ...(payload ? { payload } : {}),
  });
}

const shared = (who: Client, caseId: string) =>
  who.get<SharedDataResponse>(`/cases/${caseId}/shared-data`);

/** lets the background fetch after submission / completion finish */
async function settle(check: () => Promise<boolean>) {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** contract terms, everyone's e-signature, submit: the case waits for tax */
async function signAndSubmit(c: CaseDetail): Promise<CaseDetail> {
  c = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  await eSign(p.buyer, c.caseId);
  await eSign(p.sellerA, c.caseId);
  await eSign(p.sellerB, c.caseId);
  return p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/submit`);
}

async function draftWithContract(): Promise<CaseDetail> {
  const c = await openSale(p.buyer, false);
  await p.buyer.put(`/cases/${c.caseId}/contract`, {
    priceFen: 186_000_000,
    paymentMethod: 'fullPayment',
    handoverDate: inDays(30),
    fixtures: '',
  });
  return c;
}

/** each taxpayer pays their own lines: the buyer's 契税, the sellers' own where they owe */
async function payTax(caseId: string): Promise<CaseDetail> {
  return payOwnTaxes([p.sellerA, p.sellerB, p.buyer], caseId);
}

const filesOf = async (caseId: string) =>
  (
    (await h.registry.sql.get('SELECT count(*) AS n FROM case_files WHERE case_id = ?', [
      caseId,
    ])) as {
      n: number;
    }
  ).n;

describe('a sale with every source answering', () => {
  it('registers with no uploaded material: each item shared with a valid seal, the register’s own or the online form', async () => {
    let c = await draftWithContract();
    c = await signAndSubmit(c);
    expect(c.status).toBe('taxPending');
    c = await payTax(c.caseId);
    expect(c.status).toBe('issued');
    await settle(async () =>
      (await shared(p.buyer, c.caseId)).items.every((i) => i.mode !== 'pending'),
    );
    const s = await shared(p.buyer, c.caseId);
    const by = Object.fromEntries(s.items.map((i) => [i.code, i]));
    expect(by.identity).toMatchObject({
      mode: 'shared',
      sourceName: '台州市公安局',
      sealValid: true,
    });
    expect(by.marriage).toMatchObject({
      mode: 'shared',
      sourceName: '台州市民政局',
      sealValid: true,
    });
    expect(by.filedContract).toMatchObject({ mode: 'shared', source: 'housing', sealValid: true });
    expect(by.taxReceipt).toMatchObject({ mode: 'shared', source: 'tax', sealValid: true });
    expect(by.existingCertificate.mode).toBe('registry');
    expect(by.cadastralSurvey.mode).toBe('registry');
    expect(by.applicationForm.mode).toBe('application');
    for (const i of s.items) expect(['shared', 'registry', 'application']).toContain(i.mode);
    expect(by.identity.retrievedAt).toBe(h.clock.now().toISOString());
    // one identity and one marriage record per natural person (buyer and both sellers)
    expect(s.records.filter((r) => r.kind === 'identity')).toHaveLength(3);
    const marriages = s.records.filter((r) => r.kind === 'marriage');
    expect(marriages.filter((r) => r.materialCode === 'marriage')).toHaveLength(3);
    // and 民政's answer on each seller (holder) that decided the spouse consent
    expect(marriages.filter((r) => r.materialCode === null)).toHaveLength(2);
    // parties see where data came from, not the data itself
    expect(s.records.every((r) => r.data === undefined)).toBe(true);
    expect(await filesOf(c.caseId)).toBe(0);
    // the case's materials reference the stored shared records, not placeholders
    const d = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    const marriage = d.materials.find((m) => m.code === 'marriage');
    expect(marriage).toMatchObject({ source: 'sharedData', status: 'provided' });
    expect(marriage?.ref).toMatch(/^shared:SHR-/);
    expect(d.timeline.some((t) => t.step === '补正')).toBe(false);
    // the archive keeps every record exactly as its source sealed it
    let pkg: ArchivePackageResponse | undefined;
    await settle(async () => {
      const r = await raw(p.buyer, 'GET', `/cases/${c.caseId}/archive`);
      if (r.statusCode === 200) pkg = r.json() as ArchivePackageResponse;
      return r.statusCode === 200;
    });
    const kinds = (pkg!.manifest.body as { items: { kind: string }[] }).items.map((i) => i.kind);
    const archived = pkg!.items
      .filter((x) => kinds[x.no - 1] === 'sharedData')
      .map((x) => (x.json as { body: { record?: SharedRecord } }).body.record)
      .filter((r): r is SharedRecord => !!r);
    // the buyer reads her own 民政 record as sealed; the sellers' are withheld from her
    // (domain/masking.ts: marital status is only its person's to read)
    const marriageRecord = archived.find(
      (r) => r.query.kind === 'marriage' && r.query.idNumber === BUYER.idNumber,
    )!;
    const others = archived.filter(
      (r) => r.query.kind === 'marriage' && r.query.idNumber !== BUYER.idNumber,
    );
    expect(others.length).toBeGreaterThanOrEqual(2);
    for (const r of others) {
      expect(r.data).toBeNull();
      // no ID number in the record (its seal is hex, where 18 digits in a row occur by chance)
      expect(JSON.stringify({ ...r, seal: undefined })).not.toMatch(/\d{17}[\dX]/);
    }
    const keys = (await raw(null, 'GET', '/data-sources')).json() as DataSourcesResponse;
    expect(
      verifySourceSeal(
        marriageRecord,
        keys.items.find((k) => k.code === 'civilAffairs')!,
      ),
    ).toEqual({ valid: true });
    // a stranger sees nothing
    expect((await raw(p.stranger, 'GET', `/cases/${c.caseId}/shared-data`)).statusCode).toBe(404);
    expect((await raw(null, 'GET', `/cases/${c.caseId}/shared-data`)).statusCode).toBe(401);
  });
});

describe('the marriage source down', () => {
  it('falls back to a commitment, saying why, and the sale still completes', async () => {
    // 民政 down from the start: whether the sellers are married is unknown (spouse
    // consent), so each seller pledges it (婚姻状况承诺) — married to each other, both holders
    await setFault('civilAffairs', 'unavailable');
    let c = await draftWithContract();
    expect(c.marriageCheck?.message).toMatch(/民政婚姻登记信息暂未取得/);
    const r = await p.buyer.post<SharedDataResponse>(`/cases/${c.caseId}/shared-data/resolve`);
    const marriage = r.items.find((i) => i.code === 'marriage')!;
    expect(marriage).toMatchObject({
      mode: 'fallback',
      source: 'civilAffairs',
      reason: 'unavailable',
      allowed: ['commitment'],
    });
    expect(marriage.message).toBe('民政数据暂不可用（系统维护），请签署承诺书');
    // the other items are still shared
    expect(r.items.find((i) => i.code === 'identity')?.mode).toBe('shared');
    // the holders' pledges stand in for 民政's answer and supply the marriage item
    // the reader sees the other parties' names masked (domain/masking.ts)
    const sellerA = c.parties.find((x) => x.name === '李国平' || x.name === '李*平')!.personId;
    const sellerB = c.parties.find((x) => x.name === '叶美华' || x.name === '叶*华')!.personId;
    await p.sellerA.post(`/cases/${c.caseId}/marital-commitment`, {
      personId: sellerA,
      maritalStatus: '已婚',
      spouse: { name: '叶美华', idNumber: '331083198405037966' },
    });
    c = await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/marital-commitment`, {
      personId: sellerB,
      maritalStatus: '已婚',
      spouse: { name: '李国平', idNumber: '331081198512258315' },
    });
    expect(c.marriageCheck?.message).toBeUndefined();
    // the spouse of each is a holder already: nobody else consents
    expect(c.parties.some((x) => x.role === 'consentingSpouse')).toBe(false);
    expect(c.materials.find((m) => m.code === 'marriage')).toMatchObject({ source: 'commitment' });
    c = await signAndSubmit(c);
    expect(c.status).toBe('taxPending');
    c = await payTax(c.caseId);
    expect(c.status).toBe('issued');
    const s = await shared(p.buyer, c.caseId);
    expect(s.items.find((i) => i.code === 'marriage')?.mode).toBe('committed');
    expect(await filesOf(c.caseId)).toBe(0);
  });

  it('without the commitment the case goes on (the catalogue marks marriage optional) and shows why it is not shared', async () => {
    let c = await draftWithContract(); // 民政 answered the spouse check, then goes down
    await setFault('civilAffairs', 'unavailable');
    c = await signAndSubmit(c);
    expect(c.status).toBe('taxPending');
    expect(c.materials.find((m) => m.code === 'marriage')).toMatchObject({ status: 'missing' });
    const s = await shared(p.buyer, c.caseId);
    expect(s.items.find((i) => i.code === 'marriage')).toMatchObject({
      mode: 'fallback',
      message: '民政数据暂不可用（系统维护），请签署承诺书',
    });
  });
});

describe('a shared record marked wrong', () => {
  it('goes through recheck and objection; the timeline shows the 1-working-day deadline; the party prevails', async () => {
    await setFault('civilAffairs', 'wrong');
    let c = await draftWithContract();
    c = await signAndSubmit(c);
    expect(c.status).toBe('taxPending');
    await setFault('civilAffairs', 'ok');
    const staffView = await h.app.inject({
      method: 'GET',
      url: `/api/v1/staff/cases/${c.caseId}/shared-data`,
      headers: { cookie: staff.cookie },
    });
    expect(staffView.statusCode).toBe(200);
    // the marriage item's records (not the spouse check's, which decide no material)
    const marriages = (staffView.json() as SharedDataResponse).records.filter(
      (r) => r.kind === 'marriage' && r.materialCode === 'marriage',
    );
    // the wrong answer: the married sellers appear unmarried
    const sellerA = marriages.find(
      (r) => (r.data as { name: string }).name === p.sellerA.who!.name,
    )!;
    const sellerB = marriages.find(
      (r) => (r.data as { name: string }).name === p.sellerB.who!.name,
    )!;
    expect((sellerA.data as { maritalStatus: string }).maritalStatus).not.toBe('已婚');

    const url = `/api/v1/staff/cases/${c.caseId}/shared-data/${sellerA.recordId}/recheck`;
    // without the CSRF token: refused, nothing recorded
    const noCsrf = await h.app.inject({
      method: 'POST',
      url,
      headers: { cookie: staff.cookie },
      payload: { reason: '与登记簿婚姻信息不一致' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await count(h, 'shared_rechecks')).toBe(0);
    const rk = await h.app.inject({
      method: 'POST',
      url,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      payload: { reason: '与登记簿婚姻信息不一致' },
    });
    expect(rk.statusCode).toBe(201);
    const due = chinaWorkingDayCalendar.addWorkingDays(
      beijingDate(h.clock.now().toISOString()),
      1,
    ).date;
    expect(rk.json()).toMatchObject({ status: 'errorConfirmed', dueOn: due });
    // again on the same record: 409
    const again = await h.app.inject({
      method: 'POST',
      url,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      payload: { reason: '再次' },
    });
    expect(again.statusCode).toBe(409);

    // seller B objects to her record with a photo of her marriage certificate
    const objUrl = `/cases/${c.caseId}/shared-data/${sellerB.recordId}/objections`;
    const photo = { contentType: 'image/jpeg', data: base64(tinyJpeg(3)) };
    // misuse: a stranger, no evidence, a PNG claimed as JPEG content mismatch, bad base64
    expect(
      (await raw(p.stranger, 'POST', objUrl, { statement: '我已婚', evidence: [photo] }))
        .statusCode,
    ).toBe(404);
    expect(
      (await raw(p.sellerB, 'POST', objUrl, { statement: '我已婚', evidence: [] })).statusCode,
    ).toBe(400);
    expect(
      (
        await raw(p.sellerB, 'POST', objUrl, {
          statement: '我已婚',
          evidence: [{ contentType: 'image/png', data: photo.data }],
        })
      ).statusCode,
    ).toBe(415);
    expect(await count(h, 'shared_objections')).toBe(0);
    const obj = await p.sellerB.post<{
      objection: { status: string; evidence: { sm3: string }[] };
      recheck: { status: string; dueOn: string };
    }>(objUrl, { statement: '本人已婚，民政数据有误', evidence: [photo] }, 201);
    expect(obj.objection.status).toBe('sustained');
    expect(obj.objection.evidence[0].sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(obj.recheck).toMatchObject({ status: 'errorConfirmed', dueOn: due });

    const s = await shared(p.sellerB, c.caseId);
    expect(s.records.find((r) => r.recordId === sellerA.recordId)?.status).toBe('wrong');
    const corrected = s.records.filter(
      (r) => r.kind === 'marriage' && r.status === 'current' && r.replacesRecordId,
    );
    expect(corrected).toHaveLength(2);
    const item = s.items.find((i) => i.code === 'marriage')!;
    expect(item.partyPrevails).toBe(true);
    expect(item.sealValid).toBe(true);

    const d = await p.sellerB.get<CaseDetail>(`/cases/${c.caseId}`);
    const notes = d.timeline.map((t) => t.note ?? '');
    expect(notes.filter((n) => n.includes(`校核期限 ${due}（1个工作日）`))).toHaveLength(2);
    expect(notes.filter((n) => n.includes('数源单位确认数据有误'))).toHaveLength(2);
    // the case goes on: tax paid, issued
    expect((await payTax(c.caseId)).status).toBe('issued');
  });
});

describe('a recheck while the source is down', () => {
  it('stays pending with its deadline; the answer is collected once the source is back', async () => {
    let c = await draftWithContract();
    c = await signAndSubmit(c);
    const view = await h.app.inject({
      method: 'GET',
      url: `/api/v1/staff/cases/${c.caseId}/shared-data`,
      headers: { cookie: staff.cookie },
    });
    const rec = (view.json() as SharedDataResponse).records.find((r) => r.kind === 'identity')!;
    await setFault('publicSecurity', 'unavailable');
    const rk = await h.app.inject({
      method: 'POST',
      url: `/api/v1/staff/cases/${c.caseId}/shared-data/${rec.recordId}/recheck`,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      payload: { reason: '核对身份信息' },
    });
    expect(rk.statusCode).toBe(201);
    expect(rk.json()).toMatchObject({ status: 'pending' });
    let s = await shared(p.buyer, c.caseId);
    expect(s.records.find((r) => r.recordId === rec.recordId)?.status).toBe('underRecheck');
    expect(s.rechecks[0].status).toBe('pending');
    await setFault('publicSecurity', 'ok');
    s = await shared(p.buyer, c.caseId);
    // the record was right: the source upholds it and it is usable again
    expect(s.rechecks[0]).toMatchObject({ status: 'upheld' });
    expect(s.records.find((r) => r.recordId === rec.recordId)?.status).toBe('current');
    const d = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(d.timeline.some((t) => t.note?.includes('维持原共享数据'))).toBe(true);
  });
});

describe('a review rule', () => {
  it('sends a 法院 record that does not match the register back for recheck, with the deadline in the timeline', async () => {
    await setFault('courts', 'wrong');
    let c = await draftWithContract();
    c = await signAndSubmit(c);
    let s = await shared(p.buyer, c.caseId);
    await settle(async () => {
      s = await shared(p.buyer, c.caseId);
      return s.rechecks.some((r) => r.status !== 'pending');
    });
    const rk = s.rechecks.find((r) => r.requestedByKind === 'rule');
    expect(rk).toMatchObject({ status: 'errorConfirmed' });
    expect(rk?.reason).toContain('法院共享的查封信息（1条）与登记簿（0条）不一致');
    const seizure = s.records.find((r) => r.recordId === rk?.recordId);
    expect(seizure).toMatchObject({ kind: 'seizures', status: 'wrong' });
    const d = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(d.timeline.some((t) => t.note?.includes(`校核期限 ${rk?.dueOn}（1个工作日）`))).toBe(
      true,
    );
    // 银行 answered right: no recheck of the mortgages record
    expect(s.rechecks).toHaveLength(1);
  });
});

describe('a seal that does not check out', () => {
  it('is never used as shared data: the item falls back with the reason', async () => {
    const c = await draftWithContract();
    const faults = new SqlDataSourceFaults(h.registry.sql, h.clock);
    const sources = createDataSources({
      db: h.registry.sql,
      register: h.registry.register,
      clock: h.clock,
      faults,
      keys: await sourceKeys(new FileKeyStore(h.config.keyDir)),
    });
    // 民政's answers arrive sealed by another key (forged or misrouted)
    const forged = createDataSources({
      db: h.registry.sql,
      register: h.registry.register,
      clock: h.clock,
      keys: await sourceKeys(new FileKeyStore(path.join(h.dir, 'someone-elses-keys'))),
    }).civilAffairs;
    const store = new SqlSharedDataStore(h.registry.sql);
    const cases = new SqlCaseStore(h.registry.sql);
    const catalogue = h.registry.catalogue;
    const newId = (x: string) => `${x}-${Math.random()}`;
    const withForged = {
      ...sources,
      civilAffairs: Object.assign(forged, {
        publicKeyHex: sources.civilAffairs.publicKeyHex,
        keyId: forged.keyId,
      }),
    };
    const fetcher = new SharedDataFetcher({
      policy: { timeoutMs: 1000, attempts: 1, backoffMs: 0 },
    });
    const rechecks = new Rechecks({
      sources: withForged,
      store,
      cases,
      catalogue,
      clock: h.clock,
      newId,
    });
    const svc = new MaterialResolution({
      sources: withForged,
      fetcher,
      store,
      cases,
      catalogue,
      person: (id) => h.registry.parties.person(id),
      view: new SharedDataView({ store, cases, catalogue }),
      registerCheck: new RegisterCheck({
        sources: withForged,
        fetcher,
        store,
        cases,
        rechecks,
        clock: h.clock,
        newId,
      }),
      clock: h.clock,
      newId,
    });
    const items = await svc.resolveCase(c.caseId);
    expect(items.find((i) => i.code === 'marriage')).toMatchObject({
      mode: 'fallback',
      reason: 'sealInvalid',
      message: '民政数据印章校验未通过，请签署承诺书',
    });
    expect(items.find((i) => i.code === 'identity')?.mode).toBe('shared');
    const stored = (await store.recordsOf(c.caseId)).filter(
      (r) => r.record.query.kind === 'marriage' && r.materialCode === 'marriage',
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((r) => !r.sealValid)).toBe(true);
  });
});

describe('public keys', () => {
  it('GET /data-sources lists each source’s key; a stored record’s seal checks with it', async () => {
    const keys = (await raw(null, 'GET', '/data-sources')).json() as DataSourcesResponse;
    expect(keys.items.map((k) => k.code).sort()).toEqual([
      'banks',
      'civilAffairs',
      'courts',
      'housing',
      'planning',
      'publicSecurity',
      'tax',
    ]);
    const c = await draftWithContract();
    await p.buyer.post(`/cases/${c.caseId}/shared-data/resolve`);
    const row = (await h.registry.sql.get(
      "SELECT * FROM shared_records WHERE case_id = ? AND kind = 'marriage' LIMIT 1",
      [c.caseId],
    )) as Record<string, string>;
    const record = {
      source: row.source,
      query: JSON.parse(row.query_json),
      data: JSON.parse(row.data_json),
      retrievedAt: row.retrieved_at,
      seal: JSON.parse(row.seal_json),
    } as SharedRecord;
    const key = keys.items.find((k) => k.code === 'civilAffairs')!;
    expect(verifySourceSeal(record, key)).toEqual({ valid: true });
    expect(
      verifySourceSeal(
        record,
        keys.items.find((k) => k.code === 'courts')!,
      ).valid,
    ).toBe(false);
  });
});

describe('slow sources', () => {
  it('time out per attempt, are retried a bounded number of times, then fall back with the reason', async () => {
    const faults = new SqlDataSourceFaults(h.registry.sql, h.clock, { civilAffairs: 'slow' });
    const sources = createDataSources({
      db: h.registry.sql,
      register: h.registry.register,
      clock: h.clock,
      faults,
      slowMs: 60_000,
      keys: await sourceKeys(new FileKeyStore(h.config.keyDir)),
    });
    const waits: number[] = [];
    const policy = { timeoutMs: 20, attempts: 3, backoffMs: 100 };
    const svc = new SharedDataFetcher({
      policy,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const r = await svc.fetch(
      { kind: 'marriage', idNumber: p.sellerA.who!.idNumber },
      sources.civilAffairs,
    );
    expect(r).toEqual({ ok: false, reason: 'timeout' });
    expect(sources.civilAffairs.calls).toBe(3);
    expect(waits).toEqual([100, 200]);
    // a source that recovers between attempts answers
    await faults.set('civilAffairs', 'unavailable');
    let n = 0;
    const recovering = await new SharedDataFetcher({
      policy,
      sleep: async () => {
        if (++n === 1) await faults.set('civilAffairs', 'ok');
      },
    }).fetch({ kind: 'marriage', idNumber: p.sellerA.who!.idNumber }, sources.civilAffairs);
    expect(recovering.ok).toBe(true);
  });
});
