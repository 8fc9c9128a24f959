/**
 * Sessions of surveying firms' users, separate from citizens' and staff's: a login throttled per
 * address and per username at that address (counters in the store, shared by every node), the
 * session of a cookie token with its CSRF token, logout. A session lives as a staff console
 * session does (idle and absolute limits of domain/staff).
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
} from '../../domain/staff';
import type { SurveyFirm, SurveyFirmUser } from '../../domain/survey';
import type { Clock, PasswordHasher, RateCounterStore } from '../../ports';
import type { SurveyStore } from '../../ports/survey';
import { FailureThrottle, type FailureLimit } from '../shared/throttle';

export interface FirmSession {
  user: SurveyFirmUser;
  firm: SurveyFirm;
  csrfToken: string;
}

export interface FirmSessionsDeps {
  store: Pick<
    SurveyStore,
    'userByUsername' | 'user' | 'firm' | 'createSession' | 'session' | 'touchSession' | 'endSession'
  >;
  hasher: PasswordHasher;
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
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** what an unknown username is verified against, so timing does not tell it is unknown */
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const userView = (u: SurveyFirmUser): SurveyFirmUser => ({
  userId: u.userId,
  firmId: u.firmId,
  username: u.username,
  displayName: u.displayName,
});

export class FirmSessions {
  private readonly throttle: FailureThrottle;

  constructor(private readonly deps: FirmSessionsDeps) {
    this.throttle = new FailureThrottle({ counters: deps.counters, clock: deps.clock });
  }

  async login(
    username: string,
    password: string,
    ip: string,
  ): Promise<FirmSession & { token: string }> {
    const name = username.trim().toLowerCase();
    const keys = { address: `survey:address:${ip}`, pair: `survey:pair:${name}:${ip}` };
    const wait =
      (await this.throttle.blockedFor(keys.address, ADDRESS.max)) ??
      (await this.throttle.blockedFor(keys.pair, PAIR.max));
    if (wait !== undefined)
      throw new AppError(
        'RATE_LIMITED',
        `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`,
        {
          retryAfterSeconds: wait,
        },
      );
    const user = await this.deps.store.userByUsername(name);
    const ok = await this.deps.hasher.verify(password, user?.passwordHash ?? DUMMY_HASH);
    const firm = user && (await this.deps.store.firm(user.firmId));
    if (!user || !user.active || !ok || !firm) {
      await this.throttle.fail(keys.address, ADDRESS);
      await this.throttle.fail(keys.pair, PAIR);
      throw unauthenticated('用户名或密码不正确');
    }
    await this.throttle.clear(keys.pair);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const at = this.deps.clock.now().toISOString();
    await this.deps.store.createSession(hashToken(token), {
      userId: user.userId,
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
    });
    return { token, csrfToken, user: userView(user), firm };
  }

  /** The live session of a cookie token; throws UNAUTHENTICATED otherwise. */
  async authenticate(token: string | undefined): Promise<FirmSession> {
    if (!token) throw unauthenticated('请先以测绘单位账号登录');
    const key = hashToken(token);
    const s = await this.deps.store.session(key);
    const now = this.deps.clock.now();
    if (!s || !staffSessionLive(s, now)) throw unauthenticated('登录已失效，请重新登录');
    const user = await this.deps.store.user(s.userId);
    const firm = user && (await this.deps.store.firm(user.firmId));
    if (!user?.active || !firm) throw unauthenticated('账号已停用');
    await this.deps.store.touchSession(key, now.toISOString());
    return { user: userView(user), firm, csrfToken: s.csrfToken };
  }

  csrfMatches(session: FirmSession, given: string | undefined): boolean {
    if (typeof given !== 'string') return false;
    const x = Buffer.from(given);
    const y = Buffer.from(session.csrfToken);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  async logout(token: string): Promise<void> {
    await this.authenticate(token);
    await this.deps.store.endSession(hashToken(token), this.deps.clock.now().toISOString());
  }
}
