// H5 build only (config/index.ts, h5.webpackChain): stands in for axios/lib/adapters/fetch.js.
// The app sends every H5 request through axios' XHR adapter (src/shared/api/client.ts), so the
// fetch adapter (streams, async generators) need not be in the first load. axios then reports
// the fetch adapter as "not supported by the environment" if anyone asks for it by name.
export const getFetch = () => false;

export default false;
