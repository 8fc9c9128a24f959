import { View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { pressable } from './a11y';
import './ui.css';

export interface DetailsProps {
  /** the fold's button text; 详情 unless told */
  summary?: string;
  children: ReactNode;
  className?: string;
}

/**
 * A 详情 fold, closed by default: technical details (key ids, algorithm names, digests, receipt
 * and request numbers) for whoever needs them, out of what a citizen reads by default. Closed, the
 * content is not rendered at all, so it is neither seen nor read aloud.
 */
export function Details({ summary = '详情', children, className }: DetailsProps) {
  const [open, setOpen] = useState(false);
  return (
    <View
      className={`ui-details${open ? ' ui-details--open' : ''}${className ? ` ${className}` : ''}`}
    >
      <View
        className="ui-details__toggle"
        {...pressable(() => setOpen(!open))}
        aria-expanded={open ? 'true' : 'false'}
      >
        {summary}
        <View className="ui-details__mark" aria-hidden="true">
          {open ? '▴' : '▾'}
        </View>
      </View>
      {open ? <View className="ui-details__body">{children}</View> : null}
    </View>
  );
}
