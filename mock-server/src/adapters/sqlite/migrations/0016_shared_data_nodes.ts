/**
 * 0016: shared data on several registry nodes.
 *
 * - `data_source_faults`: the demo/test fault switch of the data-source simulators (slow,
 *   unavailable, wrong), set from DATA_SOURCE_FAULTS and the staff console; kept here so that a
 *   switch made on one node is what every node's simulators do. A source without a row is 'ok'.
 * - `seq` on shared records, rechecks and objections: their order within a case (1, 2, 3…), so
 *   a case's records list in the order they were stored on both databases (PostgreSQL has no
 *   rowid, and records stored in the same millisecond share `stored_at`). Rows from before this
 *   migration keep their rowid, which preserves their order.
 */
export const version = 16;
export const name = 'shared_data_nodes';

export const sql = /* sql */ `
CREATE TABLE data_source_faults (
  source  TEXT PRIMARY KEY CHECK (source IN ('publicSecurity', 'civilAffairs', 'housing', 'courts', 'banks', 'tax', 'planning')),
  mode    TEXT NOT NULL CHECK (mode IN ('slow', 'unavailable', 'wrong')),
  set_at  TEXT NOT NULL
) STRICT;

ALTER TABLE shared_records ADD COLUMN seq INTEGER;
UPDATE shared_records SET seq = rowid;
CREATE UNIQUE INDEX shared_records_case_seq ON shared_records(case_id, seq);

ALTER TABLE shared_rechecks ADD COLUMN seq INTEGER;
UPDATE shared_rechecks SET seq = rowid;
CREATE UNIQUE INDEX shared_rechecks_case_seq ON shared_rechecks(case_id, seq);

ALTER TABLE shared_objections ADD COLUMN seq INTEGER;
UPDATE shared_objections SET seq = rowid;
CREATE UNIQUE INDEX shared_objections_case_seq ON shared_objections(case_id, seq);
`;
