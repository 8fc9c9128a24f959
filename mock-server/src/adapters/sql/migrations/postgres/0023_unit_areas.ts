/** 0023 on PostgreSQL: a unit's 专有 and 分摊 建筑面积 (see the SQLite 0023). */
export const version = 23;
export const name = 'unit_areas';

export const sql = /* sql */ `
ALTER TABLE units ADD COLUMN exclusive_area DOUBLE PRECISION CHECK (exclusive_area IS NULL OR exclusive_area > 0);
ALTER TABLE units ADD COLUMN apportioned_area DOUBLE PRECISION CHECK (apportioned_area IS NULL OR apportioned_area >= 0);
`;
