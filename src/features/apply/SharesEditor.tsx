/** 按份共有 shares: one percentage per right holder; the total must be exactly 100%. */
import { Text, View } from '@tarojs/components';
import { Button } from '@/shared/ui';
import { Field } from './Field';
import { bpToPercent, checkShares, evenShares } from './shares';

export interface SharesEditorProps {
  holders: { key: string; name: string; percent: string }[];
  onChange: (percents: string[]) => void;
  /** show row problems (after the user tried to continue) */
  showErrors?: boolean;
}

export function SharesEditor({ holders, onChange, showErrors }: SharesEditorProps) {
  const check = checkShares(holders.map((h) => h.percent));
  const set = (i: number, v: string) => onChange(holders.map((h, j) => (j === i ? v : h.percent)));
  return (
    <View className="shares" role="group" aria-label="共有份额">
      {holders.map((h, i) => (
        <Field
          key={h.key}
          id={`share-${i}`}
          className="shares__row"
          label={`${h.name || `权利人${i + 1}`} 的份额（%）`}
          type="digit"
          value={h.percent}
          maxlength={6}
          placeholder="如 50"
          onInput={(v) => set(i, v)}
          error={showErrors || h.percent ? check.rows[i] : null}
        />
      ))}
      <View className={`shares__total${check.ok ? ' shares__total--ok' : ''}`} aria-live="polite">
        <Text className="shares__sum">
          {check.ok ? '✓ ' : '✗ '}合计 {bpToPercent(check.totalBp)}%
        </Text>
        {!check.ok && (showErrors || holders.every((h) => h.percent)) ? (
          <View className="shares__message" role="alert">
            {check.message}
          </View>
        ) : null}
      </View>
      <Button
        variant="text"
        className="shares__even"
        onPress={() => onChange(evenShares(holders.length))}
      >
        平均分配
      </Button>
    </View>
  );
}
