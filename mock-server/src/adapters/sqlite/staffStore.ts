/** Staff accounts, console sessions and the staff audit in SQLite (0004_staff). */
import type {
  PasswordHasher,
  StaffAccountRecord,
  StaffAuditEntry,
  StaffSessionRecord,
  StaffStore,
} from '../../ports';
import type { DemoStaff } from '../seed/staff';
import type { Db } from './database';

interface AccountRow {
  staff_id: string;
  username: string;
  display_name: string;
  post: string;
  password_hash: string;
  active: number;
}
const toAccount = (r: AccountRow): StaffAccountRecord => ({
  staffId: r.staff_id,
  username: r.username,
  displayName: r.display_name,
  post: r.post,
  passwordHash: r.password_hash,
  active: r.active === 1,
});

interface AuditRow {
  audit_id: number;
  staff_id: string | null;
  staff_name: string;
  action: string;
  case_id: string | null;
  at: string;
  client_ip: string;
  user_agent: string | null;
  outcome: 'ok' | 'refused';
  detail_json: string;
}
const toAudit = (r: AuditRow): StaffAuditEntry => ({
  auditId: r.audit_id,
  ...(r.staff_id ? { staffId: r.staff_id } : {}),
  staffName: r.staff_name,
  action: r.action,
  ...(r.case_id ? { caseId: r.case_id } : {}),
  at: r.at,
  clientIp: r.client_ip,
  ...(r.user_agent ? { userAgent: r.user_agent } : {}),
  outcome: r.outcome,
  detail: JSON.parse(r.detail_json) as Record<string, unknown>,
});

export class SqliteStaffStore implements StaffStore {
  constructor(private readonly db: Db) {}

  /** Seeds the demo accounts when there are none; returns how many were added. */
  seedDemoAccounts(accounts: readonly DemoStaff[], hasher: PasswordHasher, at: string): number {
    const { n } = this.db.prepare('SELECT count(*) AS n FROM staff_accounts').get() as {
      n: number;
    };
    if (n > 0) return 0;
    const ins = this.db.prepare(
      `INSERT INTO staff_accounts (staff_id, username, display_name, post, password_hash, active, created_at)
       VALUES (?, ?, ?, ?, ?, 1, ?)`,
    );
    this.db.transaction(() => {
      for (const a of accounts) {
        ins.run(a.staffId, a.username, a.displayName, a.post, hasher.hash(a.password), at);
      }
    })();
    return accounts.length;
  }

  accountByUsername(username: string): StaffAccountRecord | undefined {
    const r = this.db.prepare('SELECT * FROM staff_accounts WHERE username = ?').get(username) as
      AccountRow | undefined;
    return r && toAccount(r);
  }

  account(staffId: string): StaffAccountRecord | undefined {
    const r = this.db.prepare('SELECT * FROM staff_accounts WHERE staff_id = ?').get(staffId) as
      AccountRow | undefined;
    return r && toAccount(r);
  }

  createSession(tokenHash: string, s: StaffSessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at, client_ip)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(tokenHash, s.staffId, s.csrfToken, s.createdAt, s.lastSeenAt, s.clientIp);
  }

  session(tokenHash: string): StaffSessionRecord | undefined {
    const r = this.db
      .prepare('SELECT * FROM staff_sessions WHERE token_hash = ?')
      .get(tokenHash) as
      | {
          staff_id: string;
          csrf_token: string;
          created_at: string;
          last_seen_at: string;
          ended_at: string | null;
          client_ip: string;
        }
      | undefined;
    return (
      r && {
        staffId: r.staff_id,
        csrfToken: r.csrf_token,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        ...(r.ended_at ? { endedAt: r.ended_at } : {}),
        clientIp: r.client_ip,
      }
    );
  }

  touchSession(tokenHash: string, at: string): void {
    this.db
      .prepare(
        'UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL',
      )
      .run(at, tokenHash);
  }

  endSession(tokenHash: string, at: string): void {
    this.db
      .prepare('UPDATE staff_sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL')
      .run(at, tokenHash);
  }

  audit(e: StaffAuditEntry): void {
    this.db
      .prepare(
        `INSERT INTO staff_audit (staff_id, staff_name, action, case_id, at, client_ip, user_agent, outcome, detail_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.staffId ?? null,
        e.staffName,
        e.action,
        e.caseId ?? null,
        e.at,
        e.clientIp,
        e.userAgent ?? null,
        e.outcome,
        JSON.stringify(e.detail),
      );
  }

  auditOf(caseId: string): StaffAuditEntry[] {
    return (
      this.db
        .prepare('SELECT * FROM staff_audit WHERE case_id = ? ORDER BY audit_id')
        .all(caseId) as AuditRow[]
    ).map(toAudit);
  }

  recentAudit(limit: number): StaffAuditEntry[] {
    return (
      this.db
        .prepare('SELECT * FROM staff_audit ORDER BY audit_id DESC LIMIT ?')
        .all(limit) as AuditRow[]
    ).map(toAudit);
  }
}
