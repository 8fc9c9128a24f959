/**
 * Ports of the staff console: accounts, console sessions, the login lock-out, the staff audit,
 * and password hashing. Every method answers a promise: the store is shared by every registry
 * node (SQLite file or PostgreSQL), so nothing a node must agree on is kept in its memory.
 */
import type { StaffMember } from '../domain/staff';

export interface StaffAccountRecord extends StaffMember {
  passwordHash: string;
  active: boolean;
}

export interface StaffSessionRecord {
  staffId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  endedAt?: string;
  clientIp: string;
}

export interface StaffAuditEntry {
  auditId?: number;
  staffId?: string;
  staffName: string;
  /** login, loginFailed, logout, accept, requestCorrection, notAccept, approve, refuse, counterIntake */
  action: string;
  caseId?: string;
  at: string;
  clientIp: string;
  userAgent?: string;
  outcome: 'ok' | 'refused';
  detail: Record<string, unknown>;
}

/** Failed console logins of one username since its last success or the end of its last lock. */
export interface LoginFailures {
  count: number;
  /** ISO instant the lock ends; absent while the count is below the limit */
  lockedUntil?: string;
}

export interface StaffStore {
  /**
   * Runs `fn` in one transaction of the registry's store (other stores' work done inside it
   * joins). `fn` is database work only: on PostgreSQL it may run again after a conflict.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  accountByUsername(username: string): Promise<StaffAccountRecord | undefined>;
  account(staffId: string): Promise<StaffAccountRecord | undefined>;
  /** token hash → session */
  createSession(tokenHash: string, s: StaffSessionRecord): Promise<void>;
  session(tokenHash: string): Promise<StaffSessionRecord | undefined>;
  /** a live session seen again; an ended one stays ended */
  touchSession(tokenHash: string, at: string): Promise<void>;
  /** ends a live session; ending an ended one changes nothing */
  endSession(tokenHash: string, at: string): Promise<void>;
  /** failed logins of a username (lower-cased), or undefined when there are none */
  loginFailures(username: string): Promise<LoginFailures | undefined>;
  /**
   * Counts one failed login, atomically: failures counted at once on two nodes are both
   * counted. A lock that ended before `at` starts the count afresh; reaching `lockAfter`
   * failures locks the username until `lockUntil`. Answers the count and lock now.
   */
  countLoginFailure(
    username: string,
    f: { at: string; lockAfter: number; lockUntil: string },
  ): Promise<LoginFailures>;
  /** forgets the failures of a username (after a successful login) */
  clearLoginFailures(username: string): Promise<void>;
  /** appends to the audit; the audit is never changed */
  audit(e: StaffAuditEntry): Promise<void>;
  /** the audit of one case, oldest first */
  auditOf(caseId: string): Promise<StaffAuditEntry[]>;
  /** the newest `limit` audit entries, newest first */
  recentAudit(limit: number): Promise<StaffAuditEntry[]>;
}

/**
 * Password hashing (scrypt in an adapter). Asynchronous: the key derivation runs off the event
 * loop, so a login does not hold up every other request of the node.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}
