/** 0027 on PostgreSQL: rate counters shared by every node, and an upload's received SM3 (see the SQLite 0027). */
export const version = 27;
export const name = 'rate_counters';

export const sql = /* sql */ `
CREATE TABLE rate_counters (
  counter_key      TEXT PRIMARY KEY,
  hits             BIGINT NOT NULL CHECK (hits > 0),
  window_start_ms  BIGINT NOT NULL,
  expires_at_ms    BIGINT NOT NULL
);
CREATE INDEX rate_counters_expiry ON rate_counters (expires_at_ms);
ALTER TABLE case_files ADD COLUMN received_sm3 TEXT;
`;
