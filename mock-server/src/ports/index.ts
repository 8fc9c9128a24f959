/**
 * Ports: what use cases need from the outside world. Adapters (SQLite, seed, clock…) implement
 * them; the domain and use cases never import an adapter.
 */
import type { Catalogue } from '../domain/catalogue';
import type { SignedAssertion } from '../domain/identity';
import type {
  Marriage,
  Person,
  RegisterEvent,
  RestrictionState,
  RightState,
  Unit,
  CertificateState,
} from '../domain/register';

export interface Clock {
  /** current instant */
  now(): Date;
}

/** Uniform [0, 1) numbers; seeded in the seed generator, so its output is reproducible. */
export interface Random {
  next(): number;
}

export interface IdGenerator {
  next(prefix: string): string;
}

export interface CatalogueRepository {
  /** the newest published catalogue, or undefined when none has been published */
  current(): Promise<Catalogue | undefined>;
  /** publishes a catalogue version; a version already present is left untouched (false) */
  publish(catalogue: Catalogue): Promise<boolean>;
}

export interface StoredRegisterEvent {
  seq: number;
  event: RegisterEvent;
}

export interface UnitView {
  unit: Unit;
  right?: RightState;
  certificate?: CertificateState;
  restrictions: RestrictionState[];
}

/**
 * The register (登记簿): an append-only list of events and the current state derived from it.
 * Appends made by concurrent writers (other requests, other nodes) are numbered in one order
 * with no gaps; inside a caller's store transaction an append joins it (登簿 together with the
 * case's 登簿 step: both or neither).
 */
export interface RegisterRepository {
  /** appends events atomically (all or none) and updates the derived current state */
  append(events: readonly RegisterEvent[]): Promise<void>;
  countEvents(): Promise<number>;
  /**
   * The register's version: the sequence number of the last event appended (0 before any).
   * It moves with every append, on whichever node, so what was read from the register under one
   * version is still the register's answer while the version stays the same.
   */
  version(): Promise<number>;
  events(): Promise<StoredRegisterEvent[]>;
  unit(unitCode: string): Promise<UnitView | undefined>;
  certificateByNumber(number: string): Promise<CertificateState | undefined>;
  certificateById(certificateId: string): Promise<CertificateState | undefined>;
  /** every current advance notice (预告登记), in the order recorded (the machine's lapse sweep) */
  currentAdvanceNotices(): Promise<RestrictionState[]>;
  /** every current objection (异议登记), in the order recorded (the machine's lapse sweep) */
  currentObjections(): Promise<RestrictionState[]>;
}

export interface PartyDirectory {
  savePersons(persons: readonly Person[]): Promise<void>;
  saveMarriages(marriages: readonly Marriage[]): Promise<void>;
  person(personId: string): Promise<Person | undefined>;
  countPersons(): Promise<number>;
  /** the register's marriage data (as 民政 shares it): the person's spouse and since when */
  marriageOf(personId: string): Promise<{ spouseId: string; registeredOn: string } | undefined>;
  /** 变更登记 recorded: the holder's name / ID number as 公安 now records them */
  changeIdentity(personId: string, name: string, idNumber: string): Promise<void>;
}

export interface HealthProbe {
  /** rejects when the store cannot answer; resolves to the applied schema version */
  check(): Promise<{ schemaVersion: number }>;
}

// ---------------------------------------------------------------- identity and sessions

/** Cryptographically secure random bytes (node:crypto in production, scripted in tests). */
export interface SecureRandom {
  bytes(length: number): Uint8Array;
}

export interface FaceChallengeIssued {
  certifyId: string;
  actions: string[];
  nonce: string;
  issuedAt: string;
  expiresAt: string;
  /** how long the platform's SDK shows each action prompt before its frame, when it says */
  promptMs?: number;
  /** the simulator only: it takes the app's demonstration camera (synthetic frames) */
  demoCamera?: boolean;
}

export interface FaceFrameSubmission {
  /** base64 JPEG */
  data: string;
  capturedAt: string;
}

/**
 * The third-party identity platform (实名认证/人脸识别). It answers a completed face check with
 * an assertion signed by ITS key; the registry verifies it with `publicKeyHex`. Failures throw
 * AppErrors with the identity codes (NAME_ID_MISMATCH, FACE_MISMATCH, FRAMES_REPLAYED, …).
 */
export interface IdentityVerifier {
  /** the platform's SM2 public key, '04' ‖ x ‖ y in hex */
  readonly publicKeyHex: string;
  startFace(input: { name: string; idNumber: string }): Promise<FaceChallengeIssued>;
  completeFace(input: {
    certifyId: string;
    frames: readonly FaceFrameSubmission[];
  }): Promise<SignedAssertion>;
}

/** 浙里办 user info as the ticket exchange returns it (docs/registry-facts.md §10). */
export interface ZlbUserInfo {
  userName: string;
  idType: string;
  idNo: string;
  phone?: string;
}

/** The 浙里办 backend: ssoTicket → access token → user info; zmAuthentication passIds. */
export interface ZlbGateway {
  /** single use; throws ZLB_TICKET_INVALID for an unknown, used or expired ticket */
  exchangeTicket(ticketId: string): Promise<{ accessToken: string }>;
  /** throws ZLB_TICKET_INVALID for an unknown token */
  userInfo(accessToken: string): Promise<ZlbUserInfo>;
  /** what a zmAuthentication passId vouches for; undefined when unknown or expired */
  checkPass(
    passId: string,
  ): Promise<{ certNo: string; certName: string; passedAt: string } | undefined>;
}

/** Dev-only helpers that imitate the 浙里办 container (SIMULATORS_ENABLED). */
export interface ZlbContainerSimulator {
  issueTicket(idNumber: string): Promise<{ ticketId: string }>;
  zmAuthentication(certNo: string, certName: string): Promise<{ pass: boolean; passId: string }>;
}

/** Natural persons by 公民身份号码 (the population register the platforms consult). */
export interface PopulationRegister {
  byIdNumber(idNumber: string): Promise<Person | undefined>;
  byPersonId(personId: string): Promise<Person | undefined>;
}

export interface SessionRecord {
  sessionId: string;
  personId: string;
  deviceName: string;
  createdAt: string;
  lastSeenAt: string;
  idleExpiresAt: string;
  expiresAt: string;
  stepUpAt?: string;
  /** which face check that was (the identity platform's certifyId, or the 浙里办 pass id) */
  stepUpRef?: string;
  revokedAt?: string;
}

/** Registry sessions; tokens are stored only as their hash. */
export interface SessionStore {
  /** a session id or token hash used already is refused (unique) */
  create(session: SessionRecord, tokenHash: string): Promise<void>;
  byTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  byId(sessionId: string): Promise<SessionRecord | undefined>;
  /** activity: moves last-seen and the idle expiry forward, never back (nodes may race) */
  touch(sessionId: string, lastSeenAt: string, idleExpiresAt: string): Promise<void>;
  /** records the session's face check: when, and which record it was */
  markStepUp(sessionId: string, at: string, ref?: string): Promise<void>;
  /** the first revocation's instant is kept */
  revoke(sessionId: string, at: string): Promise<void>;
  /** not revoked and not expired (idle or absolute) at `now`, newest first */
  activeOf(personId: string, now: string): Promise<SessionRecord[]>;
}

export interface FaceAttempt {
  certifyId: string;
  purpose: 'login' | 'stepUp';
  idNumber: string;
  /** step-up only: the session it is bound to */
  sessionId?: string;
  createdAt: string;
}

/** Face checks the registry started, so a completion can be tied to its start. */
export interface FaceAttemptStore {
  save(attempt: FaceAttempt): Promise<void>;
  /** removes and returns it: an attempt completes at most once, on whichever node asks first */
  take(certifyId: string): Promise<FaceAttempt | undefined>;
  /** removes attempts started before `before` (their challenge has expired); returns how many */
  prune(before: string): Promise<number>;
  /** keeps only the `count` newest attempts of one ID number, removing older ones */
  keepNewest(idNumber: string, count: number): Promise<void>;
}

/** Single-use proofs (assertions, passIds): `use` returns false when the key was used already. */
export interface ReplayLedger {
  use(key: string, at: string): Promise<boolean>;
}

export type FailureScope = 'id' | 'client';

/** Failed login attempts, for lock-out (per ID number) and rate limiting (per client address). */
export interface LoginFailureStore {
  record(scope: FailureScope, key: string, at: string): Promise<void>;
  /** instants (ms since epoch) of failures at or after `from`, oldest first */
  since(scope: FailureScope, key: string, from: string): Promise<number[]>;
}

/** Read side of the register for a holder's own units. */
export interface HoldingsQuery {
  /** units in which the person holds a current right, by unit code */
  unitCodesHeldBy(personId: string): Promise<string[]>;
  /** all register events about one unit (its restrictions' cancellations included), in order */
  unitEvents(unitCode: string): Promise<StoredRegisterEvent[]>;
}

export * from './cases';
export * from './signing';
export * from './staff';
export * from './consultation';
export * from './archive';
export * from './payment';
export * from './fees';
export * from './sharedData';
export * from './contracts';
export * from './uploads';
export * from './throttle';
export * from './representations';
export * from './caseFeed';
