import axios, { AxiosError } from 'axios';
import {
  createTaroRequestAdapter,
  type TaroRequestFn,
  type TaroRequestOptions,
  type TaroRequestResult,
  type TaroRequestFailure,
} from '@/shared/api/taroAdapter';

/** A fake Taro.request that records its options and answers as told. */
function fakeRequest(
  answer: (o: TaroRequestOptions) => { ok?: TaroRequestResult; fail?: TaroRequestFailure },
) {
  const calls: TaroRequestOptions[] = [];
  const request: TaroRequestFn = (o) => {
    calls.push(o);
    const a = answer(o);
    // Taro.request also returns a promise that rejects on failure
    const p = new Promise((resolve, reject) =>
      setTimeout(() => {
        if (a.fail) {
          o.fail(a.fail);
          reject(a.fail);
        } else {
          o.success(a.ok as TaroRequestResult);
          resolve(a.ok);
        }
      }, 0),
    );
    return Object.assign(p, { abort: jest.fn() });
  };
  return { request, calls };
}

const BASE = 'https://estate.example.cn/api/v1';

describe('Taro.request adapter', () => {
  it.each([
    ['weapp', 'raw'],
    ['alipay', 'text'],
  ] as const)(
    '%s: asks for the raw body (dataType %s) and axios parses the JSON',
    async (platform, dataType) => {
      const { request, calls } = fakeRequest(() => ({
        ok: {
          statusCode: 200,
          data: '{"items":[],"catalogueVersion":3}',
          header: { 'X-Request-Id': 'srv-1' },
        },
      }));
      const client = axios.create({
        baseURL: BASE,
        adapter: createTaroRequestAdapter(request, platform),
      });
      const res = await client.get('/catalogue', {
        params: { q: '转移 登记' },
        headers: { 'x-request-id': 'cli-1' },
      });
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ items: [], catalogueVersion: 3 });
      expect(res.headers['x-request-id']).toBe('srv-1');
      expect(calls).toHaveLength(1);
      const o = calls[0];
      expect(o.dataType).toBe(dataType);
      expect(o.dataType).not.toBe('json');
      expect(o.responseType).toBe('text');
      expect(o.method).toBe('GET');
      expect(o.url).toBe(`${BASE}/catalogue?q=%E8%BD%AC%E7%A7%BB+%E7%99%BB%E8%AE%B0`);
      expect(o.header['x-request-id']).toBe('cli-1');
    },
  );

  it('sends the serialised body of a POST', async () => {
    const { request, calls } = fakeRequest(() => ({ ok: { statusCode: 201, data: '{"id":1}' } }));
    const client = axios.create({
      baseURL: BASE,
      adapter: createTaroRequestAdapter(request, 'weapp'),
    });
    const res = await client.post('/cases', { businessType: 'transfer.secondHandSale' });
    expect(res.data).toEqual({ id: 1 });
    expect(calls[0].method).toBe('POST');
    expect(JSON.parse(calls[0].data as string)).toEqual({
      businessType: 'transfer.secondHandSale',
    });
    expect(calls[0].header['Content-Type']).toMatch(/application\/json/);
  });

  it('maps non-2xx to an AxiosError with the parsed response', async () => {
    const { request } = fakeRequest(() => ({
      ok: {
        statusCode: 503,
        data: '{"code":"UNAVAILABLE","message":"服务维护中","requestId":"r1"}',
      },
    }));
    const client = axios.create({
      baseURL: BASE,
      adapter: createTaroRequestAdapter(request, 'weapp'),
    });
    const err = await client.get('/catalogue').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AxiosError);
    const e = err as AxiosError;
    expect(e.code).toBe('ERR_BAD_RESPONSE');
    expect(e.response?.status).toBe(503);
    expect(e.response?.data).toEqual({
      code: 'UNAVAILABLE',
      message: '服务维护中',
      requestId: 'r1',
    });
  });

  it('alipay: an HTTP error reported through fail still carries the response', async () => {
    const { request } = fakeRequest(() => ({
      fail: {
        error: 19,
        errorMessage: 'http status error',
        status: 404,
        data: '{"code":"NOT_FOUND","message":"不存在","requestId":"r2"}',
        headers: {},
      },
    }));
    const client = axios.create({
      baseURL: BASE,
      adapter: createTaroRequestAdapter(request, 'alipay'),
    });
    const e = (await client.get('/x').catch((x: unknown) => x)) as AxiosError;
    expect(e.code).toBe('ERR_BAD_REQUEST');
    expect(e.response?.status).toBe(404);
    expect(e.response?.data).toMatchObject({ message: '不存在' });
  });

  it.each([
    [{ errMsg: 'request:fail timeout' }, 'ECONNABORTED'],
    [{ error: 13, errorMessage: '超时' }, 'ECONNABORTED'],
    [{ errMsg: 'request:fail abort' }, 'ERR_CANCELED'],
    [{ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }, 'ERR_NETWORK'],
    [{ error: 12, errorMessage: '网络出错' }, 'ERR_NETWORK'],
  ])('transport failure %j → %s', async (fail, code) => {
    const { request } = fakeRequest(() => ({ fail }));
    const client = axios.create({
      baseURL: BASE,
      adapter: createTaroRequestAdapter(request, 'weapp'),
    });
    const e = (await client.get('/x').catch((x: unknown) => x)) as AxiosError;
    expect(e).toBeInstanceOf(AxiosError);
    expect(e.code).toBe(code);
    expect(e.response).toBeUndefined();
  });

  it('refuses relative URLs: mini-programs need an absolute base', async () => {
    const { request, calls } = fakeRequest(() => ({ ok: { statusCode: 200, data: '{}' } }));
    const client = axios.create({
      baseURL: '/api/v1',
      adapter: createTaroRequestAdapter(request, 'weapp'),
    });
    const e = (await client.get('/catalogue').catch((x: unknown) => x)) as AxiosError;
    expect(e.code).toBe('ERR_INVALID_URL');
    expect(calls).toHaveLength(0);
  });

  it('passes the timeout on', async () => {
    const { request, calls } = fakeRequest(() => ({ ok: { statusCode: 204, data: '' } }));
    const client = axios.create({
      baseURL: BASE,
      timeout: 8000,
      adapter: createTaroRequestAdapter(request, 'alipay'),
    });
    await client.delete('/x');
    expect(calls[0].timeout).toBe(8000);
    expect(calls[0].method).toBe('DELETE');
  });
});
