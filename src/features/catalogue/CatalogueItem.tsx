import type { BusinessTypeSummary } from '@contract';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Heading, pressable } from '@/shared/ui';
import { promisedTimeText } from './promise';
import './catalogue.css';

/** The guided application, opened on one business type (the page reads `businessType`). */
export const APPLY_PAGE = '/pages/apply/index';
/** 权属证明 and other queries are issued at once in 证照, not applied for. */
const CERTIFICATES_TAB = '/pages/certificates/index';

export interface CatalogueItemProps {
  item: BusinessTypeSummary;
}

/** Where a tap on the card leads, or null when the business is not applied for in the app. */
export function startOf(item: BusinessTypeSummary): (() => void) | null {
  if (item.kind === 'query') return () => void Taro.switchTab({ url: CERTIFICATES_TAB });
  if (!item.application?.online) return null;
  return () =>
    void Taro.navigateTo({ url: `${APPLY_PAGE}?businessType=${encodeURIComponent(item.code)}` });
}

/**
 * One business type: name, one-line description, promised time. Tapping it starts that
 * application (or, for a query, opens 证照 where the proof is issued); a business not applied for
 * online says so instead of looking tappable.
 */
export function CatalogueItem({ item }: CatalogueItemProps) {
  const start = startOf(item);
  const action = item.kind === 'query' ? '去开具' : '去申请';
  return (
    <View
      className={`catalogue-item${start ? ' catalogue-item--action' : ''}`}
      role="listitem"
      data-code={item.code}
    >
      <View
        className="catalogue-item__body"
        {...(start ? pressable(start, { label: `${action} ${item.name}` }) : {})}
      >
        <Heading level={3} className="catalogue-item__name">
          {item.name}
        </Heading>
        <Text className="catalogue-item__description">{item.description}</Text>
        <View className="catalogue-item__meta">
          <Text className="catalogue-item__promise">
            {promisedTimeText(item.promisedWorkingDays)}
          </Text>
          {item.jointApplication ? (
            <Text className="catalogue-item__joint">需双方共同申请</Text>
          ) : null}
        </View>
        {start ? (
          <Text className="catalogue-item__go" aria-hidden="true">
            {action} ›
          </Text>
        ) : (
          <Text className="catalogue-item__counter">请到不动产登记窗口办理</Text>
        )}
      </View>
    </View>
  );
}
