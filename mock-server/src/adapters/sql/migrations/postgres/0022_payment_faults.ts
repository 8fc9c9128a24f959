/** 0022 on PostgreSQL: the payment gateway simulator's fault queue shared by every node (see the SQLite 0022). */
export const version = 22;
export const name = 'payment_faults';

export const sql = /* sql */ `
CREATE TABLE payment_faults (
  seq       BIGINT NOT NULL PRIMARY KEY,
  fault     TEXT NOT NULL CHECK (fault IN ('ok', 'slow', 'timeoutBeforeCharge', 'timeoutAfterCharge', 'transient', 'duplicateCallback')),
  set_at    TEXT NOT NULL
);
`;
