/**
 * 0019: a party has at most one current e-signature on a case (one per signing round): a double
 * tap on two nodes records one signature, whichever node's insert comes first. Older duplicates,
 * if any, keep only the earliest as current (the later ones are marked voided at the same time).
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
