/**
 * 登记费 on the case screen: the card shows the amount with its rule and 待缴 / 已缴; the pay button
 * appears only when the server says this person may pay (`canPay`), pays the amount shown after a
 * confirmation, and then shows the 财政电子票据 as the readable 不动产登记费收费票据 (the server's
 * renderer). A refused payment shows the server's reason; the card passes axe.
 */
import axe from 'axe-core';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FeeResponse } from '@contract';
import { FeeCard } from '@/features/cases/FeeCard';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { feeReceiptData, renderFeeReceipt } from '../../mock-server/src/domain/documents/renderers';
import type { FiscalReceipt } from '../../mock-server/src/domain/fees';
import { LOGIN } from './auth-fakes';
import { fakePlatform, serveScripted } from './fakes';

const UNPAID: FeeResponse = {
  caseId: 'CASE-1',
  lines: [
    {
      code: 'registration.residential',
      name: '不动产登记费（住宅）',
      payerRole: 'rightHolder',
      baseFen: 8000,
      extraCertificates: 0,
      extraFen: 0,
      amountFen: 8000,
      amountText: '80.00元',
      rule: '住宅类不动产登记费每件80元',
      basis: '发改价格规〔2016〕2559号',
    },
  ],
  totalFen: 8000,
  totalText: '80.00元',
  payerNames: ['权利人应敏'],
  mine: true,
  canPay: true,
  paid: false,
  refunds: [],
};

const RECEIPT: FiscalReceipt = {
  body: {
    billCode: '33010126',
    billNo: 'PJ-0001',
    checkCode: 'A1B2C3',
    caseId: 'CASE-1',
    payerId: 'P-BUYER',
    payerName: '应敏',
    payee: '台州市自然资源和规划局',
    items: [{ name: '不动产登记费（住宅）', amountFen: 8000 }],
    totalFen: 8000,
    chargeId: 'CH-1',
    paidAt: '2026-12-07T07:40:34.337Z',
    issuedAt: '2026-12-07T07:40:35.000Z',
    issuer: '台州市财政局（模拟）',
  },
  seal: {
    algorithm: 'SM2-with-SM3',
    userId: '1234567812345678',
    keyId: 'finance-1',
    publicKey: '04ab',
    digest: 'ab'.repeat(32),
    signature: 'cd'.repeat(64),
  },
};

const PAID: FeeResponse = {
  ...UNPAID,
  canPay: false,
  paid: true,
  receipt: RECEIPT,
  sealValid: true,
  receiptRendering: renderFeeReceipt(feeReceiptData(RECEIPT.body, '2026120700001'), {
    personId: 'P-BUYER',
    name: '应敏',
  }),
};

async function axeViolations(node: Element) {
  const result = await axe.run(node, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('登记费 card', () => {
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    signIn(LOGIN);
  });
  afterEach(() => {
    setApiClient(undefined);
    setPlatform(undefined);
  });

  it('shows 待缴 with the rule, pays the amount shown after confirming, then shows the receipt', async () => {
    const s = serveScripted({ status: 200, data: UNPAID });
    const onPaid = jest.fn();
    const { container } = render(<FeeCard caseId="CASE-1" status="taxPending" onPaid={onPaid} />);
    const card = await screen.findByRole('region', { name: '登记费' });
    expect(s.calls[0].url).toBe('/cases/CASE-1/fee');
    expect(card).toHaveTextContent('应缴：80.00元 · 待缴');
    expect(card).toHaveTextContent('依据：住宅类不动产登记费每件80元');
    expect(card).toHaveTextContent('缴费人：权利人应敏');
    expect(await axeViolations(container)).toEqual([]);

    // nothing is charged before the payer confirms the amount
    fireEvent.click(screen.getByText('缴纳登记费 80.00元'));
    const dialog = screen.getByRole('dialog', { name: '确认缴纳登记费' });
    expect(dialog).toHaveTextContent('本次缴纳：80.00元');
    expect(s.calls).toHaveLength(1);
    s.reply({ status: 200, data: PAID });
    fireEvent.click(within(dialog).getByText('确认并缴纳'));
    await waitFor(() => expect(card).toHaveTextContent('应缴：80.00元 · 已缴'));
    expect(s.calls[1].method).toBe('post');
    expect(s.calls[1].url).toBe('/cases/CASE-1/fee-payment');
    expect(JSON.parse(String(s.calls[1].data))).toEqual({ confirmAmountFen: 8000 });
    expect(onPaid).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/缴纳登记费 /)).toBeNull();
    expect(card).toHaveTextContent('✓ 财政电子票据 PJ-0001（财政部门电子印章有效）');

    // the receipt reads as the server rendered it: Chinese, 元 with 大写, Beijing time
    fireEvent.click(screen.getByText('查看票据'));
    const doc = screen.getByRole('document', { name: '不动产登记费收费票据' });
    expect(doc).toHaveTextContent('人民币捌拾元整');
    expect(doc).toHaveTextContent('台州市自然资源和规划局');
    expect(doc.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:|totalFen|\b8000\b/);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('offers no pay button to a party who does not pay it', async () => {
    serveScripted({
      status: 200,
      data: { ...UNPAID, mine: false, canPay: false, payerNames: ['权利人应*'] },
    });
    render(<FeeCard caseId="CASE-1" status="taxPending" />);
    const shown = await screen.findByRole('region', { name: '登记费' });
    expect(shown).toHaveTextContent('待缴');
    expect(screen.queryByText(/缴纳登记费/)).toBeNull();
    expect(screen.queryByText(/财政电子票据/)).toBeNull();
  });

  it('shows the server’s reason when the payment is refused', async () => {
    const s = serveScripted({ status: 200, data: UNPAID });
    render(<FeeCard caseId="CASE-1" status="taxPending" />);
    fireEvent.click(await screen.findByText('缴纳登记费 80.00元'));
    s.reply(
      {
        status: 409,
        data: {
          code: 'FEE_CHANGED',
          message: '应缴登记费为90.00元，请核对后重新确认',
          requestId: 'r',
        },
      },
      { status: 200, data: { ...UNPAID, totalFen: 9000, totalText: '90.00元' } },
    );
    fireEvent.click(screen.getByText('确认并缴纳'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '应缴登记费为90.00元，请核对后重新确认',
    );
    // read again: the card shows the amount as it stands now
    await waitFor(() =>
      expect(screen.getByRole('region', { name: '登记费' })).toHaveTextContent('应缴：90.00元'),
    );
  });

  it('shows nothing for a case the fee does not concern', async () => {
    const s = serveScripted({
      status: 404,
      data: { code: 'NOT_FOUND', message: '办件不存在', requestId: 'r' },
    });
    const { container } = render(<FeeCard caseId="CASE-1" status="draft" />);
    await waitFor(() => expect(s.calls).toHaveLength(1));
    await act(async () => undefined); // the answer handled
    expect(container.innerHTML).toBe('');
  });
});
