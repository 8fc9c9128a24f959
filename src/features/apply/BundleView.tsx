/** Every generated document of the case, each to be opened and read before signing. */
import type { BundleDocument, BundleResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { Button, Details } from '@/shared/ui';

const KIND_TEXT: Record<BundleDocument['kind'], string> = {
  applicationForm: '申请书',
  inquiry: '询问笔录',
  commitment: '告知承诺书',
  contract: '合同',
};

function lines(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    return value.flatMap((v, i) =>
      typeof v === 'object' && v !== null
        ? lines(v, `${prefix}${i + 1}. `)
        : [`${prefix}${String(v)}`],
    );
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null
        ? [`${prefix}${k}：`, ...lines(v, `${prefix}  `)]
        : [`${prefix}${k}：${String(v)}`],
    );
  }
  return [`${prefix}${String(value)}`];
}

export interface BundleViewProps {
  bundle: BundleResponse;
  read: string[];
  open: string | null;
  onOpen: (id: string | null) => void;
}

export function BundleView({ bundle, read, open, onOpen }: BundleViewProps) {
  return (
    <View className="bundle" role="list" aria-label="待签署文书">
      {bundle.documents.map((d) => {
        const isOpen = open === d.id;
        const wasRead = read.includes(d.id);
        return (
          <View
            key={d.id}
            className={`bundle-doc${wasRead ? ' bundle-doc--read' : ''}`}
            role="listitem"
            data-doc={d.id}
          >
            <View className="bundle-doc__head">
              <Text className="bundle-doc__title">
                {wasRead ? '✓ 已阅读 · ' : '未阅读 · '}
                {d.title}
              </Text>
              <Text className="bundle-doc__kind">{KIND_TEXT[d.kind] ?? d.kind}</Text>
            </View>
            <Button
              variant="secondary"
              className="bundle-doc__toggle"
              label={`${isOpen ? '收起' : '阅读'} ${d.title}`}
              onPress={() => onOpen(isOpen ? null : d.id)}
            >
              {isOpen ? '收起' : '阅读全文'}
            </Button>
            {isOpen ? (
              <View className="bundle-doc__body" role="document" aria-label={d.title}>
                {lines(d.body).map((l, i) => (
                  <Text key={i} className="bundle-doc__line">
                    {l}
                  </Text>
                ))}
                <Details className="bundle-doc__details">
                  <Text className="bundle-doc__digest">
                    文书摘要（SM3）：{d.digest.slice(0, 16)}…
                  </Text>
                </Details>
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
