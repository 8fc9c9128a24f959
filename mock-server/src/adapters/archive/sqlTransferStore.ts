/**
 * The registry's record of archive transfers on the SQL handle (SQLite or PostgreSQL, migration
 * 0038): batches with their sealed transfer lists, the packages each names, every attempt and the
 * archives' receipts. Append-only: the tables' triggers refuse UPDATE and DELETE; batch serials
 * are counted by the caller inside a write transaction (registry-wide lock).
 */
import type {
  StoredTransferBatch,
  TransferList,
  TransferReceipt,
} from '../../domain/archive/transfer';
import type { ArchiveTransferStore, TransferAttempt } from '../../ports/archiveTransfer';
import type { SqlDb } from '../sql/types';

interface BatchRow {
  batch_id: string;
  batch_serial: number;
  batch_number: string;
  created_at: string;
  list_json: string;
  list_digest: string;
}
interface AttemptRow {
  batch_id: string;
  attempt_no: number;
  at: string;
  outcome: TransferAttempt['outcome'];
  receipt_json: string | null;
  receipt_digest: string | null;
  reasons_json: string | null;
}

const attemptOf = (r: AttemptRow): TransferAttempt => ({
  batchId: r.batch_id,
  at: r.at,
  outcome: r.outcome,
  ...(r.receipt_json ? { receipt: JSON.parse(r.receipt_json) as TransferReceipt } : {}),
  ...(r.receipt_digest ? { receiptDigest: r.receipt_digest } : {}),
  ...(r.reasons_json ? { reasons: JSON.parse(r.reasons_json) as string[] } : {}),
});

export class SqlArchiveTransferStore implements ArchiveTransferStore {
  constructor(private readonly db: SqlDb) {}

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }

  async nextBatchSerial(): Promise<number> {
    const row = await this.db.get<{ n: number | null }>(
      'SELECT max(batch_serial) AS n FROM archive_transfer_batches',
    );
    return Number(row?.n ?? 0) + 1;
  }

  async saveBatch(b: Parameters<ArchiveTransferStore['saveBatch']>[0]): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run(
        `INSERT INTO archive_transfer_batches
           (batch_id, batch_serial, batch_number, created_at, list_json, list_digest)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [
          b.batchId,
          b.batchSerial,
          b.batchNumber,
          b.createdAt,
          JSON.stringify(b.list),
          b.listDigest,
        ],
      );
      for (const p of b.list.body.packages) {
        await this.db.run(
          `INSERT INTO archive_transfer_packages (batch_id, package_id, archive_number, package_digest)
           VALUES (?, ?, ?, ?)`,
          [b.batchId, p.packageId, p.archiveNumber, p.packageDigest],
        );
      }
    });
  }

  async saveAttempt(a: TransferAttempt): Promise<void> {
    await this.db.transaction(async () => {
      const row = await this.db.get<{ n: number | null }>(
        'SELECT max(attempt_no) AS n FROM archive_transfer_attempts WHERE batch_id = ?',
        [a.batchId],
      );
      await this.db.run(
        `INSERT INTO archive_transfer_attempts
           (batch_id, attempt_no, at, outcome, receipt_json, receipt_digest, reasons_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          a.batchId,
          Number(row?.n ?? 0) + 1,
          a.at,
          a.outcome,
          a.receipt ? JSON.stringify(a.receipt) : null,
          a.receiptDigest ?? null,
          a.reasons ? JSON.stringify(a.reasons) : null,
        ],
      );
    });
  }

  private async stored(r: BatchRow): Promise<StoredTransferBatch> {
    const final = await this.db.get<AttemptRow>(
      `SELECT * FROM archive_transfer_attempts
        WHERE batch_id = ? AND outcome IN ('received', 'refused')`,
      [r.batch_id],
    );
    let list: TransferList;
    try {
      list = JSON.parse(r.list_json) as TransferList;
    } catch {
      list = { body: undefined, seal: undefined } as unknown as TransferList;
    }
    const b: StoredTransferBatch = {
      batchId: r.batch_id,
      batchNumber: r.batch_number,
      batchSerial: Number(r.batch_serial),
      createdAt: r.created_at,
      list,
      listDigest: r.list_digest,
    };
    if (final?.outcome === 'received') {
      let receipt: TransferReceipt;
      try {
        receipt = JSON.parse(final.receipt_json ?? 'null') as TransferReceipt;
      } catch {
        receipt = { body: undefined, seal: undefined } as unknown as TransferReceipt;
      }
      b.receipt = receipt;
      b.receiptDigest = final.receipt_digest ?? '';
      b.receivedAt = final.at;
    } else if (final?.outcome === 'refused') {
      b.refused = { at: final.at, reasons: JSON.parse(final.reasons_json ?? '[]') as string[] };
    }
    return b;
  }

  async batch(batchId: string): Promise<StoredTransferBatch | undefined> {
    const r = await this.db.get<BatchRow>(
      'SELECT * FROM archive_transfer_batches WHERE batch_id = ?',
      [batchId],
    );
    return r ? this.stored(r) : undefined;
  }

  async batches(): Promise<StoredTransferBatch[]> {
    const rows = await this.db.all<BatchRow>(
      'SELECT * FROM archive_transfer_batches ORDER BY batch_serial',
    );
    const out: StoredTransferBatch[] = [];
    for (const r of rows) out.push(await this.stored(r));
    return out;
  }

  async pendingBatchIds(): Promise<string[]> {
    const rows = await this.db.all<{ batch_id: string }>(
      `SELECT batch_id FROM archive_transfer_batches b
        WHERE NOT EXISTS (SELECT 1 FROM archive_transfer_attempts a
                           WHERE a.batch_id = b.batch_id AND a.outcome IN ('received', 'refused'))
        ORDER BY batch_serial`,
    );
    return rows.map((r) => r.batch_id);
  }

  async transferredOrPendingPackageIds(): Promise<Set<string>> {
    const rows = await this.db.all<{ package_id: string }>(
      `SELECT p.package_id FROM archive_transfer_packages p
        WHERE NOT EXISTS (SELECT 1 FROM archive_transfer_attempts a
                           WHERE a.batch_id = p.batch_id AND a.outcome = 'refused')`,
    );
    return new Set(rows.map((r) => r.package_id));
  }

  async attempts(batchId: string): Promise<TransferAttempt[]> {
    const rows = await this.db.all<AttemptRow>(
      'SELECT * FROM archive_transfer_attempts WHERE batch_id = ? ORDER BY attempt_no',
      [batchId],
    );
    return rows.map(attemptOf);
  }

  async archivesPublicKeys(): Promise<string[]> {
    const rows = await this.db.all<{ public_key_hex: string }>(
      'SELECT public_key_hex FROM archives_department_keys ORDER BY created_at, key_id',
    );
    return rows.map((r) => r.public_key_hex);
  }
}

/** Whether this database has the transfer record (migration 0038) at all. */
export async function hasTransferRecord(db: SqlDb): Promise<boolean> {
  const row = await db.get(
    db.dialect === 'postgres'
      ? "SELECT 1 AS one FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'archive_transfer_batches'"
      : "SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = 'archive_transfer_batches'",
  );
  return row !== undefined;
}
