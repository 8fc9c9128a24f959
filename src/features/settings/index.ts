export { SettingsPanel, callHotline } from './SettingsPanel';
