/** The archive, its Merkle log, audit log and records queries in SQLite (0006_archive). */
import type {
  AuditEntry,
  LeafKind,
  LeafRow,
  PackageSnapshot,
  StoredQueryRecord,
  TreeHeadRow,
} from '../../domain/archive';
import type { ArchiveStore, NewPackage } from '../../ports';
import type { Db } from '../sqlite/database';
import { IMMUTABLE_TABLES } from '../sqlite/migrations/0006_archive';
import {
  toAudit,
  toHead,
  toItem,
  toLeaf,
  toPackage,
  toQuery,
  type AuditRow,
  type HeadRow,
  type ItemRow,
  type LeafDbRow,
  type PackageRow,
  type QueryRow,
} from './sqliteArchiveRows';

/** Triggers that must exist: the archive's and those of the register and sealed documents. */
export const REQUIRED_TRIGGERS: readonly string[] = [
  ...IMMUTABLE_TABLES.flatMap((t) => [`${t}_no_update`, `${t}_no_delete`]),
  'register_events_no_update',
  'register_events_no_delete',
  'documents_no_update',
  'documents_no_delete',
];

export class SqliteArchiveStore implements ArchiveStore {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  private toPackage(r: PackageRow): PackageSnapshot {
    const items = (
      this.db
        .prepare('SELECT * FROM archive_items WHERE package_id = ? ORDER BY item_no')
        .all(r.package_id) as ItemRow[]
    ).map(toItem);
    return toPackage(r, items);
  }

  nextPackageSerial(): number {
    const r = this.db.prepare('SELECT max(serial) AS m FROM archive_packages').get() as {
      m: number | null;
    };
    return (r.m ?? 0) + 1;
  }

  savePackage(p: NewPackage): void {
    this.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO archive_packages (package_id, serial, archive_number, case_id, certificate_number,
             filed_at, manifest_json, seal_json, leaf_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          p.packageId,
          p.serial,
          p.archiveNumber,
          p.caseId,
          p.certificateNumber ?? null,
          p.filedAt,
          JSON.stringify(p.manifest.body),
          JSON.stringify(p.manifest.seal),
          p.leafIndex,
        );
      const insert = this.db.prepare(
        `INSERT INTO archive_items (package_id, item_no, kind, title, media_type, digest, size)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const it of p.items)
        insert.run(p.packageId, it.no, it.kind, it.title, it.mediaType, it.digest, it.size);
    });
  }

  private onePackage(where: string, value: string): PackageSnapshot | undefined {
    const r = this.db
      .prepare(`SELECT * FROM archive_packages WHERE ${where} = ? ORDER BY serial LIMIT 1`)
      .get(value) as PackageRow | undefined;
    return r ? this.toPackage(r) : undefined;
  }

  packageOfCase(caseId: string) {
    return this.onePackage('case_id', caseId);
  }
  package(packageId: string) {
    return this.onePackage('package_id', packageId);
  }
  packageByCertificateNumber(number: string) {
    return this.onePackage('certificate_number', number);
  }
  packagesOfUnit(unitCode: string): PackageSnapshot[] {
    return (
      this.db
        .prepare(
          `SELECT p.* FROM archive_packages p JOIN cases c ON c.case_id = p.case_id
           WHERE c.unit_code = ? ORDER BY p.serial`,
        )
        .all(unitCode) as PackageRow[]
    ).map((r) => this.toPackage(r));
  }
  packages(): PackageSnapshot[] {
    return (
      this.db.prepare('SELECT * FROM archive_packages ORDER BY serial').all() as PackageRow[]
    ).map((r) => this.toPackage(r));
  }

  leafCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM log_leaves').get() as { n: number }).n;
  }
  leaves(): LeafRow[] {
    return (
      this.db.prepare('SELECT * FROM log_leaves ORDER BY leaf_index').all() as LeafDbRow[]
    ).map(toLeaf);
  }
  leafByRef(kind: LeafKind, ref: string): LeafRow | undefined {
    const r = this.db
      .prepare('SELECT * FROM log_leaves WHERE kind = ? AND ref = ?')
      .get(kind, ref) as LeafDbRow | undefined;
    return r ? toLeaf(r) : undefined;
  }
  appendLeaf(row: LeafRow & { appendedAt: string }): void {
    this.db
      .prepare(
        'INSERT INTO log_leaves (leaf_index, kind, ref, leaf_data, leaf_hash, appended_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(row.leafIndex, row.kind, row.ref, row.leafData, row.leafHash, row.appendedAt);
  }
  saveTreeHead(row: TreeHeadRow & { signedAt: string }): void {
    this.db
      .prepare(
        'INSERT INTO log_tree_heads (tree_size, root_hash, hash_algorithm, signed_at, body_json, seal_json) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        row.treeSize,
        row.rootHash,
        row.hashAlgorithm,
        row.signedAt,
        JSON.stringify(row.head.body),
        JSON.stringify(row.head.seal),
      );
  }
  latestTreeHead(): TreeHeadRow | undefined {
    const r = this.db
      .prepare('SELECT * FROM log_tree_heads ORDER BY tree_size DESC LIMIT 1')
      .get() as HeadRow | undefined;
    return r ? toHead(r) : undefined;
  }
  treeHead(treeSize: number): TreeHeadRow | undefined {
    const r = this.db.prepare('SELECT * FROM log_tree_heads WHERE tree_size = ?').get(treeSize) as
      HeadRow | undefined;
    return r ? toHead(r) : undefined;
  }
  treeHeads(): TreeHeadRow[] {
    return (
      this.db.prepare('SELECT * FROM log_tree_heads ORDER BY tree_size').all() as HeadRow[]
    ).map(toHead);
  }

  private eventRows(sql: string, ...args: unknown[]) {
    return (
      this.db.prepare(sql).all(...args) as { seq: number; event_id: string; payload_json: string }[]
    ).map((r) => ({ seq: r.seq, eventId: r.event_id, payloadJson: r.payload_json }));
  }
  registerEventsAfter(seq: number) {
    return this.eventRows(
      'SELECT seq, event_id, payload_json FROM register_events WHERE seq > ? ORDER BY seq',
      seq,
    );
  }
  registerEvents() {
    return this.registerEventsAfter(0);
  }
  lastLoggedRegisterSeq(): number {
    const r = this.db
      .prepare("SELECT max(CAST(ref AS INTEGER)) AS m FROM log_leaves WHERE kind = 'registerEvent'")
      .get() as { m: number | null };
    return r.m ?? 0;
  }
  unitEventsAt(unitCode: string, recordedAt: string) {
    return this.eventRows(
      'SELECT seq, event_id, payload_json FROM register_events WHERE unit_code = ? AND recorded_at = ? ORDER BY seq',
      unitCode,
      recordedAt,
    );
  }

  unitEvents(unitCode: string) {
    return this.eventRows(
      'SELECT seq, event_id, payload_json FROM register_events WHERE unit_code = ? ORDER BY seq',
      unitCode,
    );
  }
  unitCodeByLocation(location: string): string | undefined {
    const rows = this.db
      .prepare('SELECT unit_code FROM units WHERE location = ? LIMIT 2')
      .all(location.trim()) as { unit_code: string }[];
    return rows.length === 1 ? rows[0].unit_code : undefined;
  }
  countAnsweredQueries(): number {
    return (
      this.db
        .prepare("SELECT count(*) AS n FROM records_queries WHERE outcome = 'answered'")
        .get() as { n: number }
    ).n;
  }

  appendAudit(entry: Omit<AuditEntry, 'seq'>): AuditEntry {
    const seq = Number(
      this.db
        .prepare(
          'INSERT INTO archive_audit (at, actor_id, actor_role, purpose, action, target, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          entry.at,
          entry.actorId,
          entry.actorRole,
          entry.purpose,
          entry.action,
          entry.target,
          entry.outcome,
        ).lastInsertRowid,
    );
    return { seq, ...entry };
  }
  audits(): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM archive_audit ORDER BY seq').all() as AuditRow[]).map(
      toAudit,
    );
  }

  saveQuery(q: StoredQueryRecord): void {
    this.db
      .prepare(
        `INSERT INTO records_queries (query_id, person_id, role, purpose, unit_code, outcome,
           proof_media_type, proof_digest, proof_size, result_json, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        q.queryId,
        q.personId,
        q.role,
        q.purpose,
        q.unitCode ?? null,
        q.outcome,
        q.proof?.mediaType ?? null,
        q.proof?.digest ?? null,
        q.proof?.size ?? null,
        q.resultJson,
        q.at,
      );
  }
  queries(): StoredQueryRecord[] {
    return (
      this.db.prepare('SELECT * FROM records_queries ORDER BY at, query_id').all() as QueryRow[]
    ).map(toQuery);
  }
  queriesOf(personId: string): StoredQueryRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM records_queries WHERE person_id = ? ORDER BY at DESC, query_id')
        .all(personId) as QueryRow[]
    ).map(toQuery);
  }
  query(queryId: string): StoredQueryRecord | undefined {
    const r = this.db.prepare('SELECT * FROM records_queries WHERE query_id = ?').get(queryId) as
      QueryRow | undefined;
    return r ? toQuery(r) : undefined;
  }

  missingTriggers(): string[] {
    const present = new Set(
      (
        this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    return REQUIRED_TRIGGERS.filter((t) => !present.has(t));
  }

  registryPublicKeys(): string[] {
    return (
      this.db.prepare('SELECT public_key_hex FROM registry_keys ORDER BY created_at').all() as {
        public_key_hex: string;
      }[]
    ).map((r) => r.public_key_hex);
  }

  completedUnfiledCaseIds(): string[] {
    return (
      this.db
        .prepare(
          `SELECT case_id FROM cases WHERE status IN ('issued', 'refused', 'notAccepted', 'withdrawn')
             AND case_id NOT IN (SELECT case_id FROM archive_packages) ORDER BY updated_at, case_id`,
        )
        .all() as { case_id: string }[]
    ).map((r) => r.case_id);
  }

  organOf(personId: string): string | undefined {
    const r = this.db
      .prepare('SELECT organ_name FROM state_organ_officers WHERE person_id = ?')
      .get(personId) as { organ_name: string } | undefined;
    return r?.organ_name;
  }
  grantOrgan(personId: string, organName: string, at: string): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO state_organ_officers (person_id, organ_name, granted_at) VALUES (?, ?, ?)',
      )
      .run(personId, organName, at);
  }
}
