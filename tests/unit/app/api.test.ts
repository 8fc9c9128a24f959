import {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { ApiError, ERROR_MESSAGES, toApiError } from '@/shared/api/errors';
import { isRetryableError, isRetryableRequest, retryDelay, withRetry } from '@/shared/api/retry';
import { backoffDelay } from '@/shared/lib/backoff';
import { createRequestId } from '@/shared/lib/requestId';

const cfg = (over: Partial<InternalAxiosRequestConfig> = {}): InternalAxiosRequestConfig =>
  ({
    method: 'get',
    url: '/catalogue',
    headers: new AxiosHeaders(),
    ...over,
  }) as InternalAxiosRequestConfig;

const ok = (config: InternalAxiosRequestConfig): AxiosResponse => ({
  data: '{"ok":true}',
  status: 200,
  statusText: 'OK',
  headers: {},
  config,
});

const httpError = (
  config: InternalAxiosRequestConfig,
  status: number,
  data: unknown = '',
  headers = {},
) =>
  new AxiosError(
    `status ${status}`,
    status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
    config,
    null,
    {
      data,
      status,
      statusText: '',
      headers,
      config,
    },
  );

describe('backoff', () => {
  it('doubles per retry with equal jitter from the injected random', () => {
    const at = (r: number) =>
      [1, 2, 3, 4].map((n) => backoffDelay(n, { baseMs: 200, maxMs: 1000, random: () => r }));
    expect(at(0)).toEqual([100, 200, 400, 500]);
    expect(at(1)).toEqual([200, 400, 800, 1000]);
    expect(at(0.5)).toEqual([150, 300, 600, 750]);
  });
  it('never waits zero and never beyond the cap', () => {
    for (let n = 1; n < 10; n++) {
      const d = backoffDelay(n, { random: Math.random });
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });
  it('honours Retry-After up to the cap', () => {
    const e = { response: { status: 429, headers: { 'Retry-After': '2' } } };
    expect(retryDelay(1, e, { random: () => 0, maxMs: 4000 })).toBe(2000);
    const long = { response: { status: 503, headers: { 'retry-after': '60' } } };
    expect(retryDelay(1, long, { random: () => 0, maxMs: 4000 })).toBe(4000);
  });
});

describe('which requests may be retried', () => {
  it.each([
    [{ method: 'get' }, true],
    [{ method: 'HEAD' }, true],
    [{ method: 'options' }, true],
    [{ method: 'get', retry: false }, false],
    [{ method: 'put' }, false],
    [{ method: 'put', retry: true }, true],
    [{ method: 'delete', retry: true }, true],
    [{ method: 'delete' }, false],
    [{ method: 'post' }, false],
    [{ method: 'post', retry: true }, false],
    [{ method: 'patch' }, false],
    [{ method: 'post', headers: { 'Idempotency-Key': 'k1' } }, true],
    [{ method: 'post', headers: new AxiosHeaders({ 'idempotency-key': 'k1' }) }, true],
  ])('%j → %s', (config, expected) => {
    expect(isRetryableRequest(config)).toBe(expected);
  });

  it.each([
    [{ code: 'ERR_NETWORK' }, true],
    [{ code: 'ECONNABORTED' }, true],
    [{ code: 'ERR_CANCELED' }, false],
    [{ response: { status: 500 } }, true],
    [{ response: { status: 503 } }, true],
    [{ response: { status: 429 } }, true],
    [{ response: { status: 501 } }, false],
    [{ response: { status: 400 } }, false],
    [{ response: { status: 404 } }, false],
    [{ response: { status: 409 } }, false],
  ])('error %j retryable → %s', (error, expected) => {
    expect(isRetryableError(error)).toBe(expected);
  });
});

describe('withRetry', () => {
  function flaky(failures: Array<(c: InternalAxiosRequestConfig) => Error>) {
    const calls: InternalAxiosRequestConfig[] = [];
    const adapter: AxiosAdapter = async (c) => {
      calls.push(c as InternalAxiosRequestConfig);
      const f = failures[calls.length - 1];
      if (f) throw f(c as InternalAxiosRequestConfig);
      return ok(c as InternalAxiosRequestConfig);
    };
    return { adapter, calls };
  }
  const network = (c: InternalAxiosRequestConfig) =>
    new AxiosError('Network Error', 'ERR_NETWORK', c);

  it('retries a GET on network errors and 5xx, sleeping the backoff delays', async () => {
    const { adapter, calls } = flaky([network, (c) => httpError(c, 503)]);
    const sleeps: number[] = [];
    const wrapped = withRetry(adapter, {
      random: () => 0,
      baseMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const res = await wrapped(cfg());
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('stops after maxAttempts and throws the last error', async () => {
    const { adapter, calls } = flaky([network, network, network, network]);
    const wrapped = withRetry(adapter, { sleep: async () => undefined, maxAttempts: 3 });
    await expect(wrapped(cfg())).rejects.toMatchObject({ code: 'ERR_NETWORK' });
    expect(calls).toHaveLength(3);
  });

  it('never retries a POST without an Idempotency-Key', async () => {
    const { adapter, calls } = flaky([(c) => httpError(c, 503)]);
    const wrapped = withRetry(adapter, { sleep: async () => undefined });
    await expect(wrapped(cfg({ method: 'post' }))).rejects.toBeInstanceOf(AxiosError);
    expect(calls).toHaveLength(1);
  });

  it('retries a POST that carries an Idempotency-Key', async () => {
    const { adapter, calls } = flaky([(c) => httpError(c, 502)]);
    const wrapped = withRetry(adapter, { sleep: async () => undefined });
    const headers = new AxiosHeaders({ 'Idempotency-Key': 'abc' });
    await expect(wrapped(cfg({ method: 'post', headers }))).resolves.toMatchObject({ status: 200 });
    expect(calls).toHaveLength(2);
  });

  it('does not retry 4xx answers', async () => {
    const { adapter, calls } = flaky([(c) => httpError(c, 400)]);
    const wrapped = withRetry(adapter, { sleep: async () => undefined });
    await expect(wrapped(cfg())).rejects.toMatchObject({ response: { status: 400 } });
    expect(calls).toHaveLength(1);
  });

  it('makes no attempt while offline', async () => {
    const { adapter, calls } = flaky([]);
    const wrapped = withRetry(adapter, { isOnline: () => false });
    await expect(wrapped(cfg())).rejects.toMatchObject({ code: 'ERR_OFFLINE' });
    expect(calls).toHaveLength(0);
  });
});

describe('toApiError', () => {
  const sent = (id: string) => cfg({ headers: new AxiosHeaders({ 'x-request-id': id }) });

  it('passes the server error body (Chinese message) through', () => {
    const body = { code: 'CATALOGUE_UNAVAILABLE', message: '服务目录暂不可用', requestId: 'srv-1' };
    const e = toApiError(httpError(sent('cli-1'), 503, body));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({
      code: 'CATALOGUE_UNAVAILABLE',
      message: '服务目录暂不可用',
      requestId: 'srv-1',
      status: 503,
    });
  });

  it('parses a server error body that arrived as a string', () => {
    const e = toApiError(
      httpError(
        sent('cli-1'),
        400,
        '{"code":"VALIDATION_FAILED","message":"参数不正确","requestId":"r9"}',
      ),
    );
    expect(e).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '参数不正确',
      requestId: 'r9',
      status: 400,
    });
  });

  it('maps a bare HTTP status to a Chinese message, keeping the response request id', () => {
    const e = toApiError(
      httpError(sent('cli-1'), 502, '<html>Bad gateway</html>', { 'x-request-id': 'gw-7' }),
    );
    expect(e).toMatchObject({
      code: 'SERVER_ERROR',
      message: ERROR_MESSAGES.SERVER_ERROR,
      requestId: 'gw-7',
      status: 502,
    });
    expect(toApiError(httpError(sent('a'), 404)).code).toBe('NOT_FOUND');
    expect(toApiError(httpError(sent('a'), 429)).message).toBe(ERROR_MESSAGES.RATE_LIMITED);
  });

  it('network failure, timeout, offline, cancel and unknown', () => {
    const c = sent('cli-2');
    expect(toApiError(new AxiosError('Network Error', 'ERR_NETWORK', c))).toMatchObject({
      code: 'NETWORK_ERROR',
      message: '网络连接失败，请检查网络后重试',
      requestId: 'cli-2',
    });
    expect(
      toApiError(new AxiosError('Network Error', 'ERR_NETWORK', c), { online: false }).code,
    ).toBe('OFFLINE');
    expect(toApiError(new AxiosError('offline', 'ERR_OFFLINE', c))).toMatchObject({
      code: 'OFFLINE',
      message: ERROR_MESSAGES.OFFLINE,
    });
    const timeout = toApiError(new AxiosError('timeout of 15000ms exceeded', 'ECONNABORTED', c));
    expect(timeout.code).toBe('TIMEOUT');
    expect(timeout.message).toMatch(/^请求超时/);
    expect(toApiError(new AxiosError('canceled', 'ERR_CANCELED', c)).code).toBe('CANCELED');
    const unknown = toApiError(new TypeError('x is undefined'));
    expect(unknown).toMatchObject({ code: 'UNKNOWN', message: '服务暂时不可用，请稍后再试' });
    expect(unknown.status).toBeUndefined();
  });

  it('returns an ApiError unchanged', () => {
    const e = new ApiError({ code: 'X', message: '已存在' });
    expect(toApiError(e)).toBe(e);
  });
});

describe('createRequestId', () => {
  it('is a v4 UUID built from the injected bytes', () => {
    const id = createRequestId((n) => new Uint8Array(n).fill(0xab));
    expect(id).toBe('abababab-abab-4bab-abab-abababababab');
  });
  it('differs between calls with the default source', () => {
    const a = createRequestId();
    const b = createRequestId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
