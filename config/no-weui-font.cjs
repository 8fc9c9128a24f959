// H5 build only (config/index.ts, h5.webpackChain): a loader for Taro's component stylesheet
// (@tarojs/components/dist/taro-components/taro-components.css), which the entry script injects
// on every page. It removes the stylesheet's @font-face for the weui icon font, a 6 KB TrueType
// file inlined as base64 (3.2 KB of the first load, gzip). Only Taro's Icon, Checkbox and Radio
// and Taro's own toast and modal draw weui glyphs; the H5 app uses none of them (its toasts are
// its own, src/shared/platform/domToast.ts). Using one of them on H5 means removing this loader.
const WEUI_FONT_FACE = /@font-face\s*\{[^}]*font-family:\s*["']?weui["']?[^}]*\}/g;

module.exports = function noWeuiFont(source) {
  return String(source).replace(WEUI_FONT_FACE, '');
};
