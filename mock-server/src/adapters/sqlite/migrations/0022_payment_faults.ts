/**
 * 0022: the payment gateway simulator's fault queue (its demo/test switch), kept here so that
 * faults set through one registry node are what every node's gateway answers next; each queued
 * answer is taken once, by whichever node charges first. No rows: the gateway answers 'ok'.
 */
export const version = 22;
export const name = 'payment_faults';

export const sql = /* sql */ `
CREATE TABLE payment_faults (
  seq       INTEGER NOT NULL PRIMARY KEY,
  fault     TEXT NOT NULL CHECK (fault IN ('ok', 'slow', 'timeoutBeforeCharge', 'timeoutAfterCharge', 'transient', 'duplicateCallback')),
  set_at    TEXT NOT NULL
) STRICT;
`;
