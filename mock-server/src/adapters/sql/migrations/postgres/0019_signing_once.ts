/**
 * 0019 on PostgreSQL: at most one current e-signature per party and case (see the SQLite 0019).
 */
export const version = 19;
export const name = 'signing_once';

export const sql = /* sql */ `
UPDATE case_signatures SET current = 0, voided_at = signed_at
 WHERE current = 1 AND EXISTS (
   SELECT 1 FROM case_signatures e
    WHERE e.case_id = case_signatures.case_id AND e.party_id = case_signatures.party_id
      AND e.current = 1
      AND (e.signed_at < case_signatures.signed_at
           OR (e.signed_at = case_signatures.signed_at AND e.signature_id < case_signatures.signature_id)));
CREATE UNIQUE INDEX case_signatures_one_current ON case_signatures(case_id, party_id) WHERE current = 1;
`;
