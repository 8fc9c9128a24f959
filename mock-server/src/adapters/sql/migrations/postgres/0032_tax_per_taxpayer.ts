/** 0032 on PostgreSQL: tax charges and receipts keyed by (case, taxpayer) (see the SQLite 0032). */
export const version = 32;
export const name = 'tax_per_taxpayer';

export const sql = /* sql */ `
ALTER TABLE tax_payments ADD COLUMN payer_id TEXT NOT NULL DEFAULT '';
ALTER TABLE tax_payments DROP CONSTRAINT tax_payments_pkey;
ALTER TABLE tax_payments ADD PRIMARY KEY (case_id, payer_id);

ALTER TABLE tax_receipts ADD COLUMN payer_id TEXT NOT NULL DEFAULT '';
ALTER TABLE tax_receipts DROP CONSTRAINT tax_receipts_pkey;
ALTER TABLE tax_receipts ADD PRIMARY KEY (case_id, payer_id);

ALTER TABLE tax_department_receipts ADD COLUMN payer_id TEXT NOT NULL DEFAULT '';
ALTER TABLE tax_department_receipts DROP CONSTRAINT tax_department_receipts_pkey;
ALTER TABLE tax_department_receipts ADD PRIMARY KEY (case_id, payer_id);
`;
