import { Switch } from '../ui/Switch';
import { useElderMode } from './elderMode';

export interface ElderModeSwitchProps {
  className?: string;
  /** a line under the label */
  hint?: string;
}

/** The 长辈版 switch used on 首页 and in 我的 (docs/registry-facts.md §11 wants an entry in both). */
export function ElderModeSwitch({ className, hint }: ElderModeSwitchProps) {
  const elder = useElderMode((s) => s.mode === 'elder');
  const setElder = useElderMode((s) => s.setElder);
  return (
    <Switch
      className={className}
      label="长辈版"
      hint={hint ?? '字更大、按钮更大、颜色更清晰'}
      checked={elder}
      onChange={setElder}
    />
  );
}
