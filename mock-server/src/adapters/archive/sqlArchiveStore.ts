/**
 * The archive, its Merkle log, audit log and records queries (tables of migration 0006), written
 * once on SqlDb: the same SQL runs on the embedded SQLite file and on PostgreSQL. Leaf indexes
 * and package serials are counted by the caller inside a write transaction (registry-wide lock),
 * never taken from a sequence, so they stay continuous on every node.
 */
import type {
  AuditEntry,
  LeafKind,
  LeafRow,
  PackageSnapshot,
  StoredQueryRecord,
  TreeHeadRow,
} from '../../domain/archive';
import type { ArchiveStore, NewPackage, StoredNodeRow } from '../../ports';
import type { CaRootKey } from '../../domain/signing';
import { signatureCaRootKeys } from '../signature-ca';
import type { SqlDb, SqlParams } from '../sql/types';
import { IMMUTABLE_TABLES } from '../sqlite/migrations/0006_archive';
import { BLOB_TRIGGERS } from '../sqlite/migrations/0017_blobs';
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
} from './sqlArchiveRows';
import { READY_TO_FILE_STATUSES } from '../../domain/cases/status';
import type { NodeRef } from '../../domain/merkle';
import { NODE_TRIGGERS } from '../sqlite/migrations/0031_log_nodes';

/** Triggers that must exist: the archive's, the blobs', the register's and sealed documents'. */
export const REQUIRED_TRIGGERS: readonly string[] = [
  ...IMMUTABLE_TABLES.flatMap((t) => [`${t}_no_update`, `${t}_no_delete`]),
  ...BLOB_TRIGGERS,
  ...NODE_TRIGGERS,
  'register_events_no_update',
  'register_events_no_delete',
  'documents_no_update',
  'documents_no_delete',
];

/** rows per statement when reading or writing nodes in bulk (well under both drivers' limits) */
const CHUNK = 200;

type EventRow = { seq: number; eventId: string; payloadJson: string };

export class SqlArchiveStore implements ArchiveStore {
  constructor(private readonly db: SqlDb) {}

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }

  private async toPackage(r: PackageRow): Promise<PackageSnapshot> {
    const items = await this.db.all<ItemRow>(
      'SELECT * FROM archive_items WHERE package_id = ? ORDER BY item_no',
      [r.package_id],
    );
    return toPackage(r, items.map(toItem));
  }

  private async packagesWhere(sql: string, params: SqlParams = []): Promise<PackageSnapshot[]> {
    const rows = await this.db.all<PackageRow>(sql, params);
    const out: PackageSnapshot[] = [];
    for (const r of rows) out.push(await this.toPackage(r));
    return out;
  }

  async nextPackageSerial(): Promise<number> {
    const r = await this.db.get<{ m: number | null }>(
      'SELECT max(serial) AS m FROM archive_packages',
    );
    return (r?.m ?? 0) + 1;
  }

  async savePackage(p: NewPackage): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run(
        `INSERT INTO archive_packages (package_id, serial, archive_number, case_id, certificate_number,
           filed_at, manifest_json, seal_json, leaf_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          p.packageId,
          p.serial,
          p.archiveNumber,
          p.caseId,
          p.certificateNumber ?? null,
          p.filedAt,
          JSON.stringify(p.manifest.body),
          JSON.stringify(p.manifest.seal),
          p.leafIndex,
        ],
      );
      for (const it of p.items) {
        await this.db.run(
          `INSERT INTO archive_items (package_id, item_no, kind, title, media_type, digest, size)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [p.packageId, it.no, it.kind, it.title, it.mediaType, it.digest, it.size],
        );
      }
    });
  }

  private async onePackage(column: string, value: string): Promise<PackageSnapshot | undefined> {
    const [p] = await this.packagesWhere(
      `SELECT * FROM archive_packages WHERE ${column} = ? ORDER BY serial LIMIT 1`,
      [value],
    );
    return p;
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
  packagesOfUnit(unitCode: string): Promise<PackageSnapshot[]> {
    return this.packagesWhere(
      `SELECT p.* FROM archive_packages p JOIN cases c ON c.case_id = p.case_id
       WHERE c.unit_code = ? ORDER BY p.serial`,
      [unitCode],
    );
  }
  packages(): Promise<PackageSnapshot[]> {
    return this.packagesWhere('SELECT * FROM archive_packages ORDER BY serial');
  }

  async leafCount(): Promise<number> {
    // leaf indexes run 0, 1, 2, … without gaps: the highest one, read from the primary key,
    // instead of counting every leaf
    const r = await this.db.get<{ m: number | null }>(
      'SELECT max(leaf_index) AS m FROM log_leaves',
    );
    return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1;
  }
  async leaf(leafIndex: number): Promise<LeafRow | undefined> {
    const r = await this.db.get<LeafDbRow>('SELECT * FROM log_leaves WHERE leaf_index = ?', [
      leafIndex,
    ]);
    return r ? toLeaf(r) : undefined;
  }
  async logNodes(refs: readonly NodeRef[]): Promise<StoredNodeRow[]> {
    const out: StoredNodeRow[] = [];
    const leafIdx = refs.filter((r) => r.level === 0).map((r) => r.index);
    const inner = refs.filter((r) => r.level > 0);
    // a handful of primary-key lookups (O(log n) of them), one statement per table
    for (let i = 0; i < leafIdx.length; i += CHUNK) {
      const part = leafIdx.slice(i, i + CHUNK);
      const rows = await this.db.all<{ leaf_index: number; leaf_hash: string }>(
        `SELECT leaf_index, leaf_hash FROM log_leaves WHERE leaf_index IN (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of rows) out.push({ level: 0, index: Number(r.leaf_index), hash: r.leaf_hash });
    }
    for (let i = 0; i < inner.length; i += CHUNK) {
      const part = inner.slice(i, i + CHUNK);
      const rows = await this.db.all<{ level: number; idx: number; hash: string }>(
        `SELECT level, idx, hash FROM log_nodes WHERE ${part.map(() => '(level = ? AND idx = ?)').join(' OR ')}`,
        part.flatMap((r) => [r.level, r.index]),
      );
      for (const r of rows)
        out.push({ level: Number(r.level), index: Number(r.idx), hash: r.hash });
    }
    return out;
  }
  async saveLogNodes(nodes: readonly StoredNodeRow[]): Promise<void> {
    for (let i = 0; i < nodes.length; i += CHUNK) {
      const part = nodes.slice(i, i + CHUNK);
      // a node is a function of its leaves: one computed twice (two nodes filling an old log
      // at once) is the same row
      await this.db.run(
        `INSERT INTO log_nodes (level, idx, hash) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}
         ON CONFLICT (level, idx) DO NOTHING`,
        part.flatMap((n) => [n.level, n.index, n.hash]),
      );
    }
  }
  async leaves(): Promise<LeafRow[]> {
    return (await this.db.all<LeafDbRow>('SELECT * FROM log_leaves ORDER BY leaf_index')).map(
      toLeaf,
    );
  }
  async leafByRef(kind: LeafKind, ref: string): Promise<LeafRow | undefined> {
    const r = await this.db.get<LeafDbRow>('SELECT * FROM log_leaves WHERE kind = ? AND ref = ?', [
      kind,
      ref,
    ]);
    return r ? toLeaf(r) : undefined;
  }
  async appendLeaf(row: LeafRow & { appendedAt: string }): Promise<void> {
    await this.db.run(
      'INSERT INTO log_leaves (leaf_index, kind, ref, leaf_data, leaf_hash, appended_at) VALUES (?, ?, ?, ?, ?, ?)',
      [row.leafIndex, row.kind, row.ref, row.leafData, row.leafHash, row.appendedAt],
    );
  }
  async saveTreeHead(row: TreeHeadRow & { signedAt: string }): Promise<void> {
    await this.db.run(
      'INSERT INTO log_tree_heads (tree_size, root_hash, hash_algorithm, signed_at, body_json, seal_json) VALUES (?, ?, ?, ?, ?, ?)',
      [
        row.treeSize,
        row.rootHash,
        row.hashAlgorithm,
        row.signedAt,
        JSON.stringify(row.head.body),
        JSON.stringify(row.head.seal),
      ],
    );
  }
  async latestTreeHead(): Promise<TreeHeadRow | undefined> {
    const r = await this.db.get<HeadRow>(
      'SELECT * FROM log_tree_heads ORDER BY tree_size DESC LIMIT 1',
    );
    return r ? toHead(r) : undefined;
  }
  async treeHead(treeSize: number): Promise<TreeHeadRow | undefined> {
    const r = await this.db.get<HeadRow>('SELECT * FROM log_tree_heads WHERE tree_size = ?', [
      treeSize,
    ]);
    return r ? toHead(r) : undefined;
  }
  async treeHeads(): Promise<TreeHeadRow[]> {
    return (await this.db.all<HeadRow>('SELECT * FROM log_tree_heads ORDER BY tree_size')).map(
      toHead,
    );
  }

  private async eventRows(where: string, params: SqlParams): Promise<EventRow[]> {
    const rows = await this.db.all<{ seq: number; event_id: string; payload_json: string }>(
      `SELECT seq, event_id, payload_json FROM register_events WHERE ${where} ORDER BY seq`,
      params,
    );
    return rows.map((r) => ({ seq: r.seq, eventId: r.event_id, payloadJson: r.payload_json }));
  }
  registerEventsAfter(seq: number) {
    return this.eventRows('seq > ?', [seq]);
  }
  registerEvents() {
    return this.registerEventsAfter(0);
  }
  async lastLoggedRegisterSeq(): Promise<number> {
    // register events are logged in seq order (MerkleLog.syncRegisterEvents, under the write
    // lock), so the latest registerEvent leaf has the highest seq: one index step, not a scan
    const r = await this.db.get<{ ref: string }>(
      "SELECT ref FROM log_leaves WHERE kind = 'registerEvent' ORDER BY leaf_index DESC LIMIT 1",
    );
    return r ? Number(r.ref) : 0;
  }
  unitEventsAt(unitCode: string, recordedAt: string) {
    return this.eventRows('unit_code = ? AND recorded_at = ?', [unitCode, recordedAt]);
  }
  unitEvents(unitCode: string) {
    return this.eventRows('unit_code = ?', [unitCode]);
  }
  async unitCodeByLocation(location: string): Promise<string | undefined> {
    const rows = await this.db.all<{ unit_code: string }>(
      'SELECT unit_code FROM units WHERE location = ? LIMIT 2',
      [location.trim()],
    );
    return rows.length === 1 ? rows[0].unit_code : undefined;
  }
  async countAnsweredQueries(): Promise<number> {
    const r = await this.db.get<{ n: number }>(
      "SELECT count(*) AS n FROM records_queries WHERE outcome = 'answered'",
    );
    return r?.n ?? 0;
  }

  async appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<AuditEntry> {
    const r = await this.db.get<{ seq: number }>(
      `INSERT INTO archive_audit (at, actor_id, actor_role, purpose, action, target, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
      [
        entry.at,
        entry.actorId,
        entry.actorRole,
        entry.purpose,
        entry.action,
        entry.target,
        entry.outcome,
      ],
    );
    return { seq: Number(r?.seq), ...entry };
  }
  async audits(): Promise<AuditEntry[]> {
    return (await this.db.all<AuditRow>('SELECT * FROM archive_audit ORDER BY seq')).map(toAudit);
  }

  async saveQuery(q: StoredQueryRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO records_queries (query_id, person_id, role, purpose, unit_code, outcome,
         proof_media_type, proof_digest, proof_size, result_json, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
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
      ],
    );
  }
  async queries(): Promise<StoredQueryRecord[]> {
    return (await this.db.all<QueryRow>('SELECT * FROM records_queries ORDER BY at, query_id')).map(
      toQuery,
    );
  }
  async queriesOf(personId: string): Promise<StoredQueryRecord[]> {
    return (
      await this.db.all<QueryRow>(
        'SELECT * FROM records_queries WHERE person_id = ? ORDER BY at DESC, query_id',
        [personId],
      )
    ).map(toQuery);
  }
  async query(queryId: string): Promise<StoredQueryRecord | undefined> {
    const r = await this.db.get<QueryRow>('SELECT * FROM records_queries WHERE query_id = ?', [
      queryId,
    ]);
    return r ? toQuery(r) : undefined;
  }

  async missingTriggers(): Promise<string[]> {
    const rows = await this.db.all<{ name: string }>(
      this.db.dialect === 'postgres'
        ? `SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND n.nspname = current_schema()`
        : "SELECT name FROM sqlite_master WHERE type = 'trigger'",
    );
    const present = new Set(rows.map((r) => r.name));
    return REQUIRED_TRIGGERS.filter((t) => !present.has(t));
  }

  async signatureRootKeys(): Promise<CaRootKey[]> {
    return signatureCaRootKeys(this.db);
  }

  async registryPublicKeys(): Promise<string[]> {
    const rows = await this.db.all<{ public_key_hex: string }>(
      'SELECT public_key_hex FROM registry_keys ORDER BY created_at',
    );
    return rows.map((r) => r.public_key_hex);
  }

  async completedUnfiledCaseIds(): Promise<string[]> {
    // which statuses are "finished, not yet filed" is the domain's decision, not this query's
    const statuses = READY_TO_FILE_STATUSES;
    const rows = await this.db.all<{ case_id: string }>(
      `SELECT case_id FROM cases WHERE status IN (${statuses.map(() => '?').join(', ')})
         AND case_id NOT IN (SELECT case_id FROM archive_packages) ORDER BY updated_at, case_id`,
      statuses,
    );
    return rows.map((r) => r.case_id);
  }

  async organOf(personId: string): Promise<string | undefined> {
    const r = await this.db.get<{ organ_name: string }>(
      'SELECT organ_name FROM state_organ_officers WHERE person_id = ?',
      [personId],
    );
    return r?.organ_name;
  }
  async grantOrgan(personId: string, organName: string, at: string): Promise<void> {
    await this.db.run(
      `INSERT INTO state_organ_officers (person_id, organ_name, granted_at) VALUES (?, ?, ?)
       ON CONFLICT (person_id) DO NOTHING`,
      [personId, organName, at],
    );
  }
}
