import { View } from '@tarojs/components';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useElderMode } from './elderMode';
import { themeStyle, tokensFor } from './tokens';

export interface ThemeRootProps {
  className?: string;
  children?: ReactNode;
}

/**
 * Applies the current token set as CSS custom properties in an inline style, plus the class
 * `theme-normal` or `theme-elder`. Everything inside styles itself with var(--he-…).
 */
export function ThemeRoot({ className, children }: ThemeRootProps) {
  const mode = useElderMode((s) => s.mode);
  const style = useMemo(() => themeStyle(tokensFor(mode)), [mode]);
  useEffect(() => {
    // H5 only: the tab bar lives outside every page, so it follows a class on <html>.
    if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
      document.documentElement.classList.toggle('he-elder', mode === 'elder');
    }
  }, [mode]);
  return (
    <View className={`theme-root theme-${mode}${className ? ` ${className}` : ''}`} style={style}>
      {children}
    </View>
  );
}
