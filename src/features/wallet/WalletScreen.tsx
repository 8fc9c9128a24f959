import type { WalletItem } from '@contract';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { getPlatform } from '@/shared/platform';
import { plainWords } from '@/shared/lib/publicWords';
import { useSession } from '@/shared/session';
import { Button, Heading, Ident, pressable, StateView } from '@/shared/ui';
import { fetchWallet, requestHoldingsProof } from './api';
import { DETAIL_PAGE, FORM_LABELS, watermarkOf } from './labels';
import { LoginFirst } from './LoginFirst';
import './wallet.css';

export function openItem(item: WalletItem): void {
  void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${encodeURIComponent(item.id)}` });
}

export function WalletCard({ item }: { item: WalletItem }) {
  const mark = watermarkOf(item);
  return (
    <View
      className={`wallet-card wallet-card--${item.kind}${mark ? ' wallet-card--ended' : ''}`}
      role="listitem"
    >
      <View
        className="wallet-card__body"
        {...pressable(() => openItem(item), {
          label: `${item.title} ${item.location ?? item.number}`,
        })}
      >
        <Text className="wallet-card__title">{item.title}</Text>
        {item.location ? <Text className="wallet-card__location">{item.location}</Text> : null}
        <Ident className="wallet-card__number">{item.number}</Ident>
        <View className="wallet-card__tags">
          <Text className={`wallet-tag wallet-tag--${item.status.certificate}`}>
            {plainWords(item.status.summary)}
          </Text>
          {item.coOwned ? <Text className="wallet-tag">共有</Text> : null}
          <Text className="wallet-tag">{FORM_LABELS[item.form] ?? item.form}</Text>
        </View>
        {item.explanation ? (
          <Text className="wallet-card__explanation">{plainWords(item.explanation)}</Text>
        ) : null}
        {mark ? (
          <Text className="wallet-watermark" aria-hidden="true">
            {mark}
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** 证照 tab: every certificate and proof the user holds, co-owned ones included. */
export function WalletScreen() {
  const user = useSession((s) => s.user);
  const [items, setItems] = useState<WalletItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [asking, setAsking] = useState(false);
  const load = useCallback(() => {
    setError(null);
    fetchWallet().then(setItems, (e) => setError(toApiError(e)));
  }, []);
  useEffect(() => {
    if (user) load();
  }, [user, load]);
  useDidShow(() => {
    if (user) load();
  });

  if (!user) return <LoginFirst what="查看电子证照" />;
  if (error) {
    return (
      <StateView
        variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={error.message}
        onRetry={load}
      />
    );
  }
  if (!items) return <StateView variant="loading" message="正在加载电子证照…" rows={3} />;

  const askProof = () => {
    setAsking(true);
    requestHoldingsProof().then(
      (proof) => {
        setAsking(false);
        getPlatform().toast('权属证明已出具', 'success');
        setItems((list) => [...(list ?? []), proof]);
        openItem(proof);
      },
      (e) => {
        setAsking(false);
        getPlatform().toast(toApiError(e).message, 'error');
      },
    );
  };

  return (
    <View className="wallet">
      {items.length === 0 ? (
        <StateView
          variant="empty"
          title="暂无电子证照"
          message="您名下没有不动产权证书。可以申请一份不动产权属查询证明（无房证明）。"
        />
      ) : (
        <View className="wallet__list" role="list" aria-label="我的电子证照">
          {items.map((item) => (
            <WalletCard key={item.id} item={item} />
          ))}
        </View>
      )}
      <View className="wallet__proof">
        <Heading level={2}>不动产权属查询证明</Heading>
        <Text className="wallet__hint">
          查询本人名下在台州市的不动产（有房/无房证明），加盖电子印章放入证照夹，可出示和核验。
        </Text>
        <Button className="wallet__ask-proof" onPress={askProof} disabled={asking}>
          {asking ? '正在出具…' : '申请权属证明'}
        </Button>
      </View>
    </View>
  );
}
