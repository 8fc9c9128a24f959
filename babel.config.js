// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
//
// H5 targets (docs/adr/0004-h5-first-load-budget.md): browsers with native ES modules
// (Chrome/Android WebView ≥ 61, iOS Safari/WKWebView ≥ 11), so classes, arrow functions and
// async/await ship as they are instead of helpers and the regenerator runtime. The bundle already
// required ES2015+ (React 18, zustand and axios ship untranspiled). Mini-programs keep the
// preset's own targets (their compilers and WebView differ); tests use @swc/jest, not this file.
const h5 = process.env.TARO_ENV === 'h5';

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        useBuiltIns: false,
        ...(h5 ? { targets: { chrome: '61', ios: '11' } } : {}),
      },
    ],
  ],
};
