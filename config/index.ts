import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import pkg from '../package.json';

/**
 * Taro build configuration (webpack5 runner). One config for H5, weapp and alipay;
 * each platform builds into its own dist/<platform> folder.
 * API_BASE_URL is compiled in: H5 defaults to same-origin "/api/v1" (the server serves the app),
 * mini-programs need an absolute URL (see README, "配置").
 */
export default defineConfig<'webpack5'>(async () => {
  const env = process.env.TARO_ENV ?? 'h5';
  const apiBase =
    process.env.API_BASE_URL ?? (env === 'h5' ? '/api/v1' : 'http://127.0.0.1:3000/api/v1');
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'handheld-estate',
    date: '2026-11-29',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // H5_DIST: an H5 build folder of one's own (parallel work; tests/e2e reads the same variable).
    outputRoot: env === 'h5' && process.env.H5_DIST ? process.env.H5_DIST : `dist/${env}`,
    plugins: [],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBase),
      BUILD_APP_VERSION: JSON.stringify(pkg.version),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // First-load budget (docs/adr/0004): H5 requests use axios' XHR adapter only, so its
      // fetch adapter is replaced by a stub instead of riding along in the home page chunk.
      webpackChain(chain, webpack) {
        chain
          .plugin('axios-no-fetch')
          .use(webpack.NormalModuleReplacementPlugin, [
            /axios[\\/]lib[\\/]adapters[\\/]fetch\.js$/,
            path.resolve(__dirname, 'axios-no-fetch.mjs'),
          ]);
        // Taro's component stylesheet without the weui icon font no H5 page draws with
        chain.module
          .rule('no-weui-font')
          .test(/@tarojs[\\/]components[\\/].*\.css$/)
          .enforce('pre')
          .use('no-weui-font')
          .loader(path.resolve(__dirname, 'no-weui-font.cjs'));
      },
      // images (the tab bar icons) are files, not base64 inside the first-load script (a limit
      // of 0 would mean the default 10 KB to Taro: 1 byte inlines nothing)
      imageUrlLoaderOption: { limit: 1 },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
