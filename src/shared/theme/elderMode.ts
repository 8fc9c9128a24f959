import { create } from 'zustand';
import { getPlatform, type PlatformAdapter, type UiStyle } from '../platform';
import type { ThemeMode } from './tokens';

export const ELDER_MODE_KEY = 'he.elderMode';

/** where the current mode came from: nothing yet, the container (浙里办), or the user */
export type ElderModeSource = 'default' | 'platform' | 'user';

export interface ElderModeState {
  mode: ThemeMode;
  source: ElderModeSource;
  setElder(on: boolean): void;
  toggle(): void;
}

let bound: PlatformAdapter | undefined;
let unsubscribe: (() => void) | undefined;

const platform = () => (bound ??= getPlatform());

function readStored(p: PlatformAdapter): ThemeMode | null {
  const v = p.storage.get(ELDER_MODE_KEY);
  return v === 'elder' || v === 'normal' ? v : null;
}

/** 长辈版 on or off. An explicit user choice is stored and wins over the container's style. */
export const useElderMode = create<ElderModeState>()((set, get) => ({
  mode: 'normal',
  source: 'default',
  setElder(on) {
    const mode: ThemeMode = on ? 'elder' : 'normal';
    platform().storage.set(ELDER_MODE_KEY, mode);
    set({ mode, source: 'user' });
  },
  toggle() {
    get().setElder(get().mode !== 'elder');
  },
}));

/**
 * Reads the stored choice synchronously (so the first paint is right), then, if the user never
 * chose, follows the container's UI style now and whenever it changes. Safe to call again
 * (tests do, with a fake platform). Never rejects.
 */
export function initElderMode(p: PlatformAdapter = getPlatform()): Promise<void> {
  unsubscribe?.();
  bound = p;
  const stored = readStored(p);
  useElderMode.setState(
    stored ? { mode: stored, source: 'user' } : { mode: 'normal', source: 'default' },
  );
  const follow = (style: UiStyle) => {
    if (bound !== p || useElderMode.getState().source === 'user') return;
    useElderMode.setState({ mode: style === 'elder' ? 'elder' : 'normal', source: 'platform' });
  };
  unsubscribe = p.onUiStyleChange(follow);
  if (stored) return Promise.resolve();
  return p.getUiStyle().then(follow, () => undefined);
}
