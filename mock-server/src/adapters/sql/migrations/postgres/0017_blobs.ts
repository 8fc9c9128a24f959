/**
 * 0017 on PostgreSQL: the `blobs` table (see the SQLite 0017), where the files live when the
 * registry runs on PostgreSQL: one thing to back up, replicate and restore with the rows that
 * cite it. BYTEA holds the uploads (at most 8 MB each) well within TOAST's limits.
 */
export const version = 17;
export const name = 'blobs';

export const sql = /* sql */ `
CREATE TABLE blobs (
  digest     TEXT PRIMARY KEY CHECK (length(digest) = 64),
  bytes      BYTEA NOT NULL,
  size       BIGINT NOT NULL CHECK (size >= 0),
  stored_at  TEXT NOT NULL
);

CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs
FOR EACH ROW EXECUTE FUNCTION refuse_change('blobs are written once');
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs
FOR EACH ROW EXECUTE FUNCTION refuse_change('blobs are written once');
CREATE TRIGGER blobs_no_truncate BEFORE TRUNCATE ON blobs
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('blobs are written once');
`;
