/**
 * The identity and session ports on SqlDb (migration 0002_identity), plus the read side of the
 * register a holder needs (their units, a unit's events). Portable SQL: the same text runs on the
 * embedded SQLite file and on PostgreSQL, so every registry node sees the same sessions, face
 * checks, used proofs and failed logins.
 */
import type { Person, RegisterEvent } from '../../domain/register';
import type {
  FaceAttempt,
  FaceAttemptStore,
  FailureScope,
  HoldingsQuery,
  LoginFailureStore,
  PopulationRegister,
  ReplayLedger,
  SessionRecord,
  SessionStore,
  StoredRegisterEvent,
} from '../../ports';
import type { SqlDb } from '../sql/types';

interface SessionRow {
  session_id: string;
  person_id: string;
  device_name: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
  step_up_at: string | null;
  step_up_ref: string | null;
  revoked_at: string | null;
}

const SESSION_COLUMNS = `session_id, person_id, device_name, created_at, last_seen_at,
  idle_expires_at, expires_at, step_up_at, step_up_ref, revoked_at`;

const toSession = (r: SessionRow): SessionRecord => ({
  sessionId: r.session_id,
  personId: r.person_id,
  deviceName: r.device_name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  idleExpiresAt: r.idle_expires_at,
  expiresAt: r.expires_at,
  ...(r.step_up_at === null ? {} : { stepUpAt: r.step_up_at }),
  ...(r.step_up_ref === null || r.step_up_ref === undefined ? {} : { stepUpRef: r.step_up_ref }),
  ...(r.revoked_at === null ? {} : { revokedAt: r.revoked_at }),
});

export class SqlSessionStore implements SessionStore {
  constructor(private readonly db: SqlDb) {}

  async create(s: SessionRecord, tokenHash: string): Promise<void> {
    await this.db.run(
      `INSERT INTO sessions (session_id, token_hash, person_id, device_name, created_at,
         last_seen_at, idle_expires_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        s.sessionId,
        tokenHash,
        s.personId,
        s.deviceName,
        s.createdAt,
        s.lastSeenAt,
        s.idleExpiresAt,
        s.expiresAt,
      ],
    );
  }

  async byTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const r = await this.db.get<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = ?`,
      [tokenHash],
    );
    return r && toSession(r);
  }

  async byId(sessionId: string): Promise<SessionRecord | undefined> {
    const r = await this.db.get<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE session_id = ?`,
      [sessionId],
    );
    return r && toSession(r);
  }

  /**
   * Two nodes may answer the same session's requests at once: the later instant wins whichever
   * update arrives last (ISO instants of one format compare as text).
   */
  async touch(sessionId: string, lastSeenAt: string, idleExpiresAt: string): Promise<void> {
    await this.db.run(
      `UPDATE sessions SET last_seen_at = ?, idle_expires_at = ?
        WHERE session_id = ? AND last_seen_at <= ?`,
      [lastSeenAt, idleExpiresAt, sessionId, lastSeenAt],
    );
  }

  async markStepUp(sessionId: string, at: string, ref?: string): Promise<void> {
    await this.db.run('UPDATE sessions SET step_up_at = ?, step_up_ref = ? WHERE session_id = ?', [
      at,
      ref ?? null,
      sessionId,
    ]);
  }

  async revoke(sessionId: string, at: string): Promise<void> {
    await this.db.run(
      'UPDATE sessions SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL',
      [at, sessionId],
    );
  }

  async activeOf(personId: string, now: string): Promise<SessionRecord[]> {
    const rows = await this.db.all<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE person_id = ? AND revoked_at IS NULL
          AND expires_at > ? AND idle_expires_at > ? ORDER BY created_at DESC, session_id`,
      [personId, now, now],
    );
    return rows.map(toSession);
  }
}

export class SqlFaceAttemptStore implements FaceAttemptStore {
  constructor(private readonly db: SqlDb) {}

  async save(a: FaceAttempt): Promise<void> {
    await this.db.run(
      `INSERT INTO face_attempts (certify_id, purpose, id_number, session_id, created_at)
       VALUES (?, ?, ?, ?, ?)`,
      [a.certifyId, a.purpose, a.idNumber, a.sessionId ?? null, a.createdAt],
    );
  }

  /** One statement: of two nodes taking the same attempt at once, only one gets the row. */
  async take(certifyId: string): Promise<FaceAttempt | undefined> {
    const r = await this.db.get<{
      certify_id: string;
      purpose: FaceAttempt['purpose'];
      id_number: string;
      session_id: string | null;
      created_at: string;
    }>(
      `DELETE FROM face_attempts WHERE certify_id = ?
       RETURNING certify_id, purpose, id_number, session_id, created_at`,
      [certifyId],
    );
    if (!r) return undefined;
    return {
      certifyId: r.certify_id,
      purpose: r.purpose,
      idNumber: r.id_number,
      ...(r.session_id === null ? {} : { sessionId: r.session_id }),
      createdAt: r.created_at,
    };
  }

  async prune(before: string): Promise<number> {
    const { changes } = await this.db.run('DELETE FROM face_attempts WHERE created_at < ?', [
      before,
    ]);
    return changes;
  }

  async keepNewest(idNumber: string, count: number): Promise<void> {
    await this.db.run(
      `DELETE FROM face_attempts WHERE id_number = ? AND certify_id NOT IN (
         SELECT certify_id FROM face_attempts WHERE id_number = ?
         ORDER BY created_at DESC, certify_id DESC LIMIT ?)`,
      [idNumber, idNumber, count],
    );
  }
}

export class SqlReplayLedger implements ReplayLedger {
  constructor(private readonly db: SqlDb) {}

  async use(key: string, at: string): Promise<boolean> {
    const r = await this.db.run(
      'INSERT INTO used_proofs (proof_key, used_at) VALUES (?, ?) ON CONFLICT (proof_key) DO NOTHING',
      [key, at],
    );
    return r.changes === 1;
  }
}

export class SqlLoginFailureStore implements LoginFailureStore {
  constructor(private readonly db: SqlDb) {}

  async record(scope: FailureScope, key: string, at: string): Promise<void> {
    await this.db.run('INSERT INTO login_failures (scope, key, at_ms) VALUES (?, ?, ?)', [
      scope,
      key,
      Date.parse(at),
    ]);
  }

  async since(scope: FailureScope, key: string, from: string): Promise<number[]> {
    const rows = await this.db.all<{ at_ms: number }>(
      'SELECT at_ms FROM login_failures WHERE scope = ? AND key = ? AND at_ms >= ? ORDER BY at_ms',
      [scope, key, Date.parse(from)],
    );
    return rows.map((r) => Number(r.at_ms));
  }
}

export class SqlPopulationRegister implements PopulationRegister {
  constructor(private readonly db: SqlDb) {}

  byIdNumber(idNumber: string): Promise<Person | undefined> {
    return this.find('id_number', idNumber);
  }

  byPersonId(personId: string): Promise<Person | undefined> {
    return this.find('person_id', personId);
  }

  private async find(
    column: 'id_number' | 'person_id',
    value: string,
  ): Promise<Person | undefined> {
    const r = await this.db.get<{
      person_id: string;
      name: string;
      id_number: string;
      phone: string | null;
    }>(
      `SELECT person_id, name, id_number, phone FROM persons
        WHERE ${column} = ? AND kind = 'natural'`,
      [value],
    );
    if (!r) return undefined;
    return {
      personId: r.person_id,
      kind: 'natural',
      name: r.name,
      idType: 'citizenId',
      idNumber: r.id_number,
      ...(r.phone === null ? {} : { phone: r.phone }),
    };
  }
}

export class SqlHoldingsQuery implements HoldingsQuery {
  constructor(private readonly db: SqlDb) {}

  async unitCodesHeldBy(personId: string): Promise<string[]> {
    const rows = await this.db.all<{ unit_code: string }>(
      `SELECT r.unit_code FROM rights r JOIN right_holders h ON h.right_id = r.right_id
        WHERE h.person_id = ? AND r.status = 'current' ORDER BY r.unit_code`,
      [personId],
    );
    return rows.map((r) => r.unit_code);
  }

  /**
   * The unit's own events, and the cancellations of its restrictions (a cancellation event
   * names the restriction, not the unit; the projection keeps its seq as the restriction's
   * ended_seq).
   */
  async unitEvents(unitCode: string): Promise<StoredRegisterEvent[]> {
    const rows = await this.db.all<{ seq: number; payload_json: string }>(
      `SELECT seq, payload_json FROM register_events
        WHERE unit_code = ?
           OR seq IN (SELECT ended_seq FROM restrictions
                       WHERE unit_code = ? AND ended_seq IS NOT NULL)
        ORDER BY seq`,
      [unitCode, unitCode],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      event: JSON.parse(r.payload_json) as RegisterEvent,
    }));
  }
}
