/**
 * 0023: the 专有 (套内) and 分摊 建筑面积 of a unit, from its cadastral survey, printed under
 * 权利其他状况 (docs/registry-facts.md §3, §16). Nullable: units registered before the register
 * kept them have none (the register's events do not hold them, so nothing can be filled in).
 */
export const version = 23;
export const name = 'unit_areas';

export const sql = /* sql */ `
ALTER TABLE units ADD COLUMN exclusive_area REAL CHECK (exclusive_area IS NULL OR exclusive_area > 0);
ALTER TABLE units ADD COLUMN apportioned_area REAL CHECK (apportioned_area IS NULL OR apportioned_area >= 0);
`;
