/**
 * Staff console sessions, separate from citizens': login with a locked-out period after repeated
 * failures, the session of a console token, its CSRF token, logout. Every attempt is audited.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { unauthenticated } from '../../domain/identity';
import {
  staffSessionLive,
  STAFF_LOCK_MS,
  STAFF_MAX_FAILURES,
  type StaffMember,
} from '../../domain/staff';
import type { Clock, PasswordHasher, StaffStore } from '../../ports';
import type { ClientInfo, StaffAudit } from './audit';

export interface StaffSession {
  staff: StaffMember;
  csrfToken: string;
}

export interface StaffSessionsDeps {
  staff: Pick<
    StaffStore,
    | 'accountByUsername'
    | 'account'
    | 'createSession'
    | 'session'
    | 'touchSession'
    | 'endSession'
    | 'loginFailures'
    | 'countLoginFailure'
    | 'clearLoginFailures'
  >;
  hasher: PasswordHasher;
  audit: StaffAudit;
  clock: Clock;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
const member = (a: StaffMember): StaffMember => ({
  staffId: a.staffId,
  username: a.username,
  displayName: a.displayName,
  post: a.post,
});
/** what an unknown username is verified against, so timing does not tell it is unknown */
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export class StaffSessions {
  constructor(private readonly deps: StaffSessionsDeps) {}

  /**
   * Logs in. The failures of a username are counted in the store, so the lock-out after
   * STAFF_MAX_FAILURES holds on every node and across restarts.
   */
  async login(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<StaffSession & { token: string }> {
    const name = username.trim().toLowerCase();
    const now = this.deps.clock.now();
    const f = await this.deps.staff.loginFailures(name);
    const lockedUntilMs = f?.lockedUntil ? Date.parse(f.lockedUntil) : undefined;
    if (lockedUntilMs !== undefined && lockedUntilMs > now.getTime()) {
      await this.deps.audit.record({ staffName: name }, 'loginLocked', client, 'refused');
      throw new AppError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试', {
        retryAfterSeconds: Math.ceil((lockedUntilMs - now.getTime()) / 1000),
      });
    }
    const account = await this.deps.staff.accountByUsername(name);
    // verify even for an unknown user, so that timing does not tell which usernames exist
    const ok = await this.deps.hasher.verify(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !account.active || !ok) {
      await this.deps.staff.countLoginFailure(name, {
        at: now.toISOString(),
        lockAfter: STAFF_MAX_FAILURES,
        lockUntil: new Date(now.getTime() + STAFF_LOCK_MS).toISOString(),
      });
      await this.deps.audit.record(
        account ?? { staffName: name },
        'loginFailed',
        client,
        'refused',
        account ? {} : { unknownUser: true },
      );
      throw unauthenticated('用户名或密码不正确');
    }
    if (f) await this.deps.staff.clearLoginFailures(name);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const at = this.deps.clock.now().toISOString();
    await this.deps.staff.createSession(hashToken(token), {
      staffId: account.staffId,
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
      clientIp: client.ip,
    });
    const staff = member(account);
    await this.deps.audit.record(staff, 'login', client, 'ok');
    return { token, csrfToken, staff };
  }

  /** The live session of a console token; throws UNAUTHENTICATED otherwise. */
  async authenticate(token: string | undefined): Promise<StaffSession> {
    if (!token) throw unauthenticated('请先登录工作人员控制台');
    const key = hashToken(token);
    const s = await this.deps.staff.session(key);
    const now = this.deps.clock.now();
    if (!s || !staffSessionLive(s, now)) throw unauthenticated('登录已失效，请重新登录');
    const account = await this.deps.staff.account(s.staffId);
    if (!account?.active) throw unauthenticated('账号已停用');
    await this.deps.staff.touchSession(key, now.toISOString());
    return { staff: member(account), csrfToken: s.csrfToken };
  }

  /** True when `given` is the session's CSRF token. */
  csrfMatches(session: StaffSession, given: string | undefined): boolean {
    return typeof given === 'string' && sameText(given, session.csrfToken);
  }

  async logout(token: string, client: ClientInfo): Promise<void> {
    const s = await this.authenticate(token);
    await this.deps.staff.endSession(hashToken(token), this.deps.clock.now().toISOString());
    await this.deps.audit.record(s.staff, 'logout', client, 'ok');
  }
}
