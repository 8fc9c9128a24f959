export * from './tokens';
export { useElderMode, initElderMode, ELDER_MODE_KEY } from './elderMode';
export type { ElderModeState, ElderModeSource } from './elderMode';
export { ThemeRoot } from './ThemeRoot';
export type { ThemeRootProps } from './ThemeRoot';
export { ElderModeSwitch } from './ElderModeSwitch';
