/**
 * 0044: agents and guardians acting for a case's parties (委托代理人, 监护人; docs/registry-facts.md
 * §15). One row per authority, the full record as JSON beside the columns it is looked up by; a
 * party has at most one live (not revoked) authority per case (partial unique index). A signature
 * an agent or guardian made for a party names the authority (`on_behalf_of`, JSON).
 */
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
) STRICT;
CREATE UNIQUE INDEX case_representations_live
  ON case_representations (case_id, principal_id) WHERE status <> 'revoked';
CREATE INDEX case_representations_agent ON case_representations (agent_id, created_at);

ALTER TABLE case_signatures ADD COLUMN on_behalf_of TEXT;
`;
