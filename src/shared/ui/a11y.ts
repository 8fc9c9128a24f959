/**
 * Props that make a Taro View behave as an accessible control: a role, focusable, activated by
 * click and (on H5) by Enter/Space. Taro's own Button renders <taro-button-core> with no role,
 * so the kit builds controls from View. Returned as a plain record because Taro's View typings
 * do not list tabindex or key events.
 */
export interface PressableOptions {
  role?: 'button' | 'switch' | 'link' | 'tab' | 'checkbox';
  label?: string;
  disabled?: boolean;
}

export function pressable(
  onPress: (() => void) | undefined,
  options: PressableOptions = {},
): Record<string, unknown> {
  const props: Record<string, unknown> = { role: options.role ?? 'button' };
  if (options.label) props['aria-label'] = options.label;
  if (options.disabled) {
    props['aria-disabled'] = 'true';
    return props;
  }
  props.onClick = () => onPress?.();
  if (process.env.TARO_ENV === 'h5') {
    props.tabindex = '0';
    props.onKeyDown = (e: { key?: string; preventDefault?: () => void }) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault?.();
        onPress?.();
      }
    };
  }
  return props;
}
