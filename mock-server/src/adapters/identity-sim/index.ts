/**
 * Simulators of the outside identity parties, behind the IdentityVerifier, ZlbGateway
 * and ZlbContainerSimulator ports:
 *
 * - the identity platform (实名认证/人脸识别): population register = the seeded citizens; a face
 *   check is a certifyId with a random two-action liveness challenge and a nonce, 120 s to
 *   answer with ≥ 3 real, pairwise different, never-seen JPEG frames captured inside the window;
 *   the answer is an assertion SM2-signed by the platform's OWN key (the key store's
 *   'identity-platform', separate from the registry's, published with its id at GET /api/v1/keys). There is no real face matching: every person's face matches
 *   except FACE_MISMATCH_PERSON_ID, whose face never does. 5 faces that did not match one ID
 *   number within an hour lock that ID number out at the platform; wrong names, bad frames and
 *   expired challenges do not count (a stranger cannot lock anyone out by guessing).
 * - 浙里办: ssoTicket → access token → user info; zmAuthentication → passId.
 *
 * What they remember (challenges, seen frame digests, failures, tickets, access tokens, passes)
 * is in the store (./state.ts), shared by every registry node: a face check started on one node
 * completes on another. Every node signs with the one key of the shared key files, so an
 * assertion of yesterday can still be checked against the published key.
 */
import { createHash } from 'node:crypto';
import {
  bytesToHex,
  encodePublicKeyHex,
  kSourceFromRandomBytes,
  keyPairFromPrivateKey,
  type KSource,
  type Sm2KeyPair,
} from '../../domain/crypto';
import { checkCitizenId } from '../../domain/identifiers';
import {
  ASSERTION_TTL_MS,
  FAILURE_WINDOW_MS,
  ZLB_PASS_TTL_MS,
  ZLB_TICKET_TTL_MS,
  challengeExpired,
  challengeNotFound,
  checkFrameSet,
  decodeFrames,
  faceMismatch,
  idNumberInvalid,
  lockedOut,
  makeChallenge,
  nameIdMismatch,
  personUnknown,
  signAssertion,
  throttleState,
  zlbTicketInvalid,
  type SignedAssertion,
} from '../../domain/identity';
import { isAppError } from '../../domain/errors';
import type {
  Clock,
  FaceChallengeIssued,
  FaceFrameSubmission,
  IdentityVerifier,
  PopulationRegister,
  SecureRandom,
  ZlbContainerSimulator,
  ZlbGateway,
  ZlbUserInfo,
} from '../../ports';

import type { NamedKey } from '../../ports/keys';
import { FACE_MISMATCH_PERSON_ID } from '../seed/personas';
import type { IdentitySimulatorState } from './state';

/** The seeded persona whose face never matches (docs/personas.md names them). */
export { FACE_MISMATCH_PERSON_ID };

export interface IdentitySimulatorDeps {
  population: PopulationRegister;
  clock: Clock;
  random: SecureRandom;
  state: IdentitySimulatorState;
  /** the platform's signing key (key store: 'identity-platform') */
  key: NamedKey;
  /** how long each liveness prompt is shown (the SDK's pace); absent: the app's own */
  promptMs?: number;
}

const sm3Hex = (bytes: Uint8Array) => createHash('sm3').update(bytes).digest('hex');
/** the platform's own lock: this many faces that did not match within an hour (not wrong names) */
const PLATFORM_MAX_FACE_MISMATCHES = 5;

/** failures are kept per ID number under its SM3, never the number itself */
const idKey = (idNumber: string) => sm3Hex(Buffer.from(`sim-id:${idNumber}`, 'utf8'));

/** Uniform integer in [0, n) from secure random bytes (rejection sampling). */
export function randomIntFrom(random: SecureRandom): (n: number) => number {
  return (n) => {
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const b = random.bytes(4);
      const v = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
      if (v < limit) return v % n;
    }
  };
}

export class IdentityPlatformSimulator
  implements IdentityVerifier, ZlbGateway, ZlbContainerSimulator
{
  readonly publicKeyHex: string;
  readonly keyId: string;
  private readonly keyPair: Sm2KeyPair;
  private readonly kSource: KSource;

  constructor(private readonly deps: IdentitySimulatorDeps) {
    const randomBytes = (n: number) => deps.random.bytes(n);
    this.kSource = kSourceFromRandomBytes(randomBytes);
    this.keyPair = keyPairFromPrivateKey(deps.key.privateKey);
    this.publicKeyHex = encodePublicKeyHex(this.keyPair.publicKey);
    this.keyId = deps.key.keyId;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private newId(prefix: string): string {
    return `${prefix}${bytesToHex(this.deps.random.bytes(16))}`;
  }

  // ------------------------------------------------------------ face verification

  async startFace(input: { name: string; idNumber: string }): Promise<FaceChallengeIssued> {
    const idNumber = input.idNumber.trim().toUpperCase();
    const check = checkCitizenId(idNumber);
    if (!check.ok) throw idNumberInvalid(check.reason);
    await this.assertNotLocked(idNumber);
    // a wrong name is not a failed face check: strangers guessing names never lock anyone out
    const person = await this.deps.population.byIdNumber(idNumber);
    if (!person) throw personUnknown();
    if (person.name !== input.name.trim()) throw nameIdMismatch();
    const certifyId = this.newId('cert-');
    const challenge = makeChallenge(
      randomIntFrom(this.deps.random),
      bytesToHex(this.deps.random.bytes(16)),
      this.now(),
    );
    await this.deps.state.saveFaceCheck(
      certifyId,
      { name: person.name, idNumber, challenge },
      this.now().getTime(),
    );
    return {
      certifyId,
      ...challenge,
      actions: [...challenge.actions],
      ...(this.deps.promptMs !== undefined ? { promptMs: this.deps.promptMs } : {}),
      // a demonstration without a phone camera (README 不用手机试一试): the app's demo camera
      // draws moving synthetic frames, each one new, which this simulator takes like any other
      demoCamera: true,
    };
  }

  async completeFace(input: {
    certifyId: string;
    frames: readonly FaceFrameSubmission[];
  }): Promise<SignedAssertion> {
    // a face check completes at most once, whatever the outcome: taking it removes it
    const session = await this.deps.state.takeFaceCheck(input.certifyId);
    if (!session) throw challengeNotFound();
    await this.assertNotLocked(session.idNumber);
    return this.countingFailures(session.idNumber, async () => {
      const now = this.now();
      if (now.getTime() >= Date.parse(session.challenge.expiresAt)) throw challengeExpired();
      const decoded = decodeFrames(input.frames);
      const frames = decoded.map((f) => ({ digest: sm3Hex(f.bytes), capturedAt: f.capturedAt }));
      await this.deps.state.claimFrames(
        frames.map((f) => f.digest),
        now.toISOString(),
        (seen) =>
          checkFrameSet(frames, (d) => seen.has(d), {
            issuedAt: session.challenge.issuedAt,
            expiresAt: session.challenge.expiresAt,
            now,
          }),
      );
      const person = await this.deps.population.byIdNumber(session.idNumber);
      if (!person) throw personUnknown();
      if (person.personId === FACE_MISMATCH_PERSON_ID) throw faceMismatch();
      return signAssertion(
        {
          name: session.name,
          idNumber: session.idNumber,
          method: 'face',
          certifyId: input.certifyId,
          issuedAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + ASSERTION_TTL_MS).toISOString(),
        },
        this.keyPair.privateKey,
        this.kSource,
      );
    });
  }

  private async assertNotLocked(idNumber: string): Promise<void> {
    const nowMs = this.now().getTime();
    const failures = await this.deps.state.failuresAfter(
      idKey(idNumber),
      nowMs - FAILURE_WINDOW_MS,
    );
    const t = throttleState(failures, nowMs, PLATFORM_MAX_FACE_MISMATCHES);
    if (t.blocked) throw lockedOut(t.retryAfterSeconds);
  }

  private async countingFailures<T>(idNumber: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (isAppError(e) && e.code === 'FACE_MISMATCH')
        await this.deps.state.recordFailure(idKey(idNumber), this.now().getTime());
      throw e;
    }
  }

  // ------------------------------------------------------------ 浙里办

  async issueTicket(idNumber: string): Promise<{ ticketId: string }> {
    const id = idNumber.trim().toUpperCase();
    const check = checkCitizenId(id);
    if (!check.ok) throw idNumberInvalid(check.reason);
    if (!(await this.deps.population.byIdNumber(id))) throw personUnknown();
    const ticketId = this.newId('zlb-ticket-');
    const nowMs = this.now().getTime();
    await this.deps.state.saveTicket(ticketId, id, nowMs + ZLB_TICKET_TTL_MS, nowMs);
    return { ticketId };
  }

  async exchangeTicket(ticketId: string): Promise<{ accessToken: string }> {
    const t = await this.deps.state.takeTicket(ticketId);
    const nowMs = this.now().getTime();
    if (!t || nowMs >= t.expiresAtMs) throw zlbTicketInvalid();
    const accessToken = this.newId('zlb-at-');
    await this.deps.state.saveAccessToken(accessToken, t.idNumber, nowMs);
    return { accessToken };
  }

  async userInfo(accessToken: string): Promise<ZlbUserInfo> {
    const idNumber = await this.deps.state.takeAccessToken(accessToken);
    const person =
      idNumber === undefined ? undefined : await this.deps.population.byIdNumber(idNumber);
    if (!person) throw zlbTicketInvalid();
    return {
      userName: person.name,
      idType: '111',
      idNo: person.idNumber,
      ...(person.phone ? { phone: person.phone } : {}),
    };
  }

  async zmAuthentication(
    certNo: string,
    certName: string,
  ): Promise<{ pass: boolean; passId: string }> {
    const id = certNo.trim().toUpperCase();
    const check = checkCitizenId(id);
    if (!check.ok) throw idNumberInvalid(check.reason);
    await this.assertNotLocked(id);
    return this.countingFailures(id, async () => {
      const person = await this.deps.population.byIdNumber(id);
      if (!person) throw personUnknown();
      // 浙里办 error 1003: name and ID number do not match
      if (person.name !== certName.trim()) throw nameIdMismatch();
      // 浙里办 error 1001: authentication failed
      if (person.personId === FACE_MISMATCH_PERSON_ID) throw faceMismatch();
      const passId = this.newId('zm-pass-');
      const now = this.now();
      await this.deps.state.savePass(
        passId,
        { certNo: id, certName: person.name, passedAt: now.toISOString() },
        now.getTime(),
      );
      return { pass: true, passId };
    });
  }

  async checkPass(
    passId: string,
  ): Promise<{ certNo: string; certName: string; passedAt: string } | undefined> {
    const p = await this.deps.state.pass(passId);
    if (!p) return undefined;
    if (this.now().getTime() - Date.parse(p.passedAt) >= ZLB_PASS_TTL_MS) {
      await this.deps.state.deletePass(passId);
      return undefined;
    }
    return p;
  }
}
