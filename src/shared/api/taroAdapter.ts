import axios, {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';

/** What `Taro.request` is given by this adapter. */
export interface TaroRequestOptions {
  url: string;
  method: string;
  data?: unknown;
  header: Record<string, string>;
  dataType: string;
  responseType: 'text';
  timeout?: number;
  success: (res: TaroRequestResult) => void;
  fail: (err: TaroRequestFailure) => void;
}

/** weapp answers { statusCode, header }, alipay { status, headers }; Taro maps most of it. */
export interface TaroRequestResult {
  data?: unknown;
  statusCode?: number;
  status?: number;
  header?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface TaroRequestFailure extends TaroRequestResult {
  errMsg?: string;
  errorMessage?: string;
  /** alipay error number: 13 timeout, 9 aborted, 12/14/19 network or HTTP */
  error?: number;
}

export type TaroRequestFn = (options: TaroRequestOptions) => unknown;

const ABSOLUTE = /^https?:\/\//i;

/** Header names in lower case, as axios' XHR adapter gives them on H5. */
function lowerCaseHeaders(h: Record<string, string> | undefined): AxiosHeaders {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return AxiosHeaders.from(out);
}

/**
 * An axios adapter over Taro.request for mini-programs, where neither XHR nor fetch exists.
 * The raw body goes back to axios (which parses JSON in transformResponse); non-2xx answers
 * become AxiosErrors carrying the response, like axios' own adapters.
 */
export function createTaroRequestAdapter(
  request: TaroRequestFn,
  platform: 'weapp' | 'alipay',
): AxiosAdapter {
  return (config: InternalAxiosRequestConfig) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      const url = axios.getUri(config);
      if (!ABSOLUTE.test(url)) {
        reject(
          new AxiosError(
            `mini-program requests need an absolute URL, got "${url}"`,
            AxiosError.ERR_INVALID_URL,
            config,
          ),
        );
        return;
      }
      const header: Record<string, string> = {};
      const flat = AxiosHeaders.from(config.headers as AxiosHeaders).toJSON(true);
      for (const [k, v] of Object.entries(flat)) {
        if (v !== undefined && v !== null) header[k] = String(v);
      }
      let task: unknown = null;

      const answer = (res: TaroRequestResult) => {
        const status = (res.statusCode ?? res.status) as number;
        const response: AxiosResponse = {
          data: res.data,
          status,
          statusText: String(status),
          headers: lowerCaseHeaders(res.header ?? res.headers),
          config,
          request: task,
        };
        const valid = config.validateStatus ? config.validateStatus(status) : true;
        if (valid) {
          resolve(response);
        } else {
          reject(
            new AxiosError(
              `Request failed with status code ${status}`,
              status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
              config,
              task,
              response,
            ),
          );
        }
      };

      task = request({
        url,
        method: (config.method ?? 'get').toUpperCase(),
        data: config.data,
        header,
        // weapp parses only when dataType is 'json'; alipay knows 'text'
        dataType: platform === 'alipay' ? 'text' : 'raw',
        responseType: 'text',
        timeout: config.timeout && config.timeout > 0 ? config.timeout : undefined,
        success: answer,
        fail: (err) => {
          // alipay reports HTTP errors (error 19) through fail, with the response attached
          if (typeof (err.statusCode ?? err.status) === 'number') {
            answer(err);
            return;
          }
          const msg = err.errMsg ?? err.errorMessage ?? '';
          if (err.error === 13 || /time\s?out|超时/i.test(msg)) {
            reject(new AxiosError(msg || 'timeout', AxiosError.ECONNABORTED, config, task));
          } else if (err.error === 9 || /abort/i.test(msg)) {
            reject(new AxiosError(msg || 'canceled', AxiosError.ERR_CANCELED, config, task));
          } else {
            reject(new AxiosError(msg || 'Network Error', AxiosError.ERR_NETWORK, config, task));
          }
        },
      });

      // Taro.request also returns a promise that rejects on failure: already handled via fail
      const thenable = task as { catch?: (f: () => void) => unknown } | null;
      if (thenable && typeof thenable.catch === 'function') thenable.catch(() => undefined);

      const signal = config.signal as
        { aborted?: boolean; addEventListener?: (t: string, l: () => void) => void } | undefined;
      const abortable = task as { abort?: () => void } | null;
      if (signal && typeof signal.addEventListener === 'function' && abortable?.abort) {
        signal.addEventListener('abort', () => abortable.abort?.());
      }
    });
}
