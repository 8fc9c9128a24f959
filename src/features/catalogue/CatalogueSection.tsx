import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { getPlatform } from '@/shared/platform';
import { Details, Heading, StateView } from '@/shared/ui';
import { CatalogueItem } from './CatalogueItem';
import { useCatalogue } from './store';
import './catalogue.css';

const CONNECTIVITY_CODES = new Set(['OFFLINE', 'NETWORK_ERROR']);

/** 首页's service catalogue from the server, with its loading/empty/error/offline states. */
export function CatalogueSection() {
  const status = useCatalogue((s) => s.status);
  const items = useCatalogue((s) => s.items);
  const error = useCatalogue((s) => s.error);
  const load = useCatalogue((s) => s.load);
  const reload = useCatalogue((s) => s.reload);

  useEffect(() => {
    void load();
  }, [load]);

  // When the network comes back after a connectivity failure, try again by itself.
  const waitingForNetwork = status === 'error' && !!error && CONNECTIVITY_CODES.has(error.code);
  useEffect(() => {
    if (!waitingForNetwork) return undefined;
    return getPlatform().onNetworkChange((online) => {
      if (online) void reload();
    });
  }, [waitingForNetwork, reload]);

  let body;
  if (status === 'idle' || status === 'loading') {
    body = <StateView variant="loading" message="正在加载服务目录…" rows={4} />;
  } else if (status === 'error' && error) {
    body = (
      <StateView
        variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={
          error.code === 'OFFLINE' ? '请检查网络设置，连上网络后会自动重新加载。' : error.message
        }
        onRetry={() => void reload()}
      >
        {/* the id helps 12345 find the server's log; only when the server was reached */}
        {error.requestId && error.status ? (
          <Details>
            <Text className="catalogue__request-id">问题编号：{error.requestId}</Text>
          </Details>
        ) : null}
      </StateView>
    );
  } else if (items.length === 0) {
    body = (
      <StateView
        variant="empty"
        title="暂无可办理的业务"
        message="服务目录暂未发布可在线办理的登记业务，请稍后再来查看。"
      />
    );
  } else {
    body = (
      <View className="catalogue__list" role="list" aria-label="可办理的登记业务">
        {items.map((item) => (
          <CatalogueItem key={item.code} item={item} />
        ))}
      </View>
    );
  }

  return (
    <View className="catalogue">
      <Heading level={2}>可办理的登记业务</Heading>
      {body}
    </View>
  );
}
