/**
 * 0018: the lookups of a unit by certificate number each person made, so that the hourly limit
 * on them holds on every node (the counters used to live in one process's memory). Rows older
 * than the window are removed as the person's next lookup is counted.
 */
export const version = 18;
export const name = 'case_lookups';

export const sql = /* sql */ `
CREATE TABLE certificate_lookups (
  lookup_id  INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id  TEXT NOT NULL,
  at_ms      INTEGER NOT NULL
) STRICT;
CREATE INDEX certificate_lookups_person ON certificate_lookups(person_id, at_ms);
`;
