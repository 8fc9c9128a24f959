import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './ui.css';

export interface HeadingProps {
  level?: 1 | 2 | 3;
  children: ReactNode;
  className?: string;
}

/** A heading for screen readers (role="heading") sized from the tokens. */
export function Heading({ level = 2, children, className }: HeadingProps) {
  return (
    <View
      className={`ui-heading ui-heading--${level}${className ? ` ${className}` : ''}`}
      role="heading"
      aria-level={String(level)}
    >
      {children}
    </View>
  );
}
