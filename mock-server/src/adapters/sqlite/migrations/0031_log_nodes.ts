/**
 * 0031: the Merkle log's stored interior nodes, and indexes for the hot reads.
 *
 * `log_nodes` keeps every complete perfect subtree's hash (level ≥ 1; level 0 is
 * log_leaves.leaf_hash): node {level, idx} covers leaves [idx·2^level, (idx+1)·2^level). An append
 * reads the O(log n) frontier and writes the nodes it completes; proofs read O(log n) nodes
 * (domain/merkle/stored.ts). Append-only like the leaves: a changed node would change every root
 * signed after it. A log kept before this migration gets its nodes computed once, on first use.
 */
export const version = 31;
export const name = 'log_nodes';

export const NODE_TRIGGERS = ['log_nodes_no_update', 'log_nodes_no_delete'] as const;

export const sql = /* sql */ `
CREATE TABLE log_nodes (
  level  INTEGER NOT NULL CHECK (level >= 1),
  idx    INTEGER NOT NULL CHECK (idx >= 0),
  hash   TEXT NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT;
CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes
BEGIN SELECT RAISE(ABORT, 'log_nodes is append-only (archive)'); END;
CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes
BEGIN SELECT RAISE(ABORT, 'log_nodes is append-only (archive)'); END;

-- the latest logged register event (syncing the log) without scanning every leaf
CREATE INDEX log_leaves_kind ON log_leaves(kind, leaf_index);

-- a unit's archive packages (records queries, 查档) without scanning every case
CREATE INDEX cases_unit ON cases(unit_code);
`;
