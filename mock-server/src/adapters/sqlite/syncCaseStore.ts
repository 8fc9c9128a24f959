import { AppError } from '../../domain/errors';
import type { CaseRecord } from '../../domain/cases';
import { parseCertificateNumber } from '../../domain/identifiers';
import type { Person } from '../../domain/register';
import type {
  HeldCertificate,
  SyncCaseStore,
  Message,
  StoredDocument,
  VoidAnnouncement,
} from '../../ports';
import type { Db } from './database';
import { toDocument, toMessage, type DocumentRow, type MessageRow } from './caseStoreRows';

/**
 * Transitional: the synchronous case store on the same SQLite connection, for the areas whose
 * use cases are still synchronous (signing, sale, shared data, staff, archive, certificates,
 * consultation). Each moves to SqlCaseStore (./caseStore.ts) as it becomes asynchronous; then
 * this file goes.
 */
export class SqliteSyncCaseStore implements SyncCaseStore {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  insert(c: CaseRecord): void {
    this.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO cases (case_id, case_number, business_type_code, status, unit_code, created_by,
             created_at, updated_at, manual_queue, version, data_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          c.caseId,
          c.caseNumber ?? null,
          c.businessTypeCode,
          c.status,
          c.unitCode,
          c.createdBy,
          c.createdAt,
          c.updatedAt,
          c.manualQueue ? 1 : 0,
          c.version,
          JSON.stringify(c),
        );
      this.syncParties(c);
      this.appendEvents(c, 0);
    });
  }

  update(c: CaseRecord, expectedVersion: number): void {
    this.transaction(() => {
      const before = this.get(c.caseId);
      const res = this.db
        .prepare(
          `UPDATE cases SET case_number = ?, status = ?, unit_code = ?, updated_at = ?, manual_queue = ?,
             version = ?, data_json = ? WHERE case_id = ? AND version = ?`,
        )
        .run(
          c.caseNumber ?? null,
          c.status,
          c.unitCode,
          c.updatedAt,
          c.manualQueue ? 1 : 0,
          c.version,
          JSON.stringify(c),
          c.caseId,
          expectedVersion,
        );
      if (res.changes !== 1) {
        throw new AppError('CONFLICT', '办件已被其他操作更新，请刷新后重试');
      }
      this.syncParties(c);
      this.appendEvents(c, before?.timeline.length ?? 0);
    });
  }

  private syncParties(c: CaseRecord): void {
    this.db.prepare('DELETE FROM case_parties WHERE case_id = ?').run(c.caseId);
    const ins = this.db.prepare(
      'INSERT OR IGNORE INTO case_parties (case_id, person_id, role) VALUES (?, ?, ?)',
    );
    for (const p of c.parties) ins.run(c.caseId, p.personId, p.role);
    ins.run(c.caseId, c.createdBy, 'creator');
  }

  private appendEvents(c: CaseRecord, already: number): void {
    const ins = this.db.prepare(
      `INSERT INTO case_events (case_id, seq, action, from_status, to_status, actor_kind, actor_id,
         actor_display_name, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const t of c.timeline.slice(already)) {
      ins.run(
        c.caseId,
        t.seq,
        t.action,
        t.from,
        t.to,
        t.actor.kind,
        t.actor.id,
        t.actor.displayName,
        t.at,
        t.note ?? null,
      );
    }
  }

  get(caseId: string): CaseRecord | undefined {
    const r = this.db.prepare('SELECT data_json FROM cases WHERE case_id = ?').get(caseId) as
      { data_json: string } | undefined;
    return r && (JSON.parse(r.data_json) as CaseRecord);
  }

  listByPerson(personId: string): CaseRecord[] {
    return (
      this.db
        .prepare(
          `SELECT data_json FROM cases WHERE case_id IN
             (SELECT case_id FROM case_parties WHERE person_id = ?) ORDER BY created_at DESC, case_id`,
        )
        .all(personId) as { data_json: string }[]
    ).map((r) => JSON.parse(r.data_json) as CaseRecord);
  }

  listByStatus(statuses: readonly string[]): CaseRecord[] {
    if (!statuses.length) return [];
    return (
      this.db
        .prepare(
          `SELECT data_json FROM cases WHERE status IN (${statuses.map(() => '?').join(',')})
           ORDER BY updated_at, case_id`,
        )
        .all(...statuses) as { data_json: string }[]
    ).map((r) => JSON.parse(r.data_json) as CaseRecord);
  }

  nextSerial(key: string, floor?: () => number): number {
    return this.transaction(() => {
      const row = this.db
        .prepare('SELECT value FROM serial_counters WHERE counter_key = ?')
        .get(key) as { value: number } | undefined;
      const next = (row ? row.value : (floor?.() ?? 0)) + 1;
      this.db
        .prepare(
          `INSERT INTO serial_counters (counter_key, value) VALUES (?, ?)
           ON CONFLICT(counter_key) DO UPDATE SET value = excluded.value`,
        )
        .run(key, next);
      return next;
    });
  }

  personByIdNumber(idNumber: string): Person | undefined {
    const r = this.db
      .prepare('SELECT * FROM persons WHERE id_number = ?')
      .get(idNumber.trim().toUpperCase()) as
      | {
          person_id: string;
          kind: Person['kind'];
          name: string;
          id_type: Person['idType'];
          id_number: string;
        }
      | undefined;
    return (
      r && {
        personId: r.person_id,
        kind: r.kind,
        name: r.name,
        idType: r.id_type,
        idNumber: r.id_number,
      }
    );
  }

  certificatesOf(personId: string): HeldCertificate[] {
    const rows = this.db
      .prepare(
        `SELECT c.*, u.location FROM certificates c
           JOIN rights r ON r.certificate_id = c.certificate_id
           JOIN right_holders h ON h.right_id = r.right_id
           JOIN units u ON u.unit_code = c.unit_code
          WHERE h.person_id = ?
          ORDER BY (c.status = 'current') DESC, c.issued_on DESC, c.number`,
      )
      .all(personId) as {
      certificate_id: string;
      kind: string;
      number: string;
      unit_code: string;
      location: string;
      issued_on: string;
      form: string;
      licence_id: string | null;
      status: string;
    }[];
    return rows.map((r) => ({
      certificateId: r.certificate_id,
      kind: r.kind,
      number: r.number,
      unitCode: r.unit_code,
      location: r.location,
      issuedOn: r.issued_on,
      form: r.form,
      ...(r.licence_id ? { licenceId: r.licence_id } : {}),
      status: r.status,
    }));
  }

  certificateStatusByNumber(number: string): string | undefined {
    const r = this.db.prepare('SELECT status FROM certificates WHERE number = ?').get(number) as
      { status: string } | undefined;
    return r?.status;
  }

  maxCertificateSerial(prefix: string): number {
    const rows = this.db
      .prepare('SELECT number FROM certificates WHERE substr(number, 1, length(?)) = ?')
      .all(prefix, prefix) as { number: string }[];
    let max = 0;
    for (const r of rows) {
      const p = parseCertificateNumber(r.number);
      if (p.ok) max = Math.max(max, Number(p.value.serial));
    }
    return max;
  }

  saveDocument(d: StoredDocument): void {
    this.db
      .prepare(
        `INSERT INTO documents (document_id, kind, number, case_id, certificate_id, issued_at, body_json, seal_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.documentId,
        d.kind,
        d.number,
        d.caseId ?? null,
        d.certificateId ?? null,
        d.issuedAt,
        JSON.stringify(d.document.body),
        JSON.stringify(d.document.seal),
      );
  }

  documentsOfCase(caseId: string): StoredDocument[] {
    return (
      this.db
        .prepare('SELECT * FROM documents WHERE case_id = ? ORDER BY issued_at, number')
        .all(caseId) as DocumentRow[]
    ).map(toDocument);
  }

  documentOfCertificate(certificateId: string): StoredDocument | undefined {
    const r = this.db
      .prepare('SELECT * FROM documents WHERE certificate_id = ?')
      .get(certificateId) as DocumentRow | undefined;
    return r && toDocument(r);
  }

  deliver(messages: readonly Message[]): void {
    const ins = this.db.prepare(
      `INSERT INTO messages (message_id, person_id, case_id, document_id, title, body, delivered_at, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    this.transaction(() => {
      for (const m of messages) {
        ins.run(
          m.messageId,
          m.personId,
          m.caseId ?? null,
          m.documentId ?? null,
          m.title,
          m.body,
          m.deliveredAt,
        );
      }
    });
  }

  messagesOf(personId: string): Message[] {
    return (
      this.db
        .prepare(
          'SELECT * FROM messages WHERE person_id = ? ORDER BY delivered_at DESC, message_id',
        )
        .all(personId) as MessageRow[]
    ).map(toMessage);
  }

  markRead(messageId: string, personId: string, at: string): Message | undefined {
    this.db
      .prepare(
        'UPDATE messages SET read_at = ? WHERE message_id = ? AND person_id = ? AND read_at IS NULL',
      )
      .run(at, messageId, personId);
    const r = this.db
      .prepare('SELECT * FROM messages WHERE message_id = ? AND person_id = ?')
      .get(messageId, personId) as MessageRow | undefined;
    return r && toMessage(r);
  }

  announceVoid(a: VoidAnnouncement): void {
    this.db
      .prepare(
        `INSERT INTO void_announcements (announcement_id, certificate_id, certificate_number, unit_code,
           location, case_id, announced_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.announcementId,
        a.certificateId,
        a.certificateNumber,
        a.unitCode,
        a.location,
        a.caseId ?? null,
        a.announcedAt,
        a.reason,
      );
  }

  voidAnnouncements(): VoidAnnouncement[] {
    return (
      this.db.prepare('SELECT * FROM void_announcements ORDER BY announced_at DESC').all() as {
        announcement_id: string;
        certificate_id: string;
        certificate_number: string;
        unit_code: string;
        location: string;
        case_id: string | null;
        announced_at: string;
        reason: string;
      }[]
    ).map((r) => ({
      announcementId: r.announcement_id,
      certificateId: r.certificate_id,
      certificateNumber: r.certificate_number,
      unitCode: r.unit_code,
      location: r.location,
      ...(r.case_id ? { caseId: r.case_id } : {}),
      announcedAt: r.announced_at,
      reason: r.reason,
    }));
  }
}
