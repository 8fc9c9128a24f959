/** 0044 on PostgreSQL: agents and guardians acting for a case's parties (see the SQLite 0044). */
export const version = 44;
export const name = 'representations';

export const sql = /* sql */ `
CREATE TABLE case_representations (
  representation_id TEXT PRIMARY KEY,
  case_id           TEXT NOT NULL REFERENCES cases(case_id),
  principal_id      TEXT NOT NULL,
  agent_id          TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('pendingReview', 'active', 'revoked')),
  code              TEXT UNIQUE,
  record            TEXT NOT NULL,
  created_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX case_representations_live
  ON case_representations (case_id, principal_id) WHERE status <> 'revoked';
CREATE INDEX case_representations_agent ON case_representations (agent_id, created_at);

ALTER TABLE case_signatures ADD COLUMN on_behalf_of TEXT;
`;
