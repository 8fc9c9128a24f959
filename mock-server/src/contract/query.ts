/** Records queries under 令第80号. */
import { Type, type Static } from '@sinclair/typebox';
import { SealedDocument } from './cases';

export const RecordsQueryBody = Type.Object(
  {
    role: Type.Union(
      [Type.Literal('rightHolder'), Type.Literal('interestedParty'), Type.Literal('stateOrgan')],
      { description: '权利人 / 利害关系人 / 国家机关' },
    ),
    purpose: Type.String({
      maxLength: 40,
      description:
        'interested party: purchase | lease | mortgageLending | litigation | arbitration; state organ: investigation; right holder: ownRecords',
    }),
    unitCode: Type.Optional(Type.String({ maxLength: 40 })),
    certificateNumber: Type.Optional(Type.String({ maxLength: 80 })),
    location: Type.Optional(Type.String({ maxLength: 200 })),
    items: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
    /** proof of interest: base64 JPEG, PNG or PDF (checked by magic number) */
    proof: Type.Optional(
      Type.Object(
        {
          mediaType: Type.String({ maxLength: 40 }),
          data: Type.String({ maxLength: 1_000_000 }),
        },
        { additionalProperties: false },
      ),
    ),
    caseReference: Type.Optional(Type.String({ maxLength: 80 })),
  },
  { additionalProperties: false },
);
export type RecordsQueryBody = Static<typeof RecordsQueryBody>;

export const RefusalView = Type.Object({ code: Type.String(), message: Type.String() });

export const RecordsQueryResponse = Type.Object({
  queryId: Type.String(),
  number: Type.String({ description: '查询结果证明编号' }),
  items: Type.Array(Type.String()),
  downloadable: Type.Boolean(),
  downloadUrl: Type.String(),
  document: SealedDocument,
});
export type RecordsQueryResponse = Static<typeof RecordsQueryResponse>;

/**
 * 403 of a refused query: code FORBIDDEN, the reasons joined as message, every reason listed
 * (other 403s, e.g. STEP_UP_REQUIRED, are plain ErrorBody answers without queryId/reasons).
 */
export const RecordsQueryRefusal = Type.Object({
  code: Type.String(),
  message: Type.String(),
  requestId: Type.String(),
  queryId: Type.Optional(Type.String()),
  reasons: Type.Optional(Type.Array(RefusalView)),
});
export type RecordsQueryRefusal = Static<typeof RecordsQueryRefusal>;

export const MyQueriesResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      queryId: Type.String(),
      role: Type.String(),
      purpose: Type.String(),
      unitCode: Type.Optional(Type.String()),
      outcome: Type.String(),
      at: Type.String(),
    }),
  ),
});
export type MyQueriesResponse = Static<typeof MyQueriesResponse>;

export const QueryParams = Type.Object({ queryId: Type.String({ maxLength: 80 }) });

/** GET /api/v1/records-queries/:queryId/files/:digest — one original file of the answer (bytes). */
export const QueryFileParams = Type.Object({
  queryId: Type.String({ maxLength: 80 }),
  digest: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
});
/** the file's bytes as stored (JPEG, PNG, PDF or sealed JSON); never serialised as JSON */
export const QueryFileBytes = Type.Unsafe<Buffer>({ description: '原始资料文件（二进制）' });
