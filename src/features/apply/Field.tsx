import { Text, View } from '@tarojs/components';
import { Input } from '@/shared/ui/controls';
import { pressable } from '@/shared/ui';

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  error?: string | null;
  hint?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  placeholder?: string;
  maxlength?: number;
  className?: string;
}

export function Field({
  id,
  label,
  value,
  onInput,
  onBlur,
  error,
  hint,
  type = 'text',
  placeholder,
  maxlength,
  className,
}: FieldProps) {
  return (
    <View className={`apply-field${className ? ` ${className}` : ''}`}>
      <Text className="apply-field__label" id={`${id}-label`}>
        {label}
      </Text>
      <Input
        className={`apply-field__input${error ? ' apply-field__input--invalid' : ''}`}
        type={type}
        value={value}
        maxlength={maxlength ?? 140}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
        onBlur={onBlur}
        nativeProps={{
          // the numeric keypad on phones' browsers too (type alone is not enough on H5)
          ...(type === 'number' ? { inputMode: 'numeric', pattern: '[0-9]*' } : {}),
          ...(type === 'digit' ? { inputMode: 'decimal' } : {}),
          'aria-labelledby': `${id}-label`,
          // the same name again: checkers that cannot see a scrolled-away label still find one
          'aria-label': label,
          'aria-describedby': `${id}-error`,
          'aria-invalid': error ? 'true' : 'false',
          id,
        }}
      />
      {hint && !error ? <Text className="apply-field__hint">{hint}</Text> : null}
      <View className="apply-field__error" id={`${id}-error`} role={error ? 'alert' : undefined}>
        {error ? `⚠ ${error}` : ''}
      </View>
    </View>
  );
}

export interface ChoiceProps {
  label: string;
  options: { value: string; label: string }[];
  value: string | undefined;
  onChange: (value: string) => void;
  className?: string;
  /** values shown with a warning mark (e.g. a blocking answer) */
  warn?: string[];
}

/** A radio group of large tap targets; the choice is shown by a mark and text, not colour only. */
export function Choice({ label, options, value, onChange, className, warn }: ChoiceProps) {
  return (
    <View
      className={`apply-choice${className ? ` ${className}` : ''}`}
      role="radiogroup"
      aria-label={label}
    >
      {options.map((o) => {
        const on = o.value === value;
        return (
          <View
            key={o.value}
            className={`apply-choice__option${on ? ' apply-choice__option--on' : ''}${warn?.includes(o.value) && on ? ' apply-choice__option--warn' : ''}`}
            data-value={o.value}
            {...pressable(() => onChange(o.value))}
            role="radio"
            aria-checked={on ? 'true' : 'false'}
          >
            <Text className="apply-choice__mark" aria-hidden="true">
              {on ? '●' : '○'}
            </Text>
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
