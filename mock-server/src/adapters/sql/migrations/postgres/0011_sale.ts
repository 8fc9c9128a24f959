/**
 * 0011 on PostgreSQL: contract terms, the housing department's filings (网签备案), tax
 * assessments, utility opt-ins and the providers' confirmations (see the SQLite 0011).
 */
export const version = 11;
export const name = 'sale';

export const sql = /* sql */ `
CREATE TABLE contract_terms (
  case_id     TEXT PRIMARY KEY,
  terms_json  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE housing_contract_filings (
  case_id         TEXT PRIMARY KEY,
  contract_number TEXT NOT NULL UNIQUE,
  unit_code       TEXT NOT NULL,
  contract_json   TEXT NOT NULL,
  filed_at        TEXT NOT NULL
);

CREATE TABLE tax_assessments (
  case_id         TEXT PRIMARY KEY,
  input_json      TEXT NOT NULL,
  assessment_json TEXT NOT NULL,
  facts_json      TEXT NOT NULL,
  total_fen       BIGINT NOT NULL CHECK (total_fen >= 0),
  assessed_at     TEXT NOT NULL
);

CREATE TABLE utility_requests (
  case_id         TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('water', 'power', 'gas', 'broadband')),
  account_number  TEXT,
  status          TEXT NOT NULL CHECK (status IN ('optedIn', 'pending', 'confirmed', 'failed')),
  attempts        BIGINT NOT NULL DEFAULT 0,
  last_error      TEXT,
  opted_in_at     TEXT NOT NULL,
  notified_at     TEXT,
  confirmed_at    TEXT,
  confirmation_no TEXT,
  PRIMARY KEY (case_id, kind)
);

CREATE TABLE utility_provider_transfers (
  provider        TEXT NOT NULL,
  reference       TEXT NOT NULL,
  confirmation_no TEXT NOT NULL UNIQUE,
  request_json    TEXT NOT NULL,
  confirmed_at    TEXT NOT NULL,
  PRIMARY KEY (provider, reference)
);
`;
