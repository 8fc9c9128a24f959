/** 0021 on PostgreSQL: the utility companies' fault queues shared by every node (see the SQLite 0021). */
export const version = 21;
export const name = 'utility_faults';

export const sql = /* sql */ `
CREATE TABLE utility_faults (
  provider  TEXT NOT NULL CHECK (provider IN ('water', 'power', 'gas', 'broadband')),
  seq       BIGINT NOT NULL,
  fault     TEXT NOT NULL CHECK (fault IN ('ok', 'unavailable', 'timeout')),
  set_at    TEXT NOT NULL,
  PRIMARY KEY (provider, seq)
);
`;
