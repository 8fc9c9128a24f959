import { Text, View } from '@tarojs/components';
import { Input } from '@/shared/ui/controls';

export function CodeInput({
  value,
  onInput,
  error,
}: {
  value: string;
  onInput: (v: string) => void;
  error: string | null;
}) {
  return (
    <View className="code-input">
      <Text className="code-input__label" id="invite-code-label">
        6 位邀请码
      </Text>
      <Input
        className={`code-input__field invite-code${error ? ' code-input__field--invalid' : ''}`}
        value={value}
        maxlength={8}
        placeholder="如 K7M2QX"
        onInput={(e) => onInput(e.detail.value.toUpperCase())}
        nativeProps={{
          'aria-labelledby': 'invite-code-label',
          'aria-describedby': 'invite-code-error',
          'aria-invalid': error ? 'true' : 'false',
          autoCapitalize: 'characters',
          autoComplete: 'off',
        }}
      />
      <View className="code-input__error" id="invite-code-error" role={error ? 'alert' : undefined}>
        {error ? `⚠ ${error}` : ''}
      </View>
    </View>
  );
}
