process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
globalThis.API_BASE_URL = '/api/v1';
globalThis.BUILD_APP_VERSION = require('../../package.json').version;
globalThis.DEPRECATED_ADAPTER_COMPONENT = false;
