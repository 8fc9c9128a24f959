/**
 * SQLite store of shared data (migration 0010): records as the sources sealed them, each case's
 * material resolutions, rechecks (校核) and objections.
 */
import type { ObjectionStatus, RecheckStatus, ResolutionMode } from '../../domain/shared-data';
import type { MaterialSource } from '../../domain/catalogue';
import type { FallbackReason } from '../../domain/shared-data';
import type { DataSourceCode } from '../../ports/sharedData';
import type {
  SharedDataStore,
  SharedRecordStatus,
  StoredObjection,
  StoredRecheck,
  StoredResolution,
  StoredSharedRecord,
} from '../../ports/sharedDataStore';
import type { Db } from './database';

type Row = Record<string, string | number | null>;
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export class SqliteSharedDataStore implements SharedDataStore {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  saveRecord(r: StoredSharedRecord): void {
    this.db
      .prepare(
        `INSERT INTO shared_records (record_id, case_id, material_code, source, kind, query_json, data_json,
           retrieved_at, seal_json, seal_valid, status, replaces_record_id, stored_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.recordId,
        r.caseId,
        r.materialCode,
        r.record.source,
        r.record.query.kind,
        JSON.stringify(r.record.query),
        JSON.stringify(r.record.data ?? null),
        r.record.retrievedAt,
        JSON.stringify(r.record.seal),
        r.sealValid ? 1 : 0,
        r.status,
        r.replacesRecordId ?? null,
        r.storedAt,
      );
  }

  setRecordStatus(recordId: string, status: SharedRecordStatus): void {
    this.db
      .prepare('UPDATE shared_records SET status = ? WHERE record_id = ?')
      .run(status, recordId);
  }

  private toRecord(r: Row): StoredSharedRecord {
    return {
      recordId: r.record_id as string,
      caseId: r.case_id as string,
      materialCode: r.material_code as string | null,
      record: {
        source: r.source as DataSourceCode,
        query: JSON.parse(r.query_json as string),
        data: JSON.parse(r.data_json as string),
        retrievedAt: r.retrieved_at as string,
        seal: JSON.parse(r.seal_json as string),
      },
      sealValid: r.seal_valid === 1,
      status: r.status as SharedRecordStatus,
      ...(r.replaces_record_id ? { replacesRecordId: r.replaces_record_id as string } : {}),
      storedAt: r.stored_at as string,
    };
  }

  record(recordId: string): StoredSharedRecord | undefined {
    const r = this.db.prepare('SELECT * FROM shared_records WHERE record_id = ?').get(recordId) as
      Row | undefined;
    return r && this.toRecord(r);
  }

  recordsOf(caseId: string): StoredSharedRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM shared_records WHERE case_id = ? ORDER BY stored_at, rowid')
        .all(caseId) as Row[]
    ).map((r) => this.toRecord(r));
  }

  saveResolution(r: StoredResolution): void {
    this.db
      .prepare(
        `INSERT INTO material_resolutions (case_id, material_code, mode, source, reason, message, allowed_json,
           record_ids_json, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id, material_code) DO UPDATE SET mode = excluded.mode, source = excluded.source,
           reason = excluded.reason, message = excluded.message, allowed_json = excluded.allowed_json,
           record_ids_json = excluded.record_ids_json, resolved_at = excluded.resolved_at`,
      )
      .run(
        r.caseId,
        r.materialCode,
        r.mode,
        r.source ?? null,
        r.reason ?? null,
        r.message ?? null,
        JSON.stringify(r.allowed),
        JSON.stringify(r.recordIds),
        r.resolvedAt,
      );
  }

  resolutionsOf(caseId: string): StoredResolution[] {
    return (
      this.db.prepare('SELECT * FROM material_resolutions WHERE case_id = ?').all(caseId) as Row[]
    ).map((r) => ({
      caseId: r.case_id as string,
      materialCode: r.material_code as string,
      mode: r.mode as ResolutionMode,
      ...(r.source ? { source: r.source as DataSourceCode } : {}),
      ...(r.reason ? { reason: r.reason as FallbackReason } : {}),
      ...(r.message ? { message: r.message as string } : {}),
      allowed: JSON.parse(r.allowed_json as string) as MaterialSource[],
      recordIds: JSON.parse(r.record_ids_json as string) as string[],
      resolvedAt: r.resolved_at as string,
    }));
  }

  saveRecheck(x: StoredRecheck): void {
    this.db
      .prepare(
        `INSERT INTO shared_rechecks (recheck_id, record_id, case_id, requested_by_kind, requested_by, reason,
           requested_at, due_on, due_estimated, status, answered_at, corrected_record_id, objection_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        x.recheckId,
        x.recordId,
        x.caseId,
        x.requestedByKind,
        x.requestedBy,
        x.reason,
        x.requestedAt,
        x.dueOn,
        x.dueEstimated ? 1 : 0,
        x.status,
        x.answeredAt ?? null,
        x.correctedRecordId ?? null,
        x.objectionId ?? null,
      );
  }

  answerRecheck(
    recheckId: string,
    status: RecheckStatus,
    answeredAt: string,
    correctedRecordId?: string,
  ): void {
    this.db
      .prepare(
        'UPDATE shared_rechecks SET status = ?, answered_at = ?, corrected_record_id = ? WHERE recheck_id = ?',
      )
      .run(status, answeredAt, correctedRecordId ?? null, recheckId);
  }

  rechecksOf(caseId: string): StoredRecheck[] {
    return (
      this.db
        .prepare('SELECT * FROM shared_rechecks WHERE case_id = ? ORDER BY requested_at, rowid')
        .all(caseId) as Row[]
    ).map((r) => ({
      recheckId: r.recheck_id as string,
      recordId: r.record_id as string,
      caseId: r.case_id as string,
      requestedByKind: r.requested_by_kind as StoredRecheck['requestedByKind'],
      requestedBy: r.requested_by as string,
      reason: r.reason as string,
      requestedAt: r.requested_at as string,
      dueOn: r.due_on as string,
      dueEstimated: r.due_estimated === 1,
      status: r.status as RecheckStatus,
      ...(opt(r.answered_at) ? { answeredAt: r.answered_at as string } : {}),
      ...(opt(r.corrected_record_id) ? { correctedRecordId: r.corrected_record_id as string } : {}),
      ...(opt(r.objection_id) ? { objectionId: r.objection_id as string } : {}),
    }));
  }

  saveObjection(o: StoredObjection): void {
    this.db
      .prepare(
        `INSERT INTO shared_objections (objection_id, record_id, case_id, person_id, statement, evidence_json,
           filed_at, status, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        o.objectionId,
        o.recordId,
        o.caseId,
        o.personId,
        o.statement,
        JSON.stringify(o.evidence),
        o.filedAt,
        o.status,
        o.decidedAt ?? null,
      );
  }

  decideObjection(objectionId: string, status: ObjectionStatus, at: string): void {
    this.db
      .prepare('UPDATE shared_objections SET status = ?, decided_at = ? WHERE objection_id = ?')
      .run(status, at, objectionId);
  }

  objectionsOf(caseId: string): StoredObjection[] {
    return (
      this.db
        .prepare('SELECT * FROM shared_objections WHERE case_id = ? ORDER BY filed_at, rowid')
        .all(caseId) as Row[]
    ).map((r) => ({
      objectionId: r.objection_id as string,
      recordId: r.record_id as string,
      caseId: r.case_id as string,
      personId: r.person_id as string,
      statement: r.statement as string,
      evidence: JSON.parse(r.evidence_json as string),
      filedAt: r.filed_at as string,
      status: r.status as ObjectionStatus,
      ...(opt(r.decided_at) ? { decidedAt: r.decided_at as string } : {}),
    }));
  }
}
