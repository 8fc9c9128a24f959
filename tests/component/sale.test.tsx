/**
 * The home sale on screen: the tax panel shows every line with its rule; a payment the gateway
 * could not make shows 支付暂时无法完成 (nothing charged) and 重新缴税, and the retry carries the SAME
 * idempotency key; the receipt then shows with its seal. The contract form checks as typed and
 * keeps what was typed on the device across a remount (a reload), then saves it in fen.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AxiosAdapter } from 'axios';
import type { CaseDetail, ContractResponse, TaxResponse } from '@contract';
import { ContractForm, SaleSection, TaxPanel } from '@/features/sale';
import { createApiClient, setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform, pickDate } from './fakes';

const CASE = 'CASE-7';
const line = (tax: 'deedTax' | 'vat', taxName: string, amountFen: number, rule: string) => ({
  tax,
  taxName,
  payer: tax === 'deedTax' ? ('rightHolder' as const) : ('obligor' as const),
  baseFen: 168_000_000,
  rate: amountFen ? 100 : 0,
  amountFen,
  exempt: amountFen === 0,
  rule,
});
const TAX: TaxResponse = {
  caseId: CASE,
  status: 'taxPending',
  assessment: {
    base: {
      contractPriceFen: 168_000_000,
      referencePriceFen: 150_000_000,
      baseFen: 168_000_000,
      usesReference: false,
      rule: '合同价格不低于核价参考价格，以合同价格为计税依据',
    },
    yearsHeld: 6,
    lines: [
      line('deedTax', '契税', 1_680_000, '家庭唯一住房且面积不超过140㎡，契税税率1%'),
      line('vat', '增值税', 0, '个人将购买2年以上（含2年）的住房对外销售，免征增值税'),
    ],
    totals: { rightHolder: 1_680_000, obligor: 0, all: 1_680_000 },
    configLabel: '默认配置（含假设）',
  },
  facts: [{ fact: 'price', source: '住建网签备案（TZWQ20260000001）', detail: '合同成交价格' }],
  assessedAt: '2026-11-29T02:00:00.000Z',
  canPay: true,
};
const RECEIPT = {
  body: {
    receiptNo: 'WSZM-1',
    caseId: CASE,
    lines: [],
    totalFen: 1_680_000,
    chargeId: 'CHG-1',
    paidAt: '2026-11-29T02:01:00.000Z',
    issuedAt: '2026-11-29T02:01:00.000Z',
    issuer: '国家税务总局台州市税务局（模拟）',
  },
  seal: {
    algorithm: 'SM2-with-SM3' as const,
    userId: '1',
    keyId: 'K',
    publicKey: '04',
    digest: 'd',
    signature: 's',
  },
};

/** per taxpayer: the buyer 应敏 sees only their own lines, each naming them */
const OWN_TAX: TaxResponse = {
  ...TAX,
  assessment: {
    ...TAX.assessment,
    cause: 'sale',
    lines: [
      {
        ...line(
          'deedTax',
          '契税',
          1_680_000,
          '家庭唯一住房且面积不超过140㎡，契税税率1%（财政部 税务总局公告2024年第16号）',
        ),
        taxpayerId: 'P-B',
        taxpayerName: '应敏',
      },
      {
        ...line('deedTax', '印花税', 0, '个人购买住房，免征印花税'),
        tax: 'stampDuty',
        taxpayerId: 'P-B',
        taxpayerName: '应敏',
      },
    ],
  },
  perTaxpayer: { ownFen: 1_680_000, hasLines: true },
};
const OWN_RECEIPT = {
  ...RECEIPT,
  body: { ...RECEIPT.body, taxpayer: { personId: 'P-B', name: '应敏' } },
};

function server(
  opts: { failFirstPayment?: boolean; tax?: TaxResponse; receipt?: typeof RECEIPT } = {},
) {
  const seen: { key: string; idempotencyKey?: string; body?: unknown }[] = [];
  let paid = false;
  let payments = 0;
  let contract: ContractResponse = {
    caseId: CASE,
    editable: true,
    sellers: ['潘晓东'],
    buyers: ['应敏'],
  };
  const adapter: AxiosAdapter = async (config) => {
    const key = `${config.method?.toUpperCase()} ${config.url}`;
    const headers = config.headers as Record<string, string>;
    seen.push({
      key,
      idempotencyKey: headers['Idempotency-Key'],
      ...(config.data ? { body: JSON.parse(String(config.data)) } : {}),
    });
    const { AxiosError } = await import('axios');
    const reply = (status: number, data: unknown) => {
      const response = { data: JSON.stringify(data), status, statusText: '', headers: {}, config };
      if (status < 300) return response;
      throw new AxiosError(`status ${status}`, 'ERR_BAD_RESPONSE', config, null, response);
    };
    if (key === `GET /cases/${CASE}/tax`)
      return reply(
        200,
        paid
          ? {
              ...(opts.tax ?? TAX),
              canPay: false,
              receipt: opts.receipt ?? RECEIPT,
              sealValid: true,
            }
          : (opts.tax ?? TAX),
      );
    if (key === `POST /cases/${CASE}/tax-payment`) {
      payments += 1;
      if (opts.failFirstPayment && payments === 1)
        return reply(503, {
          code: 'PAYMENT_UNAVAILABLE',
          message: '支付暂时无法完成，未发生扣款，请稍后重试',
          requestId: 'r',
        });
      paid = true;
      return reply(200, { caseId: CASE, status: 'issued' });
    }
    if (key === `GET /cases/${CASE}/contract`) return reply(200, contract);
    if (key === `PUT /cases/${CASE}/contract`) {
      const terms = JSON.parse(String(config.data)) as NonNullable<ContractResponse['terms']>;
      contract = {
        ...contract,
        terms,
        view: {
          ...terms,
          priceText: '1,680,000.00元',
          paymentMethodName: '商业贷款',
        },
      };
      return reply(200, contract);
    }
    return reply(404, { code: 'NOT_FOUND', message: '不存在', requestId: 'r' });
  };
  setApiClient(
    createApiClient({
      baseURL: '/api/v1',
      adapter,
      retry: { maxAttempts: 1 },
      auth: {
        getToken: () => LOGIN.session.token,
        idleExpiresAt: () => null,
        renew: async () => undefined,
        onUnauthenticated: () => undefined,
        stepUp: async () => false,
      },
    }),
  );
  return { seen, payments: () => payments };
}

let fake: ReturnType<typeof fakePlatform>;
beforeEach(() => {
  fake = fakePlatform();
  setPlatform(fake.platform);
  reloadSession();
  signIn(LOGIN);
});
afterEach(() => {
  setApiClient(undefined);
  setPlatform(undefined);
});

it('tax: lines with their rules; a failed payment is retried with the same key, then the receipt', async () => {
  const api = server({ failFirstPayment: true });
  render(<TaxPanel caseId={CASE} status="taxPending" />);
  expect(await screen.findByText(/依据：家庭唯一住房且面积不超过140㎡/)).toBeInTheDocument();
  expect(screen.getByText('卖方 · 增值税：免征')).toBeInTheDocument();
  expect(screen.getByText(/来源：住建网签备案（TZWQ20260000001）/)).toBeInTheDocument();

  fireEvent.click(screen.getByRole('button', { name: /缴纳税款 ¥16,800\.00/ }));
  fireEvent.click(await screen.findByRole('button', { name: '确认并缴纳' }));
  expect(await screen.findByText('⚠ 支付暂时无法完成')).toBeInTheDocument();
  expect(screen.getByText(/未发生扣款/)).toBeInTheDocument();
  fireEvent.click(await screen.findByRole('button', { name: '重新缴税' }));
  // the receipt number is an internal identifier: behind 详情
  const receipt = await waitFor(() => {
    const el = document.querySelector('.tax-receipt-view');
    expect(el).not.toBeNull();
    return el as HTMLElement;
  });
  expect(receipt).not.toHaveTextContent('WSZM-1');
  fireEvent.click(within(receipt).getByRole('button', { name: /详情/ }));
  expect(await screen.findByText('完税证明号：WSZM-1')).toBeInTheDocument();
  expect(screen.getByText(/电子印章有效/)).toBeInTheDocument();
  const keys = api.seen.filter((s) => s.key.endsWith('/tax-payment')).map((s) => s.idempotencyKey);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^pay-1680000-[0-9a-z]{16}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(screen.queryByRole('button', { name: /缴纳税款|重新缴税/ })).toBeNull();
});

it('tax per taxpayer: a confirmation screen shows amount, what it is for and the rule before anything is charged; the receipt names the payer', async () => {
  const api = server({ tax: OWN_TAX, receipt: OWN_RECEIPT });
  render(<TaxPanel caseId={CASE} status="taxPending" />);
  expect(await screen.findByText(/纳税人 应敏（买方） · 契税：¥16,800\.00/)).toBeInTheDocument();
  expect(screen.getByText('本人应缴合计 ¥16,800.00')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: /缴纳税款 ¥16,800\.00/ }));
  const dialog = await screen.findByRole('dialog', { name: '确认缴税' });
  expect(within(dialog).getByText('契税（买方）：¥16,800.00')).toBeInTheDocument();
  expect(within(dialog).getByText(/依据：家庭唯一住房.*2024年第16号/)).toBeInTheDocument();
  expect(within(dialog).getByText('本次缴纳：¥16,800.00')).toBeInTheDocument();
  expect(within(dialog).getByText(/人脸识别验证/)).toBeInTheDocument();
  // exempt lines are not "paid": they are not in the confirmation
  expect(within(dialog).queryByText(/印花税/)).toBeNull();
  // nothing is charged before the payer confirms; 返回 leaves without paying
  expect(api.payments()).toBe(0);
  fireEvent.click(within(dialog).getByRole('button', { name: '返回' }));
  expect(screen.queryByRole('dialog', { name: '确认缴税' })).toBeNull();
  expect(api.payments()).toBe(0);
  fireEvent.click(screen.getByRole('button', { name: /缴纳税款 ¥16,800\.00/ }));
  fireEvent.click(await screen.findByRole('button', { name: '确认并缴纳' }));
  expect(await screen.findByText('纳税人：应敏')).toBeInTheDocument();
  const posted = api.seen.filter((x) => x.key.endsWith('/tax-payment'));
  expect(posted).toHaveLength(1);
  // the server is told whose lines and what amount the payer confirmed
  expect(posted[0].body).toEqual({ taxpayerId: 'P-B', amountFen: 1_680_000 });
});

it('tax of a transfer that is not a sale (继承): the case page shows the heir his own lines to pay, no contract', async () => {
  const api = server({ tax: OWN_TAX, receipt: OWN_RECEIPT });
  const c = {
    caseId: CASE,
    businessTypeCode: 'transfer.inheritance',
    status: 'taxPending',
  } as unknown as CaseDetail;
  const { rerender } = render(<SaleSection c={c} onChanged={() => undefined} />);
  expect(await screen.findByRole('button', { name: /缴纳税款 ¥16,800\.00/ })).toBeInTheDocument();
  expect(api.seen.some((x) => x.key.endsWith('/contract'))).toBe(false);
  // before the tax step nothing is read or shown
  rerender(
    <SaleSection c={{ ...c, caseId: 'CASE-8', status: 'review' }} onChanged={() => undefined} />,
  );
  expect(screen.queryByRole('region', { name: '缴税' })).toBeNull();
  expect(api.seen.some((x) => x.key.includes('CASE-8'))).toBe(false);
});

it('tax outside every rule: 待人工核定 with the reason, nothing to pay', async () => {
  server({
    tax: {
      ...OWN_TAX,
      assessment: {
        ...OWN_TAX.assessment,
        lines: [],
        totals: { rightHolder: 0, obligor: 0, all: 0 },
        manual: { reason: '离婚析产的税收规则未列入本系统核税规则' },
      },
      manualAssessment: { reason: '离婚析产的税收规则未列入本系统核税规则' },
      perTaxpayer: { ownFen: 0, hasLines: false },
      canPay: false,
    },
  });
  render(<TaxPanel caseId={CASE} status="taxPending" />);
  expect(await screen.findByText('待人工核定')).toBeInTheDocument();
  expect(screen.getByText('原因：离婚析产的税收规则未列入本系统核税规则')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /缴纳税款/ })).toBeNull();
});

it('contract: checked as typed, kept across a remount, saved in fen', async () => {
  const api = server();
  const first = render(<ContractForm caseId={CASE} />);
  const price = await screen.findByLabelText('成交价格（元）');
  fireEvent.input(price, { target: { value: '12' } });
  expect(await screen.findByText('⚠ 成交价格不能低于1000元，请核对')).toBeInTheDocument();
  fireEvent.input(price, { target: { value: '1680000.5' } });
  // the date comes from the platform's date picker: a date outside the allowed range is refused
  act(() => pickDate(first.container, '.contract-handover', '2020-01-01'));
  expect(await screen.findByText(/交房日期不能早于一年前/)).toBeInTheDocument();
  first.unmount();

  // a reload: what was typed comes back from the device
  const second = render(<ContractForm caseId={CASE} />);
  const again = await screen.findByLabelText('成交价格（元）');
  expect((again as HTMLInputElement).value).toBe('1680000.5');
  expect(second.container.querySelector('#contract-handoverDate')).toHaveTextContent(
    '2020年01月01日',
  );
  const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  act(() => pickDate(second.container, '.contract-handover', future));
  fireEvent.click(screen.getByRole('radio', { name: /商业贷款/ }));
  fireEvent.click(screen.getByRole('button', { name: '保存合同条款' }));
  await waitFor(() => expect(api.seen.some((s) => s.key.startsWith('PUT'))).toBe(true));
  const put = api.seen.find((s) => s.key.startsWith('PUT'));
  expect(put?.body).toEqual({
    priceFen: 168_000_050,
    paymentMethod: 'mortgageLoan',
    handoverDate: future,
    fixtures: '',
  });
  expect(await screen.findByText('付款方式：商业贷款')).toBeInTheDocument();
  // saved: nothing typed is left on the device
  expect([...fake.store.keys()].some((k) => k.includes('he.sale.contract'))).toBe(false);
});

it('contract: the price given with the application is not asked for again', async () => {
  const api = server();
  const { container } = render(<ContractForm caseId={CASE} declaredPriceYuan={1680000} />);
  await screen.findByText('存量房买卖合同（网签）');
  expect(screen.queryByLabelText('成交价格（元）')).toBeNull();
  expect(container.querySelector('.sale-price-declared')).toHaveTextContent('¥1,680,000.00');
  expect(container.querySelector('.sale-price-declared')).toHaveTextContent('无需再填');
  const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  act(() => pickDate(container, '.contract-handover', future));
  fireEvent.click(screen.getByRole('radio', { name: /一次性付款/ }));
  fireEvent.click(screen.getByRole('button', { name: '保存合同条款' }));
  await waitFor(() => expect(api.seen.some((s) => s.key.startsWith('PUT'))).toBe(true));
  expect(api.seen.find((s) => s.key.startsWith('PUT'))?.body).toMatchObject({
    priceFen: 168_000_000,
    handoverDate: future,
  });
});
