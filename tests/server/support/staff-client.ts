/** Logging a staff member into the console API (cookie + CSRF token) and calling it. */
import type { Harness } from './registry';

export const STAFF = { username: 'wangfang', password: 'Taizhou-staff-2026', name: '王芳' };

export interface StaffLogin {
  cookie: string;
  token: string;
  csrf: string;
  setCookie: string;
}

export async function staffLogin(
  h: Harness,
  who: { username: string; password: string } = STAFF,
): Promise<StaffLogin> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/staff/session',
    payload: { username: who.username, password: who.password },
  });
  if (res.statusCode !== 200) throw new Error(`staff login: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  const token = /hh_staff=([^;]+)/.exec(setCookie)![1];
  return { cookie: `hh_staff=${token}`, token, csrf: res.json().csrfToken, setCookie };
}

export function staffClient(h: Harness, s: StaffLogin) {
  const call = async <T>(method: 'GET' | 'POST', url: string, payload?: object, status = 200) => {
    const res = await h.app.inject({
      method,
      url: `/api/v1/staff${url}`,
      headers: { cookie: s.cookie, ...(method === 'POST' ? { 'x-csrf-token': s.csrf } : {}) },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode !== status)
      throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return (res.body ? res.json() : undefined) as T;
  };
  return {
    get: <T>(url: string, status?: number) => call<T>('GET', url, undefined, status),
    post: <T>(url: string, payload: object = {}, status?: number) =>
      call<T>('POST', url, payload, status),
  };
}
