import type { LoginResponse, SessionInfo, UserSummary } from '@contract';
import { create } from 'zustand';
import { getPlatform, type PlatformAdapter } from '../platform';

/** Platform storage key of the signed-in session (token + expiries + masked user). */
export const SESSION_KEY = 'he.session';

export interface StoredSession {
  session: SessionInfo;
  user: UserSummary;
}

export interface SessionState {
  session: SessionInfo | null;
  user: UserSummary | null;
  /** why the user was signed out, shown once by the login page */
  notice: string | null;
}

function read(p: PlatformAdapter): StoredSession | null {
  try {
    const raw = p.storage.get(SESSION_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as StoredSession;
    if (!v?.session?.token || !v.user) return null;
    if (Date.parse(v.session.expiresAt) <= Date.now()) return null;
    return v;
  } catch {
    return null;
  }
}

function initial(): SessionState {
  let stored: StoredSession | null = null;
  try {
    stored = read(getPlatform());
  } catch {
    /* no platform yet (tests): signed out */
  }
  return { session: stored?.session ?? null, user: stored?.user ?? null, notice: null };
}

/** The signed-in citizen, or nobody. Persisted through the platform's storage. */
export const useSession = create<SessionState>()(() => initial());

export function getToken(): string | null {
  return useSession.getState().session?.token ?? null;
}

export function signIn(res: LoginResponse): void {
  getPlatform().storage.set(SESSION_KEY, JSON.stringify({ session: res.session, user: res.user }));
  useSession.setState({ session: res.session, user: res.user, notice: null });
}

/** New expiries from /auth/renew (same token). */
export function extendSession(expiry: { expiresAt: string; idleExpiresAt: string }): void {
  const { session, user } = useSession.getState();
  if (!session || !user) return;
  const next = { ...session, ...expiry };
  getPlatform().storage.set(SESSION_KEY, JSON.stringify({ session: next, user }));
  useSession.setState({ session: next });
}

/** Forgets the session; `notice` tells the login page why. */
export function signOut(notice: string | null = null): void {
  getPlatform().storage.remove(SESSION_KEY);
  useSession.setState({ session: null, user: null, notice });
}

/** Re-reads storage (after tests replace the platform). */
export function reloadSession(): void {
  useSession.setState(initial());
}
