/**
 * 扫码核验 checks the seal on the phone first: the registry's public key is
 * fetched once and kept; a forged token is refused as forged without any call to /verify; a
 * sealed one goes on to the registry for the status now, and the result says the seal was
 * checked on this phone.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import type { VerificationResult } from '@contract';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  encodePublicKeyHex,
  keyPairFromPrivateKey,
  kSourceFromRandomBytes,
} from '../../mock-server/src/domain/crypto';
import {
  signPresentationToken,
  type PresentationClaims,
} from '../../mock-server/src/domain/presentation';
import { forgetRegistryPublicKey } from '@/features/verify/api';
import { VerifyScreen } from '@/features/verify/VerifyScreen';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { fakePlatform, serveScriptedAnonymous } from './fakes';

// the registry's domain code (used here to make real tokens) needs these; jsdom lacks them
Object.assign(globalThis, { TextEncoder: NodeTextEncoder, TextDecoder: NodeTextDecoder });

const registry = keyPairFromPrivateKey(BigInt(`0x${'2b'.repeat(32)}`));
const forger = keyPairFromPrivateKey(BigInt(`0x${'7d'.repeat(32)}`));
const k = kSourceFromRandomBytes((n) => new Uint8Array(n).map((_, i) => (i * 29 + 3) & 0xff));
const claims: PresentationClaims = {
  v: 1,
  typ: 'estate-presentation',
  kid: 'REGKEY-1',
  pid: 'PRES-1',
  sub: 'CERT-1',
  kind: 'titleCertificate',
  view: 'minimal',
  fields: ['location'],
  nonce: '00112233445566778899aabbccddeeff',
  iat: '2026-03-02T01:00:00.000Z',
  exp: '2026-03-02T01:05:00.000Z',
  uses: 3,
};
const KEY = {
  keyId: 'REGKEY-1',
  algorithm: 'SM2-with-SM3',
  curve: 'sm2p256v1',
  userId: '1234567812345678',
  publicKey: encodePublicKeyHex(registry.publicKey),
};
const RESULT: VerificationResult = {
  outcome: 'valid',
  verifiedAt: '2026-03-02T01:01:00.000Z',
  seal: { valid: true, keyId: 'REGKEY-1', algorithm: 'SM2-with-SM3' },
  document: { kind: 'titleCertificate', title: '不动产权证书' },
  view: 'minimal',
  fields: [{ key: 'location', label: '坐落', value: '台州市椒江区某小区1幢101室' }],
  status: { certificate: 'current', restrictions: [], summary: '现势' },
  presentation: { issuedAt: claims.iat, expiresAt: claims.exp, usesLeft: 2 },
  message: '电子印章有效，证照真实。当前状态：现势',
};

/** 浙里办: ZWJSBridge.scan answers with what the camera read. */
function scanner(...texts: string[]) {
  const queue = [...texts];
  (window as unknown as { ZWJSBridge?: unknown }).ZWJSBridge = {
    scan: async () => ({ text: queue.shift() }),
  };
  setPlatform({ ...fakePlatform().platform, name: 'zlb' });
}

describe('扫码核验: the seal is checked on the phone first', () => {
  beforeEach(() => forgetRegistryPublicKey());
  afterEach(() => {
    delete (window as unknown as { ZWJSBridge?: unknown }).ZWJSBridge;
    setApiClient(undefined);
  });

  it('refuses a token sealed by someone else as forged, without asking /verify', async () => {
    const forged = signPresentationToken(claims, forger.privateKey, k);
    scanner(`https://example.test/verify#${forged}`);
    const s = serveScriptedAnonymous({ status: 200, data: KEY }, { status: 200, data: RESULT });
    const { container } = render(<VerifyScreen />);
    fireEvent.click(screen.getByRole('button', { name: '扫码核验' }));
    await waitFor(() => expect(container.querySelector('.verify-result--bad')).not.toBeNull());
    expect(container.querySelector('.verify-result')).toHaveTextContent('电子签章无效');
    expect(container.querySelector('.verify-result')).toHaveTextContent('本机已用登记机构公钥核验');
    expect(container.querySelector('.verify-result')?.getAttribute('data-code')).toBe(
      'TOKEN_SEAL_INVALID',
    );
    expect(s.calls.map((c) => c.url)).toEqual(['/registry/public-key']);
  });

  it('sends a sealed token on for the status now; the key is fetched once', async () => {
    const good = signPresentationToken(claims, registry.privateKey, k);
    const forged = signPresentationToken(claims, forger.privateKey, k);
    scanner(good, forged);
    const s = serveScriptedAnonymous({ status: 200, data: KEY }, { status: 200, data: RESULT });
    const { container } = render(<VerifyScreen />);
    fireEvent.click(screen.getByRole('button', { name: '扫码核验' }));
    await waitFor(() => expect(container.querySelector('.verify-result--ok')).not.toBeNull());
    expect(container.querySelector('.verify-result')).toHaveTextContent('核验通过：有效');
    expect(container.querySelector('.verify-result')).toHaveTextContent(
      '有效（本机已用登记机构公钥核验）',
    );
    expect(s.calls.map((c) => c.url)).toEqual(['/registry/public-key', '/verify']);
    expect(JSON.parse(String(s.calls[1].data))).toEqual({ token: good });

    fireEvent.click(screen.getByRole('button', { name: '扫码核验' }));
    await waitFor(() => expect(container.querySelector('.verify-result--bad')).not.toBeNull());
    expect(s.calls.map((c) => c.url)).toEqual(['/registry/public-key', '/verify']);
  });

  it('a printed certificate’s QR asks for the status now and shows number and status only', async () => {
    const check = '0123456789abcdef0123456789abcdef';
    scanner(`https://bdc.example.gov.cn/verify?c=CERT-1&check=${check}`);
    const s = serveScriptedAnonymous({
      status: 200,
      data: {
        outcome: 'valid',
        checkedAt: '2026-03-02T01:02:00.000Z',
        title: '不动产权证书',
        number: '浙(2022)台州市不动产权第0012344号',
        status: { certificate: 'cancelled', restrictions: [], summary: '已注销' },
        message: '该打印版对应的证书已注销，不能作为现势权利的证明',
      },
    });
    const { container } = render(<VerifyScreen />);
    fireEvent.click(screen.getByRole('button', { name: '扫码核验' }));
    await waitFor(() => expect(container.querySelector('.verify-result--bad')).not.toBeNull());
    expect(container.querySelector('.verify-result')).toHaveTextContent('证书已注销');
    expect(container.querySelector('.verify-result')).toHaveTextContent('（打印版）');
    expect(s.calls.map((c) => [c.url, c.params])).toEqual([
      ['/print-checks', { c: 'CERT-1', check }],
    ]);
  });

  it('leaves the seal to the registry when the key cannot be fetched', async () => {
    scanner(signPresentationToken(claims, registry.privateKey, k));
    const s = serveScriptedAnonymous(
      { status: 503, data: { code: 'X', message: '服务暂不可用', requestId: 'r' } },
      { status: 200, data: RESULT },
    );
    const { container } = render(<VerifyScreen />);
    fireEvent.click(screen.getByRole('button', { name: '扫码核验' }));
    await waitFor(() => expect(container.querySelector('.verify-result--ok')).not.toBeNull());
    expect(s.calls.map((c) => c.url)).toEqual(['/registry/public-key', '/verify']);
    expect(container.querySelector('.verify-result')).not.toHaveTextContent('本机已用');
  });
});
