/**
 * 婚姻状况承诺 (告知承诺) form: while 民政 has not answered whether the signed-in holder is married,
 * the holder pledges it where the MARRIAGE_STATUS_PENDING notice is shown; validated as typed, sent
 * as the holder's own pledge, server refusals shown in Chinese; nothing for anyone else.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CaseDetail } from '@contract';
import { CoSignScreen, resetApply, useApply } from '@/features/apply';
import { RegisterParties } from '@/features/apply/TermsStep';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fail, fakePlatform, serveRoutes, type Seen } from './fakes';

const ME = LOGIN.user.personId;
const PENDING: CaseDetail = {
  caseId: 'CASE-M',
  businessTypeCode: 'mortgage.first',
  businessTypeName: '抵押权首次登记',
  status: 'draft',
  unitCode: '331023001004GB06142F00040001',
  parties: [
    { personId: 'ORG02', name: '中国建设银行股份有限公司台州分行', role: 'mortgagee' },
    { personId: ME, name: '杨永明', role: 'rightHolder' },
  ],
  marriageCheck: {
    checkedAt: '2026-11-29T01:00:00.000Z',
    holders: [{ personId: ME, status: 'unknown', reason: 'unavailable' }],
    message:
      '民政婚姻登记信息暂未取得（系统维护），无法确认是否需要配偶同意，暂不能提交。请稍后再提交，届时将重新向民政查询',
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

const COMMITTED: CaseDetail = {
  ...PENDING,
  parties: [...PENDING.parties, { personId: 'P014', name: '徐彩云', role: 'consentingSpouse' }],
  marriageCheck: {
    checkedAt: '2026-11-29T01:00:00.000Z',
    holders: [
      {
        personId: ME,
        status: 'married',
        reason: 'unavailable',
        commitment: {
          maritalStatus: '已婚',
          spouseName: '徐彩云',
          committedAt: '2026-11-29T01:06:00.000Z',
          contradicted: false,
        },
      },
    ],
  },
  version: 2,
};

/** answers POST marital-commitment with `answer` (an error when it has a code) */
function serve(answer: CaseDetail | { status: number; code: string; message: string }): Seen {
  return serveRoutes(() => ('code' in answer ? fail(answer) : answer));
}

/** answers by method and url; the case is read again after the pledge */
const routes = (table: Record<string, () => unknown>): Seen => serveRoutes(table);

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

beforeEach(() => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
  resetApply();
});
afterEach(() => {
  setApiClient(undefined);
  setPlatform(undefined);
});

describe('婚姻状况承诺 form', () => {
  it('validates as typed, sends the holder’s own pledge with the spouse, then shows it', async () => {
    const seen = serve(COMMITTED);
    const { container, rerender } = render(<RegisterParties detail={PENDING} records="mortgage" />);
    expect(screen.getByRole('status')).toHaveTextContent('民政婚姻登记信息暂未取得');
    const save = screen.getByRole('button', { name: '作出承诺' });
    fireEvent.click(save);
    expect(await screen.findByRole('alert')).toHaveTextContent('请选择您目前的婚姻状况');
    expect(seen).toHaveLength(0);

    expect(container.querySelector('.marital-spouse-id')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /已婚/ }));
    expect(screen.getByRole('radio', { name: /已婚/ })).toHaveAttribute('aria-checked', 'true');
    await typeInto(container, '.marital-spouse-name', '徐彩云');
    // a wrong check digit is caught while typing, and nothing is sent
    await typeInto(container, '.marital-spouse-id', '331003197508046481');
    expect(screen.getByText(/最后一位校验码不正确/)).toBeInTheDocument();
    fireEvent.click(save);
    expect(seen).toHaveLength(0);

    await typeInto(container, '.marital-spouse-id', '33100319750804648x');
    fireEvent.click(save);
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toEqual({
      key: 'POST /cases/CASE-M/marital-commitment',
      body: {
        personId: ME,
        maritalStatus: '已婚',
        spouse: { name: '徐彩云', idNumber: '33100319750804648X' },
      },
    });
    await waitFor(() => expect(useApply.getState().detail?.version).toBe(2));
    rerender(<RegisterParties detail={useApply.getState().detail} records="mortgage" />);
    expect(screen.getByText(/您已作出婚姻状况承诺：已婚（配偶 徐彩云/)).toBeInTheDocument();
    expect(screen.getByText(/徐彩云（配偶）/)).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('未婚 needs no spouse; a refusal is shown in Chinese and the form stays', async () => {
    const seen = serve({
      status: 409,
      code: 'MARITAL_COMMITMENT_NOT_NEEDED',
      message: '民政已答复您的婚姻状况，无需再作承诺',
    });
    render(<RegisterParties detail={PENDING} records="mortgage" />);
    fireEvent.click(screen.getByRole('radio', { name: /未婚/ }));
    expect(screen.queryByText('配偶姓名')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '作出承诺' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0].body).toEqual({ personId: ME, maritalStatus: '未婚' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '民政已答复您的婚姻状况，无需再作承诺',
    );
    expect(screen.getByRole('radiogroup', { name: '您目前的婚姻状况' })).toBeInTheDocument();
  });

  it('shows nothing to someone who is not the holder asked about', () => {
    serve(COMMITTED);
    const other: CaseDetail = {
      ...PENDING,
      marriageCheck: {
        ...PENDING.marriageCheck!,
        holders: [{ personId: 'P999', status: 'unknown', reason: 'unavailable' }],
      },
    };
    render(<RegisterParties detail={other} records="mortgage" />);
    expect(screen.getByRole('status')).toHaveTextContent('民政婚姻登记信息暂未取得');
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '作出承诺' })).not.toBeInTheDocument();
  });

  it('on the co-signer’s screen: a selling holder pledges their own status, then the case is read again', async () => {
    const signing: CaseDetail = {
      ...PENDING,
      status: 'signing',
      availableActions: ['answerInquiry', 'decline'],
    };
    let current = signing;
    const seen = routes({
      'GET /cases/CASE-M': () => current,
      'GET /cases/CASE-M/parties/P001/inquiry': () => ({
        partyId: ME,
        questions: [],
        answers: {},
      }),
      'POST /cases/CASE-M/marital-commitment': () => {
        current = {
          ...signing,
          marriageCheck: {
            checkedAt: signing.marriageCheck!.checkedAt,
            holders: [
              {
                personId: ME,
                status: 'unmarried',
                reason: 'unavailable',
                commitment: {
                  maritalStatus: '丧偶',
                  committedAt: '2026-11-29T01:06:00.000Z',
                  contradicted: false,
                },
              },
            ],
          },
        };
        return current;
      },
    });
    render(<CoSignScreen caseId="CASE-M" />);
    fireEvent.click(await screen.findByRole('radio', { name: /丧偶/ }));
    fireEvent.click(screen.getByRole('button', { name: '作出承诺' }));
    expect(await screen.findByText(/您已作出婚姻状况承诺：丧偶/)).toBeInTheDocument();
    expect(seen.find((x) => x.key === 'POST /cases/CASE-M/marital-commitment')?.body).toEqual({
      personId: ME,
      maritalStatus: '丧偶',
    });
    expect(seen.filter((x) => x.key === 'GET /cases/CASE-M').length).toBeGreaterThanOrEqual(2);
  });
});
