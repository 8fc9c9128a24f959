/**
 * The blob stores behind the BlobStore port (content-addressed by SM3, written once):
 * - FsBlobStore, the embedded default: `<data>/blobs/<sm3 hex>` next to the SQLite file, written
 *   through a temp file + rename, read-only for the server's own user alone (0400);
 * - SqlBlobStore: rows of the `blobs` table (BYTEA on PostgreSQL), chosen when the registry runs
 *   on PostgreSQL, so every node sees every file and one backup holds rows and files together.
 * `blobStoreFor` picks one for a database handle (docs/adr/0005).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sm3Hex } from '../../domain/archive';
import type { BlobStore, Clock } from '../../ports';
import type { SqlDb } from '../sql/types';

const DIGEST = /^[0-9a-f]{64}$/;

export class FsBlobStore implements BlobStore {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  pathOf(digest: string): string {
    if (!DIGEST.test(digest)) throw new RangeError(`not an SM3 digest: ${digest}`);
    return path.join(this.dir, digest);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const digest = sm3Hex(bytes);
    const file = this.pathOf(digest);
    if (fs.existsSync(file)) return digest;
    const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    // read-only, and for the server's own user only: photos of ID cards, contracts, signatures
    const handle = await fs.promises.open(tmp, 'wx', 0o400);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // another writer may have stored the same bytes meanwhile: rename replaces them with equal ones
    await fs.promises.rename(tmp, file);
    return digest;
  }

  async get(digest: string): Promise<Uint8Array | undefined> {
    if (!DIGEST.test(digest)) return undefined;
    try {
      return new Uint8Array(await fs.promises.readFile(path.join(this.dir, digest)));
    } catch {
      return undefined;
    }
  }
}

export class SqlBlobStore implements BlobStore {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock = { now: () => new Date() },
  ) {}

  async put(bytes: Uint8Array): Promise<string> {
    const digest = sm3Hex(bytes);
    // idempotent on every node: the first writer's row stays (equal bytes under an equal digest).
    // Its own small transaction locks only this digest, so a large upload does not hold up the
    // registry's other writes; inside a caller's transaction it is part of that transaction.
    await this.db.transaction(
      async (tx) => {
        await tx.run(
          `INSERT INTO blobs (digest, bytes, size, stored_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (digest) DO NOTHING`,
          [digest, bytes, bytes.length, this.clock.now().toISOString()],
        );
      },
      { lockKeys: [`blob:${digest}`] },
    );
    return digest;
  }

  async get(digest: string): Promise<Uint8Array | undefined> {
    if (!DIGEST.test(digest)) return undefined;
    const r = await this.db.get<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE digest = ?', [
      digest,
    ]);
    return r ? new Uint8Array(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength) : undefined;
  }
}

/** The blob folder next to the database file (a temp folder for `:memory:`). */
export function blobDirFor(databasePath: string, tmpDir: string = os.tmpdir()): string {
  return databasePath === ':memory:'
    ? path.join(tmpDir, `registry-blobs-${process.pid}`)
    : path.join(path.dirname(databasePath), 'blobs');
}

/**
 * The registry's blob store: the `blobs` table on PostgreSQL (nodes share nothing but the
 * database), the folder next to the file on the embedded SQLite default.
 */
export function blobStoreFor(db: SqlDb, databasePath: string, clock?: Clock): BlobStore {
  return db.dialect === 'postgres'
    ? new SqlBlobStore(db, clock)
    : new FsBlobStore(blobDirFor(databasePath));
}
