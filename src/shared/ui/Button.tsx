import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pressable } from './a11y';
import './ui.css';

export interface ButtonProps {
  children: ReactNode;
  onPress?: () => void;
  variant?: 'primary' | 'secondary' | 'text';
  disabled?: boolean;
  /** accessible name when the visible text is not enough */
  label?: string;
  className?: string;
}

/** A button at least the token tap size (44 normal, 60 elder) in both directions. */
export function Button({
  children,
  onPress,
  variant = 'primary',
  disabled,
  label,
  className,
}: ButtonProps) {
  return (
    <View
      className={`ui-button ui-button--${variant}${disabled ? ' ui-button--disabled' : ''}${className ? ` ${className}` : ''}`}
      {...pressable(onPress, { label, disabled })}
    >
      {children}
    </View>
  );
}
