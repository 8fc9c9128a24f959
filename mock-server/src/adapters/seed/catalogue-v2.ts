/**
 * Business catalogue, version 2: every business type of version 1 as this code defines it, plus
 * 更正登记, 异议登记, 遗失补证 and 换证 (catalogue/register-errors.ts).
 *
 * Why a new version: a published version is never changed (adapters/sqlite/catalogueRepository),
 * so a database that published version 1 before business types were added to it kept version 1
 * as it was then (the first six types), and the newer types were unreachable there. Publishing
 * version 2 at start (ensureCatalogue) brings every database to the same list; cases keep naming
 * their business type by code and the version they were made under.
 */
import type { Catalogue } from '../../domain/catalogue';
import { CATALOGUE_V1 } from './catalogue-v1';
import { REGISTER_ERROR_BUSINESS_TYPES } from './catalogue/register-errors';

export const CATALOGUE_V2: Catalogue = {
  version: 2,
  publishedAt: '2026-12-08T00:00:00.000Z',
  businessTypes: [...CATALOGUE_V1.businessTypes, ...REGISTER_ERROR_BUSINESS_TYPES],
};
