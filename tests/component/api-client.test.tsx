import { TextDecoder as NodeTextDecoder } from 'node:util';
import { ApiError, createApiClient, isApiError, toApiError } from '@/shared/api';
import { scriptedAdapter } from './fakes';

const client = (adapter: ReturnType<typeof scriptedAdapter>, online = () => true) =>
  createApiClient({
    baseURL: '/api/v1',
    adapter: adapter.adapter,
    isOnline: online,
    retry: { sleep: async () => undefined, random: () => 0 },
  });

describe('API client', () => {
  it('sends a fresh x-request-id with every request', async () => {
    const server = scriptedAdapter({ status: 200, data: { ok: true } });
    const api = client(server);
    const res = await api.get('/catalogue');
    await api.get('/catalogue');
    expect(res.data).toEqual({ ok: true });
    const ids = server.calls.map((c) => c.headers.get('x-request-id'));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(ids[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('keeps a caller-supplied request id and reuses it across retries', async () => {
    const server = scriptedAdapter('network-error', { status: 200, data: {} });
    await client(server).get('/catalogue', { headers: { 'x-request-id': 'mine-1' } });
    expect(server.calls.map((c) => c.headers.get('x-request-id'))).toEqual(['mine-1', 'mine-1']);
  });

  it('rejects with an ApiError carrying the server message, status and request id', async () => {
    const server = scriptedAdapter({
      status: 409,
      data: { code: 'CASE_CONFLICT', message: '该不动产单元已有在办业务', requestId: 'r-9' },
    });
    const err = await client(server)
      .post('/cases', {})
      .catch((e: unknown) => e);
    expect(isApiError(err)).toBe(true);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: 'CASE_CONFLICT',
      message: '该不动产单元已有在办业务',
      requestId: 'r-9',
      status: 409,
    });
    expect(server.calls).toHaveLength(1);
  });

  it('reads the error body of a binary download (arraybuffer) as the server message', () => {
    // jsdom has no TextDecoder; browsers (where binary downloads happen) all do
    globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;
    const json = JSON.stringify({ code: 'NOT_FOUND', message: '查询结果不存在', requestId: 'r-1' });
    const bytes = new Uint8Array(Buffer.from(json, 'utf8'));
    const err = toApiError({
      isAxiosError: true,
      message: 'status 404',
      response: { status: 404, data: bytes.buffer, headers: {} },
    });
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: '查询结果不存在', status: 404 });
  });

  it('does not retry a POST on 503, but retries a GET up to 3 attempts', async () => {
    const post = scriptedAdapter({ status: 503, data: '' });
    await expect(client(post).post('/cases', {})).rejects.toMatchObject({ code: 'SERVER_ERROR' });
    expect(post.calls).toHaveLength(1);
    const get = scriptedAdapter({ status: 503, data: '' });
    await expect(client(get).get('/catalogue')).rejects.toMatchObject({
      code: 'SERVER_ERROR',
      message: '服务暂时不可用，请稍后再试',
    });
    expect(get.calls).toHaveLength(3);
  });

  it('reports OFFLINE without touching the network when the platform is offline', async () => {
    const server = scriptedAdapter({ status: 200, data: {} });
    await expect(client(server, () => false).get('/catalogue')).rejects.toMatchObject({
      code: 'OFFLINE',
      message: '网络未连接，请检查网络设置后重试',
    });
    expect(server.calls).toHaveLength(0);
  });
});
