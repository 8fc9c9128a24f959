/** Ports of the staff console. */
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

export interface StaffStore {
  accountByUsername(username: string): StaffAccountRecord | undefined;
  account(staffId: string): StaffAccountRecord | undefined;
  /** token hash → session */
  createSession(tokenHash: string, s: StaffSessionRecord): void;
  session(tokenHash: string): StaffSessionRecord | undefined;
  touchSession(tokenHash: string, at: string): void;
  endSession(tokenHash: string, at: string): void;
  audit(e: StaffAuditEntry): void;
  auditOf(caseId: string): StaffAuditEntry[];
  recentAudit(limit: number): StaffAuditEntry[];
}

/** scrypt (node:crypto) password hashing, in an adapter. */
export interface PasswordHasher {
  hash(password: string): string;
  verify(password: string, stored: string): boolean;
}
