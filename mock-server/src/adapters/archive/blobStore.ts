/**
 * The blob store: archive files content-addressed under the data folder,
 * `<data>/blobs/<sm3 hex>`, written once (temp file + rename) and made read-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sm3Hex } from '../../domain/archive';
import type { BlobStore } from '../../ports';

const DIGEST = /^[0-9a-f]{64}$/;

export class FsBlobStore implements BlobStore {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  pathOf(digest: string): string {
    if (!DIGEST.test(digest)) throw new RangeError(`not an SM3 digest: ${digest}`);
    return path.join(this.dir, digest);
  }

  put(bytes: Uint8Array): string {
    const digest = sm3Hex(bytes);
    const file = this.pathOf(digest);
    if (fs.existsSync(file)) return digest;
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    const fd = fs.openSync(tmp, 'wx', 0o444);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return digest;
  }

  get(digest: string): Uint8Array | undefined {
    if (!DIGEST.test(digest)) return undefined;
    try {
      return new Uint8Array(fs.readFileSync(path.join(this.dir, digest)));
    } catch {
      return undefined;
    }
  }
}

/** The blob folder next to the database file (a temp folder for `:memory:`). */
export function blobDirFor(databasePath: string, tmpDir: string): string {
  return databasePath === ':memory:'
    ? path.join(tmpDir, `registry-blobs-${process.pid}`)
    : path.join(path.dirname(databasePath), 'blobs');
}
