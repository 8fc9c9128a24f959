/** 0035 on PostgreSQL: deaths and parent–child relations of 公安's household register (see the SQLite 0035). */
export const version = 35;
export const name = 'population_kinship';

export const sql = /* sql */ `
CREATE TABLE deaths (
  person_id  TEXT PRIMARY KEY REFERENCES persons(person_id),
  died_on    TEXT NOT NULL
);

CREATE TABLE kinships (
  parent_id  TEXT NOT NULL REFERENCES persons(person_id),
  child_id   TEXT NOT NULL REFERENCES persons(person_id),
  PRIMARY KEY (parent_id, child_id),
  CHECK (parent_id <> child_id)
);
`;
