import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ThemeRoot } from '../theme/ThemeRoot';
import { NavBar } from './NavBar';
import './ui.css';

export interface PageProps {
  /** the page's h1 */
  title?: string;
  className?: string;
  children?: ReactNode;
}

/**
 * Root of every page: the theme root element with class `app-page`, whose computed font-size
 * is the body token of the current mode (16 px normal, 20 px 长辈版). Outside the tab bar, in a
 * plain browser, it starts with 返回 and 首页 (NavBar).
 */
export function Page({ title, className, children }: PageProps) {
  const route = useCurrentRoute();
  return (
    <ThemeRoot className={`app-page${className ? ` ${className}` : ''}`}>
      <NavBar route={route} />
      {title ? (
        <View className="app-page__title" role="heading" aria-level="1">
          {title}
        </View>
      ) : null}
      {children}
    </ThemeRoot>
  );
}

/** The page's own path ('/pages/units/index'); undefined where no router is set (tests). */
function useCurrentRoute(): string | undefined {
  return useRouter()?.path;
}
