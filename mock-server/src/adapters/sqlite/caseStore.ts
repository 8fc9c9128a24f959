import { AsyncLocalStorage } from 'node:async_hooks';
import type { CaseRecord } from '../../domain/cases';
import { AppError } from '../../domain/errors';
import { parseCertificateNumber } from '../../domain/identifiers';
import type { Person } from '../../domain/register';
import type {
  CaseStore,
  HeldCertificate,
  LookupCount,
  Message,
  StoredDocument,
  VoidAnnouncement,
} from '../../ports';
import type { SqlDb } from '../sql/types';
import {
  toCase,
  toDocument,
  toHeldCertificate,
  toMessage,
  toPerson,
  toVoidAnnouncement,
  type DocumentRow,
  type HeldCertificateRow,
  type MessageRow,
  type PersonRow,
  type VoidAnnouncementRow,
} from './caseStoreRows';

/** Work to run once the outermost transaction commits; `done` when it has ended. */
interface CommitQueue {
  done: boolean;
  readonly work: (() => void)[];
}

/**
 * Cases, documents, message boxes, void announcements, serials and lookup counts on SqlDb
 * (0003_cases, 0018_case_lookups): the same SQL on the embedded SQLite file and on PostgreSQL.
 * Write transactions are serialised registry-wide by SqlDb (on every node), so a version check,
 * a serial's next value and a lookup count read inside one are never raced.
 */
export class SqlCaseStore implements CaseStore {
  private readonly commits = new AsyncLocalStorage<CommitQueue>();

  constructor(private readonly sql: SqlDb) {}

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.commits.getStore();
    if (outer && !outer.done) {
      // a savepoint: what it queued is kept only when it succeeds
      const inner: CommitQueue = { done: false, work: [] };
      const out = await this.commits.run(inner, () => this.sql.transaction(() => fn()));
      inner.done = true;
      outer.work.push(...inner.work);
      return out;
    }
    const queue: CommitQueue = { done: false, work: [] };
    let out: T;
    try {
      out = await this.commits.run(queue, () =>
        this.sql.transaction(() => {
          // PostgreSQL may run the callback again: only the last attempt's work counts
          queue.work.length = 0;
          return fn();
        }),
      );
    } finally {
      queue.done = true;
    }
    for (const work of queue.work) work();
    return out;
  }

  afterCommit(fn: () => void): void {
    const queue = this.commits.getStore();
    if (queue && !queue.done) queue.work.push(fn);
    else fn();
  }

  insert(c: CaseRecord): Promise<void> {
    return this.sql.transaction(async () => {
      await this.sql.run(
        `INSERT INTO cases (case_id, case_number, business_type_code, status, unit_code, created_by,
           created_at, updated_at, manual_queue, version, data_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
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
        ],
      );
      await this.syncParties(c);
      await this.appendEvents(c, 0);
    });
  }

  update(c: CaseRecord, expectedVersion: number): Promise<void> {
    return this.sql.transaction(async () => {
      const before = await this.sql.get<{ n: number }>(
        'SELECT version AS n FROM cases WHERE case_id = ?',
        [c.caseId],
      );
      const res = await this.sql.run(
        `UPDATE cases SET case_number = ?, status = ?, unit_code = ?, updated_at = ?, manual_queue = ?,
           version = ?, data_json = ? WHERE case_id = ? AND version = ?`,
        [
          c.caseNumber ?? null,
          c.status,
          c.unitCode,
          c.updatedAt,
          c.manualQueue ? 1 : 0,
          c.version,
          JSON.stringify(c),
          c.caseId,
          expectedVersion,
        ],
      );
      if (!before || res.changes !== 1) {
        throw new AppError('CONFLICT', '办件已被其他操作更新，请刷新后重试');
      }
      await this.syncParties(c);
      const seen = await this.sql.get<{ n: number | null }>(
        'SELECT max(seq) AS n FROM case_events WHERE case_id = ?',
        [c.caseId],
      );
      await this.appendEvents(c, seen?.n ?? 0);
    });
  }

  private async syncParties(c: CaseRecord): Promise<void> {
    await this.sql.run('DELETE FROM case_parties WHERE case_id = ?', [c.caseId]);
    const rows = new Set<string>();
    for (const p of [...c.parties, { personId: c.createdBy, role: 'creator' }]) {
      const key = `${p.personId}|${p.role}`;
      if (rows.has(key)) continue;
      rows.add(key);
      await this.sql.run(
        `INSERT INTO case_parties (case_id, person_id, role) VALUES (?, ?, ?)
         ON CONFLICT (case_id, person_id, role) DO NOTHING`,
        [c.caseId, p.personId, p.role],
      );
    }
  }

  /** the timeline entries after sequence number `after` (case_events is append-only) */
  private async appendEvents(c: CaseRecord, after: number): Promise<void> {
    for (const t of c.timeline.filter((x) => x.seq > after)) {
      await this.sql.run(
        `INSERT INTO case_events (case_id, seq, action, from_status, to_status, actor_kind, actor_id,
           actor_display_name, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
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
        ],
      );
    }
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const r = await this.sql.get<{ data_json: string }>(
      'SELECT data_json FROM cases WHERE case_id = ?',
      [caseId],
    );
    return r && toCase(r);
  }

  async listByPerson(personId: string): Promise<CaseRecord[]> {
    const rows = await this.sql.all<{ data_json: string }>(
      `SELECT data_json FROM cases WHERE case_id IN
         (SELECT case_id FROM case_parties WHERE person_id = ?) ORDER BY created_at DESC, case_id`,
      [personId],
    );
    return rows.map(toCase);
  }

  async pageByPerson(
    personId: string,
    page: { limit: number; after?: { createdAt: string; caseId: string } },
  ): Promise<CaseRecord[]> {
    const after = page.after;
    const rows = await this.sql.all<{ data_json: string }>(
      // the page's case ids are chosen on the narrow columns first; only their rows' JSON is read
      `SELECT data_json FROM cases WHERE case_id IN (
         SELECT case_id FROM cases
          WHERE case_id IN (SELECT case_id FROM case_parties WHERE person_id = ?)
            ${after ? 'AND (created_at < ? OR (created_at = ? AND case_id > ?))' : ''}
          ORDER BY created_at DESC, case_id LIMIT ?)
        ORDER BY created_at DESC, case_id`,
      [
        personId,
        ...(after ? [after.createdAt, after.createdAt, after.caseId] : []),
        Math.max(1, Math.floor(page.limit)),
      ],
    );
    return rows.map(toCase);
  }

  async listByStatus(statuses: readonly string[]): Promise<CaseRecord[]> {
    if (!statuses.length) return [];
    const rows = await this.sql.all<{ data_json: string }>(
      `SELECT data_json FROM cases WHERE status IN (${statuses.map(() => '?').join(',')})
       ORDER BY updated_at, case_id`,
      statuses,
    );
    return rows.map(toCase);
  }

  nextSerial(key: string, floor?: () => Promise<number>): Promise<number> {
    return this.sql.transaction(async () => {
      const bumped = await this.sql.get<{ value: number }>(
        'UPDATE serial_counters SET value = value + 1 WHERE counter_key = ? RETURNING value',
        [key],
      );
      if (bumped) return Number(bumped.value);
      const start = floor ? await floor() : 0;
      const row = await this.sql.get<{ value: number }>(
        `INSERT INTO serial_counters (counter_key, value) VALUES (?, ?)
         ON CONFLICT (counter_key) DO UPDATE SET value = serial_counters.value + 1
         RETURNING value`,
        [key, start + 1],
      );
      return Number(row!.value);
    });
  }

  async personByIdNumber(idNumber: string): Promise<Person | undefined> {
    const r = await this.sql.get<PersonRow>(
      'SELECT person_id, kind, name, id_type, id_number FROM persons WHERE id_number = ?',
      [idNumber.trim().toUpperCase()],
    );
    return r && toPerson(r);
  }

  async certificatesOf(personId: string): Promise<HeldCertificate[]> {
    const rows = await this.sql.all<HeldCertificateRow>(
      `SELECT c.certificate_id, c.kind, c.number, c.unit_code, u.location, c.issued_on, c.form,
              c.licence_id, c.status
         FROM certificates c
         JOIN rights r ON r.certificate_id = c.certificate_id
         JOIN right_holders h ON h.right_id = r.right_id
         JOIN units u ON u.unit_code = c.unit_code
        WHERE h.person_id = ?
        ORDER BY CASE WHEN c.status = 'current' THEN 0 ELSE 1 END, c.issued_on DESC, c.number`,
      [personId],
    );
    return rows.map(toHeldCertificate);
  }

  async certificateStatusByNumber(number: string): Promise<string | undefined> {
    const r = await this.sql.get<{ status: string }>(
      'SELECT status FROM certificates WHERE number = ?',
      [number],
    );
    return r?.status;
  }

  async maxCertificateSerial(prefix: string): Promise<number> {
    const rows = await this.sql.all<{ number: string }>(
      'SELECT number FROM certificates WHERE substr(number, 1, ?) = ?',
      [prefix.length, prefix],
    );
    let max = 0;
    for (const r of rows) {
      const p = parseCertificateNumber(r.number);
      if (p.ok) max = Math.max(max, Number(p.value.serial));
    }
    return max;
  }

  countCertificateLookup(
    personId: string,
    atMs: number,
    windowMs: number,
    limit: number,
  ): Promise<LookupCount> {
    return this.sql.transaction(async () => {
      const since = atMs - windowMs;
      await this.sql.run('DELETE FROM certificate_lookups WHERE person_id = ? AND at_ms <= ?', [
        personId,
        since,
      ]);
      const seen = await this.sql.get<{ n: number; oldest: number | null }>(
        'SELECT count(*) AS n, min(at_ms) AS oldest FROM certificate_lookups WHERE person_id = ?',
        [personId],
      );
      if (seen && Number(seen.n) >= limit) {
        return { counted: false, oldestAtMs: Number(seen.oldest) };
      }
      await this.sql.run('INSERT INTO certificate_lookups (person_id, at_ms) VALUES (?, ?)', [
        personId,
        atMs,
      ]);
      return { counted: true };
    });
  }

  async saveDocument(d: StoredDocument): Promise<void> {
    await this.sql.run(
      `INSERT INTO documents (document_id, kind, number, case_id, certificate_id, issued_at, body_json, seal_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        d.documentId,
        d.kind,
        d.number,
        d.caseId ?? null,
        d.certificateId ?? null,
        d.issuedAt,
        JSON.stringify(d.document.body),
        JSON.stringify(d.document.seal),
      ],
    );
  }

  async documentsOfCase(caseId: string): Promise<StoredDocument[]> {
    const rows = await this.sql.all<DocumentRow>(
      'SELECT * FROM documents WHERE case_id = ? ORDER BY issued_at, number',
      [caseId],
    );
    return rows.map(toDocument);
  }

  async documentOfCertificate(certificateId: string): Promise<StoredDocument | undefined> {
    const r = await this.sql.get<DocumentRow>('SELECT * FROM documents WHERE certificate_id = ?', [
      certificateId,
    ]);
    return r && toDocument(r);
  }

  deliver(messages: readonly Message[]): Promise<void> {
    return this.sql.transaction(async () => {
      for (const m of messages) {
        await this.sql.run(
          `INSERT INTO messages (message_id, person_id, case_id, document_id, title, body, delivered_at,
             read_at, event, certificate_id, invitation_code)
           VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
          [
            m.messageId,
            m.personId,
            m.caseId ?? null,
            m.documentId ?? null,
            m.title,
            m.body,
            m.deliveredAt,
            m.event ?? null,
            m.certificateId ?? null,
            m.invitationCode ?? null,
          ],
        );
      }
    });
  }

  async messagesOf(personId: string): Promise<Message[]> {
    const rows = await this.sql.all<MessageRow>(
      'SELECT * FROM messages WHERE person_id = ? ORDER BY delivered_at DESC, message_id',
      [personId],
    );
    return rows.map(toMessage);
  }

  markRead(messageId: string, personId: string, at: string): Promise<Message | undefined> {
    return this.sql.transaction(async () => {
      await this.sql.run(
        'UPDATE messages SET read_at = ? WHERE message_id = ? AND person_id = ? AND read_at IS NULL',
        [at, messageId, personId],
      );
      const r = await this.sql.get<MessageRow>(
        'SELECT * FROM messages WHERE message_id = ? AND person_id = ?',
        [messageId, personId],
      );
      return r && toMessage(r);
    });
  }

  async announceVoid(a: VoidAnnouncement): Promise<void> {
    await this.sql.run(
      `INSERT INTO void_announcements (announcement_id, certificate_id, certificate_number, unit_code,
         location, case_id, announced_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        a.announcementId,
        a.certificateId,
        a.certificateNumber,
        a.unitCode,
        a.location,
        a.caseId ?? null,
        a.announcedAt,
        a.reason,
      ],
    );
  }

  async voidAnnouncements(): Promise<VoidAnnouncement[]> {
    const rows = await this.sql.all<VoidAnnouncementRow>(
      'SELECT * FROM void_announcements ORDER BY announced_at DESC, announcement_id',
    );
    return rows.map(toVoidAnnouncement);
  }
}
