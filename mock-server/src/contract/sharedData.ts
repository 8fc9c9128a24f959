/**
 * Shared data of a case: where each checklist item came from (shared by a
 * data source with its seal, uploaded, committed, the registry's own data, or a fallback with the
 * reason), the records, rechecks (校核, due in 1 working day) and parties' objections. The server
 * owns these schemas; the app imports their types only.
 */
import { Type, type Static } from '@sinclair/typebox';

const Str = Type.String();
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

export const DataSourceCode = Type.Union(
  ['publicSecurity', 'civilAffairs', 'housing', 'courts', 'banks', 'tax', 'planning'].map((c) =>
    Type.Literal(c),
  ),
);

export const MaterialResolution = Type.Object({
  code: Str,
  name: Str,
  required: Type.Boolean(),
  /** shared: fetched from a data source; registry: the register itself; application: the online form */
  mode: Type.Union(
    ['shared', 'registry', 'application', 'fallback', 'pending', 'uploaded', 'committed'].map((m) =>
      Type.Literal(m),
    ),
  ),
  source: Opt(DataSourceCode),
  /** e.g. 台州市民政局 */
  sourceName: Opt(Str),
  retrievedAt: Opt(Str),
  sealValid: Opt(Type.Boolean()),
  recordIds: Type.Array(Str),
  /** fallback: timeout / unavailable / notFound / sealInvalid / noSource */
  reason: Opt(Str),
  /** fallback: what to do, in Chinese, e.g. 民政数据暂不可用（超时），请签署承诺书 */
  message: Opt(Str),
  /** what the applicant may give instead of shared data */
  allowed: Type.Array(Type.Union([Type.Literal('scan'), Type.Literal('commitment')])),
  partyPrevails: Opt(Type.Boolean()),
});
export type MaterialResolution = Static<typeof MaterialResolution>;

export const SharedRecordSummary = Type.Object({
  recordId: Str,
  materialCode: Type.Union([Str, Type.Null()]),
  source: DataSourceCode,
  sourceName: Str,
  kind: Str,
  retrievedAt: Str,
  sealValid: Type.Boolean(),
  status: Type.Union(
    ['current', 'underRecheck', 'wrong', 'superseded'].map((s) => Type.Literal(s)),
  ),
  replacesRecordId: Opt(Str),
  /** the structured data: staff only */
  data: Opt(Type.Unknown()),
});

export const RecheckView = Type.Object({
  recheckId: Str,
  recordId: Str,
  requestedByKind: Type.Union([Type.Literal('staff'), Type.Literal('rule'), Type.Literal('party')]),
  reason: Str,
  requestedAt: Str,
  /** YYYY-MM-DD: 1 working day after the request (细则 二(五)) */
  dueOn: Str,
  dueEstimated: Type.Boolean(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('errorConfirmed'),
    Type.Literal('upheld'),
  ]),
  answeredAt: Opt(Str),
  correctedRecordId: Opt(Str),
  objectionId: Opt(Str),
});

export const ObjectionView = Type.Object({
  objectionId: Str,
  recordId: Str,
  statement: Str,
  evidence: Type.Array(Type.Object({ sm3: Str, contentType: Str, bytes: Type.Integer() })),
  filedAt: Str,
  status: Type.Union([Type.Literal('open'), Type.Literal('sustained'), Type.Literal('rejected')]),
  decidedAt: Opt(Str),
});

export const SharedDataResponse = Type.Object({
  items: Type.Array(MaterialResolution),
  records: Type.Array(SharedRecordSummary),
  rechecks: Type.Array(RecheckView),
  objections: Type.Array(ObjectionView),
});
export type SharedDataResponse = Static<typeof SharedDataResponse>;

export const SharedRecordParams = Type.Object(
  {
    caseId: Type.String({ minLength: 1, maxLength: 80 }),
    recordId: Type.String({ minLength: 1, maxLength: 80 }),
  },
  { additionalProperties: false },
);

/** base64 of a JPEG or PNG photo (≤ ~600 KB each, checked by content) */
export const EvidencePhoto = Type.Object(
  {
    contentType: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png')]),
    data: Type.String({ minLength: 8, maxLength: 820_000 }),
  },
  { additionalProperties: false },
);

export const ObjectionBody = Type.Object(
  {
    statement: Type.String({ minLength: 1, maxLength: 500 }),
    evidence: Type.Array(EvidencePhoto, { minItems: 1, maxItems: 3 }),
  },
  { additionalProperties: false },
);
export type ObjectionBody = Static<typeof ObjectionBody>;

export const ObjectionResponse = Type.Object({ objection: ObjectionView, recheck: RecheckView });
export type ObjectionResponse = Static<typeof ObjectionResponse>;

export const RecheckBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const DataSourceFaultBody = Type.Object(
  {
    source: DataSourceCode,
    mode: Type.Union(['ok', 'slow', 'unavailable', 'wrong'].map((m) => Type.Literal(m))),
  },
  { additionalProperties: false },
);
export const DataSourceFaultsResponse = Type.Object({
  faults: Type.Record(Str, Str),
});

/** GET /data-sources: each source's public key, so anyone can check its seals. */
export const DataSourcesResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      code: DataSourceCode,
      name: Str,
      keyId: Str,
      /** uncompressed SM2 public key 04‖x‖y, hex */
      publicKeyHex: Str,
      kinds: Type.Array(Str),
      /** the seal: SM2 (GB/T 32918, user id 1234567812345678) over canonical JSON of these fields */
      sealedFields: Type.Array(Str),
    }),
  ),
});
export type DataSourcesResponse = Static<typeof DataSourcesResponse>;
