/**
 * Original files: a right holder downloads the original files (原始登记资料) of their unit
 * through the records-query route — only files the sealed answer lists, only the requester,
 * only after a fresh face check, each read audited; the bytes are the archived ones (SM3).
 */
import type { RecordsQueryResponse } from '../../mock-server/src/contract';
import { bytesToHex, sm3 } from '../../mock-server/src/domain/crypto';
import { startHarness, type Harness } from './support/registry';
import { client, login } from './support/cases-client';
import { BUYER, SALE_UNIT, SELLER_A, issuedSale } from './support/archive-fixture';

type OriginalFiles = {
  packageId: string;
  items: { digest: string; mediaType: string; title: string }[];
}[];

describe('records query: original files of the holder’s unit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('lists the filed package and serves each listed file byte for byte, to the requester only', async () => {
    await issuedSale(h);
    const token = await login(h, BUYER);
    const buyer = client(h, token);
    const r = await buyer.post<RecordsQueryResponse>(
      '/records-queries',
      { role: 'rightHolder', purpose: 'ownRecords', unitCode: SALE_UNIT, items: ['originalFiles'] },
      201,
    );
    const files = (r.document.body as { facts: { originalFiles: OriginalFiles } }).facts
      .originalFiles;
    expect(files.length).toBeGreaterThanOrEqual(1);
    const items = files.flatMap((p) => p.items);
    expect(items.length).toBeGreaterThan(3);

    const auditBefore = (
      (await h.registry.sql.get(
        "SELECT COUNT(*) AS n FROM archive_audit WHERE action = 'downloadOriginalFile'",
      )) as { n: number }
    ).n;
    for (const it of items) {
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/v1/records-queries/${r.queryId}/files/${it.digest}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain(it.mediaType);
      expect(res.headers['content-disposition']).toMatch(/^attachment/);
      expect(bytesToHex(sm3(new Uint8Array(res.rawPayload)))).toBe(it.digest);
    }
    const auditAfter = (
      (await h.registry.sql.get(
        "SELECT COUNT(*) AS n FROM archive_audit WHERE action = 'downloadOriginalFile'",
      )) as { n: number }
    ).n;
    expect(auditAfter - auditBefore).toBe(items.length);

    // a digest the answer does not list: 404, even if the blob exists elsewhere
    const res404 = await h.app.inject({
      method: 'GET',
      url: `/api/v1/records-queries/${r.queryId}/files/${'ab'.repeat(32)}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res404.statusCode).toBe(404);
    expect(res404.json().code).toBe('NOT_FOUND');
    // a malformed digest: 400
    const bad = await h.app.inject({
      method: 'GET',
      url: `/api/v1/records-queries/${r.queryId}/files/not-a-digest`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.statusCode).toBe(400);
    // somebody else (the former holder) cannot read the buyer's answer's files
    const other = await login(h, SELLER_A);
    const res403 = await h.app.inject({
      method: 'GET',
      url: `/api/v1/records-queries/${r.queryId}/files/${items[0].digest}`,
      headers: { authorization: `Bearer ${other}` },
    });
    expect(res403.statusCode).toBe(404);
    // without a fresh face check: step-up first
    const stale = await login(h, BUYER, false);
    const resStale = await h.app.inject({
      method: 'GET',
      url: `/api/v1/records-queries/${r.queryId}/files/${items[0].digest}`,
      headers: { authorization: `Bearer ${stale}` },
    });
    expect(resStale.statusCode).toBe(403);
    expect(resStale.json().code).toBe('STEP_UP_REQUIRED');
  });
});
