/**
 * The guided application's new steps: every online business type in 选择业务 (the
 * holdings proof pointed to 证照), a unit named by certificate number, the mortgage's parties step
 * (bank and terms, validated as the user goes, sent as one draft), the consenting spouse shown from
 * the server draft, and the invitation's QR code next to the code and link (an organisation is
 * not invited: it signs by its own system's e-seal).
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type {
  CaseDetail,
  CatalogueResponse,
  InvitationResponse,
  SigningStatusResponse,
} from '@contract';
import { ApplyScreen, resetApply, useApply } from '@/features/apply';
import { SigningStatusPanel } from '@/features/apply/SigningStatusPanel';
import { RegisterParties } from '@/features/apply/TermsStep';
import { checkCertificateNumber } from '@/features/apply/ChooseSteps';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform, pickDate, serveRoutes } from './fakes';

const CATALOGUE: CatalogueResponse = {
  catalogueVersion: 1,
  items: [
    {
      code: 'transfer.secondHandSale',
      name: '二手房买卖转移登记',
      description: '买卖存量房屋',
      kind: 'transfer',
      promisedWorkingDays: 3,
      jointApplication: true,
      version: 1,
      application: {
        online: true,
        records: 'transfer',
        byCertificateNumber: { kind: 'titleCertificate' },
      },
    },
    {
      code: 'mortgage.first',
      name: '抵押权首次登记',
      description: '以不动产向银行设定抵押',
      kind: 'first',
      promisedWorkingDays: 1,
      jointApplication: true,
      version: 1,
      application: {
        online: true,
        records: 'mortgage',
        byCertificateNumber: { kind: 'titleCertificate' },
      },
    },
    {
      code: 'mortgage.cancellation',
      name: '抵押权注销登记',
      description: '贷款还清后注销抵押',
      kind: 'cancellation',
      promisedWorkingDays: 1,
      jointApplication: false,
      version: 1,
      application: {
        online: true,
        records: 'mortgageCancellation',
        byCertificateNumber: { kind: 'registrationProof' },
      },
    },
    {
      code: 'change.holderIdentity',
      name: '变更登记（权利人姓名或身份证号变更）',
      description: '姓名或身份证号变化时申请',
      kind: 'change',
      promisedWorkingDays: 1,
      jointApplication: false,
      version: 1,
      application: { online: true, records: 'holderIdentityChange' },
    },
    {
      code: 'query.holdingsProof',
      name: '不动产权属查询证明',
      description: '有房无房证明',
      kind: 'query',
      promisedWorkingDays: 0,
      jointApplication: false,
      version: 1,
      application: { online: false },
    },
  ],
};

const CERT = '浙(2023)天台县不动产权第0029887号';
const CASE: CaseDetail = {
  caseId: 'CASE-M',
  businessTypeCode: 'mortgage.first',
  businessTypeName: '抵押权首次登记',
  status: 'draft',
  unitCode: '331023001004GB06142F00040001',
  location: '台州市天台县赤城街道阳光嘉园4幢2单元204室',
  parties: [
    { personId: 'ORG02', name: '中国建设银行股份有限公司台州分行', role: 'mortgagee' },
    { personId: LOGIN.user.personId, name: '杨永明', role: 'rightHolder' },
    { personId: 'P014', name: '徐彩云', role: 'consentingSpouse' },
  ],
  mortgage: {
    mortgageType: '一般抵押',
    securedAmountYuan: 800000,
    debtStartsOn: '2026-12-01',
    debtEndsOn: '2046-12-01',
  },
  answers: {},
  materials: [],
  createdAt: '2026-11-29T01:00:00.000Z',
  updatedAt: '2026-11-29T01:05:00.000Z',
  timeline: [],
  documents: [],
  notices: [],
  availableActions: ['edit', 'withdraw'],
  version: 1,
};

const route = serveRoutes;

async function typeInto(container: HTMLElement, selector: string, value: string) {
  const input = await waitFor(() => {
    const el = container.querySelector(`${selector} input`) as HTMLInputElement | null;
    if (!el) throw new Error(`no input in ${selector}`);
    return el;
  });
  act(() => {
    input.value = value;
    fireEvent.input(input, { target: { value } });
  });
}

function signedInWithoutDraft() {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
  resetApply();
}

afterEach(() => {
  setApiClient(undefined);
  setPlatform(undefined);
});

describe('选择业务 and 选择不动产 for every business type', () => {
  it('lists 遗失补证 online and 异议登记 under 请到窗口办理 with its reason, never opened here', async () => {
    signedInWithoutDraft();
    const extra = (code: string, name: string, application: object) => ({
      code,
      name,
      description: name,
      kind: code.startsWith('objection') ? 'objection' : 'certificateReissue',
      promisedWorkingDays: 1,
      jointApplication: false,
      version: 1,
      application,
    });
    route({
      'GET /catalogue': {
        ...CATALOGUE,
        items: [
          ...CATALOGUE.items,
          extra('certificate.lostReplacement', '遗失补证', {
            online: true,
            records: 'certificateReissue',
          }),
          extra('objection.byInterestedParty', '异议登记', {
            online: false,
            records: 'objection',
            counterReason: '异议登记由利害关系人申请，须当面核验',
          }),
        ],
      },
      'GET /me/units': { items: [] },
    });
    render(<ApplyScreen />);
    const online = await screen.findByRole('list', { name: '可在线申请的业务' });
    expect(within(online).getByRole('button', { name: '选择 遗失补证' })).toBeInTheDocument();
    expect(within(online).queryByRole('button', { name: '选择 异议登记' })).toBeNull();
    const counter = screen.getByRole('list', { name: '请到窗口办理的业务' });
    expect(within(counter).getByText('异议登记')).toBeInTheDocument();
    expect(within(counter).getByText(/请到窗口办理：异议登记由利害关系人申请/)).toBeInTheDocument();
  });

  it('lists the online business types and points the holdings proof to 证照', async () => {
    signedInWithoutDraft();
    route({ 'GET /catalogue': CATALOGUE, 'GET /me/units': { items: [] } });
    render(<ApplyScreen />);
    const list = await screen.findByRole('list', { name: '可在线申请的业务' });
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual([
      '选择 二手房买卖转移登记',
      '选择 抵押权首次登记',
      '选择 抵押权注销登记',
      '选择 变更登记（权利人姓名或身份证号变更）',
    ]);
    expect(screen.getByText(/不动产权属查询证明无需申请办件/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '选择 抵押权首次登记' }));
    expect(await screen.findByText('第 2 / 8 步：选择不动产')).toBeInTheDocument();
    expect(useApply.getState().form).toMatchObject({
      records: 'mortgage',
      byCertificateNumber: 'titleCertificate',
    });
  });

  it('opened from a business card on 首页, the application starts on that business', async () => {
    signedInWithoutDraft();
    route({ 'GET /catalogue': CATALOGUE, 'GET /me/units': { items: [] } });
    render(<ApplyScreen businessType="mortgage.first" />);
    expect(await screen.findByText('第 2 / 8 步：选择不动产')).toBeInTheDocument();
    expect(useApply.getState().form).toMatchObject({
      businessTypeName: '抵押权首次登记',
      records: 'mortgage',
    });
    // 上一步 shows the list and does not select the card's business again
    fireEvent.click(screen.getByRole('button', { name: '上一步' }));
    expect(await screen.findByRole('list', { name: '可在线申请的业务' })).toBeInTheDocument();
    expect(useApply.getState().step).toBe('business');
  });

  it('names the unit by certificate number, checking its form as the user types', async () => {
    signedInWithoutDraft();
    route({ 'GET /catalogue': CATALOGUE, 'GET /me/units': { items: [] } });
    const { container } = render(<ApplyScreen />);
    fireEvent.click(await screen.findByRole('button', { name: '选择 二手房买卖转移登记' }));
    expect(await screen.findByText('名下暂无不动产')).toBeInTheDocument();
    // a buyer is told to join by the seller's invitation (nobody reads a unit's holders back)
    expect(screen.getByText(/买方无需发起申请：请卖方发起并邀请您/)).toBeInTheDocument();
    const next = screen.getByRole('button', { name: '用此证书号继续' });
    await typeInto(container, '.apply-certificate-number', '浙(2023)天台县不动产证明第0029887号');
    expect(screen.getByText(/请输入不动产权证书号/)).toBeInTheDocument();
    fireEvent.click(next);
    expect(useApply.getState().step).toBe('unit');
    // full-width brackets are accepted; spaces are dropped
    await typeInto(container, '.apply-certificate-number', ' 浙（2023）天台县不动产权第0029887号');
    fireEvent.click(next);
    expect(await screen.findByText('第 3 / 8 步：当事人')).toBeInTheDocument();
    expect(useApply.getState().form.certificateNumber).toBe('浙（2023）天台县不动产权第0029887号');
    expect(screen.getByText(/义务人（卖方）由登记簿带出；请填写买方/)).toBeInTheDocument();
  });

  it('checks certificate numbers by kind', () => {
    expect(checkCertificateNumber(CERT, 'titleCertificate')).toBeNull();
    expect(
      checkCertificateNumber('浙(2025)温岭市不动产证明第0028943号', 'registrationProof'),
    ).toBeNull();
    expect(checkCertificateNumber(CERT, 'registrationProof')).toMatch(/不动产登记证明号/);
    expect(checkCertificateNumber('台州123', 'titleCertificate')).toMatch(/格式不正确/);
  });
});

describe('当事人 of a mortgage', () => {
  it('validates the bank and the terms, sends one draft by certificate number, then shows the consenting spouse', async () => {
    signedInWithoutDraft();
    const seen = route({
      'GET /catalogue': CATALOGUE,
      'GET /me/units': { items: [] },
      'POST /cases': CASE,
      [`GET /cases/CASE-M/parties/${LOGIN.user.personId}/inquiry`]: {
        partyId: LOGIN.user.personId,
        questions: [],
        answers: {},
      },
    });
    const { container } = render(<ApplyScreen />);
    fireEvent.click(await screen.findByRole('button', { name: '选择 抵押权首次登记' }));
    await screen.findByText('第 2 / 8 步：选择不动产');
    await typeInto(container, '.apply-certificate-number', CERT);
    fireEvent.click(screen.getByRole('button', { name: '用此证书号继续' }));
    await screen.findByText('第 3 / 8 步：当事人');
    expect(screen.getByText(/配偶也会列为当事人/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '保存，下一步' }));
    expect(await screen.findAllByText(/请填写抵押权人（银行）名称/)).not.toHaveLength(0);
    expect(screen.getAllByText(/请填写18位统一社会信用代码/)).not.toHaveLength(0);
    expect(seen.filter((s) => s.key === 'POST /cases')).toEqual([]);

    await typeInto(container, '.mortgagee-name', '中国建设银行股份有限公司台州分行');
    await typeInto(container, '.mortgagee-uscc', '9133100089d72yuu7k');
    fireEvent.click(screen.getByRole('radio', { name: /一般抵押/ }));
    await typeInto(container, '.mortgage-amount', '800000');
    // dates come from the platform's date picker, never typed
    expect(container.querySelector('.mortgage-start input:not([type="hidden"])')).toBeNull();
    act(() => pickDate(container, '.mortgage-start', '2026-12-01'));
    act(() => pickDate(container, '.mortgage-end', '2026-11-01'));
    expect(container.querySelector('#mortgage-start')).toHaveTextContent('2026年12月01日');
    expect(container.querySelector('#mortgage-start')).toHaveAttribute(
      'aria-label',
      '债务履行期限起：2026年12月01日，点按选择日期',
    );
    fireEvent.click(screen.getByRole('button', { name: '保存，下一步' }));
    expect(await screen.findAllByText(/结束日期必须晚于开始日期/)).not.toHaveLength(0);
    act(() => pickDate(container, '.mortgage-end', '2046-12-01'));
    fireEvent.click(screen.getByRole('button', { name: '保存，下一步' }));

    expect(await screen.findByText('第 4 / 8 步：询问笔录')).toBeInTheDocument();
    expect(seen.find((s) => s.key === 'POST /cases')?.body).toEqual({
      businessTypeCode: 'mortgage.first',
      certificateNumber: CERT,
      parties: [
        {
          idNumber: '9133100089D72YUU7K',
          name: '中国建设银行股份有限公司台州分行',
          role: 'mortgagee',
        },
      ],
      mortgage: {
        mortgageType: '一般抵押',
        securedAmountYuan: 800000,
        debtStartsOn: '2026-12-01',
        debtEndsOn: '2046-12-01',
      },
    });
    // back to 当事人: the register's parties, with the spouse who must consent
    fireEvent.click(screen.getByRole('button', { name: '上一步' }));
    expect(await screen.findByText(/徐彩云（配偶）：婚姻登记信息显示/)).toBeInTheDocument();
    expect(screen.getByText(/杨永明（抵押人，登记簿记载的权利人）/)).toBeInTheDocument();
    expect(screen.getByText(/中国建设银行股份有限公司台州分行（抵押权人/)).toBeInTheDocument();
  });
});

describe('marriage status not answered by 民政', () => {
  it('shows why the case waits instead of guessing a spouse', () => {
    const message =
      '民政婚姻登记信息暂未取得（系统维护），无法确认是否需要配偶同意，暂不能提交。请稍后再提交，届时将重新向民政查询';
    const pending: CaseDetail = {
      ...CASE,
      parties: CASE.parties.filter((p) => p.role !== 'consentingSpouse'),
      marriageCheck: {
        checkedAt: '2026-11-29T01:00:00.000Z',
        holders: [{ personId: LOGIN.user.personId, status: 'unknown', reason: 'unavailable' }],
        message,
      },
    };
    const { rerender } = render(<RegisterParties detail={pending} records="mortgage" />);
    expect(screen.getByRole('status')).toHaveTextContent(message);
    expect(screen.queryByText(/（配偶）/)).not.toBeInTheDocument();
    // once 民政 answered, no such notice
    rerender(<RegisterParties detail={CASE} records="mortgage" />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByText(/徐彩云（配偶）/)).toBeInTheDocument();
  });
});

describe('invitations', () => {
  const STATUS: SigningStatusResponse = {
    caseId: 'CASE-M',
    status: 'signing',
    version: 3,
    contentVersion: 1,
    bundleDigest: 'a'.repeat(64),
    parties: [
      {
        partyId: 'ORG02',
        name: '中国建设银行股份有限公司台州分行',
        role: 'mortgagee',
        state: 'signed',
        signedAt: '2026-11-29T01:06:00.000Z',
        organisation: true,
      },
      { partyId: LOGIN.user.personId, name: '杨永明', role: 'rightHolder', state: 'signed' },
      { partyId: 'P014', name: '徐彩云', role: 'consentingSpouse', state: 'waiting' },
    ],
    allSigned: false,
    availableActions: ['invite'],
  };
  const INVITATION: InvitationResponse = {
    code: 'K7P2QX',
    partyId: 'P014',
    link: '/pages/invite/index?code=K7P2QX',
    expiresAt: '2026-12-06T01:06:00.000Z',
  };

  it('shows a QR code of the invitation link beside the code and link; the bank is not invited', async () => {
    signedInWithoutDraft();
    route({
      'GET /cases/CASE-M/signing-status': STATUS,
      'POST /cases/CASE-M/invitations': INVITATION,
    });
    render(
      <SigningStatusPanel caseId="CASE-M" myPartyId={LOGIN.user.personId} onSubmitted={() => {}} />,
    );
    const bank = await screen.findByText(/中国建设银行股份有限公司台州分行（抵押权人）/);
    const bankRow = bank.closest('[role="listitem"]') as HTMLElement;
    expect(within(bankRow).getByText('已由本机构系统电子签章')).toBeInTheDocument();
    expect(within(bankRow).queryByRole('button')).toBeNull();
    expect(screen.getAllByRole('button', { name: /^邀请/ })).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: '邀请徐彩云签名' }));
    const qr = (await screen.findByAltText(
      '邀请徐彩云签名的二维码，请对方用手机扫描',
    )) as HTMLImageElement;
    expect(qr.src).toMatch(/^data:image\/gif;base64,/);
    expect(qr.dataset.url).toBe(`${window.location.origin}/#/pages/invite/index?code=K7P2QX`);
    expect(document.querySelector('.invitation__code')).toHaveTextContent('邀请码：K7P2QX');
    expect(document.querySelector('.invitation__link')).toHaveTextContent(
      `${window.location.origin}/#/pages/invite/index?code=K7P2QX`,
    );
    await waitFor(() => expect(screen.queryByText('正在生成二维码…')).toBeNull());
  });
});
