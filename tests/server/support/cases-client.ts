/** Logging in through the 浙里办 simulator (with step-up) and calling /api/v1 as that person. */
import type { Harness } from './registry';

type Who = { idNumber: string; name: string };

export async function login(h: Harness, who: Who, stepUp = true): Promise<string> {
  const t = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sim/zlb/tickets',
    payload: { idNumber: who.idNumber },
  });
  expect(t.statusCode).toBe(200);
  const s = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/zlb/ticket',
    payload: { ticketId: t.json().ticketId },
  });
  expect(s.statusCode).toBe(200);
  const token = s.json().session.token as string;
  if (stepUp) {
    const z = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sim/zlb/zm-auth',
      payload: { certNo: who.idNumber, certName: who.name },
    });
    const u = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/zlb/step-up',
      headers: { authorization: `Bearer ${token}` },
      payload: { passId: z.json().passId },
    });
    expect(u.statusCode).toBe(200);
  }
  return token;
}

export function client(h: Harness, token: string) {
  const call = async <T>(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    status = 200,
  ) => {
    const res = await h.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode !== status)
      throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  return {
    get: <T>(url: string, status?: number) => call<T>('GET', url, undefined, status),
    post: <T>(url: string, payload: object = {}, status?: number) =>
      call<T>('POST', url, payload, status),
    patch: <T>(url: string, payload: object, status?: number) =>
      call<T>('PATCH', url, payload, status),
  };
}
