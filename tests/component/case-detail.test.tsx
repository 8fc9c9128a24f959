/**
 * 我的办件 › 办件详情: a case waiting for corrections shows its 补正期限 and what follows when it
 * passes; a finished case shows its outcome and its 归档 separately (a refused case filed in the
 * archive says so, though its status stays 不予登记); the list says both in one line.
 */
import type { CaseDetail } from '@contract';
import { render, screen, waitFor } from '@testing-library/react';
import { CaseDetailScreen } from '@/features/cases/CaseDetailScreen';
import { statusLine } from '@/features/cases/labels';

import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { setApiClient } from '@/shared/api';
import { LOGIN } from './auth-fakes';
import { fakePlatform, serveScripted } from './fakes';

const serve = serveScripted;

const BASE: CaseDetail = {
  caseId: 'CASE-1',
  caseNumber: '2026120700001',
  businessTypeCode: 'transfer.secondHandSale',
  businessTypeName: '二手房买卖转移登记',
  status: 'correctionRequested',
  unitCode: '331022002008GB00162F00060001',
  location: '台州市三门县海润街道海韵花园6幢1单元1203室',
  parties: [],
  answers: {},
  materials: [],
  createdAt: '2026-12-07T02:00:00.000Z',
  updatedAt: '2026-12-07T02:00:00.000Z',
  timeline: [],
  documents: [],
  notices: [],
  availableActions: [],
  version: 3,
};
const NO_MESSAGES = { status: 200, data: { items: [] } };

describe('办件详情', () => {
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    signIn(LOGIN);
  });
  afterEach(() => {
    setApiClient(undefined);
    setPlatform(undefined);
  });

  it('shows the 补正期限 of a case waiting for corrections and what follows when it passes', async () => {
    const c: CaseDetail = {
      ...BASE,
      correction: {
        requestedAt: '2026-12-07T02:00:00.000Z',
        items: [{ code: 'materials.clear', explanation: '材料无法辨认：网签买卖合同' }],
        dueOn: '2026-12-21',
        stage: 'intake',
      },
    };
    serve({ status: 200, data: c }, NO_MESSAGES);
    const { container } = render(<CaseDetailScreen caseId="CASE-1" />);
    await waitFor(() => expect(container.querySelector('.correction__due')).not.toBeNull());
    expect(container.querySelector('.correction__due')).toHaveTextContent(
      '补正期限：2026-12-21（含当日，按工作日计算）。逾期未补正的，将不予受理。',
    );
    expect(container.querySelector('.case-detail__end')).toBeNull();
  });

  it('shows a refused case’s outcome and its filing in the archive apart', async () => {
    const c: CaseDetail = {
      ...BASE,
      status: 'refused',
      outcome: 'refused',
      archive: {
        filed: true,
        archiveNumber: '台不动产档〔2026〕第000012号',
        filedAt: '2026-12-07T02:01:00.000Z',
      },
    };
    serve({ status: 200, data: c }, NO_MESSAGES);
    render(<CaseDetailScreen caseId="CASE-1" />);
    const end = await screen.findByRole('group', { name: '办理结果与归档' });
    expect(end).toHaveTextContent('办理结果：不予登记');
    expect(end).toHaveTextContent('归档：已归档（档案号 台不动产档〔2026〕第000012号）');
  });

  it('the list line says outcome and filing; a case not finished keeps its status', () => {
    expect(
      statusLine({ status: 'withdrawn', outcome: 'withdrawn', archive: { filed: false } }),
    ).toBe('已撤回 · 待归档');
    expect(statusLine({ status: 'archived', outcome: 'issued', archive: { filed: true } })).toBe(
      '已发证 · 已归档',
    );
    expect(statusLine({ status: 'review' })).toBe('审核中');
  });
});
