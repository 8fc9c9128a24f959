/**
 * 证照: the wallet lists co-owned and old-style items with their status; a
 * certificate's detail is laid out like the national form with seal, licence id and a
 * watermark when no longer current; 亮证 shows a QR code and the 6-digit code after the holder
 * chose what to disclose; 扫码核验 verifies a 6-digit code and shows the status. What a citizen
 * reads by default is in plain words, with key ids, algorithms and error codes behind 详情.
 */
import type { PresentationResponse, VerificationResult, WalletItem } from '@contract';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CertificateDetailScreen } from '@/features/wallet/CertificateDetailScreen';
import { PresentScreen } from '@/features/wallet/PresentScreen';
import { WalletScreen } from '@/features/wallet/WalletScreen';
import { qrDataUrl } from '@/features/wallet/qr';
import { VerifyScreen } from '@/features/verify/VerifyScreen';
import { setApiClient } from '@/shared/api';
import { TECHNICAL_TOKEN } from '@/shared/lib/publicWords';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn, signOut } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform, serveScripted } from './fakes';

const SEAL = {
  algorithm: 'SM2-with-SM3' as const,
  userId: '1234567812345678',
  sealName: '台州市自然资源和规划局不动产登记专用章',
  keyId: 'REGKEY-abc',
  publicKey: '04ab',
  digest: 'ff00',
  signature: '00',
};
const BODY = {
  documentType: 'titleCertificate',
  number: '浙(2022)台州市不动产权第0012344号',
  registeredOn: '2022-05-01',
  rightHolders: ['杨永明', '徐彩云'],
  coOwnership: '共同共有',
  location: '台州市椒江区下陈街道九龙府8幢3单元202室',
  unitCode: '331002005008 GB07196 F00080001',
  rightType: '国有建设用地使用权/房屋所有权',
  rightNature: '出让/商品房',
  use: '城镇住宅用地/住宅',
  area: '共用宗地面积30.00㎡/房屋建筑面积147.10㎡',
  term: '国有建设用地使用权至2086-01-01止',
  otherState: '房屋结构：钢筋混凝土',
  remarks: '本证书为电子证书',
  licenceId: '1.2.156.3005.2.11100000MB03271699001.331002.20220012344.001.X',
};
const JOINT: WalletItem = {
  id: 'CERT-1',
  kind: 'titleCertificate',
  title: '不动产权证书',
  number: BODY.number,
  issuedOn: '2022-05-01',
  location: BODY.location,
  unitCode: '331002005008GB07196F00080001',
  licenceId: BODY.licenceId,
  form: 'electronic',
  status: { certificate: 'current', restrictions: ['mortgage'], summary: '现势；已抵押' },
  coOwned: true,
  presentable: true,
  document: { body: BODY, seal: SEAL },
};
const OLD: WalletItem = {
  id: 'CERT-2',
  kind: 'oldStyle',
  title: '房屋所有权证（旧版）',
  number: '台房权证三字第0491177号',
  issuedOn: '2010-01-01',
  location: '台州市三门县海游街道和园花园11幢2单元1704室',
  form: 'paper',
  status: { certificate: 'current', restrictions: [], summary: '现势' },
  coOwned: false,
  presentable: false,
  explanation: '旧版房屋所有权证、土地使用权证和他项权证不制作电子证照（改革细则）。',
};
const CANCELLED: WalletItem = {
  ...JOINT,
  id: 'CERT-3',
  status: { certificate: 'cancelled', restrictions: [], summary: '已注销' },
  presentable: false,
  coOwned: false,
  explanation: '该证书已注销（权利已转移或变更），不能再出示。',
};

describe('证照', () => {
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    reloadSession();
  });
  afterEach(() => {
    setApiClient(undefined);
    setPlatform(undefined);
  });

  it('asks to log in first when signed out', () => {
    signOut();
    render(<WalletScreen />);
    expect(screen.getByRole('heading', { name: '请先登录' })).toBeInTheDocument();
  });

  it('lists co-owned, old-style and cancelled items with status, tags and explanations', async () => {
    signIn(LOGIN);
    const s = serveScripted({ status: 200, data: { items: [JOINT, OLD, CANCELLED] } });
    const { container } = render(<WalletScreen />);
    await waitFor(() => expect(container.querySelectorAll('.wallet-card')).toHaveLength(3));
    expect(s.calls[0].url).toBe('/me/wallet');
    const [joint, old, cancelled] = Array.from(container.querySelectorAll('.wallet-card'));
    expect(joint).toHaveTextContent('有效；已抵押');
    expect(joint).toHaveTextContent('共有');
    expect(old).toHaveTextContent('不制作电子证照');
    expect(cancelled.querySelector('.wallet-watermark')).toHaveTextContent('已注销');
    expect(screen.getByRole('button', { name: '申请权属证明' })).toBeInTheDocument();
  });

  it('shows a certificate like the national form, with seal and licence id; 亮证 only when current', async () => {
    signIn(LOGIN);
    serveScripted({ status: 200, data: { item: JOINT, history: [], verifications: [] } });
    const { container, unmount } = render(<CertificateDetailScreen id="CERT-1" />);
    await waitFor(() => expect(container.querySelector('.cert-form')).not.toBeNull());
    const labels = Array.from(container.querySelectorAll('.cert-form__key')).map(
      (e) => e.textContent,
    );
    expect(labels).toEqual([
      '登记日期',
      '证号',
      '权利人',
      '共有情况',
      '坐落',
      '不动产单元号',
      '权利类型',
      '权利性质',
      '用途',
      '面积',
      '使用期限',
      '权利其他状况',
      '附记',
    ]);
    expect(container.querySelector('.cert-form')).toHaveTextContent('杨永明、徐彩云');
    expect(container.querySelector('.cert-form__licence')).toHaveTextContent(BODY.licenceId);
    expect(container.querySelector('.cert-seal')).toHaveTextContent('不动产登记专用章');
    expect(screen.getByRole('button', { name: '亮证' })).toBeInTheDocument();
    unmount();

    serveScripted({ status: 200, data: { item: CANCELLED, history: [], verifications: [] } });
    const again = render(<CertificateDetailScreen id="CERT-3" />);
    await waitFor(() => expect(again.container.querySelector('.cert-form--ended')).not.toBeNull());
    expect(again.container.querySelector('.wallet-watermark')).toHaveTextContent('已注销');
    expect(screen.queryByRole('button', { name: '亮证' })).toBeNull();
  });

  it('shows registration history and verifications in Beijing time, never UTC', async () => {
    signIn(LOGIN);
    serveScripted({
      status: 200,
      data: {
        item: JOINT,
        history: [{ at: '2026-12-07T07:33:56.000Z', text: '登簿：首次登记' }],
        verifications: [
          {
            verifiedAt: '2026-12-07T16:05:09.000Z',
            verifierKind: 'web',
            verifier: '网页核验',
            via: 'code',
            view: 'minimal',
          },
        ],
      },
    });
    const { container } = render(<CertificateDetailScreen id="CERT-1" />);
    await waitFor(() => expect(container.querySelector('.certificate__entry')).not.toBeNull());
    const times = Array.from(container.querySelectorAll('.certificate__when')).map(
      (e) => e.textContent,
    );
    expect(times).toEqual(['2026-12-07 15:33', '2026-12-08 00:05:09']);
    expect(container.textContent).not.toMatch(/07:33|16:05|T\d{2}:/);
  });

  it('keeps key id, algorithm and digest of the seal behind 印章详情', async () => {
    signIn(LOGIN);
    serveScripted({ status: 200, data: { item: JOINT, history: [], verifications: [] } });
    const { container } = render(<CertificateDetailScreen id="CERT-1" />);
    await waitFor(() => expect(container.querySelector('.cert-seal')).not.toBeNull());
    expect(container.textContent).not.toMatch(TECHNICAL_TOKEN);
    expect(container.textContent).not.toContain('现势');
    expect(container.querySelector('.cert-form__status')).toHaveTextContent(
      '当前状态：有效；已抵押',
    );
    const fold = screen.getByRole('button', { name: /印章详情/ });
    expect(fold).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(fold);
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    expect(container.querySelector('.cert-seal__details')).toHaveTextContent('SM2-with-SM3');
    expect(container.querySelector('.cert-seal__details')).toHaveTextContent('密钥标识 REGKEY-abc');
  });

  it('扫码核验 refused: the reason in words, its code only behind 详情', async () => {
    serveScripted({
      status: 404,
      data: {
        code: 'VERIFY_CODE_NOT_FOUND',
        message: '核验码不存在或已过期，请让持证人刷新后重试（原因代码 VERIFY_CODE_NOT_FOUND）',
        requestId: 'req-1',
      },
    });
    const { container } = render(<VerifyScreen />);
    const input = await waitFor(() => {
      const el = container.querySelector('.verify__code input') as HTMLInputElement | null;
      if (!el) throw new Error('no code input');
      return el;
    });
    act(() => {
      input.value = '654321';
      fireEvent.input(input, { target: { value: '654321' } });
    });
    fireEvent.click(screen.getByRole('button', { name: '核验' }));
    await waitFor(() => expect(container.querySelector('.verify-result--bad')).not.toBeNull());
    const result = container.querySelector('.verify-result')!;
    expect(result).toHaveTextContent('核验码不存在或已过期，请让持证人刷新后重试');
    expect(result.textContent).not.toMatch(TECHNICAL_TOKEN);
    fireEvent.click(screen.getByRole('button', { name: /详情/ }));
    expect(result).toHaveTextContent('原因代码 VERIFY_CODE_NOT_FOUND');
  });

  it('亮证: choose minimal, then a QR code and the 6-digit code', async () => {
    signIn(LOGIN);
    const p: PresentationResponse = {
      presentationId: 'PRES-1',
      token: 'HE1.abc.def',
      verifyPath: '/verify',
      code: '123456',
      view: 'minimal',
      fields: ['location'],
      issuedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 300_000).toISOString(),
      refreshAfterSeconds: 60,
      allowance: 3,
    };
    const s = serveScripted({ status: 201, data: p });
    const { container } = render(<PresentScreen id="CERT-1" />);
    fireEvent.click(screen.getByRole('button', { name: '最小披露' }));
    await waitFor(() => expect(container.querySelector('.present__code-digits')).not.toBeNull());
    expect(s.calls[0].url).toBe('/me/wallet/CERT-1/presentations');
    expect(JSON.parse(String(s.calls[0].data))).toEqual({ view: 'minimal' });
    expect(container.querySelector('.present__code-digits')).toHaveTextContent('123456');
    const img = container.querySelector('.present__qr img, img.present__qr, .present__qr');
    expect(img).not.toBeNull();
    expect(container.querySelector('.present__timer')).toHaveTextContent('秒后自动刷新');
    // the full verification address under the QR code, the very address the QR code carries
    const address = `${window.location.origin}/verify#HE1.abc.def`;
    expect(container.querySelector('.present__address-url')?.textContent).toBe(address);
    expect((img as HTMLImageElement).src).toBe(qrDataUrl(address));
    expect(container.querySelector('.present')).toHaveTextContent(
      `在浏览器打开 ${window.location.origin}/verify 输入核验码`,
    );
  });

  it('扫码核验: a 6-digit code shows the status and the disclosed fields', async () => {
    const result: VerificationResult = {
      outcome: 'valid',
      verifiedAt: '2026-03-02T01:00:00.000Z',
      seal: { valid: true, keyId: 'REGKEY-abc', algorithm: 'SM2-with-SM3' },
      document: { kind: 'titleCertificate', title: '不动产权证书' },
      view: 'minimal',
      fields: [{ key: 'location', label: '坐落', value: BODY.location }],
      status: { certificate: 'current', restrictions: ['mortgage'], summary: '现势；已抵押' },
      presentation: { issuedAt: '', expiresAt: '', usesLeft: 2 },
      message: '电子印章有效，证照真实。当前状态：现势；已抵押',
    };
    const s = serveScripted({ status: 200, data: result });
    const { container } = render(<VerifyScreen />);
    const input = await waitFor(() => {
      const el = container.querySelector('.verify__code input') as HTMLInputElement | null;
      if (!el) throw new Error('no code input');
      return el;
    });
    act(() => {
      input.value = '654321';
      fireEvent.input(input, { target: { value: '654321' } });
    });
    fireEvent.click(screen.getByRole('button', { name: '核验' }));
    await waitFor(() => expect(container.querySelector('.verify-result')).not.toBeNull());
    expect(JSON.parse(String(s.calls[0].data))).toEqual({ code: '654321' });
    expect(container.querySelector('.verify-result')).toHaveTextContent('核验通过：有效；已抵押');
    expect(container.querySelector('.verify-result')).toHaveTextContent(BODY.location);
    expect(container.querySelector('.verify-result')!.textContent).not.toMatch(TECHNICAL_TOKEN);
    fireEvent.click(screen.getByRole('button', { name: /详情/ }));
    expect(container.querySelector('.verify-result__details')).toHaveTextContent('REGKEY-abc');
  });
});
