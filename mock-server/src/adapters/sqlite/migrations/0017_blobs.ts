/**
 * 0017: the `blobs` table — content-addressed files (photos, PDFs, archive items) as rows, for the
 * deployments whose nodes share nothing but the database (PostgreSQL, docs/adr/0005). The
 * embedded default keeps its blob folder and leaves this table empty; it exists on both
 * databases so that the two schemas stay the same. Rows are written once and never changed:
 * triggers refuse UPDATE and DELETE (the 四性检测 checks that they are in force).
 */
export const version = 17;
export const name = 'blobs';

/** The blobs' append-only triggers, by name (required by the 四性检测). */
export const BLOB_TRIGGERS = ['blobs_no_update', 'blobs_no_delete'] as const;

export const sql = /* sql */ `
-- one file, under the SM3 digest (hex) of its bytes
CREATE TABLE blobs (
  digest     TEXT PRIMARY KEY CHECK (length(digest) = 64),
  bytes      BLOB NOT NULL,
  size       INTEGER NOT NULL CHECK (size >= 0),
  stored_at  TEXT NOT NULL
) STRICT;

CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs are written once'); END;
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs are written once'); END;
`;
