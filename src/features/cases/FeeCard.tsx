/**
 * 登记费 on the case screen (docs/registry-facts.md §14): the amount the registry assessed, line by
 * line with its rule, who pays, and whether it is 已缴 or 待缴. The pay button appears only when
 * the server says this person may pay now (`canPay`); paying confirms the amount shown, and the
 * server decides what follows. Once paid, the payer reads the 财政电子票据 as the same rendering
 * as its PDF copy (listed among the 文书副本).
 */
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { FeeResponse } from '@contract';
import { toApiError, type ApiError } from '@/shared/api';
import { Button, Details, DocumentView, Heading, StateView } from '@/shared/ui';
import { fetchFee, payFee } from './api';

export interface FeeCardProps {
  caseId: string;
  /** the case's status: the fee is read again when it changes */
  status: string;
  /** told after a payment (the case may have moved on) */
  onPaid?: () => void;
}

const isFee = (x: unknown): x is FeeResponse =>
  Boolean(x) &&
  typeof (x as FeeResponse).totalFen === 'number' &&
  Array.isArray((x as FeeResponse).lines);

export function FeeCard({ caseId, status, onPaid }: FeeCardProps) {
  const [fee, setFee] = useState<FeeResponse | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<string | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    fetchFee(caseId).then(
      (f) => setFee(isFee(f) ? f : null),
      (e) => setLoadError(toApiError(e)),
    );
  }, [caseId]);
  useEffect(() => {
    load();
  }, [load, status]);

  if (loadError) {
    // a case the fee does not apply to yet (or not the caller's) shows nothing
    if (loadError.code === 'NOT_FOUND' || loadError.code === 'CONFLICT') return null;
    return (
      <View className="fee" role="region" aria-label="登记费">
        <StateView
          variant={loadError.code === 'OFFLINE' ? 'offline' : 'error'}
          message={loadError.message}
          onRetry={load}
        />
      </View>
    );
  }
  if (!fee) return null;

  const pay = async () => {
    setPaying(true);
    setPayError(null);
    try {
      setFee(await payFee(caseId, fee.totalFen));
      setConfirming(false);
      onPaid?.();
    } catch (e) {
      setPayError(toApiError(e).message);
      load();
    } finally {
      setPaying(false);
    }
  };

  const state = fee.totalFen === 0 ? '免收' : fee.paid ? '已缴' : '待缴';
  return (
    <View className="fee" role="region" aria-label="登记费" data-fee-state={state}>
      <Heading level={2}>登记费</Heading>
      <Text className="fee__total">
        {fee.totalFen === 0 ? '本件免收不动产登记费' : `应缴：${fee.totalText}`}
        <Text className="fee__state" data-state={state}>
          {` · ${state}`}
        </Text>
      </Text>
      {fee.noFeeReason ? <Text className="fee__note">{fee.noFeeReason}</Text> : null}
      {fee.lines
        .filter((l) => l.amountFen > 0 || l.exemption)
        .map((l) => (
          <View key={l.code} className="fee__line">
            <Text className="fee__what">
              {l.name}：{l.amountText}
            </Text>
            <Text className="fee__rule">依据：{l.rule}</Text>
            {l.exemption ? <Text className="fee__rule">{l.exemption}</Text> : null}
          </View>
        ))}
      {fee.payerNames.length ? (
        <Text className="fee__note">缴费人：{fee.payerNames.join('、')}</Text>
      ) : null}

      {fee.canPay && confirming ? (
        <View className="fee-confirm" role="dialog" aria-label="确认缴纳登记费">
          <Heading level={3}>请确认登记费</Heading>
          <Text className="fee-confirm__total">本次缴纳：{fee.totalText}</Text>
          <Text className="fee__note">缴纳后财政部门向您开具财政电子票据。</Text>
          <Button className="fee-confirm__ok" disabled={paying} onPress={() => void pay()}>
            {paying ? '正在缴费，请勿离开…' : '确认并缴纳'}
          </Button>
          <Button
            variant="secondary"
            className="fee-confirm__back"
            disabled={paying}
            onPress={() => setConfirming(false)}
          >
            返回
          </Button>
        </View>
      ) : null}
      {fee.canPay && !confirming ? (
        <Button className="fee-pay" onPress={() => setConfirming(true)}>
          {`缴纳登记费 ${fee.totalText}`}
        </Button>
      ) : null}
      {payError ? (
        <View className="cases-error" role="alert">
          ⚠ {payError}
        </View>
      ) : null}

      {fee.receipt && fee.receiptRendering ? (
        <View className="fee__receipt">
          <Text className="fee__seal">
            {fee.sealValid
              ? `✓ 财政电子票据 ${fee.receipt.body.billNo}（财政部门电子印章有效）`
              : `财政电子票据 ${fee.receipt.body.billNo}`}
          </Text>
          <Details summary="查看票据">
            <View role="document" aria-label={fee.receiptRendering.title}>
              <DocumentView rendering={fee.receiptRendering} />
            </View>
          </Details>
        </View>
      ) : null}
      {fee.refunds.map((r) => (
        <Text key={r.body.refundNo} className="fee__note">
          {r.sealValid ? '✓ ' : ''}
          {r.reasonText}
        </Text>
      ))}
    </View>
  );
}
