import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ThemeRoot } from '../theme/ThemeRoot';
import './ui.css';

export interface PageProps {
  /** the page's h1 */
  title?: string;
  className?: string;
  children?: ReactNode;
}

/**
 * Root of every page: the theme root element with class `app-page`, whose computed font-size
 * is the body token of the current mode (16 px normal, 20 px 长辈版).
 */
export function Page({ title, className, children }: PageProps) {
  return (
    <ThemeRoot className={`app-page${className ? ` ${className}` : ''}`}>
      {title ? (
        <View className="app-page__title" role="heading" aria-level="1">
          {title}
        </View>
      ) : null}
      {children}
    </ThemeRoot>
  );
}
