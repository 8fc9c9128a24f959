/**
 * E-certificates through the API over a real SQLite file with a manual clock: the
 * wallet, 亮证 behind a fresh face check, verification by anyone, refusals with stable codes and
 * Chinese messages, minimal disclosure, the holder's verification log, the status in real time
 * (a mortgage recorded between two verifications), 6-digit codes, holdings proofs and the
 * public pages.
 */
import type {
  PresentationResponse,
  RegistryPublicKeyResponse,
  VerificationLogResponse,
  VerificationResult,
  WalletItem,
  WalletItemDetail,
  WalletResponse,
} from '../../mock-server/src/contract';
import { kSourceFromRandomBytes } from '../../mock-server/src/domain/crypto';
import { verifySeal } from '../../mock-server/src/domain/documents';
import {
  base64urlDecode,
  base64urlEncode,
  decodePresentationToken,
  signPresentationToken,
} from '../../mock-server/src/domain/presentation';
import { startAuthHarness, type AuthHarness } from './support/auth';

let h: AuthHarness;
beforeEach(async () => {
  h = await startAuthHarness();
});
afterEach(async () => {
  await h.close();
});

/** docs/personas.md: P013 杨永明 holds 九龙府8幢3单元202室 jointly and 阳光嘉园4幢 alone. */
const SOLE_UNIT = '331023001004GB06142F00040001';
const JOINT_UNIT = '331002005008GB07196F00080001';

async function holder(id = 'P013') {
  const token = await h.faceLogin(h.person(id));
  const r = await h.stepUp(token);
  expect(r.statusCode).toBe(200);
  return token;
}

async function wallet(token: string): Promise<WalletItem[]> {
  const r = await h.get('/me/wallet', token);
  expect(r.statusCode).toBe(200);
  return (r.json() as WalletResponse).items;
}

async function present(token: string, itemId: string, view: 'full' | 'minimal') {
  const r = await h.post(`/me/wallet/${itemId}/presentations`, { view }, token);
  expect(r.statusCode).toBe(201);
  return r.json() as PresentationResponse;
}

const verify = (payload: object, token?: string) => h.post('/verify', payload, token);
const itemOf = (items: WalletItem[], unitCode: string) =>
  items.find((i) => i.unitCode === unitCode && i.status.certificate === 'current')!;

async function refused(payload: object, code: string, message: RegExp) {
  const r = await verify(payload);
  expect(r.statusCode).toBeGreaterThanOrEqual(400);
  expect(r.json()).toMatchObject({ code });
  expect((r.json() as { message: string }).message).toMatch(message);
}

describe('wallet', () => {
  it('lists certificates held alone and jointly, each sealed, with status and holders', async () => {
    const token = await holder();
    const items = await wallet(token);
    const sole = itemOf(items, SOLE_UNIT);
    const joint = itemOf(items, JOINT_UNIT);
    expect(sole).toMatchObject({ kind: 'titleCertificate', coOwned: false, presentable: true });
    expect(joint).toMatchObject({ kind: 'titleCertificate', coOwned: true, presentable: true });
    expect(joint.status).toEqual({ certificate: 'current', restrictions: [], summary: '现势' });
    const key = (await h.get('/registry/public-key')).json() as RegistryPublicKeyResponse;
    for (const i of [sole, joint]) {
      expect(verifySeal(i.document as never, key.publicKey)).toEqual({ valid: true });
      expect(i.licenceId).toMatch(/^1\.2\.156\.3005\.2\./);
    }
    expect((joint.document!.body as { rightHolders: string[] }).rightHolders).toEqual([
      '杨永明',
      '徐彩云',
    ]);
    // the twin is made once: a second look returns the same sealed document
    expect(itemOf(await wallet(token), SOLE_UNIT).document).toEqual(sole.document);
  });

  it('lists an old-style certificate with an explanation and never presents it', async () => {
    const token = await holder('P039');
    const [old] = await wallet(token);
    expect(old).toMatchObject({ kind: 'oldStyle', presentable: false, form: 'paper' });
    expect(old.explanation).toMatch(/不制作电子证照/);
    const r = await h.post(`/me/wallet/${old.id}/presentations`, { view: 'full' }, token);
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'NOT_PRESENTABLE' });
  });

  it('gives a pre-reform paper certificate an electronic twin that can be presented', async () => {
    const token = await holder('P001');
    const [paper] = await wallet(token);
    expect(paper).toMatchObject({ form: 'paper+electronic', presentable: true, coOwned: true });
    expect((paper.document!.body as { remarks: string }).remarks).toMatch(/改革前/);
  });

  it('shows nothing of somebody else: another person’s item is 404', async () => {
    const a = await holder();
    const b = await holder('P030');
    const item = itemOf(await wallet(a), SOLE_UNIT);
    expect((await h.get(`/me/wallet/${item.id}`, b)).statusCode).toBe(404);
    const r = await h.post(`/me/wallet/${item.id}/presentations`, { view: 'full' }, b);
    expect(r.statusCode).toBe(404);
  });
});

describe('presenting and verifying', () => {
  it('needs a face check less than 5 minutes old to present', async () => {
    const token = await holder();
    const item = itemOf(await wallet(token), SOLE_UNIT);
    h.clock.advance(6 * 60_000);
    const r = await h.post(`/me/wallet/${item.id}/presentations`, { view: 'full' }, token);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
  });

  it('a minimal presentation verifies as current and never returns the hidden fields', async () => {
    const token = await holder();
    const item = itemOf(await wallet(token), SOLE_UNIT);
    const p = await present(token, item.id, 'minimal');
    expect(p.code).toMatch(/^\d{6}$/);
    expect(p.verifyPath).toBe('/verify');
    expect(Date.parse(p.expiresAt) - Date.parse(p.issuedAt)).toBeLessThanOrEqual(300_000);
    expect(p.refreshAfterSeconds).toBeLessThanOrEqual(60);
    const claims = decodePresentationToken(p.token)!.claims;
    expect(claims).toMatchObject({ view: 'minimal', sub: item.id, uses: 3 });
    expect(claims.nonce).toMatch(/^[0-9a-f]{32}$/);

    const r = await verify({ token: `http://example.invalid/verify#${p.token}` });
    expect(r.statusCode).toBe(200);
    const v = r.json() as VerificationResult;
    expect(v.status).toEqual({ certificate: 'current', restrictions: [], summary: '现势' });
    expect(v.fields.map((f) => f.key)).toEqual([
      'rightHolders',
      'location',
      'rightType',
      'use',
      'issuer',
    ]);
    expect(v.fields.find((f) => f.key === 'rightHolders')!.value).toBe('杨*明');
    const body = item.document!.body as Record<string, string>;
    const raw = r.body;
    for (const hidden of [
      '杨永明',
      body.number,
      body.area,
      body.unitCode,
      body.otherState,
      body.licenceId,
      body.term,
      '㎡',
      '331023001004',
    ]) {
      expect(raw).not.toContain(hidden);
    }
    expect(v.presentation.usesLeft).toBe(2);

    // the full view shows the form's fields
    const full = await present(token, item.id, 'full');
    const vf = (await verify({ token: full.token })).json() as VerificationResult;
    expect(vf.fields.map((f) => f.label)).toEqual(
      expect.arrayContaining([
        '证号',
        '权利人',
        '共有情况',
        '坐落',
        '不动产单元号',
        '面积',
        '证照标识',
      ]),
    );
    expect(vf.fields.find((f) => f.key === 'rightHolders')!.value).toBe('杨永明');
  });

  it('refuses a token with one changed byte, a signature changed by one byte, or another key’s seal', async () => {
    const token = await holder();
    const item = itemOf(await wallet(token), SOLE_UNIT);
    const p = await present(token, item.id, 'minimal');
    const [prefix, claimsPart, sigPart] = p.token.split('.');

    // one byte of the claims: the nonce's first hex digit
    const bytes = base64urlDecode(claimsPart)!;
    const at = new TextDecoder().decode(bytes).indexOf('"nonce":"') + 9;
    bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
    await refused(
      { token: `${prefix}.${base64urlEncode(bytes)}.${sigPart}` },
      'TOKEN_SEAL_INVALID',
      /电子签章无效/,
    );

    const sig = base64urlDecode(sigPart)!;
    sig[40] ^= 0x01;
    await refused(
      { token: `${prefix}.${claimsPart}.${base64urlEncode(sig)}` },
      'TOKEN_SEAL_INVALID',
      /电子签章无效/,
    );

    const claims = decodePresentationToken(p.token)!.claims;
    let i = 0;
    const otherKey = signPresentationToken(
      claims,
      0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n,
      kSourceFromRandomBytes((n) => new Uint8Array(n).fill(++i)),
    );
    await refused({ token: otherKey }, 'TOKEN_SEAL_INVALID', /不是登记机构签发/);
    await refused({ token: 'HE1.garbage' }, 'TOKEN_MALFORMED', /格式不正确/);

    // the refusals used none of the allowance
    const ok = (await verify({ token: p.token })).json() as VerificationResult;
    expect(ok.presentation.usesLeft).toBe(2);
  });

  it('refuses an expired token (a stale screenshot) and one reused past its allowance', async () => {
    const token = await holder();
    const item = itemOf(await wallet(token), SOLE_UNIT);
    const p = await present(token, item.id, 'minimal');
    for (let n = 0; n < 3; n++) expect((await verify({ token: p.token })).statusCode).toBe(200);
    await refused({ token: p.token }, 'TOKEN_USED_UP', /已达到可核验次数/);

    const q = await present(token, item.id, 'minimal');
    h.clock.advance(300_000);
    await refused({ token: q.token }, 'TOKEN_EXPIRED', /已过期.*截图/);
    await refused({ code: q.code }, 'VERIFY_CODE_NOT_FOUND', /核验码不存在或已过期/);
  });

  it('ends every live presentation of the holder when they log out (token and code)', async () => {
    const token = await holder();
    const item = itemOf(await wallet(token), SOLE_UNIT);
    const p = await present(token, item.id, 'minimal');
    const q = await present(token, item.id, 'full');
    expect((await verify({ token: p.token })).statusCode).toBe(200);
    // one shown from the holder's other device, too
    const other = await holder('P013');
    const r = await present(other, item.id, 'minimal');

    expect((await h.post('/auth/logout', undefined, token)).statusCode).toBe(204);
    await refused({ token: p.token }, 'PRESENTATION_ENDED', /已退出登录/);
    await refused({ token: q.token }, 'PRESENTATION_ENDED', /已退出登录/);
    await refused({ code: q.code }, 'VERIFY_CODE_NOT_FOUND', /核验码不存在或已过期/);
    await refused({ token: r.token }, 'PRESENTATION_ENDED', /已退出登录/);
    // a new presentation after logging in again verifies
    const again = await holder('P013');
    const s = await present(again, item.id, 'minimal');
    expect((await verify({ token: s.token })).statusCode).toBe(200);
  });

  it('recording a mortgage changes the next verification', async () => {
    const token = await holder();
    const item = itemOf(await wallet(token), SOLE_UNIT);
    const p = await present(token, item.id, 'minimal');
    const before = (await verify({ token: p.token })).json() as VerificationResult;
    expect(before.status.restrictions).toEqual([]);

    const m = await h.post('/sim/register/mortgages', { unitCode: SOLE_UNIT });
    expect(m.statusCode).toBe(201);
    expect(m.json().proofNumber).toMatch(/^浙\(\d{4}\)天台县不动产证明第\d{7}号$/);

    const after = (await verify({ token: p.token })).json() as VerificationResult;
    expect(after.status).toEqual({
      certificate: 'current',
      restrictions: ['mortgage'],
      summary: '现势；已抵押',
    });
    expect(after.message).toContain('已抵押');
    const detail = (await h.get(`/me/wallet/${item.id}`, token)).json() as WalletItemDetail;
    expect(detail.item.status.summary).toBe('现势；已抵押');
    expect(detail.history.map((x) => x.text)).toContain('抵押登记');
  });

  it('verifies by 6-digit code, logs who verified for the holder, and limits wrong codes', async () => {
    const token = await holder();
    const verifier = await holder('P030');
    const item = itemOf(await wallet(token), SOLE_UNIT);
    const p = await present(token, item.id, 'full');
    expect((await verify({ code: p.code }, verifier)).statusCode).toBe(200);
    h.clock.advance(1000);
    expect((await verify({ token: p.token })).statusCode).toBe(200);

    const log = (
      await h.get(`/me/wallet/${item.id}/verifications`, token)
    ).json() as VerificationLogResponse;
    expect(log.items.map((x) => [x.verifierKind, x.verifier, x.via, x.view])).toEqual([
      ['web', '网页核验', 'qr', 'full'],
      ['app', 'App 用户 许*芳', 'code', 'full'],
    ]);
    // nobody else reads the log
    const other = (
      await h.get(`/me/wallet/${item.id}/verifications`, verifier)
    ).json() as VerificationLogResponse;
    expect(other.items).toEqual([]);

    const wrong = p.code === '000000' ? '000001' : '000000';
    for (let n = 0; n < 10; n++) {
      expect((await verify({ code: wrong })).json()).toMatchObject({
        code: 'VERIFY_CODE_NOT_FOUND',
      });
    }
    const limited = await verify({ code: wrong });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('holdings proof', () => {
  it('issues a sealed 无房证明 into the wallet that can be presented and verified', async () => {
    const token = await holder('P048');
    const r = await h.post('/me/holdings-proofs', {}, token);
    expect(r.statusCode).toBe(201);
    const proof = r.json() as WalletItem;
    expect(proof).toMatchObject({ kind: 'holdingsProof', presentable: true });
    expect(proof.number).toMatch(/^台不动产查〔\d{4}〕第\d{7}号$/);
    const key = (await h.get('/registry/public-key')).json() as RegistryPublicKeyResponse;
    expect(verifySeal(proof.document as never, key.publicKey)).toEqual({ valid: true });
    expect((await wallet(token)).map((i) => i.id)).toContain(proof.id);

    const p = await present(token, proof.id, 'minimal');
    const v = (await verify({ token: p.token })).json() as VerificationResult;
    expect(v.document.title).toBe('不动产权属查询证明');
    expect(v.fields.find((f) => f.key === 'result')!.value).toBe('名下无不动产登记记录');
    expect(v.fields.find((f) => f.key === 'subjectName')!.value).toBe('应*');
    expect(JSON.stringify(v)).not.toContain('331023196801208629');
  });

  it('a 有房证明 lists the current holdings', async () => {
    const token = await holder();
    const proof = (await h.post('/me/holdings-proofs', {}, token)).json() as WalletItem;
    const body = proof.document!.body as { hasHoldings: boolean; holdings: unknown[] };
    expect(body.hasHoldings).toBe(true);
    expect(body.holdings).toHaveLength(2);
  });
});

describe('public pages', () => {
  it('serves /verify, its decoder and the void-announcement search without login', async () => {
    for (const [url, type, text] of [
      ['/verify', 'text/html', '电子证照核验'],
      ['/verify/app.js', 'javascript', '/api/v1/verify'],
      ['/verify/jsqr.js', 'javascript', 'jsQR'],
      ['/void-announcements', 'text/html', '公告作废'],
      ['/void-announcements/app.js', 'javascript', '/api/v1/void-announcements'],
    ]) {
      const r = await h.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain(type);
      expect(r.body).toContain(text);
    }
    const page = await h.app.inject({ method: 'GET', url: '/verify' });
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
