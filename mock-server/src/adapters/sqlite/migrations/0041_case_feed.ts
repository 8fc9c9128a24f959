/**
 * 0041: the case feed. Every committed change of what a party's open page shows (the case row,
 * its signatures, 询问笔录 answers, invitations and the changes that voided signatures) appends
 * one row numbered per case (`seq` 1, 2, …) in the same transaction, by trigger, so no writer
 * can forget it and a rolled-back change leaves none. The status stream names its events by this
 * number, and a page that reconnects with `Last-Event-ID` is brought up to date from it
 * (usecases/signing/statusStream.ts, docs/adr/0011). `feed_id` orders the rows of the whole
 * registry in commit order (one writer), for the in-process notifier of this one-node store.
 */
export const version = 41;
export const name = 'case_feed';

/** the tables whose writes change a party's live view, and the statements that do it */
export const FEED_SOURCES: readonly { table: string; ops: readonly ('INSERT' | 'UPDATE')[] }[] = [
  { table: 'cases', ops: ['INSERT', 'UPDATE'] },
  { table: 'case_signatures', ops: ['INSERT', 'UPDATE'] },
  { table: 'signing_inquiries', ops: ['INSERT', 'UPDATE'] },
  { table: 'signing_invitations', ops: ['INSERT', 'UPDATE'] },
  { table: 'signing_changes', ops: ['INSERT'] },
];

const trigger = (table: string, op: string) => `
CREATE TRIGGER case_feed_${table}_${op.toLowerCase()} AFTER ${op} ON ${table}
BEGIN
  INSERT INTO case_feed (case_id, seq)
    SELECT NEW.case_id, coalesce(max(seq), 0) + 1 FROM case_feed WHERE case_id = NEW.case_id;
END;`;

export const sql = /* sql */ `
CREATE TABLE case_feed (
  feed_id  INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id  TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  UNIQUE (case_id, seq)
);
CREATE TRIGGER case_feed_no_update BEFORE UPDATE ON case_feed
BEGIN SELECT RAISE(ABORT, 'case_feed is append-only'); END;
${FEED_SOURCES.flatMap((s) => s.ops.map((op) => trigger(s.table, op))).join('\n')}
`;
