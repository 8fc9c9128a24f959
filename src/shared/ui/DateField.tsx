import { Text, View } from '@tarojs/components';
import { Picker } from './controls';
import { dateInChinese } from '../lib/time';
import './ui.css';

export interface DateFieldProps {
  id: string;
  label: string;
  /** 'YYYY-MM-DD' or '' when nothing is chosen yet */
  value: string;
  onChange: (value: string) => void;
  /** earliest and latest dates offered, 'YYYY-MM-DD' */
  start?: string;
  end?: string;
  error?: string | null;
  hint?: string;
  className?: string;
}

/**
 * A date chosen with the platform's own date picker (Taro Picker, mode date: the wheel of
 * WeChat/Alipay and Taro's picker on H5), never typed: no format to get wrong. The field shows
 * the date, or 请选择日期, and opens the picker on a tap.
 */
export function DateField({
  id,
  label,
  value,
  onChange,
  start,
  end,
  error,
  hint,
  className,
}: DateFieldProps) {
  const shown = value ? dateInChinese(value) : '请选择日期';
  return (
    <View className={`ui-date-field${className ? ` ${className}` : ''}`}>
      <Text className="ui-date-field__label" id={`${id}-label`}>
        {label}
      </Text>
      <Picker
        mode="date"
        value={value}
        start={start}
        end={end}
        onChange={(e) => onChange(String(e.detail.value))}
      >
        <View
          className={`ui-date-field__value${value ? '' : ' ui-date-field__value--empty'}${error ? ' ui-date-field__value--invalid' : ''}`}
          id={id}
          {...{
            role: 'button',
            tabindex: '0',
            'aria-label': `${label}：${value ? shown : '未选择'}，点按选择日期`,
            'aria-describedby': `${id}-error`,
            'aria-invalid': error ? 'true' : 'false',
          }}
        >
          <Text className="ui-date-field__text">{shown}</Text>
          <Text className="ui-date-field__icon" aria-hidden="true">
            ▾
          </Text>
        </View>
      </Picker>
      {hint && !error ? <Text className="ui-date-field__hint">{hint}</Text> : null}
      <View className="ui-date-field__error" id={`${id}-error`} role={error ? 'alert' : undefined}>
        {error ? `⚠ ${error}` : ''}
      </View>
    </View>
  );
}
