import axios, {
  AxiosError,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { installAuth, shouldRenew, type AuthHooks } from '@/shared/api/auth';
import { ApiError } from '@/shared/api/errors';

type Reply = { status: number; data?: unknown };

function server(handler: (config: InternalAxiosRequestConfig) => Reply) {
  const calls: InternalAxiosRequestConfig[] = [];
  const adapter: AxiosAdapter = async (config) => {
    calls.push(config);
    const reply = handler(config);
    const response: AxiosResponse = {
      data: JSON.stringify(reply.data ?? null),
      status: reply.status,
      statusText: String(reply.status),
      headers: {},
      config,
    };
    if (reply.status < 300) return response;
    throw new AxiosError('bad', 'ERR_BAD_RESPONSE', config, null, response);
  };
  return { adapter, calls };
}

const STEP_UP = {
  status: 403,
  data: { code: 'STEP_UP_REQUIRED', message: '请先刷脸确认本人', requestId: 'r1' },
};
const UNAUTH = {
  status: 401,
  data: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录', requestId: 'r2' },
};

function setup(handler: (c: InternalAxiosRequestConfig) => Reply, over: Partial<AuthHooks> = {}) {
  const s = server(handler);
  const hooks: AuthHooks = {
    getToken: () => 'tok-1',
    idleExpiresAt: () => Date.parse('2026-11-29T03:00:00Z'),
    renew: jest.fn(async () => undefined),
    onUnauthenticated: jest.fn(),
    stepUp: jest.fn(async () => true),
    now: () => Date.parse('2026-11-29T02:00:00Z'),
    ...over,
  };
  const client = axios.create({ baseURL: '/api/v1', adapter: s.adapter });
  installAuth(client, hooks);
  return { client, hooks, calls: s.calls };
}

describe('session interceptors', () => {
  it('sends the token as Authorization: Bearer', async () => {
    const { client, calls } = setup(() => ({ status: 200, data: { ok: 1 } }));
    await client.get('/me');
    expect(calls[0].headers.get('Authorization')).toBe('Bearer tok-1');
  });

  it('sends no Authorization header when signed out', async () => {
    const { client, calls } = setup(() => ({ status: 200 }), { getToken: () => null });
    await client.get('/catalogue');
    expect(calls[0].headers.has('Authorization')).toBe(false);
  });

  it('on 401 for a signed-in request: signs out and reports the server message', async () => {
    const { client, hooks } = setup(() => UNAUTH);
    const err = await client.get('/me').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(hooks.onUnauthenticated).toHaveBeenCalledWith(err);
  });

  it('does not sign anybody out for a 401 on a request sent without a token', async () => {
    const { client, hooks } = setup(() => UNAUTH, { getToken: () => null });
    await expect(client.post('/auth/face/complete', {})).rejects.toMatchObject({ status: 401 });
    expect(hooks.onUnauthenticated).not.toHaveBeenCalled();
  });

  it('on STEP_UP_REQUIRED: runs the face check, then resumes the same request once', async () => {
    let n = 0;
    const { client, hooks, calls } = setup((c) =>
      c.url === '/me/units/U1/record' && n++ === 0
        ? STEP_UP
        : { status: 200, data: { events: [1, 2] } },
    );
    const res = await client.post('/me/units/U1/record', { note: '保留的输入' });
    expect(hooks.stepUp).toHaveBeenCalledTimes(1);
    expect(res.data).toEqual({ events: [1, 2] });
    expect(calls).toHaveLength(2);
    expect(calls[1].method).toBe('post');
    expect(JSON.parse(String(calls[1].data))).toEqual({ note: '保留的输入' });
    expect(calls[1].headers.get('Authorization')).toBe('Bearer tok-1');
  });

  it('gives up with STEP_UP_REQUIRED when the face check is abandoned', async () => {
    const { client, calls } = setup(() => STEP_UP, { stepUp: jest.fn(async () => false) });
    await expect(client.get('/me/units/U1/record')).rejects.toMatchObject({
      code: 'STEP_UP_REQUIRED',
    });
    expect(calls).toHaveLength(1);
  });

  it('asks for one face check only, even if the server asks again after it', async () => {
    const { client, hooks, calls } = setup(() => STEP_UP);
    await expect(client.get('/x')).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    expect(hooks.stepUp).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
  });

  it('renews first when the idle expiry is near, once for concurrent requests', async () => {
    let idle = Date.parse('2026-11-29T02:05:00Z');
    const renew = jest.fn(async () => {
      idle = Date.parse('2026-11-29T02:30:00Z');
    });
    const { client, calls } = setup(() => ({ status: 200 }), {
      idleExpiresAt: () => idle,
      renew,
    });
    await Promise.all([client.get('/a'), client.get('/b')]);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
    await client.get('/c');
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('still sends the request when renewal fails (the server decides)', async () => {
    const { client, calls } = setup(() => ({ status: 200 }), {
      idleExpiresAt: () => Date.parse('2026-11-29T02:01:00Z'),
      renew: jest.fn(async () => {
        throw new Error('down');
      }),
    });
    await client.get('/a');
    expect(calls).toHaveLength(1);
  });

  it('shouldRenew: only inside the last 10 minutes of a live session', () => {
    const now = 1_000_000_000;
    expect(shouldRenew(null, now)).toBe(false);
    expect(shouldRenew(now + 30 * 60_000, now)).toBe(false);
    expect(shouldRenew(now + 9 * 60_000, now)).toBe(true);
    expect(shouldRenew(now - 1, now)).toBe(false);
  });
});
