/**
 * 0016 on PostgreSQL: the data-source fault switch shared by every node, and the order of a
 * case's shared records, rechecks and objections (see the SQLite 0016). Rows from before it are
 * numbered in the order they were stored.
 */
export const version = 16;
export const name = 'shared_data_nodes';

export const sql = /* sql */ `
CREATE TABLE data_source_faults (
  source  TEXT PRIMARY KEY CHECK (source IN ('publicSecurity', 'civilAffairs', 'housing', 'courts', 'banks', 'tax', 'planning')),
  mode    TEXT NOT NULL CHECK (mode IN ('slow', 'unavailable', 'wrong')),
  set_at  TEXT NOT NULL
);

ALTER TABLE shared_records ADD COLUMN seq BIGINT;
UPDATE shared_records s SET seq = n.seq
  FROM (SELECT record_id, row_number() OVER (ORDER BY stored_at, record_id) AS seq FROM shared_records) n
  WHERE n.record_id = s.record_id;
CREATE UNIQUE INDEX shared_records_case_seq ON shared_records(case_id, seq);

ALTER TABLE shared_rechecks ADD COLUMN seq BIGINT;
UPDATE shared_rechecks s SET seq = n.seq
  FROM (SELECT recheck_id, row_number() OVER (ORDER BY requested_at, recheck_id) AS seq FROM shared_rechecks) n
  WHERE n.recheck_id = s.recheck_id;
CREATE UNIQUE INDEX shared_rechecks_case_seq ON shared_rechecks(case_id, seq);

ALTER TABLE shared_objections ADD COLUMN seq BIGINT;
UPDATE shared_objections s SET seq = n.seq
  FROM (SELECT objection_id, row_number() OVER (ORDER BY filed_at, objection_id) AS seq FROM shared_objections) n
  WHERE n.objection_id = s.objection_id;
CREATE UNIQUE INDEX shared_objections_case_seq ON shared_objections(case_id, seq);
`;
