/**
 * The API contract. The server owns these TypeBox schemas; the app imports their types only
 * (`import type { … } from '…/mock-server/src/contract'`), which ESLint enforces.
 */
import { Type, type Static } from '@sinclair/typebox';

export const API_PREFIX = '/api/v1';

/** Uniform error body of every 4xx/5xx answer. `message` is Chinese and safe to show a user. */
export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'stable error code, e.g. VALIDATION_FAILED' }),
    message: Type.String({ description: '给用户看的中文说明' }),
    requestId: Type.String(),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Literal('ok'),
  version: Type.String(),
});
export type HealthResponse = Static<typeof HealthResponse>;

/** One business type of the service catalogue, as the home page lists it. */
export const BusinessTypeSummary = Type.Object({
  code: Type.String({ description: 'stable code, e.g. transfer.secondHandSale' }),
  name: Type.String({ description: '中文名称, e.g. 二手房买卖转移登记' }),
  description: Type.String({ description: '一句话说明' }),
  kind: Type.String({
    description: 'registration kind: first/change/transfer/cancellation/…/query',
  }),
  promisedWorkingDays: Type.Integer({ minimum: 0, maximum: 30 }),
  jointApplication: Type.Boolean({ description: '是否需要双方共同申请（条例第十四条）' }),
  version: Type.Integer({ minimum: 1 }),
});
export type BusinessTypeSummary = Static<typeof BusinessTypeSummary>;

export const CatalogueResponse = Type.Object({
  items: Type.Array(BusinessTypeSummary),
  catalogueVersion: Type.Integer({ minimum: 1 }),
});
export type CatalogueResponse = Static<typeof CatalogueResponse>;
