/**
 * Records queries through the API — a holder queries their own unit and downloads the
 * sealed result; an interested party with proof sees only the four facts; a state organ officer
 * queries for an investigation; refusals carry reason codes; every query is logged (who, role,
 * purpose, what, when) on the Merkle log; the route wants a fresh step-up.
 */
import type {
  RecordsQueryRefusal,
  RecordsQueryResponse,
  RegistryPublicKeyResponse,
  MyQueriesResponse,
} from '../../mock-server/src/contract';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { startHarness, type Harness } from './support/registry';
import { client, login } from './support/cases-client';
import { base64, tinyJpeg } from './support/jpeg';

const HOLDER = { idNumber: '331081198512258315', name: '李国平' }; // joint owner of UNIT
const UNIT = '331004001005GB04397F00120001';
const STRANGER = { idNumber: '331023196801208629', name: '应敏' };
const ORGAN = { idNumber: '331082198907316686', name: '章丽娟' };
const SEIZED = '331023001004GB06142F00080001';

describe('records queries (令第80号)', () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    h = await startHarness();
    key = (
      (
        await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
      ).json() as RegistryPublicKeyResponse
    ).publicKey;
  });
  afterAll(() => h.close());

  it('a right holder sees everything about their unit and downloads the sealed result', async () => {
    const me = client(h, await login(h, HOLDER));
    const r = await me.post<RecordsQueryResponse>(
      '/records-queries',
      { role: 'rightHolder', purpose: 'ownRecords', unitCode: UNIT },
      201,
    );
    expect(r.number).toMatch(/^台不动产查〔\d{4}〕第\d{7}号$/);
    expect(r.items).toContain('holders');
    expect(r.items).toContain('originalFiles');
    expect(verifySeal(r.document as never, key)).toEqual({ valid: true });
    const body = r.document.body as { facts: Record<string, unknown>; usage: string };
    expect(Object.keys(body.facts)).toEqual(
      expect.arrayContaining(['naturalState', 'holders', 'registerHistory', 'originalFiles']),
    );
    expect(JSON.stringify(body.facts.holders)).toContain('李国平');
    const res = await h.app.inject({
      method: 'GET',
      url: r.downloadUrl,
      headers: { authorization: `Bearer ${await login(h, HOLDER)}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(verifySeal(res.json(), key)).toEqual({ valid: true });
    // somebody else cannot download it
    const other = client(h, await login(h, STRANGER));
    await other.get(`/records-queries/${r.queryId}/document`, 404);
    // the holder of another unit is refused as right holder
    const refused = await other.post<RecordsQueryRefusal>(
      '/records-queries',
      { role: 'rightHolder', purpose: 'ownRecords', unitCode: UNIT },
      403,
    );
    expect(refused.reasons!.map((x) => x.code)).toEqual(['NOT_RIGHT_HOLDER']);
  });

  it('an interested party with proof sees only the four permitted facts', async () => {
    const buyer = client(h, await login(h, STRANGER));
    const r = await buyer.post<RecordsQueryResponse>(
      '/records-queries',
      {
        role: 'interestedParty',
        purpose: 'purchase',
        certificateNumber: (await h.registry.register.unit(SEIZED))!.certificate!.number,
        proof: { mediaType: 'image/jpeg', data: base64(tinyJpeg(0)) },
      },
      201,
    );
    const body = r.document.body as { facts: Record<string, unknown>; unit: { unitCode: string } };
    expect(body.unit.unitCode).toBe(SEIZED);
    expect(Object.keys(body.facts).sort()).toEqual(
      ['coOwnership', 'encumbrances', 'naturalState', 'restrictions'].sort(),
    );
    expect(body.facts.restrictions).toEqual({ seized: true });
    expect(JSON.stringify(body)).not.toMatch(/李伟|卢丹|\d{17}[\dX]/);
    // the proof file is kept, by its SM3 digest
    const row = (await h.registry.sql.get(
      'SELECT proof_media_type, proof_digest FROM records_queries WHERE query_id = ?',
      [r.queryId],
    )) as { proof_media_type: string; proof_digest: string };
    expect(row.proof_media_type).toBe('image/jpeg');
    expect(row.proof_digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [
      'asks for the holders',
      { purpose: 'purchase', unitCode: UNIT, items: ['holders'], proof: 'jpeg' },
      ['ITEM_NOT_PERMITTED'],
    ],
    ['gives no proof', { purpose: 'lease', unitCode: UNIT }, ['PROOF_OF_INTEREST_MISSING']],
    [
      'uploads a "JPEG" that is an executable',
      { purpose: 'lease', unitCode: UNIT, proof: 'elf' },
      ['PROOF_OF_INTEREST_INVALID'],
    ],
    [
      'uploads a "JPEG" that is its magic number and end marker only (no picture)',
      { purpose: 'lease', unitCode: UNIT, proof: 'fakeJpeg' },
      ['PROOF_OF_INTEREST_INVALID'],
    ],
    [
      'uploads a JPEG that is also a web page (polyglot)',
      { purpose: 'lease', unitCode: UNIT, proof: 'polyglot' },
      ['PROOF_OF_INTEREST_INVALID'],
    ],
    [
      'states no allowed purpose',
      { purpose: 'curiosity', unitCode: UNIT, proof: 'jpeg' },
      ['PURPOSE_NOT_ALLOWED'],
    ],
    [
      'names the unit twice',
      { purpose: 'purchase', unitCode: UNIT, location: 'x', proof: 'jpeg' },
      ['UNIT_NOT_IDENTIFIED'],
    ],
    [
      'names no existing unit',
      { purpose: 'purchase', location: '火星', proof: 'jpeg' },
      ['UNIT_NOT_FOUND'],
    ],
  ])('an interested party who %s is refused', async (_n, input, codes) => {
    const buyer = client(h, await login(h, STRANGER));
    const { proof, ...rest } = input as Record<string, unknown>;
    const data =
      proof === 'jpeg'
        ? base64(tinyJpeg(0))
        : proof === 'elf'
          ? Buffer.from('7f454c4602010100', 'hex').toString('base64')
          : proof === 'fakeJpeg'
            ? Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex').toString('base64')
            : proof === 'polyglot'
              ? base64(tinyJpeg(2, '<html><body><script>alert(1)</script></body></html>'))
              : undefined;
    const r = await buyer.post<RecordsQueryRefusal>(
      '/records-queries',
      {
        role: 'interestedParty',
        ...rest,
        ...(data ? { proof: { mediaType: 'image/jpeg', data } } : {}),
      },
      403,
    );
    expect(r.code).toBe('FORBIDDEN');
    expect(r.reasons!.map((x) => x.code)).toEqual(codes);
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a state organ officer queries for an investigation; a citizen may not claim the role', async () => {
    const officer = client(h, await login(h, ORGAN));
    const location = (await h.registry.register.unit(UNIT))!.unit.location;
    const r = await officer.post<RecordsQueryResponse>(
      '/records-queries',
      {
        role: 'stateOrgan',
        purpose: 'investigation',
        location,
        caseReference: '椒公（经）立字〔2026〕101号',
      },
      201,
    );
    const body = r.document.body as { requester: { organ: string }; facts: { holders: unknown } };
    expect(body.requester.organ).toBe('台州市公安局椒江分局');
    expect(JSON.stringify(body.facts.holders)).toContain(HOLDER.idNumber);
    const citizen = client(h, await login(h, STRANGER));
    const no = await citizen.post<RecordsQueryRefusal>(
      '/records-queries',
      { role: 'stateOrgan', purpose: 'investigation', unitCode: UNIT, caseReference: 'x' },
      403,
    );
    expect(no.reasons!.map((x) => x.code)).toEqual(['NOT_STATE_ORGAN']);
  });

  it('needs a fresh step-up', async () => {
    const token = await login(h, HOLDER, false);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/records-queries',
      headers: { authorization: `Bearer ${token}` },
      payload: { role: 'rightHolder', purpose: 'ownRecords', unitCode: UNIT },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('STEP_UP_REQUIRED');
  });

  it('every query, answered or refused, is logged with who, role, purpose, what and when, on the log', async () => {
    const rows = (await h.registry.sql.all(
      "SELECT * FROM archive_audit WHERE action = 'recordsQuery' ORDER BY seq",
    )) as {
      seq: number;
      actor_id: string;
      actor_role: string;
      purpose: string;
      target: string;
      outcome: string;
      at: string;
    }[];
    const queries = (await h.registry.sql.get('SELECT count(*) AS n FROM records_queries')) as {
      n: number;
    };
    expect(rows.length).toBe(queries.n);
    expect(rows.length).toBeGreaterThanOrEqual(11);
    expect(rows[0]).toMatchObject({
      actor_id: 'P001',
      actor_role: 'rightHolder',
      purpose: 'ownRecords',
      target: UNIT,
    });
    expect(rows[0].outcome).toMatch(/^answered:/);
    expect(rows.some((r) => r.outcome === 'refused:NOT_STATE_ORGAN')).toBe(true);
    for (const r of rows) {
      expect(r.at).toMatch(/^\d{4}-/);
      expect(
        await h.registry.sql.get("SELECT 1 FROM log_leaves WHERE kind = 'audit' AND ref = ?", [
          String(r.seq),
        ]),
      ).toBeDefined();
    }
    const mine = await client(h, await login(h, STRANGER)).get<MyQueriesResponse>(
      '/records-queries/mine',
    );
    expect(mine.items.length).toBeGreaterThanOrEqual(8);
    await expect(
      h.registry.sql.exec("UPDATE records_queries SET purpose = 'x'"),
    ).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
  });
});
