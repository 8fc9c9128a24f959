import { View } from '@tarojs/components';
import './ui.css';

export interface SkeletonProps {
  rows?: number;
  className?: string;
}

const WIDTHS = ['92%', '64%', '80%', '48%'];

/** Grey placeholder blocks while content loads; hidden from screen readers. */
export function Skeleton({ rows = 3, className }: SkeletonProps) {
  return (
    <View className={`ui-skeleton${className ? ` ${className}` : ''}`} aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className="ui-skeleton__card">
          <View className="ui-skeleton__line ui-skeleton__line--title" style={{ width: '50%' }} />
          <View className="ui-skeleton__line" style={{ width: WIDTHS[i % WIDTHS.length] }} />
        </View>
      ))}
    </View>
  );
}
