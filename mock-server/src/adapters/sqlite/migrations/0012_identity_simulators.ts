/**
 * 0012: what the simulated outside identity parties remember, kept in the store so that every
 * registry node answers alike (a face check started on one node completes on another): the
 * identity platform's face checks in progress, the frame digests it has seen, its failures per
 * ID number (SM3 of the number), and 浙里办's tickets, access tokens and zmAuthentication passes.
 */
export const version = 12;
export const name = 'identity_simulators';

export const sql = /* sql */ `
CREATE TABLE sim_face_checks (
  certify_id    TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  id_number     TEXT NOT NULL,
  actions_json  TEXT NOT NULL,
  nonce         TEXT NOT NULL,
  issued_at     TEXT NOT NULL,
  expires_at    TEXT NOT NULL
) STRICT;
CREATE INDEX sim_face_checks_expiry ON sim_face_checks(expires_at);

CREATE TABLE sim_seen_frames (
  digest   TEXT PRIMARY KEY,
  seen_at  TEXT NOT NULL
) STRICT;

CREATE TABLE sim_face_failures (
  id_key  TEXT NOT NULL,
  at_ms   INTEGER NOT NULL
) STRICT;
CREATE INDEX sim_face_failures_key ON sim_face_failures(id_key, at_ms);

CREATE TABLE sim_zlb_tickets (
  ticket_id      TEXT PRIMARY KEY,
  id_number      TEXT NOT NULL,
  expires_at_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX sim_zlb_tickets_expiry ON sim_zlb_tickets(expires_at_ms);

CREATE TABLE sim_zlb_access_tokens (
  access_token  TEXT PRIMARY KEY,
  id_number     TEXT NOT NULL,
  issued_at_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX sim_zlb_access_tokens_issued ON sim_zlb_access_tokens(issued_at_ms);

CREATE TABLE sim_zlb_passes (
  pass_id    TEXT PRIMARY KEY,
  cert_no    TEXT NOT NULL,
  cert_name  TEXT NOT NULL,
  passed_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sim_zlb_passes_passed ON sim_zlb_passes(passed_at);
`;
