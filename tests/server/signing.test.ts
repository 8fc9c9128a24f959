/**
 * Applying from a phone, server side: each party's 询问笔录 (blocking answers), e-signatures by the
 * signature CA simulator over the SM3 of the bundle and the handwriting, change-after-sign voiding
 * and notifying, a changed bundle failing verification, decline, polling with ETag, and a double
 * submission that submits once.
 */
import type {
  BundleResponse,
  CaseDetail,
  MessagesResponse,
  SignatureAuthorityResponse,
  SigningStatusResponse,
  VerifySignatureResponse,
} from '../../mock-server/src/contract';
import {
  bytesToHex,
  decodePublicKeyHex,
  decodeSignatureHex,
  hexToBytes,
  sm2Verify,
  sm3,
  canonicalJson,
  concatBytes,
  utf8,
} from '../../mock-server/src/domain/crypto';
import { sharpUploadInspector } from '../../mock-server/src/adapters/uploads/inspector';
import { maskName } from '../../mock-server/src/domain/masking';
import { png, pngOfSize } from './support/png';
import {
  answer,
  blobCount,
  BUYER,
  handwriting,
  openSale,
  parties,
  partyId,
  SELLER_A,
  SELLER_B,
  sign,
  startSigningHarness,
  type Client,
  type SigningHarness,
} from './support/signing';

let h: SigningHarness;
let p: Awaited<ReturnType<typeof parties>>;
beforeAll(async () => {
  h = await startSigningHarness();
  p = await parties(h);
});
afterAll(() => h.close());

const inquiryUrl = (c: CaseDetail, name: string) =>
  `/cases/${c.caseId}/parties/${partyId(c, name)}/inquiry`;

async function inject(
  who: Client,
  method: 'GET' | 'POST',
  url: string,
  opts: { payload?: object; headers?: Record<string, string> } = {},
) {
  return h.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${who.token}`, ...opts.headers },
    ...(opts.payload ? { payload: opts.payload } : {}),
  });
}

describe('询问笔录 per party', () => {
  it('refuses a blocking answer with why and what to do, and an answer outside the choices', async () => {
    // 叶美华, a seller who did not open the case (李国平 did, with his answers)
    const c = await openSale(p.buyer);
    const r = await inject(p.sellerB, 'GET', inquiryUrl(c, SELLER_B.name));
    expect(r.json().questions.map((q: { code: string }) => q.code)).toContain('disputeOrSeizure');
    for (const [answers, code, text] of [
      [
        { truthful: '是', soleOrCoOwned: '共有', disputeOrSeizure: '是' },
        'INQUIRY_BLOCKING',
        '查封',
      ],
      [
        { truthful: '否', soleOrCoOwned: '共有', disputeOrSeizure: '否' },
        'INQUIRY_BLOCKING',
        '真实意思',
      ],
      [
        { truthful: '也许', soleOrCoOwned: '共有', disputeOrSeizure: '否' },
        'INQUIRY_INVALID',
        '是',
      ],
      [{ truthful: '是', disputeOrSeizure: '否' }, 'INQUIRY_INVALID', '共有'],
    ] as const) {
      const e = await p.sellerB.put<{ code: string; message: string }>(
        inquiryUrl(c, SELLER_B.name),
        { answers },
        422,
      );
      expect(e.code).toBe(code);
      expect(e.message).toContain(text);
    }
    // another party's 询问笔录 is not the caller's to answer
    await p.sellerA.put(inquiryUrl(c, SELLER_B.name), { answers: {} }, 404);
    // signing is offered only once the party's own 询问笔录 is answered
    let seen = await p.sellerB.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(seen.availableActions).not.toContain('sign');
    expect(seen.availableActions).toEqual(expect.arrayContaining(['answerInquiry', 'decline']));
    await answer(p.sellerB, c, SELLER_B.name);
    seen = await p.sellerB.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(seen.availableActions).toContain('sign');
  });
});

describe('e-signatures', () => {
  it('the CA signs SM3(bundle ‖ handwriting) with its own key; a changed bundle fails verification', async () => {
    const c = await openSale(p.buyer);
    const b = await p.buyer.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    expect(b.documents.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['applicationForm', 'inquiry', 'contract']),
    );
    expect(b.documents.filter((d) => d.kind === 'inquiry')).toHaveLength(3);

    // the handwriting must be a real PNG of at most 300 KB, inspected in full like any upload:
    // data after its end or markup inside is refused, and nothing is stored
    const blobs = await blobCount(h);
    for (const bad of [
      'aGVsbG8gd29ybGQgaGVsbG8=',
      Buffer.from(pngOfSize(310 * 1024)).toString('base64'),
      Buffer.concat([png(40, 16, 1), Buffer.from('<script>alert(1)</script>')]).toString('base64'),
      Buffer.concat([png(40, 16, 1), Buffer.from('PK\x03\x04 trailing archive')]).toString(
        'base64',
      ),
    ]) {
      const r = await inject(p.buyer, 'POST', `/cases/${c.caseId}/signatures`, {
        payload: { handwriting: bad, bundleDigest: b.bundleDigest },
      });
      expect([r.statusCode, r.json().code]).toEqual([422, 'HANDWRITING_INVALID']);
    }
    expect(await blobCount(h)).toBe(blobs);

    const rec = await sign(p.buyer, c.caseId);
    const ca = await p.buyer.get<SignatureAuthorityResponse>('/signature-ca/certificate');
    const registry = await p.buyer.get<{ publicKey: string }>('/registry/public-key');
    expect(ca.publicKey).not.toBe(registry.publicKey); // its own key, not the registry's
    // independent check with the SM2/SM3 code: the CA's root key issued the signer's event
    // certificate, whose one-time key signed the digest (the root key did not sign it itself)
    const signed = sm3(
      concatBytes(hexToBytes(rec.bundleDigest), hexToBytes(rec.handwritingDigest)),
    );
    const cert = rec.certificate!;
    expect(cert.body.issuer.keyId).toBe(ca.certificateId);
    expect(cert.body.subject.name).toBe(BUYER.name);
    expect(
      sm2Verify(
        decodePublicKeyHex(ca.publicKey),
        utf8(canonicalJson(cert.body)),
        decodeSignatureHex(cert.issuerSignature.signature),
      ),
    ).toBe(true);
    expect(
      sm2Verify(
        decodePublicKeyHex(cert.body.subjectPublicKey),
        signed,
        decodeSignatureHex(rec.signature),
      ),
    ).toBe(true);
    expect(
      sm2Verify(decodePublicKeyHex(ca.publicKey), signed, decodeSignatureHex(rec.signature)),
    ).toBe(false);
    // the digest is of the handwriting as stored: the picture re-encoded by the upload inspection
    const stored = await sharpUploadInspector.inspect(
      new Uint8Array(Buffer.from(handwriting(1), 'base64')),
      { maxPixels: h.config.uploadMaxPixels, accept: ['image/png'] },
    );
    expect(rec.handwritingDigest).toBe(bytesToHex(sm3(stored.bytes)));

    const ok = await p.buyer.post<VerifySignatureResponse>('/signatures/verify', {
      record: rec,
      bundleDigest: b.bundleDigest,
    });
    expect(ok.valid).toBe(true);
    // any change to the bundle: the signature does not verify against it
    const changed = bytesToHex(sm3(hexToBytes(b.bundleDigest)));
    const bad = await p.buyer.post<VerifySignatureResponse>('/signatures/verify', {
      record: rec,
      bundleDigest: changed,
    });
    expect(bad.valid).toBe(false);
    const forged = await p.buyer.post<VerifySignatureResponse>('/signatures/verify', {
      record: { ...rec, bundleDigest: changed },
      bundleDigest: changed,
    });
    expect(forged.valid).toBe(false);
  });

  it('a signature needs a fresh face check and the current bundle digest', async () => {
    const c = await openSale(p.buyer);
    await answer(p.sellerA, c, SELLER_A.name);
    const r = await inject(p.sellerA, 'POST', `/cases/${c.caseId}/signatures`, {
      payload: { handwriting: handwriting(), bundleDigest: '0'.repeat(64) },
    });
    expect([r.statusCode, r.json().code]).toEqual([409, 'BUNDLE_CHANGED']);
    h.clock.advance(6 * 60_000);
    const late = await inject(p.sellerA, 'POST', `/cases/${c.caseId}/signatures`, {
      payload: { handwriting: handwriting(), bundleDigest: '0'.repeat(64) },
    });
    expect(late.json().code).toBe('STEP_UP_REQUIRED');
    p = await parties(h); // fresh sessions and face checks
  });

  it('a double tap on 签名 records one signature: the other is told the party has signed', async () => {
    const c = await openSale(p.buyer);
    await answer(p.sellerA, c, SELLER_A.name);
    const b = await p.sellerA.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    const tap = () =>
      inject(p.sellerA, 'POST', `/cases/${c.caseId}/signatures`, {
        payload: { handwriting: handwriting(), bundleDigest: b.bundleDigest },
      });
    const both = await Promise.all([tap(), tap()]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)?.json().code).toBe('CONFLICT');
    const sigs = await p.sellerA.get<{ items: { partyId: string; current: boolean }[] }>(
      `/cases/${c.caseId}/signatures`,
    );
    const sellerA = partyId(c, SELLER_A.name);
    expect(sigs.items.filter((x) => x.partyId === sellerA && x.current)).toHaveLength(1);
    const status = await p.sellerA.get<SigningStatusResponse>(`/cases/${c.caseId}/signing-status`);
    expect(status.parties.find((x) => x.partyId === sellerA)?.state).toBe('signed');
  });

  it('a change after signing voids the signatures, records what changed and tells every party', async () => {
    const c = await openSale(p.buyer);
    await answer(p.sellerA, c, SELLER_A.name);
    const before = await sign(p.buyer, c.caseId);
    await sign(p.sellerA, c.caseId);
    let st = await p.buyer.get<SigningStatusResponse>(`/cases/${c.caseId}/signing-status`);
    // the buyer reads the seller's name masked (domain/masking.ts)
    expect(
      st.parties
        .filter((x) => x.state === 'signed')
        .map((x) => x.name)
        .sort(),
    ).toEqual([BUYER.name, maskName(SELLER_A.name)].sort());
    const msgsBefore = (await p.sellerB.get<MessagesResponse>('/me/messages')).items.length;

    // the initiator adds a photo of the certificate: the application form changes
    const up = await inject(
      p.buyer,
      'POST',
      `/cases/${c.caseId}/materials/existingCertificate/files`,
      {
        payload: Buffer.from(png(20, 20, 9)),
        headers: { 'content-type': 'image/png' },
      },
    );
    expect(up.statusCode).toBe(201);

    st = await p.buyer.get<SigningStatusResponse>(`/cases/${c.caseId}/signing-status`);
    expect(st.parties.every((x) => x.state === 'waiting')).toBe(true);
    expect(st.lastChange?.changes.join()).toContain('不动产登记申请书');
    expect(st.contentVersion).toBe(2);
    const sigs = await p.buyer.get<{ items: { current: boolean }[] }>(
      `/cases/${c.caseId}/signatures`,
    );
    expect(sigs.items.map((s) => s.current)).toEqual([false, false]);
    for (const who of [p.buyer, p.sellerA, p.sellerB]) {
      const m = await who.get<MessagesResponse>('/me/messages');
      expect(
        m.items.some((x) => x.title === '签署内容已变更，请重新签署' && x.caseId === c.caseId),
      ).toBe(true);
    }
    expect((await p.sellerB.get<MessagesResponse>('/me/messages')).items.length).toBe(
      msgsBefore + 1,
    );

    // the old signature does not verify against the new bundle; signing the old digest is refused
    const now = await p.buyer.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    expect(now.bundleDigest).not.toBe(before.bundleDigest);
    const v = await p.buyer.post<VerifySignatureResponse>('/signatures/verify', {
      record: before,
      bundleDigest: now.bundleDigest,
    });
    expect(v.valid).toBe(false);
    const stale = await inject(p.buyer, 'POST', `/cases/${c.caseId}/signatures`, {
      payload: { handwriting: handwriting(), bundleDigest: before.bundleDigest },
    });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'BUNDLE_CHANGED']);
    const seen = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(seen.availableActions).toContain('sign');
    expect(seen.availableActions).not.toContain('submit');
  });

  it('polling the signing status: ETag, 304 while nothing changes, 200 after a signature', async () => {
    const c = await openSale(p.buyer);
    const first = await inject(p.buyer, 'GET', `/cases/${c.caseId}/signing-status`);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await inject(p.buyer, 'GET', `/cases/${c.caseId}/signing-status`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await answer(p.sellerA, c, SELLER_A.name);
    await sign(p.sellerA, c.caseId);
    const after = await inject(p.buyer, 'GET', `/cases/${c.caseId}/signing-status`, {
      headers: { 'if-none-match': etag },
    });
    expect(after.statusCode).toBe(200);
    expect(
      after.json().parties.find((x: { name: string }) => x.name === maskName(SELLER_A.name)).state,
    ).toBe('signed');
    // a stranger learns nothing, not even by ETag
    const s = await inject(p.stranger, 'GET', `/cases/${c.caseId}/signing-status`, {
      headers: { 'if-none-match': etag },
    });
    expect(s.statusCode).toBe(404);
  });

  it('decline returns the case to the initiator with the reason; signatures are void', async () => {
    const c = await openSale(p.buyer);
    await sign(p.buyer, c.caseId);
    const d = await p.sellerB.post<CaseDetail>(`/cases/${c.caseId}/decline`, {
      reason: '价格未谈妥',
    });
    expect(d.status).toBe('draft');
    const st = await p.buyer.get<SigningStatusResponse>(`/cases/${c.caseId}/signing-status`);
    const b = st.parties.find((x) => x.name === maskName(SELLER_B.name))!;
    expect([b.state, b.declineReason]).toEqual(['declined', '价格未谈妥']);
    expect(st.parties.find((x) => x.name === BUYER.name)!.state).toBe('waiting');
    const m = await p.buyer.get<MessagesResponse>('/me/messages');
    const told = m.items.find((x) => x.caseId === c.caseId && x.body.includes('价格未谈妥'));
    // the other parties read who declined masked; the decliner's own copy names her in full
    expect(told?.body).toContain(`${maskName(SELLER_B.name)}拒绝签署`);
    expect(told?.body).not.toContain(SELLER_B.name);
    const own = await p.sellerB.get<MessagesResponse>('/me/messages');
    expect(
      own.items.some((x) => x.caseId === c.caseId && x.body.startsWith(`${SELLER_B.name}拒绝签署`)),
    ).toBe(true);
    const mine = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(mine.availableActions).toEqual(expect.arrayContaining(['edit', 'startSigning']));
    expect(mine.timeline.at(-1)).toMatchObject({
      action: 'decline',
      to: 'draft',
      note: '价格未谈妥',
    });
    // the initiator (the seller 李国平, who opened it) cannot decline their own application
    const again = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    const r = await inject(p.sellerA, 'POST', `/cases/${again.caseId}/decline`, {
      payload: { reason: 'x' },
    });
    expect(r.statusCode).toBe(409);
  });
});

describe('submission', () => {
  it('needs every current signature; a double submission with one Idempotency-Key submits once', async () => {
    const c = await openSale(p.buyer);
    await answer(p.sellerA, c, SELLER_A.name);
    await answer(p.sellerB, c, SELLER_B.name);
    await sign(p.buyer, c.caseId);
    await sign(p.sellerA, c.caseId);
    const early = await inject(p.buyer, 'POST', `/cases/${c.caseId}/submit`, {
      payload: {},
      headers: { 'idempotency-key': 'k-early' },
    });
    expect([early.statusCode, early.json().code]).toEqual([409, 'SIGNATURES_INCOMPLETE']);
    await sign(p.sellerB, c.caseId);

    const key = { 'idempotency-key': 'submit-7f3a9c' };
    const [one, two] = await Promise.all([
      inject(p.buyer, 'POST', `/cases/${c.caseId}/submit`, { payload: {}, headers: key }),
      inject(p.buyer, 'POST', `/cases/${c.caseId}/submit`, { payload: {}, headers: key }),
    ]);
    const retry = await inject(p.buyer, 'POST', `/cases/${c.caseId}/submit`, {
      payload: {},
      headers: key,
    });
    expect([one.statusCode, two.statusCode, retry.statusCode]).toEqual([200, 200, 200]);
    expect(two.json().caseNumber).toBe(one.json().caseNumber);
    expect(retry.json()).toEqual(one.json());
    const now = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(now.timeline.filter((t) => t.action === 'submit')).toHaveLength(1);
    const n = (await h.registry.sql.get('SELECT count(*) AS n FROM cases WHERE case_number = ?', [
      one.json().caseNumber,
    ])) as { n: number };
    expect(n.n).toBe(1);
    // the same key for a different request is refused
    const other = await inject(p.buyer, 'POST', `/cases/${c.caseId}/submit`, {
      payload: { note: '另一个请求' },
      headers: key,
    });
    expect([other.statusCode, other.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });
});
