import type { RenewResponse } from '@contract';
import Taro from '@tarojs/taro';
import { extendSession, getToken, signOut, useSession } from '../session/store';
import { requestStepUp } from '../session/stepUp';
import type { AuthHooks } from './auth';

export const LOGIN_PAGE = '/pages/login/index';

/** 401 on a signed-in request: forget the session, then the login page (with the reason). */
export function sendToLogin(message: string): void {
  signOut(message);
  const here = Taro.getCurrentPages?.().slice(-1)[0]?.route ?? '';
  if (/pages\/(login|face)\//.test(here)) return;
  void Taro.navigateTo({ url: `${LOGIN_PAGE}?reason=expired` }).catch(() => undefined);
}

/** The app's session wired into the API client (see auth.ts). */
export const sessionAuthHooks: AuthHooks = {
  getToken,
  idleExpiresAt() {
    const s = useSession.getState().session;
    return s ? Date.parse(s.idleExpiresAt) : null;
  },
  async renew(client) {
    const res = await client.post<RenewResponse>('/auth/renew', {}, { skipRenew: true });
    extendSession(res.data);
  },
  onUnauthenticated: (error) => sendToLogin(error.message),
  stepUp: requestStepUp,
};
