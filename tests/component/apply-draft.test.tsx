import { render, screen, waitFor } from '@testing-library/react';
import type { CaseDetail, MaterialsResponse } from '@contract';
import { ApplyScreen, DRAFT_KEY, resetApply, useApply } from '@/features/apply';
import { formFromCase } from '@/features/apply/draft';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform, serveRoutes } from './fakes';

const CASE: CaseDetail = {
  caseId: 'CASE-1',
  businessTypeCode: 'transfer.secondHandSale',
  businessTypeName: '二手房买卖转移登记',
  status: 'draft',
  unitCode: '331023001008GB05261F00040001',
  location: '台州市天台县赤城街道书香府4幢1单元601室',
  parties: [
    { personId: LOGIN.user.personId, name: '潘晓东', role: 'obligor' },
    { personId: 'P048', name: '应敏', role: 'rightHolder' },
  ],
  newCoOwnership: 'sole',
  priceYuan: 1_200_000,
  answers: {},
  materials: [],
  createdAt: '2026-11-29T01:00:00.000Z',
  updatedAt: '2026-11-29T01:05:00.000Z',
  timeline: [],
  documents: [],
  notices: [],
  availableActions: ['edit', 'withdraw', 'uploadMaterial'],
  version: 4,
};
const MATERIALS: MaterialsResponse = {
  items: [
    {
      code: 'identity',
      name: '身份证明',
      required: true,
      source: 'shared',
      allowedSources: ['shared', 'upload'],
      dataSource: '公安',
      status: 'provided',
      files: [],
    },
    {
      code: 'contract',
      name: '买卖合同',
      required: true,
      source: 'upload',
      allowedSources: ['upload'],
      status: 'missing',
      files: [],
    },
    {
      code: 'marriage',
      name: '婚姻状况',
      required: true,
      source: 'commitment',
      allowedSources: ['shared', 'commitment'],
      status: 'provided',
      files: [],
      committedAt: '2026-11-29T01:04:00.000Z',
    },
  ],
};

const route = serveRoutes;

describe('draft restore', () => {
  afterEach(() => {
    setApiClient(undefined);
    setPlatform(undefined);
  });

  it('an app killed at 申请材料 resumes at the same step with the same form', async () => {
    const cached = {
      v: 1,
      step: 'materials',
      caseId: 'CASE-1',
      form: {
        businessTypeCode: 'transfer.secondHandSale',
        businessTypeName: '二手房买卖转移登记',
        unitCode: CASE.unitCode,
        location: CASE.location,
        holders: [
          {
            key: 'h1',
            name: '应敏',
            idNumber: '331023196801208629',
            phone: '18856236963',
            percent: '',
          },
        ],
        coOwnership: 'sole',
        priceYuan: '1200000',
      },
      savedAt: '2026-11-29T01:05:00.000Z',
    };
    const fake = fakePlatform({ stored: { [DRAFT_KEY]: JSON.stringify(cached) } });
    setPlatform(fake.platform);
    reloadSession();
    signIn(LOGIN);
    resetApply();
    const seen = route({ 'GET /cases/CASE-1': CASE, 'GET /cases/CASE-1/materials': MATERIALS });
    render(<ApplyScreen />);
    expect(await screen.findByText('第 5 / 8 步：申请材料')).toBeInTheDocument();
    expect(await screen.findByText(/已通过数据共享获取（公安）/)).toBeInTheDocument();
    expect(screen.getByText(/已签署告知承诺/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '拍照上传' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: '拍照上传' })).toHaveLength(1); // shared / committed: no upload button
    // the phone-only fields (ID number, phone) survive alongside the server draft
    expect(useApply.getState().form.holders[0]).toMatchObject({
      idNumber: '331023196801208629',
      phone: '18856236963',
    });
    // it reads the same case (no new case, no draft re-sent); the materials step may also ask
    // the registry to (re)fetch shared data for that case
    const keys = seen.map((r) => r.key);
    expect(keys.slice(0, 2)).toEqual(['GET /cases/CASE-1', 'GET /cases/CASE-1/materials']);
    expect(keys.slice(2).every((r) => r.includes('/cases/CASE-1/shared-data'))).toBe(true);
    // and it is cached again
    expect(JSON.parse(fake.store.get(DRAFT_KEY)!).step).toBe('materials');
  });

  it('another phone (no cache) continues the server draft after login at the right step', async () => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    signIn(LOGIN);
    resetApply();
    route({
      'GET /cases/CASE-1': CASE,
      [`GET /cases/CASE-1/parties/${LOGIN.user.personId}/inquiry`]: {
        partyId: LOGIN.user.personId,
        questions: [],
        answers: {},
      },
    });
    render(<ApplyScreen caseId="CASE-1" />);
    expect(await screen.findByText('第 4 / 8 步：询问笔录')).toBeInTheDocument();
    await waitFor(() =>
      expect(useApply.getState().form.holders.map((h) => h.name)).toEqual(['应敏']),
    );
  });

  it('without a cache or case starts at 选择业务', async () => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    signIn(LOGIN);
    resetApply();
    route({ 'GET /catalogue': { items: [], catalogueVersion: 1 } });
    render(<ApplyScreen />);
    expect(await screen.findByText('第 1 / 8 步：选择业务')).toBeInTheDocument();
  });
});

describe('a draft read back from the server with the buyer masked', () => {
  const masked = {
    businessTypeCode: 'transfer.secondHandSale',
    businessTypeName: '二手房买卖转移登记',
    unitCode: '331023001008GB05261F00040001',
    status: 'draft',
    parties: [
      { personId: 'P048', name: '应*', role: 'rightHolder' },
      { personId: 'P035', name: '潘晓东', role: 'obligor' },
    ],
  } as unknown as CaseDetail;

  it('keeps the name entered on this phone, and shows the masked one on another', () => {
    const entered = {
      holders: [
        { key: 'h1', name: '应敏', idNumber: '331023196801208629', phone: '', percent: '' },
      ],
      coOwnership: 'sole' as const,
      priceYuan: '',
    };
    expect(formFromCase(masked, entered).holders).toEqual([entered.holders[0]]);
    expect(formFromCase(masked).holders.map((h) => h.name)).toEqual(['应*']);
  });
});
