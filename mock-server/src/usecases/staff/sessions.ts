/**
 * Staff console sessions, separate from citizens': login throttled per address, per account at an
 * address and against password spraying, the session of a console token, its CSRF token, logout. Every attempt is audited.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { unauthenticated } from '../../domain/identity';
import {
  staffSessionLive,
  STAFF_FAILURE_WINDOW_MS,
  STAFF_LOCK_MS,
  STAFF_MAX_BLOCK_MS,
  STAFF_MAX_FAILURES,
  STAFF_MAX_FAILURES_PER_ADDRESS,
  STAFF_SPRAY_USERNAMES,
  type StaffMember,
} from '../../domain/staff';
import type { Clock, PasswordHasher, RateCounterStore, StaffStore } from '../../ports';
import { FailureThrottle, type FailureLimit } from '../shared/throttle';
import type { ClientInfo, StaffAudit } from './audit';

export interface StaffSession {
  staff: StaffMember;
  csrfToken: string;
}

export interface StaffSessionsDeps {
  staff: Pick<
    StaffStore,
    'accountByUsername' | 'account' | 'createSession' | 'session' | 'touchSession' | 'endSession'
  >;
  hasher: PasswordHasher;
  audit: StaffAudit;
  /** the throttles' counters, in the store (shared by every node) */
  counters: RateCounterStore;
  clock: Clock;
}

const limit = (max: number): FailureLimit => ({
  max,
  windowMs: STAFF_FAILURE_WINDOW_MS,
  blockMs: STAFF_LOCK_MS,
  maxBlockMs: STAFF_MAX_BLOCK_MS,
});
const PAIR = limit(STAFF_MAX_FAILURES);
const ADDRESS = limit(STAFF_MAX_FAILURES_PER_ADDRESS);
const SPRAY = limit(STAFF_SPRAY_USERNAMES);

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
  private readonly throttle: FailureThrottle;

  constructor(private readonly deps: StaffSessionsDeps) {
    this.throttle = new FailureThrottle({ counters: deps.counters, clock: deps.clock });
  }

  /**
   * Logs in. Failures are counted in the store (every node, across restarts) per client address,
   * per username *at that address* and per username overall, and the usernames an address fails
   * on are counted too:
   * - an address past STAFF_MAX_FAILURES_PER_ADDRESS failures, or failing on
   *   STAFF_SPRAY_USERNAMES different usernames (password spraying), is held back (RATE_LIMITED);
   * - an address past STAFF_MAX_FAILURES on one username may not try that username for a while;
   *   once a username drew STAFF_MAX_FAILURES failures from anywhere, one failure is enough;
   * - blocks double for each earlier block within a day. The staff member at an address that has
   *   not failed is never held back by someone else's guesses.
   */
  async login(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<StaffSession & { token: string }> {
    const name = username.trim().toLowerCase();
    const keys = {
      address: `staff:address:${client.ip}`,
      spray: `staff:usernames:${client.ip}`,
      pair: `staff:pair:${name}:${client.ip}`,
      account: `staff:account:${name}`,
    };
    const pairLimit = async (): Promise<FailureLimit> =>
      (await this.throttle.hits(keys.account)) >= STAFF_MAX_FAILURES ? { ...PAIR, max: 1 } : PAIR;
    const refuse = async (wait: number, why: string) => {
      await this.deps.audit.record({ staffName: name }, why, client, 'refused');
      return new AppError(
        'RATE_LIMITED',
        `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`,
        { retryAfterSeconds: wait },
      );
    };
    const addressWait =
      (await this.throttle.blockedFor(keys.address, ADDRESS.max)) ??
      (await this.throttle.blockedFor(keys.spray, SPRAY.max));
    if (addressWait !== undefined) throw await refuse(addressWait, 'loginLocked');
    const pairWait = await this.throttle.blockedFor(keys.pair, (await pairLimit()).max);
    if (pairWait !== undefined) throw await refuse(pairWait, 'loginLocked');

    const account = await this.deps.staff.accountByUsername(name);
    // verify even for an unknown user, so that timing does not tell which usernames exist
    const ok = await this.deps.hasher.verify(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !account.active || !ok) {
      await this.deps.audit.record(
        account ?? { staffName: name },
        'loginFailed',
        client,
        'refused',
        account ? {} : { unknownUser: true },
      );
      await this.throttle.fail(keys.address, ADDRESS);
      const onThisName = await this.throttle.fail(keys.pair, await pairLimit());
      await this.throttle.count(keys.account, STAFF_FAILURE_WINDOW_MS);
      // a username this address has not failed on before in the window: spraying counts it
      if (onThisName === 1 && (await this.throttle.fail(keys.spray, SPRAY)) === SPRAY.max) {
        await this.deps.audit.record(
          { staffName: name },
          'loginSprayingSuspected',
          client,
          'refused',
        );
      }
      throw unauthenticated('用户名或密码不正确');
    }
    await this.throttle.clear(keys.pair);
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
