/**
 * SQLite adapters of the identity and session ports (migration 0002_identity), plus the read
 * side of the register a holder needs (their units, a unit's events).
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
import type { Db } from './database';

interface SessionRow {
  session_id: string;
  person_id: string;
  device_name: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
  step_up_at: string | null;
  revoked_at: string | null;
}

const toSession = (r: SessionRow): SessionRecord => ({
  sessionId: r.session_id,
  personId: r.person_id,
  deviceName: r.device_name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  idleExpiresAt: r.idle_expires_at,
  expiresAt: r.expires_at,
  ...(r.step_up_at === null ? {} : { stepUpAt: r.step_up_at }),
  ...(r.revoked_at === null ? {} : { revokedAt: r.revoked_at }),
});

export class SqliteSessionStore implements SessionStore {
  constructor(private readonly db: Db) {}

  create(s: SessionRecord, tokenHash: string): void {
    this.db
      .prepare(
        `INSERT INTO sessions (session_id, token_hash, person_id, device_name, created_at,
           last_seen_at, idle_expires_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.sessionId,
        tokenHash,
        s.personId,
        s.deviceName,
        s.createdAt,
        s.lastSeenAt,
        s.idleExpiresAt,
        s.expiresAt,
      );
  }

  byTokenHash(tokenHash: string): SessionRecord | undefined {
    const r = this.db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as
      SessionRow | undefined;
    return r && toSession(r);
  }

  byId(sessionId: string): SessionRecord | undefined {
    const r = this.db.prepare('SELECT * FROM sessions WHERE session_id = ?').get(sessionId) as
      SessionRow | undefined;
    return r && toSession(r);
  }

  touch(sessionId: string, lastSeenAt: string, idleExpiresAt: string): void {
    this.db
      .prepare('UPDATE sessions SET last_seen_at = ?, idle_expires_at = ? WHERE session_id = ?')
      .run(lastSeenAt, idleExpiresAt, sessionId);
  }

  markStepUp(sessionId: string, at: string): void {
    this.db.prepare('UPDATE sessions SET step_up_at = ? WHERE session_id = ?').run(at, sessionId);
  }

  revoke(sessionId: string, at: string): void {
    this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL')
      .run(at, sessionId);
  }

  activeOf(personId: string, now: string): SessionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM sessions WHERE person_id = ? AND revoked_at IS NULL
           AND expires_at > ? AND idle_expires_at > ? ORDER BY created_at DESC, session_id`,
      )
      .all(personId, now, now) as SessionRow[];
    return rows.map(toSession);
  }
}

export class SqliteFaceAttemptStore implements FaceAttemptStore {
  constructor(private readonly db: Db) {}

  save(a: FaceAttempt): void {
    this.db
      .prepare(
        'INSERT INTO face_attempts (certify_id, purpose, id_number, session_id, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(a.certifyId, a.purpose, a.idNumber, a.sessionId ?? null, a.createdAt);
  }

  take(certifyId: string): FaceAttempt | undefined {
    return this.db.transaction(() => {
      const r = this.db
        .prepare('SELECT * FROM face_attempts WHERE certify_id = ?')
        .get(certifyId) as
        | {
            certify_id: string;
            purpose: FaceAttempt['purpose'];
            id_number: string;
            session_id: string | null;
            created_at: string;
          }
        | undefined;
      if (!r) return undefined;
      this.db.prepare('DELETE FROM face_attempts WHERE certify_id = ?').run(certifyId);
      return {
        certifyId: r.certify_id,
        purpose: r.purpose,
        idNumber: r.id_number,
        ...(r.session_id === null ? {} : { sessionId: r.session_id }),
        createdAt: r.created_at,
      };
    })();
  }
}

export class SqliteReplayLedger implements ReplayLedger {
  constructor(private readonly db: Db) {}

  use(key: string, at: string): boolean {
    const r = this.db
      .prepare('INSERT INTO used_proofs (proof_key, used_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
      .run(key, at);
    return r.changes === 1;
  }
}

export class SqliteLoginFailureStore implements LoginFailureStore {
  constructor(private readonly db: Db) {}

  record(scope: FailureScope, key: string, at: string): void {
    this.db
      .prepare('INSERT INTO login_failures (scope, key, at_ms) VALUES (?, ?, ?)')
      .run(scope, key, Date.parse(at));
  }

  since(scope: FailureScope, key: string, from: string): number[] {
    return (
      this.db
        .prepare(
          'SELECT at_ms FROM login_failures WHERE scope = ? AND key = ? AND at_ms >= ? ORDER BY at_ms',
        )
        .all(scope, key, Date.parse(from)) as { at_ms: number }[]
    ).map((r) => r.at_ms);
  }
}

export class SqlitePopulationRegister implements PopulationRegister {
  constructor(private readonly db: Db) {}

  byIdNumber(idNumber: string): Person | undefined {
    return this.find('id_number', idNumber);
  }

  byPersonId(personId: string): Person | undefined {
    return this.find('person_id', personId);
  }

  private find(column: 'id_number' | 'person_id', value: string): Person | undefined {
    const r = this.db
      .prepare(`SELECT * FROM persons WHERE ${column} = ? AND kind = 'natural'`)
      .get(value) as
      { person_id: string; name: string; id_number: string; phone: string | null } | undefined;
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

export class SqliteHoldingsQuery implements HoldingsQuery {
  constructor(private readonly db: Db) {}

  unitCodesHeldBy(personId: string): string[] {
    return (
      this.db
        .prepare(
          `SELECT r.unit_code FROM rights r JOIN right_holders h ON h.right_id = r.right_id
            WHERE h.person_id = ? AND r.status = 'current' ORDER BY r.unit_code`,
        )
        .all(personId) as { unit_code: string }[]
    ).map((r) => r.unit_code);
  }

  unitEvents(unitCode: string): StoredRegisterEvent[] {
    return (
      this.db
        .prepare(
          `SELECT seq, payload_json FROM register_events
            WHERE unit_code = ?
               OR (event_type = 'restrictionCancelled' AND json_extract(payload_json, '$.restrictionId')
                   IN (SELECT restriction_id FROM restrictions WHERE unit_code = ?))
            ORDER BY seq`,
        )
        .all(unitCode, unitCode) as { seq: number; payload_json: string }[]
    ).map((r) => ({ seq: r.seq, event: JSON.parse(r.payload_json) as RegisterEvent }));
  }
}
