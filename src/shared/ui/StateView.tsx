import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Button } from './Button';
import { Skeleton } from './Skeleton';
import './ui.css';

export type StateVariant = 'loading' | 'empty' | 'error' | 'offline';

export interface StateViewProps {
  variant: StateVariant;
  /** defaults: 加载失败 (error), 网络未连接 (offline), 暂无内容 (empty) */
  title?: string;
  /** the Chinese explanation, e.g. the server's error message */
  message?: string;
  onRetry?: () => void;
  /** extra content under the message (empty states) */
  children?: ReactNode;
  /** skeleton rows while loading */
  rows?: number;
  className?: string;
}

const DEFAULT_TITLE: Record<Exclude<StateVariant, 'loading'>, string> = {
  error: '加载失败',
  offline: '网络未连接',
  empty: '暂无内容',
};

const GLYPH: Record<Exclude<StateVariant, 'loading'>, string> = {
  error: '!',
  offline: '⌀',
  empty: '○',
};

/** The designed loading / empty / error / offline states. Never blank. */
export function StateView({
  variant,
  title,
  message,
  onRetry,
  children,
  rows,
  className,
}: StateViewProps) {
  const cls = `state-view state-view--${variant}${className ? ` ${className}` : ''}`;
  if (variant === 'loading') {
    return (
      <View className={cls} role="status" aria-busy="true">
        <Text className="state-view__loading-text">{message ?? '正在加载…'}</Text>
        <Skeleton rows={rows} />
      </View>
    );
  }
  const heading = title ?? DEFAULT_TITLE[variant];
  const msg = message ?? (variant === 'offline' ? '请检查网络设置后重试' : undefined);
  return (
    <View className={cls} role={variant === 'empty' ? undefined : 'alert'}>
      <View className="state-view__glyph" aria-hidden="true">
        {GLYPH[variant]}
      </View>
      <View className="state-view__title" role="heading" aria-level="2">
        {heading}
      </View>
      {msg ? <Text className="state-view__message">{msg}</Text> : null}
      {children}
      {onRetry && variant !== 'empty' ? (
        <Button className="state-view__retry" onPress={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
