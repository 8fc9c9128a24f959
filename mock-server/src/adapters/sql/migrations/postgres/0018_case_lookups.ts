/** 0018 on PostgreSQL: each person's lookups by certificate number (see the SQLite 0018). */
export const version = 18;
export const name = 'case_lookups';

export const sql = /* sql */ `
CREATE TABLE certificate_lookups (
  lookup_id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id  TEXT NOT NULL,
  at_ms      BIGINT NOT NULL
);
CREATE INDEX certificate_lookups_person ON certificate_lookups(person_id, at_ms);
`;
