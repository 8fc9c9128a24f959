/**
 * Staff accounts, console sessions, the login lock-out and the staff audit (migrations 0004 and
 * 0014), written once on SqlDb: the same SQL runs on the SQLite file and on PostgreSQL.
 */
import type {
  LoginFailures,
  PasswordHasher,
  StaffAccountRecord,
  StaffAuditEntry,
  StaffSessionRecord,
  StaffStore,
} from '../../ports';
import type { SqlDb } from '../sql/types';
import type { DemoStaff } from '../seed/staff';

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
  active: Number(r.active) === 1,
});

interface SessionRow {
  staff_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  client_ip: string;
}

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
  auditId: Number(r.audit_id),
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

interface FailureRow {
  failures: number;
  locked_until: string | null;
}
const toFailures = (r: FailureRow): LoginFailures => ({
  count: Number(r.failures),
  ...(r.locked_until ? { lockedUntil: r.locked_until } : {}),
});

const AUDIT_COLUMNS =
  'audit_id, staff_id, staff_name, action, case_id, at, client_ip, user_agent, outcome, detail_json';

/**
 * One more failure, in one statement (so two nodes counting at once both count): a lock that
 * ended before this failure starts the count afresh at 1; reaching the limit locks again.
 */
const COUNT_FAILURE = /* sql */ `
INSERT INTO staff_login_failures (username, failures, locked_until, last_failed_at)
VALUES (?, 1, ?, ?)
ON CONFLICT (username) DO UPDATE SET
  failures = CASE
    WHEN staff_login_failures.locked_until IS NOT NULL
     AND staff_login_failures.locked_until <= excluded.last_failed_at THEN 1
    ELSE staff_login_failures.failures + 1 END,
  locked_until = CASE
    WHEN (CASE
            WHEN staff_login_failures.locked_until IS NOT NULL
             AND staff_login_failures.locked_until <= excluded.last_failed_at THEN 1
            ELSE staff_login_failures.failures + 1 END) >= ? THEN ?
    ELSE NULL END,
  last_failed_at = excluded.last_failed_at
RETURNING failures, locked_until`;

export class SqlStaffStore implements StaffStore {
  constructor(private readonly db: SqlDb) {}

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }

  /**
   * Seeds the demo accounts when there are none; returns how many were added. Two nodes
   * starting on an empty store at once add them once (the second finds them in its transaction).
   */
  async seedDemoAccounts(
    accounts: readonly DemoStaff[],
    hasher: PasswordHasher,
    at: string,
  ): Promise<number> {
    if (await this.hasAccounts()) return 0;
    // hashed before the transaction: it holds the write lock and must be database work only
    const hashes = await Promise.all(accounts.map((a) => hasher.hash(a.password)));
    return this.db.transaction(async (tx) => {
      if (await this.hasAccounts()) return 0;
      for (const [i, a] of accounts.entries()) {
        await tx.run(
          `INSERT INTO staff_accounts (staff_id, username, display_name, post, password_hash, active, created_at)
           VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (staff_id) DO NOTHING`,
          [a.staffId, a.username, a.displayName, a.post, hashes[i], at],
        );
      }
      return accounts.length;
    });
  }

  /**
   * Adds one staff account (npm run staff:create: the first account of a real deployment, which
   * has no demo accounts); false when the username is taken.
   */
  async createAccount(
    account: Omit<DemoStaff, 'password'> & { passwordHash: string },
    at: string,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const taken = await tx.get('SELECT 1 AS one FROM staff_accounts WHERE username = ?', [
        account.username,
      ]);
      if (taken) return false;
      await tx.run(
        `INSERT INTO staff_accounts (staff_id, username, display_name, post, password_hash, active, created_at)
         VALUES (?, ?, ?, ?, ?, 1, ?)`,
        [
          account.staffId,
          account.username,
          account.displayName,
          account.post,
          account.passwordHash,
          at,
        ],
      );
      return true;
    });
  }

  private async hasAccounts(): Promise<boolean> {
    return (await this.db.get('SELECT 1 AS one FROM staff_accounts LIMIT 1')) !== undefined;
  }

  async accountByUsername(username: string): Promise<StaffAccountRecord | undefined> {
    const r = await this.db.get<AccountRow>('SELECT * FROM staff_accounts WHERE username = ?', [
      username,
    ]);
    return r && toAccount(r);
  }

  async account(staffId: string): Promise<StaffAccountRecord | undefined> {
    const r = await this.db.get<AccountRow>('SELECT * FROM staff_accounts WHERE staff_id = ?', [
      staffId,
    ]);
    return r && toAccount(r);
  }

  async createSession(tokenHash: string, s: StaffSessionRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at, client_ip)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [tokenHash, s.staffId, s.csrfToken, s.createdAt, s.lastSeenAt, s.clientIp],
    );
  }

  async session(tokenHash: string): Promise<StaffSessionRecord | undefined> {
    const r = await this.db.get<SessionRow>(
      `SELECT staff_id, csrf_token, created_at, last_seen_at, ended_at, client_ip
       FROM staff_sessions WHERE token_hash = ?`,
      [tokenHash],
    );
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

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.db.run(
      'UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL',
      [at, tokenHash],
    );
  }

  async endSession(tokenHash: string, at: string): Promise<void> {
    await this.db.run(
      'UPDATE staff_sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL',
      [at, tokenHash],
    );
  }

  async loginFailures(username: string): Promise<LoginFailures | undefined> {
    const r = await this.db.get<FailureRow>(
      'SELECT failures, locked_until FROM staff_login_failures WHERE username = ?',
      [username],
    );
    return r && toFailures(r);
  }

  async countLoginFailure(
    username: string,
    f: { at: string; lockAfter: number; lockUntil: string },
  ): Promise<LoginFailures> {
    const r = await this.db.get<FailureRow>(COUNT_FAILURE, [
      username,
      f.lockAfter <= 1 ? f.lockUntil : null,
      f.at,
      f.lockAfter,
      f.lockUntil,
    ]);
    if (!r) throw new Error('staff_login_failures: the upsert returned no row');
    return toFailures(r);
  }

  async clearLoginFailures(username: string): Promise<void> {
    await this.db.run('DELETE FROM staff_login_failures WHERE username = ?', [username]);
  }

  async audit(e: StaffAuditEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO staff_audit (staff_id, staff_name, action, case_id, at, client_ip, user_agent, outcome, detail_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        e.staffId ?? null,
        e.staffName,
        e.action,
        e.caseId ?? null,
        e.at,
        e.clientIp,
        e.userAgent ?? null,
        e.outcome,
        JSON.stringify(e.detail),
      ],
    );
  }

  async auditOf(caseId: string): Promise<StaffAuditEntry[]> {
    const rows = await this.db.all<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM staff_audit WHERE case_id = ? ORDER BY audit_id`,
      [caseId],
    );
    return rows.map(toAudit);
  }

  async recentAudit(limit: number): Promise<StaffAuditEntry[]> {
    const rows = await this.db.all<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM staff_audit ORDER BY audit_id DESC LIMIT ?`,
      [limit],
    );
    return rows.map(toAudit);
  }
}
