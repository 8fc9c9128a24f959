/**
 * Simulators of the outside identity parties, behind the IdentityVerifier, ZlbGateway
 * and ZlbContainerSimulator ports:
 *
 * - the identity platform (实名认证/人脸识别): population register = the seeded citizens; a face
 *   check is a certifyId with a random two-action liveness challenge and a nonce, 120 s to
 *   answer with ≥ 3 real, pairwise different, never-seen JPEG frames captured inside the window;
 *   the answer is an assertion SM2-signed by the platform's OWN key pair (generated at start,
 *   separate from the registry's). There is no real face matching: every person's face matches
 *   except FACE_MISMATCH_PERSON_ID, whose face never does. 5 failures for one ID number within
 *   an hour lock that ID number out.
 * - 浙里办: ssoTicket → access token → user info; zmAuthentication → passId.
 *
 * State (challenges, seen frame digests, tickets) is in memory: it is an outside party's.
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
  MAX_FAILURES_PER_ID,
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
  type Challenge,
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

import { FACE_MISMATCH_PERSON_ID } from '../seed/personas';

/** The seeded persona whose face never matches (docs/personas.md names them). */
export { FACE_MISMATCH_PERSON_ID };

export interface IdentitySimulatorDeps {
  population: PopulationRegister;
  clock: Clock;
  random: SecureRandom;
}

interface FaceSession {
  name: string;
  idNumber: string;
  challenge: Challenge;
}

const sm3Hex = (bytes: Uint8Array) => createHash('sm3').update(bytes).digest('hex');

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
  private readonly keyPair: Sm2KeyPair;
  private readonly kSource: KSource;
  private readonly faceSessions = new Map<string, FaceSession>();
  private readonly seenFrames = new Set<string>();
  private readonly failures = new Map<string, number[]>();
  private readonly tickets = new Map<string, { idNumber: string; expiresAtMs: number }>();
  private readonly accessTokens = new Map<string, string>();
  private readonly passes = new Map<
    string,
    { certNo: string; certName: string; passedAt: string }
  >();

  constructor(private readonly deps: IdentitySimulatorDeps) {
    const randomBytes = (n: number) => deps.random.bytes(n);
    this.kSource = kSourceFromRandomBytes(randomBytes);
    this.keyPair = keyPairFromPrivateKey(this.kSource());
    this.publicKeyHex = encodePublicKeyHex(this.keyPair.publicKey);
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private newId(prefix: string): string {
    return `${prefix}${bytesToHex(this.deps.random.bytes(16))}`;
  }

  // ------------------------------------------------------------ face verification

  startFace(input: { name: string; idNumber: string }): FaceChallengeIssued {
    const idNumber = input.idNumber.trim().toUpperCase();
    const check = checkCitizenId(idNumber);
    if (!check.ok) throw idNumberInvalid(check.reason);
    this.assertNotLocked(idNumber);
    return this.countingFailures(idNumber, () => {
      const person = this.deps.population.byIdNumber(idNumber);
      if (!person) throw personUnknown();
      if (person.name !== input.name.trim()) throw nameIdMismatch();
      const certifyId = this.newId('cert-');
      const challenge = makeChallenge(
        randomIntFrom(this.deps.random),
        bytesToHex(this.deps.random.bytes(16)),
        this.now(),
      );
      this.faceSessions.set(certifyId, { name: person.name, idNumber, challenge });
      return { certifyId, ...challenge, actions: [...challenge.actions] };
    });
  }

  completeFace(input: {
    certifyId: string;
    frames: readonly FaceFrameSubmission[];
  }): SignedAssertion {
    const session = this.faceSessions.get(input.certifyId);
    if (!session) throw challengeNotFound();
    // a face check completes at most once, whatever the outcome
    this.faceSessions.delete(input.certifyId);
    this.assertNotLocked(session.idNumber);
    return this.countingFailures(session.idNumber, () => {
      const now = this.now();
      if (now.getTime() >= Date.parse(session.challenge.expiresAt)) throw challengeExpired();
      const decoded = decodeFrames(input.frames);
      const frames = decoded.map((f) => ({ digest: sm3Hex(f.bytes), capturedAt: f.capturedAt }));
      checkFrameSet(frames, (d) => this.seenFrames.has(d), {
        issuedAt: session.challenge.issuedAt,
        expiresAt: session.challenge.expiresAt,
        now,
      });
      for (const f of frames) this.seenFrames.add(f.digest);
      const person = this.deps.population.byIdNumber(session.idNumber);
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

  private assertNotLocked(idNumber: string): void {
    const t = throttleState(
      this.failures.get(idNumber) ?? [],
      this.now().getTime(),
      MAX_FAILURES_PER_ID,
    );
    if (t.blocked) throw lockedOut(t.retryAfterSeconds);
  }

  private countingFailures<T>(idNumber: string, run: () => T): T {
    try {
      return run();
    } catch (e) {
      if (isAppError(e)) {
        const list = this.failures.get(idNumber) ?? [];
        list.push(this.now().getTime());
        this.failures.set(idNumber, list.slice(-50));
      }
      throw e;
    }
  }

  // ------------------------------------------------------------ 浙里办

  issueTicket(idNumber: string): { ticketId: string } {
    const id = idNumber.trim().toUpperCase();
    const check = checkCitizenId(id);
    if (!check.ok) throw idNumberInvalid(check.reason);
    if (!this.deps.population.byIdNumber(id)) throw personUnknown();
    const ticketId = this.newId('zlb-ticket-');
    this.tickets.set(ticketId, {
      idNumber: id,
      expiresAtMs: this.now().getTime() + ZLB_TICKET_TTL_MS,
    });
    return { ticketId };
  }

  exchangeTicket(ticketId: string): { accessToken: string } {
    const t = this.tickets.get(ticketId);
    this.tickets.delete(ticketId);
    if (!t || this.now().getTime() >= t.expiresAtMs) throw zlbTicketInvalid();
    const accessToken = this.newId('zlb-at-');
    this.accessTokens.set(accessToken, t.idNumber);
    return { accessToken };
  }

  userInfo(accessToken: string): ZlbUserInfo {
    const idNumber = this.accessTokens.get(accessToken);
    this.accessTokens.delete(accessToken);
    const person = idNumber === undefined ? undefined : this.deps.population.byIdNumber(idNumber);
    if (!person) throw zlbTicketInvalid();
    return {
      userName: person.name,
      idType: '111',
      idNo: person.idNumber,
      ...(person.phone ? { phone: person.phone } : {}),
    };
  }

  zmAuthentication(certNo: string, certName: string): { pass: boolean; passId: string } {
    const id = certNo.trim().toUpperCase();
    const check = checkCitizenId(id);
    if (!check.ok) throw idNumberInvalid(check.reason);
    this.assertNotLocked(id);
    return this.countingFailures(id, () => {
      const person = this.deps.population.byIdNumber(id);
      if (!person) throw personUnknown();
      // 浙里办 error 1003: name and ID number do not match
      if (person.name !== certName.trim()) throw nameIdMismatch();
      // 浙里办 error 1001: authentication failed
      if (person.personId === FACE_MISMATCH_PERSON_ID) throw faceMismatch();
      const passId = this.newId('zm-pass-');
      this.passes.set(passId, {
        certNo: id,
        certName: person.name,
        passedAt: this.now().toISOString(),
      });
      return { pass: true, passId };
    });
  }

  checkPass(passId: string): { certNo: string; certName: string; passedAt: string } | undefined {
    const p = this.passes.get(passId);
    if (!p) return undefined;
    if (this.now().getTime() - Date.parse(p.passedAt) >= ZLB_PASS_TTL_MS) {
      this.passes.delete(passId);
      return undefined;
    }
    return p;
  }
}
