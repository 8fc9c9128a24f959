import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pressable } from './a11y';
import './ui.css';

export interface ListProps {
  label?: string;
  className?: string;
  children: ReactNode;
}

export function List({ label, className, children }: ListProps) {
  return (
    <View className={`ui-list${className ? ` ${className}` : ''}`} role="list" aria-label={label}>
      {children}
    </View>
  );
}

export interface CellProps {
  title: ReactNode;
  description?: ReactNode;
  /** right-hand text, e.g. a value or 承诺时限 */
  extra?: ReactNode;
  onPress?: () => void;
  /** accessible name of the pressable cell */
  label?: string;
  /** 'link' for cells that leave the app (a phone call, a web page) */
  pressRole?: 'button' | 'link';
  className?: string;
}

/** One row of a List. Pressable cells are buttons at least the tap size high. */
export function Cell({
  title,
  description,
  extra,
  onPress,
  label,
  pressRole,
  className,
}: CellProps) {
  const body = (
    <>
      <View className="ui-cell__main">
        <Text className="ui-cell__title">{title}</Text>
        {description ? <Text className="ui-cell__description">{description}</Text> : null}
      </View>
      {extra ? <View className="ui-cell__extra">{extra}</View> : null}
    </>
  );
  const cls = `ui-cell${onPress ? ' ui-cell--pressable' : ''}${className ? ` ${className}` : ''}`;
  return (
    <View className={cls} role="listitem">
      {onPress ? (
        <View className="ui-cell__press" {...pressable(onPress, { label, role: pressRole })}>
          {body}
        </View>
      ) : (
        body
      )}
    </View>
  );
}
