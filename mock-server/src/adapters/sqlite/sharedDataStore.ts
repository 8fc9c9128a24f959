/**
 * The store of shared data (migrations 0010 and 0016), written once on SqlDb so that it runs on
 * the embedded SQLite file and on PostgreSQL: records as their sources sealed them, each case's
 * material resolutions, rechecks (校核) and objections.
 *
 * A row's `seq` is its place within the case (max + 1, taken in the insert itself: every write
 * runs under the registry-wide write lock, and a unique index on (case_id, seq) would refuse a
 * duplicate).
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
import type { SqlDb } from '../sql/types';

type Row = Record<string, unknown>;
const text = (v: unknown): string | undefined =>
  v === null || v === undefined || v === '' ? undefined : String(v);

function toRecord(r: Row): StoredSharedRecord {
  const replaces = text(r.replaces_record_id);
  return {
    recordId: r.record_id as string,
    caseId: r.case_id as string,
    materialCode: (r.material_code as string | null) ?? null,
    record: {
      source: r.source as DataSourceCode,
      query: JSON.parse(r.query_json as string),
      data: JSON.parse(r.data_json as string),
      retrievedAt: r.retrieved_at as string,
      seal: JSON.parse(r.seal_json as string),
    },
    sealValid: Number(r.seal_valid) === 1,
    status: r.status as SharedRecordStatus,
    ...(replaces ? { replacesRecordId: replaces } : {}),
    storedAt: r.stored_at as string,
  };
}

function toResolution(r: Row): StoredResolution {
  const source = text(r.source);
  const reason = text(r.reason);
  const message = text(r.message);
  return {
    caseId: r.case_id as string,
    materialCode: r.material_code as string,
    mode: r.mode as ResolutionMode,
    ...(source ? { source: source as DataSourceCode } : {}),
    ...(reason ? { reason: reason as FallbackReason } : {}),
    ...(message ? { message } : {}),
    allowed: JSON.parse(r.allowed_json as string) as MaterialSource[],
    recordIds: JSON.parse(r.record_ids_json as string) as string[],
    resolvedAt: r.resolved_at as string,
  };
}

function toRecheck(r: Row): StoredRecheck {
  const answeredAt = text(r.answered_at);
  const correctedRecordId = text(r.corrected_record_id);
  const objectionId = text(r.objection_id);
  return {
    recheckId: r.recheck_id as string,
    recordId: r.record_id as string,
    caseId: r.case_id as string,
    requestedByKind: r.requested_by_kind as StoredRecheck['requestedByKind'],
    requestedBy: r.requested_by as string,
    reason: r.reason as string,
    requestedAt: r.requested_at as string,
    dueOn: r.due_on as string,
    dueEstimated: Number(r.due_estimated) === 1,
    status: r.status as RecheckStatus,
    ...(answeredAt ? { answeredAt } : {}),
    ...(correctedRecordId ? { correctedRecordId } : {}),
    ...(objectionId ? { objectionId } : {}),
  };
}

function toObjection(r: Row): StoredObjection {
  const decidedAt = text(r.decided_at);
  return {
    objectionId: r.objection_id as string,
    recordId: r.record_id as string,
    caseId: r.case_id as string,
    personId: r.person_id as string,
    statement: r.statement as string,
    evidence: JSON.parse(r.evidence_json as string),
    filedAt: r.filed_at as string,
    status: r.status as ObjectionStatus,
    ...(decidedAt ? { decidedAt } : {}),
  };
}

const RECORDS_OF = 'SELECT * FROM shared_records WHERE case_id = ? ORDER BY seq';
const RESOLUTIONS_OF =
  'SELECT * FROM material_resolutions WHERE case_id = ? ORDER BY material_code';
const RECHECKS_OF = 'SELECT * FROM shared_rechecks WHERE case_id = ? ORDER BY seq';
const OBJECTIONS_OF = 'SELECT * FROM shared_objections WHERE case_id = ? ORDER BY seq';
/** the next place within the case, for a table with (case_id, seq) */
const nextSeq = (table: string) =>
  `coalesce((SELECT max(seq) FROM ${table} WHERE case_id = ?), 0) + 1`;

export class SqlSharedDataStore implements SharedDataStore {
  constructor(private readonly db: SqlDb) {}

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }

  async saveRecord(r: StoredSharedRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO shared_records (record_id, case_id, material_code, source, kind, query_json, data_json,
         retrieved_at, seal_json, seal_valid, status, replaces_record_id, stored_at, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${nextSeq('shared_records')})`,
      [
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
        r.caseId,
      ],
    );
  }

  async setRecordStatus(recordId: string, status: SharedRecordStatus): Promise<void> {
    await this.db.run('UPDATE shared_records SET status = ? WHERE record_id = ?', [
      status,
      recordId,
    ]);
  }

  async record(recordId: string): Promise<StoredSharedRecord | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM shared_records WHERE record_id = ?', [
      recordId,
    ]);
    return r && toRecord(r);
  }

  async recordsOf(caseId: string): Promise<StoredSharedRecord[]> {
    return (await this.db.all<Row>(RECORDS_OF, [caseId])).map(toRecord);
  }

  async saveResolution(r: StoredResolution): Promise<void> {
    await this.db.run(
      `INSERT INTO material_resolutions (case_id, material_code, mode, source, reason, message, allowed_json,
         record_ids_json, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id, material_code) DO UPDATE SET mode = excluded.mode, source = excluded.source,
         reason = excluded.reason, message = excluded.message, allowed_json = excluded.allowed_json,
         record_ids_json = excluded.record_ids_json, resolved_at = excluded.resolved_at`,
      [
        r.caseId,
        r.materialCode,
        r.mode,
        r.source ?? null,
        r.reason ?? null,
        r.message ?? null,
        JSON.stringify(r.allowed),
        JSON.stringify(r.recordIds),
        r.resolvedAt,
      ],
    );
  }

  async resolutionsOf(caseId: string): Promise<StoredResolution[]> {
    return (await this.db.all<Row>(RESOLUTIONS_OF, [caseId])).map(toResolution);
  }

  async saveRecheck(x: StoredRecheck): Promise<void> {
    await this.db.run(
      `INSERT INTO shared_rechecks (recheck_id, record_id, case_id, requested_by_kind, requested_by, reason,
         requested_at, due_on, due_estimated, status, answered_at, corrected_record_id, objection_id, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${nextSeq('shared_rechecks')})`,
      [
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
        x.caseId,
      ],
    );
  }

  async answerRecheck(
    recheckId: string,
    status: RecheckStatus,
    answeredAt: string,
    correctedRecordId?: string,
  ): Promise<void> {
    await this.db.run(
      'UPDATE shared_rechecks SET status = ?, answered_at = ?, corrected_record_id = ? WHERE recheck_id = ?',
      [status, answeredAt, correctedRecordId ?? null, recheckId],
    );
  }

  async rechecksOf(caseId: string): Promise<StoredRecheck[]> {
    return (await this.db.all<Row>(RECHECKS_OF, [caseId])).map(toRecheck);
  }

  async saveObjection(o: StoredObjection): Promise<void> {
    await this.db.run(
      `INSERT INTO shared_objections (objection_id, record_id, case_id, person_id, statement, evidence_json,
         filed_at, status, decided_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ${nextSeq('shared_objections')})`,
      [
        o.objectionId,
        o.recordId,
        o.caseId,
        o.personId,
        o.statement,
        JSON.stringify(o.evidence),
        o.filedAt,
        o.status,
        o.decidedAt ?? null,
        o.caseId,
      ],
    );
  }

  async decideObjection(objectionId: string, status: ObjectionStatus, at: string): Promise<void> {
    await this.db.run(
      'UPDATE shared_objections SET status = ?, decided_at = ? WHERE objection_id = ?',
      [status, at, objectionId],
    );
  }

  async objectionsOf(caseId: string): Promise<StoredObjection[]> {
    return (await this.db.all<Row>(OBJECTIONS_OF, [caseId])).map(toObjection);
  }
}
