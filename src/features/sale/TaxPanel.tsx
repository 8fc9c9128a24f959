/**
 * 缴税: the caller's OWN tax lines (each names its taxpayer; docs/registry-facts.md §13) with the
 * rule that produced each figure, the facts they were assessed from, a confirmation screen that
 * shows the amount, what each line is for and its rule before anything is charged (the server
 * then wants a fresh face check, as signing does), the pay button (one idempotency key per case
 * and amount, kept on the device and sent again on every retry: a double tap or a retry charges
 * once), and the caller's own sealed 完税证明 naming them. A case outside every rule shows
 * 待人工核定 with the reason and no pay button.
 */
import type { TaxResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { getPlatform } from '@/shared/platform';
import { Button, Details, Heading, StateView } from '@/shared/ui';
import { fetchTax, payTax } from './api';
import { formatFen, formatRate } from './money';
import { useLoad } from './useLoad';
import './sale.css';

const PAYER = { rightHolder: '买方', obligor: '卖方' } as const;

function payKey(caseId: string, totalFen: number): string {
  const storageKey = `he.sale.pay.${caseId}.${totalFen}`;
  const storage = getPlatform().storage;
  try {
    const kept = storage.get(storageKey);
    if (kept) return kept;
  } catch {
    /* no storage: a fresh key still charges once (the server keys the case) */
  }
  const random = Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join(
    '',
  );
  const key = `pay-${totalFen}-${random}`;
  try {
    storage.set(storageKey, key);
  } catch {
    /* see above */
  }
  return key;
}

const PAY_STATES: Record<string, { title: string; hint: string }> = {
  PAYMENT_UNAVAILABLE: {
    title: '支付暂时无法完成',
    hint: '支付渠道没有应答，未发生扣款。请稍后点“重新缴税”，不会重复扣款。',
  },
  RECEIPT_UNAVAILABLE: {
    title: '已缴款，完税证明正在开具',
    hint: '税款已缴，税务部门正在开具完税证明。请稍后点“重新缴税”查看，不会重复扣款。',
  },
  PAYMENT_CONFLICT: {
    title: '缴税金额与已缴记录不一致',
    hint: '请联系登记机构处理。',
  },
};

export function TaxReceiptView({ tax }: { tax: TaxResponse }) {
  const r = tax.receipt;
  if (!r) return null;
  return (
    <View className="tax-receipt-view" role="region" aria-label="完税证明">
      <Heading level={3}>电子完税证明</Heading>
      {r.body.taxpayer ? (
        <Text className="sale-summary__row tax-receipt-taxpayer">
          纳税人：{r.body.taxpayer.name}
        </Text>
      ) : null}
      {r.body.lines.map((l, i) => (
        <Text key={i} className="sale-summary__row">
          {PAYER[l.payer]} · {tax.assessment.lines[i]?.taxName ?? l.tax}：{formatFen(l.amountFen)}
        </Text>
      ))}
      <Text className="sale-summary__row">合计：{formatFen(r.body.totalFen)}</Text>
      <Text className="sale-summary__row">开具：{r.body.issuer}</Text>
      <Text className={`sale-summary__row ${tax.sealValid ? 'seal-ok' : 'seal-bad'}`}>
        {tax.sealValid ? '✓ 电子印章有效（税务部门签章，内容未被改动）' : '⚠ 电子印章验证未通过'}
      </Text>
      <Text className="sale-note">登记机构已通过共享数据核验完税信息，无需提交纸质完税凭证。</Text>
      <Details>
        <Text className="sale-summary__row tax-receipt-no">完税证明号：{r.body.receiptNo}</Text>
      </Details>
    </View>
  );
}

export interface TaxPanelProps {
  caseId: string;
  /** the case's status, to read the tax again when it changes */
  status: string;
  /** told after a payment (the case moved on) */
  onPaid?: () => void;
}

export function TaxPanel({ caseId, status, onPaid }: TaxPanelProps) {
  const state = useLoad(() => fetchTax(caseId), `${caseId}|${status}`);
  const [paying, setPaying] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [payError, setPayError] = useState<ApiError | null>(null);

  if (state.error) {
    // before the case reaches tax there is nothing to show
    if (state.error.code === 'CONFLICT' || state.error.code === 'NOT_FOUND') return null;
    return (
      <View className="tax" role="region" aria-label="缴税">
        <StateView
          variant={state.error.code === 'OFFLINE' ? 'offline' : 'error'}
          message={state.error.message}
          onRetry={state.reload}
        />
      </View>
    );
  }
  if (state.loading && !state.data)
    return <StateView variant="loading" message="正在读取核定的税款…" />;
  const tax = state.data;
  if (!tax) return null;
  const a = tax.assessment;

  const pay = async () => {
    setPaying(true);
    setPayError(null);
    try {
      const taxpayerId = a.lines.find((l) => l.taxpayerId)?.taxpayerId;
      await payTax(caseId, payKey(caseId, a.totals.all), {
        ...(taxpayerId ? { taxpayerId } : {}),
        amountFen: a.totals.all,
      });
      setConfirming(false);
      state.reload();
      onPaid?.();
    } catch (e) {
      setPayError(toApiError(e));
      state.reload();
    } finally {
      setPaying(false);
    }
  };
  const failure = payError ? PAY_STATES[payError.code] : undefined;

  return (
    <View className="tax" role="region" aria-label="缴税">
      <Heading level={2}>
        {tax.manualAssessment ? '待人工核定' : tax.receipt ? '本人税款已缴清' : '待缴税'}
      </Heading>
      {tax.manualAssessment ? (
        <View className="sale-error tax-manual" role="status">
          <Text>本办件不适用任何自动核税规则，已转税务部门人工核定，核定前无需缴税。</Text>
          <Text className="tax-rule">原因：{tax.manualAssessment.reason}</Text>
        </View>
      ) : null}
      {tax.perTaxpayer && !tax.perTaxpayer.hasLines && !tax.manualAssessment ? (
        <Text className="sale-note tax-none">
          本办件没有您名下的应缴税款，其他纳税人各自缴纳本人税款。
        </Text>
      ) : null}
      <Text className="sale-note">
        税务部门根据网签合同、不动产登记簿和共享的住房信息核定了本次交易的税款，每一项都列出了依据。
      </Text>
      <View className="tax-base" role="group" aria-label="计税依据">
        <Text className="sale-summary__row">计税依据：{formatFen(a.base.baseFen)}</Text>
        <Text className="sale-summary__row tax-rule">{a.base.rule}</Text>
        <Text className="sale-summary__row">卖方持有满 {a.yearsHeld} 年</Text>
      </View>
      <View className="tax-lines" role="list" aria-label="税款明细">
        {a.lines.map((l, i) => (
          <View key={i} className="tax-line" role="listitem" data-tax={l.tax}>
            <Text className="tax-line__head">
              {l.taxpayerName ? `纳税人 ${l.taxpayerName}（${PAYER[l.payer]}）` : PAYER[l.payer]} ·{' '}
              {l.taxName}：{l.exempt ? '免征' : formatFen(l.amountFen)}
            </Text>
            {!l.exempt ? (
              <Text className="tax-line__calc">
                {formatFen(l.baseFen)} × {formatRate(l.rate)} = {formatFen(l.amountFen)}
              </Text>
            ) : null}
            <Text className="tax-line__rule">依据：{l.rule}</Text>
          </View>
        ))}
      </View>
      {tax.perTaxpayer ? (
        <Text className="tax-total">本人应缴合计 {formatFen(a.totals.all)}</Text>
      ) : (
        <Text className="tax-total">
          合计 {formatFen(a.totals.all)}（买方 {formatFen(a.totals.rightHolder)}，卖方{' '}
          {formatFen(a.totals.obligor)}）
        </Text>
      )}
      <View className="tax-facts" role="list" aria-label="核税所用信息">
        {tax.facts.map((f, i) => (
          <View key={i} className="tax-fact" role="listitem">
            {f.detail}（来源：{f.source}）
          </View>
        ))}
      </View>
      <Text className="sale-note">费率配置：{a.configLabel}</Text>
      {failure ? (
        <View className="sale-error pay-error" role="alert">
          <Text className="pay-error__title">⚠ {failure.title}</Text>
          <Text>{failure.hint}</Text>
        </View>
      ) : payError ? (
        <View className="sale-error pay-error" role="alert">
          ⚠ {payError.message}
        </View>
      ) : null}
      {tax.canPay && !tax.receipt && confirming ? (
        <View className="tax-confirm" role="dialog" aria-label="确认缴税">
          <Heading level={3}>请确认本人缴纳的税款</Heading>
          {a.lines
            .filter((l) => !l.exempt)
            .map((l, i) => (
              <View key={i} className="tax-confirm__line">
                <Text className="tax-confirm__what">
                  {l.taxName}（{PAYER[l.payer]}）：{formatFen(l.amountFen)}
                </Text>
                <Text className="tax-confirm__rule">依据：{l.rule}</Text>
              </View>
            ))}
          <Text className="tax-confirm__total">本次缴纳：{formatFen(a.totals.all)}</Text>
          <Text className="sale-note">
            只缴纳您本人名下的税款；确认后需进行人脸识别验证，缴纳后税务部门向您本人开具完税证明。
          </Text>
          <Button className="tax-confirm__ok" disabled={paying} onPress={() => void pay()}>
            {paying ? '正在缴税，请勿离开…' : payError ? '重新缴税' : '确认并缴纳'}
          </Button>
          <Button
            className="tax-confirm__back"
            disabled={paying}
            onPress={() => setConfirming(false)}
          >
            返回
          </Button>
        </View>
      ) : null}
      {tax.canPay && !tax.receipt && !confirming ? (
        <Button className="tax-pay" disabled={paying} onPress={() => setConfirming(true)}>
          {paying
            ? '正在缴税，请勿离开…'
            : payError
              ? '重新缴税'
              : `缴纳税款 ${formatFen(a.totals.all)}`}
        </Button>
      ) : null}
      {tax.canPay && tax.receipt ? (
        <Button className="tax-pay" disabled={paying} onPress={() => void pay()}>
          {paying ? '正在确认…' : '确认完税，继续办理'}
        </Button>
      ) : null}
      <TaxReceiptView tax={tax} />
    </View>
  );
}
