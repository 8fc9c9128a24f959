import type { BusinessTypeSummary } from '@contract';
import { Text, View } from '@tarojs/components';
import { Heading } from '@/shared/ui';
import { promisedTimeText } from './promise';
import './catalogue.css';

export interface CatalogueItemProps {
  item: BusinessTypeSummary;
}

/** One business type: name, one-line description, promised time. */
export function CatalogueItem({ item }: CatalogueItemProps) {
  return (
    <View className="catalogue-item" role="listitem" data-code={item.code}>
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
    </View>
  );
}
