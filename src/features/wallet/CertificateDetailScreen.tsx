import type { WalletItemDetail } from '@contract';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { plainWords } from '@/shared/lib/publicWords';
import { useSession } from '@/shared/session';
import { Button, Details, Heading, Ident, StateView } from '@/shared/ui';
import { fetchWalletItem } from './api';
import {
  fieldText,
  FORM_LABELS,
  PRESENT_PAGE,
  PROOF_FIELDS,
  TITLE_FIELDS,
  watermarkOf,
} from './labels';
import { LoginFirst } from './LoginFirst';
import { PdfDownload } from './PdfDownload';
import './wallet.css';
import { dateTime, dateTimeSeconds } from '@/shared/lib/time';

interface SealView {
  sealName?: string;
  keyId?: string;
  digest?: string;
  algorithm?: string;
}

/** One certificate or proof laid out like the national form, with seal, history and log. */
export function CertificateDetailScreen({ id }: { id: string }) {
  const user = useSession((s) => s.user);
  const [detail, setDetail] = useState<WalletItemDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    setError(null);
    fetchWalletItem(id).then(setDetail, (e) => setError(toApiError(e)));
  }, [id]);
  useEffect(() => {
    if (user && id) load();
  }, [user, id, load]);

  if (!user) return <LoginFirst what="查看电子证照" />;
  if (error) return <StateView variant="error" message={error.message} onRetry={load} />;
  if (!detail) return <StateView variant="loading" message="正在加载证照…" rows={4} />;

  const { item } = detail;
  const body = (item.document?.body ?? {}) as Record<string, unknown>;
  const seal = (item.document?.seal ?? {}) as SealView;
  const mark = watermarkOf(item);
  const fields = item.kind === 'holdingsProof' ? PROOF_FIELDS : TITLE_FIELDS;

  return (
    <View className="certificate">
      <View
        className={`cert-form${mark ? ' cert-form--ended' : ''}`}
        role="group"
        aria-label={item.title}
      >
        <View className="cert-form__title" role="heading" aria-level="2">
          {item.title}
        </View>
        <Text className="cert-form__status">当前状态：{plainWords(item.status.summary)}</Text>
        {item.document ? (
          <View className="cert-form__table" role="list">
            {fields.map(([key, label]) => (
              <View key={key} className="cert-form__row" role="listitem">
                <Text className="cert-form__key">{label}</Text>
                <Ident className="cert-form__value">{fieldText(body[key])}</Ident>
              </View>
            ))}
          </View>
        ) : (
          <View className="cert-form__table">
            <View className="cert-form__row">
              <Text className="cert-form__key">证号</Text>
              <Ident className="cert-form__value">{item.number}</Ident>
            </View>
            <View className="cert-form__row">
              <Text className="cert-form__key">坐落</Text>
              <Text className="cert-form__value">{item.location ?? '—'}</Text>
            </View>
            <View className="cert-form__row">
              <Text className="cert-form__key">形式</Text>
              <Text className="cert-form__value">{FORM_LABELS[item.form] ?? item.form}</Text>
            </View>
          </View>
        )}
        {item.licenceId ? (
          <Ident className="cert-form__licence">{`证照标识 ${item.licenceId}`}</Ident>
        ) : null}
        {item.document ? (
          <View className="cert-seal" role="group" aria-label="电子印章">
            <View className="cert-seal__stamp" aria-hidden="true">
              <Text>{seal.sealName ?? '不动产登记专用章'}</Text>
            </View>
            <Text className="cert-seal__text">
              {seal.sealName ?? '不动产登记专用章'} · 登记机构电子印章
            </Text>
            <Details className="cert-seal__details" summary="印章详情">
              <Text className="cert-seal__algorithm">
                签章算法 {seal.algorithm ?? 'SM2-with-SM3'}
              </Text>
              {seal.keyId ? <Text className="cert-seal__key">密钥标识 {seal.keyId}</Text> : null}
              {seal.digest ? (
                <Text className="cert-seal__digest">SM3 摘要 {seal.digest}</Text>
              ) : null}
            </Details>
          </View>
        ) : null}
        {mark ? (
          <Text className="wallet-watermark wallet-watermark--large" aria-hidden="true">
            {mark}
          </Text>
        ) : null}
      </View>

      {item.explanation ? (
        <Text className="certificate__explanation">{item.explanation}</Text>
      ) : null}

      {item.presentable ? (
        <Button
          className="certificate__present"
          onPress={() =>
            void Taro.navigateTo({ url: `${PRESENT_PAGE}?id=${encodeURIComponent(item.id)}` })
          }
        >
          亮证
        </Button>
      ) : null}

      {item.kind === 'titleCertificate' && item.document ? (
        <PdfDownload id={item.id} number={item.number} />
      ) : null}

      {detail.history.length > 0 ? (
        <View className="certificate__section">
          <Heading level={2}>登记历史</Heading>
          <View role="list" className="certificate__list">
            {detail.history.map((h, i) => (
              <View key={i} role="listitem" className="certificate__entry">
                <Text className="certificate__when">{dateTime(h.at)}</Text>
                <Text>{h.text}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      <View className="certificate__section">
        <Heading level={2}>核验记录</Heading>
        {detail.verifications.length === 0 ? (
          <Text className="wallet__hint">还没有人核验过这份证照。</Text>
        ) : (
          <View role="list" className="certificate__list certificate__verifications">
            {detail.verifications.map((v, i) => (
              <View key={i} role="listitem" className="certificate__entry">
                <Text className="certificate__when">{dateTimeSeconds(v.verifiedAt)}</Text>
                <Text>
                  {v.verifier} · {v.via === 'code' ? '核验码' : '扫码'} ·{' '}
                  {v.view === 'minimal' ? '最小披露' : '完整信息'}
                </Text>
              </View>
            ))}
          </View>
        )}
      </View>
    </View>
  );
}
