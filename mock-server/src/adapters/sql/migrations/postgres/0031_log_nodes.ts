/** 0031 on PostgreSQL: the Merkle log's stored interior nodes and hot-read indexes (see the SQLite 0031). */
export const version = 31;
export const name = 'log_nodes';

export const sql = /* sql */ `
CREATE TABLE log_nodes (
  level  BIGINT NOT NULL CHECK (level >= 1),
  idx    BIGINT NOT NULL CHECK (idx >= 0),
  hash   TEXT NOT NULL,
  PRIMARY KEY (level, idx)
);
CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes
FOR EACH ROW EXECUTE FUNCTION refuse_change('log_nodes is append-only (archive)');
CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes
FOR EACH ROW EXECUTE FUNCTION refuse_change('log_nodes is append-only (archive)');
CREATE TRIGGER log_nodes_no_truncate BEFORE TRUNCATE ON log_nodes
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('log_nodes is append-only (archive)');

CREATE INDEX log_leaves_kind ON log_leaves(kind, leaf_index);

-- a unit's archive packages (records queries, 查档) without scanning every case
CREATE INDEX cases_unit ON cases(unit_code);
`;
