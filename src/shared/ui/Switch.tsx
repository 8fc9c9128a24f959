import { Text, View } from '@tarojs/components';
import { pressable } from './a11y';
import './ui.css';

export interface SwitchProps {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}

/**
 * A whole-row switch (role="switch", aria-checked). The state is also written out as 已开启 /
 * 已关闭 and shown by the knob's position, so colour is never the only cue.
 */
export function Switch({ label, hint, checked, onChange, className }: SwitchProps) {
  return (
    <View
      className={`ui-switch${checked ? ' ui-switch--on' : ''}${className ? ` ${className}` : ''}`}
      {...pressable(() => onChange(!checked), { role: 'switch', label })}
      aria-checked={checked ? 'true' : 'false'}
    >
      <View className="ui-switch__text">
        <Text className="ui-switch__label">{label}</Text>
        {hint ? <Text className="ui-switch__hint">{hint}</Text> : null}
      </View>
      <View className="ui-switch__control" aria-hidden="true">
        <Text className="ui-switch__state">{checked ? '已开启' : '已关闭'}</Text>
        <View className="ui-switch__track">
          <View className="ui-switch__knob" />
        </View>
      </View>
    </View>
  );
}
