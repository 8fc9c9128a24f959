/**
 * The register on SqlDb (the embedded SQLite file or PostgreSQL): `register_events` is the
 * append-only truth; units, rights, right_holders, restrictions and certificates are derived from
 * it in the same transaction (and can be rebuilt with `rebuildProjections`). The SQL itself is in
 * registerPrograms.ts.
 *
 * An append is one write transaction, or a savepoint of the caller's (登簿 appends inside the
 * recording's store transaction, so the events and the case's 登簿 step commit together). Appends
 * take the register's lock, so on several nodes they are numbered one after another without gaps.
 */
import type {
  CertificateState,
  RegisterEvent,
  Restriction,
  RestrictionState,
} from '../../domain/register';
import type { RegisterRepository, StoredRegisterEvent, UnitView } from '../../ports';
import { KEYED_LOCK_CLASS } from '../sql/postgres';
import { runProgram, snapshotOf } from '../sql/program';
import type { SqlDb } from '../sql/types';
import { appendEvents, certificateWhere, project, readUnit } from './registerPrograms';

/** The advisory lock appends take on PostgreSQL (also inside a transaction with finer locks). */
export const REGISTER_LOCK = 'register';

const DERIVED_TABLES = ['right_holders', 'rights', 'restrictions', 'certificates', 'units'];

export class SqlRegisterRepository implements RegisterRepository {
  private readonly appendListeners: (() => void)[] = [];

  constructor(private readonly sql: SqlDb) {}

  /**
   * Called after each append's transaction (or savepoint) has succeeded: the archive's log of
   * register events. The listener runs its work outside the caller's transaction (it is
   * idempotent and reads what has committed).
   */
  onAppended(listener: () => void): void {
    this.appendListeners.push(listener);
  }

  async append(events: readonly RegisterEvent[]): Promise<void> {
    await this.sql.transaction(async () => {
      await this.lockRegister();
      await runProgram(this.sql, appendEvents(events));
    });
    for (const listener of this.appendListeners) listener();
  }

  /** Recomputes every derived table from register_events. */
  rebuildProjections(): Promise<void> {
    return this.sql.transaction(async () => {
      await this.lockRegister();
      for (const t of DERIVED_TABLES) await this.sql.run(`DELETE FROM ${t}`);
      for (const { seq, event } of await this.events()) {
        await runProgram(this.sql, project(event, seq));
      }
    });
  }

  async countEvents(): Promise<number> {
    const row = await this.sql.get<{ n: number }>('SELECT count(*) AS n FROM register_events');
    return Number(row?.n ?? 0);
  }

  async version(): Promise<number> {
    // appends take the register's lock and number their events in commit order, so the
    // highest seq committed only grows (an index read: seq is the primary key)
    const row = await this.sql.get<{ v: number | null }>(
      'SELECT max(seq) AS v FROM register_events',
    );
    return Number(row?.v ?? 0);
  }

  async events(): Promise<StoredRegisterEvent[]> {
    const rows = await this.sql.all<{ seq: number; payload_json: string }>(
      'SELECT seq, payload_json FROM register_events ORDER BY seq',
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      event: JSON.parse(r.payload_json) as RegisterEvent,
    }));
  }

  unit(unitCode: string): Promise<UnitView | undefined> {
    // one snapshot: the right, its certificate and the restrictions as of the same moment
    return this.sql.transaction(
      () => runProgram(this.sql, readUnit(unitCode)),
      snapshotOf(this.sql),
    );
  }

  certificateByNumber(number: string): Promise<CertificateState | undefined> {
    return runProgram(this.sql, certificateWhere('number', number));
  }

  certificateById(certificateId: string): Promise<CertificateState | undefined> {
    return runProgram(this.sql, certificateWhere('certificate_id', certificateId));
  }

  currentAdvanceNotices(): Promise<RestrictionState[]> {
    return this.current('advanceNotice');
  }

  currentObjections(): Promise<RestrictionState[]> {
    return this.current('objection');
  }

  private async current(kind: 'advanceNotice' | 'objection'): Promise<RestrictionState[]> {
    const rows = await this.sql.all<{ details_json: string }>(
      `SELECT details_json FROM restrictions WHERE kind = ? AND status = 'current'
        ORDER BY created_seq`,
      [kind],
    );
    return rows.map((r) => ({
      ...(JSON.parse(r.details_json) as Restriction),
      status: 'current' as const,
    })) as RestrictionState[];
  }

  /**
   * PostgreSQL: appends wait for one another even inside a transaction that took only finer
   * locks (SqlDb `lockKeys`), so `max(seq) + 1` is never taken twice. SQLite has one writer.
   */
  private async lockRegister(): Promise<void> {
    if (this.sql.dialect !== 'postgres') return;
    await this.sql.run('SELECT pg_advisory_xact_lock(?, hashtext(?))', [
      KEYED_LOCK_CLASS,
      REGISTER_LOCK,
    ]);
  }
}
