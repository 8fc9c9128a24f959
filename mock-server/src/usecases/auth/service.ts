/**
 * Login, step-up and sessions. The registry never trusts the client about identity:
 * it asks the identity platform (IdentityVerifier) or 浙里办 (ZlbGateway), verifies the platform's
 * SM2-signed assertion with the platform's public key, refuses a replayed one, and only then
 * issues a session whose token it stores as an SM3 hash.
 */
import { bytesToHex, decodePublicKeyHex, type AffinePoint } from '../../domain/crypto';
import { notFound } from '../../domain/errors';
import { checkCitizenId } from '../../domain/identifiers';
import {
  CHALLENGE_WINDOW_MS,
  MAX_OPEN_CHALLENGES_PER_PERSON,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  SESSION_TOKEN_BYTES,
  STEP_UP_TTL_MS,
  assertionInvalid,
  assertionReplayed,
  challengeNotFound,
  idNumberInvalid,
  personUnknown,
  stepUpRequired,
  unauthenticated,
  verifyAssertion,
  zlbTicketInvalid,
  type SignedAssertion,
} from '../../domain/identity';
import type { Person } from '../../domain/register';
import type {
  Clock,
  FaceAttempt,
  FaceAttemptStore,
  FaceChallengeIssued,
  FaceFrameSubmission,
  IdentityVerifier,
  PopulationRegister,
  RateCounterStore,
  ReplayLedger,
  SecureRandom,
  SessionRecord,
  SessionStore,
  ZlbGateway,
} from '../../ports';
import { LoginThrottle, sm3Text } from './throttle';
import type { CertificateStore } from '../../ports/certificates';

export interface AuthDeps {
  verifier: IdentityVerifier;
  zlb: ZlbGateway;
  population: PopulationRegister;
  sessions: SessionStore;
  attempts: FaceAttemptStore;
  ledger: ReplayLedger;
  /** the throttles' counters, in the store (shared by every node) */
  counters: RateCounterStore;
  /** the holder's live 亮证 presentations, ended at logout */
  presentations: Pick<CertificateStore, 'endPresentationsOf'>;
  clock: Clock;
  random: SecureRandom;
}

/** Who is calling, as `requireSession` puts it on the request. */
export interface Caller {
  personId: string;
  name: string;
  idNumber: string;
  sessionId: string;
  /** ISO instant of the last face check in this session, if any */
  stepUpAt?: string;
  /** which face-verification record that check was (certifyId, or `zlb:` and the pass id) */
  stepUpRef?: string;
}

export interface IssuedSession {
  token: string;
  expiresAt: string;
  idleExpiresAt: string;
  person: Person;
}

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** The stored form of a session token. */
export const hashToken = (token: string) => sm3Text(`session-token:${token}`);

const plus = (d: Date, ms: number) => new Date(d.getTime() + ms).toISOString();
const minIso = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

export const stepUpValidUntil = (stepUpAt: string | undefined): string | undefined =>
  stepUpAt === undefined
    ? undefined
    : new Date(Date.parse(stepUpAt) + STEP_UP_TTL_MS).toISOString();

/** Ended, past the absolute expiry or idle too long → UNAUTHENTICATED, with the reason. */
function assertLive(s: SessionRecord, now: Date): void {
  if (s.revokedAt !== undefined) throw unauthenticated();
  if (now.getTime() >= Date.parse(s.expiresAt)) {
    throw unauthenticated('登录已超过 12 小时，请重新登录');
  }
  if (now.getTime() >= Date.parse(s.idleExpiresAt)) {
    throw unauthenticated('长时间未操作，登录已失效，请重新登录');
  }
}

export class AuthService {
  private readonly platformKey: AffinePoint;
  private readonly throttle: LoginThrottle;

  constructor(private readonly deps: AuthDeps) {
    this.platformKey = decodePublicKeyHex(deps.verifier.publicKeyHex);
    this.throttle = new LoginThrottle({ counters: deps.counters, clock: deps.clock });
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  // ------------------------------------------------------------ face login

  async startFaceLogin(
    input: { name: string; idNumber: string },
    client: string,
  ): Promise<FaceChallengeIssued> {
    await this.throttle.assertClientAllowed(client);
    const idNumber = input.idNumber.trim().toUpperCase();
    return this.throttle.counting(client, undefined, async () => {
      const check = checkCitizenId(idNumber);
      if (!check.ok) throw idNumberInvalid(check.reason);
      await this.throttle.assertTargetAllowed(idNumber, client);
      return this.throttle.counting(client, idNumber, async () => {
        const issued = await this.deps.verifier.startFace({ name: input.name, idNumber });
        await this.saveAttempt({
          certifyId: issued.certifyId,
          purpose: 'login',
          idNumber,
          createdAt: this.now().toISOString(),
        });
        return issued;
      });
    });
  }

  async completeFaceLogin(
    input: { certifyId: string; frames: readonly FaceFrameSubmission[]; deviceName?: string },
    client: string,
  ): Promise<IssuedSession> {
    await this.throttle.assertClientAllowed(client);
    return this.throttle.counting(client, undefined, async () => {
      const attempt = await this.deps.attempts.take(input.certifyId);
      if (!attempt || attempt.purpose !== 'login') throw challengeNotFound();
      await this.throttle.assertTargetAllowed(attempt.idNumber, client);
      return this.throttle.counting(client, attempt.idNumber, async () => {
        const assertion = await this.deps.verifier.completeFace(input);
        const person = await this.acceptAssertion(assertion, {
          certifyId: input.certifyId,
          idNumber: attempt.idNumber,
        });
        // the login face check is itself a face check: it counts as the session's step-up for
        // the same window (STEP_UP_TTL_MS), so signing right after login needs no second scan
        return this.issueSession(person, input.deviceName, {
          at: this.now().toISOString(),
          ref: input.certifyId,
        });
      });
    });
  }

  /**
   * Checks an identity platform assertion: the platform's signature, still valid, about the
   * face check we started, and never used before. Returns the person it vouches for.
   */
  async acceptAssertion(
    assertion: SignedAssertion,
    expected: { certifyId: string; idNumber: string },
  ): Promise<Person> {
    const now = this.now();
    if (!verifyAssertion(assertion, this.platformKey, now)) throw assertionInvalid();
    // single use: a replayed assertion is refused whatever it is presented for
    if (!(await this.deps.ledger.use(`assertion:${assertion.signature}`, now.toISOString()))) {
      throw assertionReplayed();
    }
    const c = assertion.claims;
    if (c.certifyId !== expected.certifyId || c.idNumber !== expected.idNumber) {
      throw assertionInvalid();
    }
    if (!(await this.deps.ledger.use(`certify:${c.certifyId}`, now.toISOString()))) {
      throw assertionReplayed();
    }
    const person = await this.deps.population.byIdNumber(c.idNumber);
    if (!person) throw personUnknown();
    return person;
  }

  // ------------------------------------------------------------ 浙里办

  async zlbLogin(
    input: { ticketId: string; deviceName?: string },
    client: string,
  ): Promise<IssuedSession> {
    await this.throttle.assertClientAllowed(client);
    return this.throttle.counting(client, undefined, async () => {
      const { accessToken } = await this.deps.zlb.exchangeTicket(input.ticketId);
      const info = await this.deps.zlb.userInfo(accessToken);
      const person = await this.deps.population.byIdNumber(info.idNo);
      if (!person || person.name !== info.userName) throw zlbTicketInvalid();
      // a 浙里办 single sign-on ticket proves who the user is, not that a face was checked now
      // (浙里办 itself may have been opened by password or SMS): no step-up is recorded; the first
      // sensitive act asks for zmAuthentication (zlbStepUp), which then counts for the window
      return this.issueSession(person, input.deviceName ?? '浙里办');
    });
  }

  async zlbStepUp(caller: Caller, passId: string, client: string): Promise<string> {
    await this.throttle.assertStepUpAllowed(caller.sessionId);
    return this.throttle.countingStepUp(client, caller.sessionId, async () => {
      const pass = await this.deps.zlb.checkPass(passId);
      if (!pass || pass.certNo !== caller.idNumber || pass.certName !== caller.name) {
        throw assertionInvalid();
      }
      if (!(await this.deps.ledger.use(`zm-pass:${passId}`, this.now().toISOString()))) {
        throw assertionReplayed();
      }
      return this.markStepUp(caller, `zlb:${passId}`);
    });
  }

  // ------------------------------------------------------------ step-up

  async startStepUp(caller: Caller, client: string): Promise<FaceChallengeIssued> {
    // a step-up is held back only by its own session's failures, never by a stranger's tries
    await this.throttle.assertStepUpAllowed(caller.sessionId);
    return this.throttle.countingStepUp(client, caller.sessionId, async () => {
      const issued = await this.deps.verifier.startFace({
        name: caller.name,
        idNumber: caller.idNumber,
      });
      await this.saveAttempt({
        certifyId: issued.certifyId,
        purpose: 'stepUp',
        idNumber: caller.idNumber,
        sessionId: caller.sessionId,
        createdAt: this.now().toISOString(),
      });
      return issued;
    });
  }

  /** Returns until when the step-up is valid. */
  async completeStepUp(
    caller: Caller,
    input: { certifyId: string; frames: readonly FaceFrameSubmission[] },
    client: string,
  ): Promise<string> {
    await this.throttle.assertStepUpAllowed(caller.sessionId);
    return this.throttle.countingStepUp(client, caller.sessionId, async () => {
      const attempt = await this.deps.attempts.take(input.certifyId);
      if (!attempt || attempt.purpose !== 'stepUp' || attempt.sessionId !== caller.sessionId) {
        throw challengeNotFound();
      }
      const assertion = await this.deps.verifier.completeFace(input);
      await this.acceptAssertion(assertion, {
        certifyId: input.certifyId,
        idNumber: caller.idNumber,
      });
      return this.markStepUp(caller, input.certifyId);
    });
  }

  /**
   * Keeps a started face check until it is completed. Long-expired ones are pruned (kept a while
   * past their window so that a late answer still hears CHALLENGE_EXPIRED), and a person keeps
   * at most MAX_OPEN_CHALLENGES_PER_PERSON open (the oldest are dropped, nobody is refused).
   */
  private async saveAttempt(attempt: FaceAttempt): Promise<void> {
    const now = this.now().getTime();
    await this.deps.attempts.prune(new Date(now - 5 * CHALLENGE_WINDOW_MS).toISOString());
    await this.deps.attempts.save(attempt);
    await this.deps.attempts.keepNewest(attempt.idNumber, MAX_OPEN_CHALLENGES_PER_PERSON);
  }

  private async markStepUp(caller: Caller, ref: string): Promise<string> {
    const at = this.now().toISOString();
    await this.deps.sessions.markStepUp(caller.sessionId, at, ref);
    caller.stepUpAt = at;
    caller.stepUpRef = ref;
    return stepUpValidUntil(at)!;
  }

  /** Throws STEP_UP_REQUIRED unless the caller's session had a face check < 5 minutes ago. */
  assertStepUp(caller: Caller): void {
    const until = stepUpValidUntil(caller.stepUpAt);
    if (until === undefined || this.now().getTime() >= Date.parse(until)) throw stepUpRequired();
  }

  // ------------------------------------------------------------ sessions

  /** `faceCheck`: the face check this login was (its instant and certifyId), if it was one. */
  private async issueSession(
    person: Person,
    deviceName: string | undefined,
    faceCheck?: { at: string; ref: string },
  ): Promise<IssuedSession> {
    const now = this.now();
    const token = base64url(this.deps.random.bytes(SESSION_TOKEN_BYTES));
    const expiresAt = plus(now, SESSION_ABSOLUTE_MS);
    const idleExpiresAt = minIso(plus(now, SESSION_IDLE_MS), expiresAt);
    const session: SessionRecord = {
      sessionId: `ses-${bytesToHex(this.deps.random.bytes(12))}`,
      personId: person.personId,
      deviceName: deviceName?.trim() || '未命名设备',
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      idleExpiresAt,
      expiresAt,
    };
    await this.deps.sessions.create(session, hashToken(token));
    // the token is returned only after both writes, so no caller ever holds the session without it
    if (faceCheck)
      await this.deps.sessions.markStepUp(session.sessionId, faceCheck.at, faceCheck.ref);
    return { token, expiresAt, idleExpiresAt, person };
  }

  /**
   * The caller behind a bearer token. Missing, unknown, revoked or expired → UNAUTHENTICATED.
   * `activity`: the request is the person's own action and extends the idle expiry (never past
   * the absolute one); `background` (a status stream, a fallback poll the page makes by itself)
   * leaves the session row untouched, so an open page alone never keeps a session alive.
   */
  async authenticate(
    token: string | undefined,
    kind: 'activity' | 'background' = 'activity',
  ): Promise<Caller> {
    if (!token) throw unauthenticated('请先登录');
    const s = await this.deps.sessions.byTokenHash(hashToken(token));
    if (!s) throw unauthenticated();
    const now = this.now();
    assertLive(s, now);
    const person = await this.personOf(s.personId);
    if (kind === 'activity') {
      await this.deps.sessions.touch(
        s.sessionId,
        now.toISOString(),
        minIso(plus(now, SESSION_IDLE_MS), s.expiresAt),
      );
    }
    return {
      personId: person.personId,
      name: person.name,
      idNumber: person.idNumber,
      sessionId: s.sessionId,
      ...(s.stepUpAt === undefined ? {} : { stepUpAt: s.stepUpAt }),
      ...(s.stepUpRef === undefined ? {} : { stepUpRef: s.stepUpRef }),
    };
  }

  /**
   * Whether the session is still live now (not ended, not past its idle or absolute expiry);
   * reads only, never extends it: an open status stream asks this to end with its session.
   */
  async isLive(sessionId: string): Promise<boolean> {
    const s = await this.deps.sessions.byId(sessionId);
    if (!s) return false;
    try {
      assertLive(s, this.now());
      return true;
    } catch {
      return false;
    }
  }

  private async personOf(personId: string): Promise<Person> {
    const p = await this.deps.population.byPersonId(personId);
    if (!p) throw unauthenticated();
    return p;
  }

  /** The session's current expiries (authenticate already extended the idle one). */
  async renew(caller: Caller): Promise<{ expiresAt: string; idleExpiresAt: string }> {
    const s = await this.deps.sessions.byId(caller.sessionId);
    if (!s) throw unauthenticated();
    return { expiresAt: s.expiresAt, idleExpiresAt: s.idleExpiresAt };
  }

  /** Ends the session and the holder's live 亮证 presentations (a shown QR no longer verifies). */
  async logout(caller: Caller): Promise<void> {
    const at = this.now().toISOString();
    await this.deps.sessions.revoke(caller.sessionId, at);
    await this.deps.presentations.endPresentationsOf(caller.personId, at);
  }

  async listSessions(caller: Caller): Promise<(SessionRecord & { current: boolean })[]> {
    const sessions = await this.deps.sessions.activeOf(caller.personId, this.now().toISOString());
    return sessions.map((s) => ({ ...s, current: s.sessionId === caller.sessionId }));
  }

  /** Ends one of the caller's own sessions; anyone else's is NOT_FOUND. */
  async endSession(caller: Caller, sessionId: string): Promise<void> {
    const s = await this.deps.sessions.byId(sessionId);
    if (!s || s.personId !== caller.personId || s.revokedAt !== undefined) {
      throw notFound('未找到该登录设备');
    }
    await this.deps.sessions.revoke(sessionId, this.now().toISOString());
  }
}
