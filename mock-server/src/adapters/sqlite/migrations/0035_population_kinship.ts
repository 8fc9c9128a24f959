/**
 * 0035: deaths and parent–child relations as 公安's household register holds them (户籍注销 after a
 * 死亡医学证明, and the household's 父母/子女 relations), read only by the 公安 simulator to answer
 * who a deceased holder's first-order heirs are (继承, docs/registry-facts.md §15). Spouses come
 * from `marriages`.
 */
export const version = 35;
export const name = 'population_kinship';

export const sql = /* sql */ `
CREATE TABLE deaths (
  person_id  TEXT PRIMARY KEY REFERENCES persons(person_id),
  died_on    TEXT NOT NULL
) STRICT;

CREATE TABLE kinships (
  parent_id  TEXT NOT NULL REFERENCES persons(person_id),
  child_id   TEXT NOT NULL REFERENCES persons(person_id),
  PRIMARY KEY (parent_id, child_id),
  CHECK (parent_id <> child_id)
) STRICT;
`;
