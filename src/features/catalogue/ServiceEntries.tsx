import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Heading, pressable } from '@/shared/ui';
import './catalogue.css';

export interface ServiceEntry {
  key: string;
  title: string;
  description: string;
  /** whether the feature behind the entry exists; entries without one are not shown */
  available: boolean;
  /** where the entry leads once available */
  url?: string;
  /** the url is a tab page (switchTab rather than navigateTo) */
  tab?: boolean;
}

/**
 * 首页's service entries. Each feature issue flips `available` (and sets `url`) when it lands;
 * until then the entry is not shown, so nobody taps into a dead end.
 */
export const SERVICE_ENTRIES: ReadonlyArray<ServiceEntry> = [
  {
    key: 'apply',
    title: '我要申请',
    description: '在线申请不动产登记',
    available: true,
    url: '/pages/apply/index',
  },
  {
    key: 'cases',
    title: '我的办件',
    description: '查看办理进度',
    available: true,
    url: '/pages/cases/index',
    tab: true,
  },
  {
    key: 'certificates',
    title: '我的证照',
    description: '电子证书证明',
    available: true,
    url: '/pages/certificates/index',
    tab: true,
  },
  {
    key: 'verify',
    title: '扫码核验',
    description: '核验证书真伪',
    available: true,
    url: '/pages/verify/index',
  },
  {
    key: 'holdings',
    title: '权属查询',
    description: '查询登记资料、出具证明',
    available: true,
    url: '/pages/query/index',
  },
  {
    key: 'consultation',
    title: '在线咨询',
    description: '常见问题、向登记机构提问',
    available: true,
    url: '/pages/consult/index',
  },
];

export function openServiceEntry(entry: ServiceEntry): void {
  if (!entry.url) return;
  if (entry.tab) void Taro.switchTab({ url: entry.url });
  else void Taro.navigateTo({ url: entry.url });
}

export interface ServiceEntriesProps {
  entries?: ReadonlyArray<ServiceEntry>;
}

/** The grid of entries whose feature exists; nothing at all when none does. */
export function ServiceEntries({ entries = SERVICE_ENTRIES }: ServiceEntriesProps) {
  const shown = entries.filter((e) => e.available);
  if (shown.length === 0) return null;
  return (
    <View className="service-entries">
      <Heading level={2}>我要办</Heading>
      <View className="service-entries__grid" role="list">
        {shown.map((entry) => (
          <View key={entry.key} className="service-entry" role="listitem">
            <View
              className="service-entry__button"
              data-key={entry.key}
              {...pressable(() => openServiceEntry(entry), { label: entry.title })}
            >
              <Text className="service-entry__title">{entry.title}</Text>
              <Text className="service-entry__description">{entry.description}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
