/**
 * 权籍调查入库: the surveying firms' API (/api/v1/survey/*) and the staff console's survey
 * routes (/api/v1/staff/survey-results*). A firm user's session is the HttpOnly SameSite=Strict
 * cookie `hh_survey` plus a CSRF token every changing request repeats in `x-csrf-token`; it means
 * nothing on citizens' or staff routes, nor theirs here.
 */
import { Type, type Static } from '@sinclair/typebox';
import { SURVEY_DOMAIN_ERROR_CODES } from '../domain/survey/codes';

export const SURVEY_ERROR_CODES = SURVEY_DOMAIN_ERROR_CODES;
export const SURVEY_COOKIE = 'hh_survey';

const Str = Type.String();
const Area = Type.Number({ minimum: 0, maximum: 10_000_000, description: '平方米，两位小数' });

export const SurveyLoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type SurveyLoginBody = Static<typeof SurveyLoginBody>;

export const SurveyFirmView = Type.Object({
  firmId: Str,
  name: Str,
  creditCode: Type.String({ description: '统一社会信用代码' }),
  licenceNumber: Type.String({ description: '测绘资质证书编号' }),
  licenceValidUntil: Str,
});
export const SurveySessionResponse = Type.Object({
  user: Type.Object({ userId: Str, username: Str, displayName: Str }),
  firm: SurveyFirmView,
  csrfToken: Type.String({ description: '每个修改请求放在 x-csrf-token 请求头中' }),
});
export type SurveySessionResponse = Static<typeof SurveySessionResponse>;

export const DrawingUploadResponse = Type.Object({
  digest: Type.String({ description: '检查后存储文件的 SM3 摘要' }),
  mediaType: Str,
  bytes: Type.Integer(),
});
export type DrawingUploadResponse = Static<typeof DrawingUploadResponse>;

export const BoundaryPointBody = Type.Object(
  {
    x: Type.Number({ description: 'CGCS2000 纵坐标 X（米）' }),
    y: Type.Number({ description: 'CGCS2000 横坐标 Y（米，含带号）' }),
  },
  { additionalProperties: false },
);

export const SurveyUnitBody = Type.Object(
  {
    unitCode: Type.String({ maxLength: 40, description: '拟用不动产单元代码（GB/T 37346）' }),
    room: Type.String({ minLength: 1, maxLength: 40 }),
    floor: Type.Integer({ minimum: -10, maximum: 200 }),
    use: Type.Union([Type.Literal('住宅'), Type.Literal('商业'), Type.Literal('办公')]),
    exclusiveArea: Area,
    apportionedArea: Area,
  },
  { additionalProperties: false },
);

export const SurveyResultBody = Type.Object(
  {
    buildingName: Type.String({ minLength: 1, maxLength: 60 }),
    location: Type.String({ minLength: 1, maxLength: 120 }),
    boundary: Type.Array(BoundaryPointBody, { maxItems: 200 }),
    buildingArea: Area,
    storeys: Type.Integer({ minimum: 1, maximum: 200 }),
    structure: Type.String({ minLength: 1, maxLength: 30 }),
    units: Type.Array(SurveyUnitBody, { minItems: 1, maxItems: 500 }),
    drawings: Type.Array(
      Type.Object(
        {
          kind: Type.Union([Type.Literal('parcelMap'), Type.Literal('unitPlan')]),
          digest: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type SurveyResultBody = Static<typeof SurveyResultBody>;

/** The firm's e-seal over a result (from its e-seal service, the signature CA). */
export const SurveySealBody = Type.Object(
  {
    signedDigest: Type.String({ maxLength: 64 }),
    signature: Type.String({ maxLength: 128 }),
    signedAt: Type.String({ maxLength: 40 }),
    certificate: Type.Unsafe<Record<string, unknown>>(
      Type.Object({}, { additionalProperties: true, description: '机构电子签章证书' }),
    ),
  },
  { additionalProperties: false },
);
export type SurveySealBody = Static<typeof SurveySealBody>;

export const SealSurveyRequest = Type.Object(
  { result: SurveyResultBody },
  { additionalProperties: false },
);
export const SubmitSurveyRequest = Type.Object(
  { result: SurveyResultBody, seal: SurveySealBody },
  { additionalProperties: false },
);
export type SubmitSurveyRequest = Static<typeof SubmitSurveyRequest>;

export const SurveyReasonView = Type.Object({ code: Str, message: Str });

/** 422 SURVEY_RESULT_REFUSED: every reason the result failed, each with its stable code. */
export const SurveyRefusedBody = Type.Object({
  code: Str,
  message: Str,
  requestId: Str,
  reasons: Type.Optional(Type.Array(SurveyReasonView)),
});
export type SurveyRefusedBody = Static<typeof SurveyRefusedBody>;

export const SurveyResultSummary = Type.Object({
  resultId: Str,
  firmName: Str,
  buildingName: Str,
  location: Str,
  parcelCode: Type.String({ description: '宗地代码（不动产单元代码前19位）' }),
  unitCount: Type.Integer(),
  buildingArea: Type.Number(),
  submittedAt: Str,
  status: Type.String({ description: 'accepted 已入库 / refused 已退回 / registered 已首次登记' }),
  statusText: Str,
  refusalReasons: Type.Array(Str),
  digest: Type.String({ description: '成果内容的 SM3 摘要（机构电子签章所签）' }),
  sealCertificateSerial: Str,
  firstRegistration: Type.Optional(
    Type.Object({ registrationId: Str, registeredAt: Str, certificateCount: Type.Integer() }),
  ),
});
export type SurveyResultSummary = Static<typeof SurveyResultSummary>;

export const SurveyResultResponse = Type.Object({
  result: SurveyResultSummary,
  units: Type.Array(
    Type.Object({
      unitCode: Str,
      room: Str,
      floor: Type.Integer(),
      use: Str,
      exclusiveArea: Type.Number(),
      apportionedArea: Type.Number(),
    }),
  ),
});
export type SurveyResultResponse = Static<typeof SurveyResultResponse>;

export const SurveyResultListResponse = Type.Object({ items: Type.Array(SurveyResultSummary) });
export type SurveyResultListResponse = Static<typeof SurveyResultListResponse>;

export const SurveyResultParams = Type.Object({
  resultId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
});

export const StaffSurveyRefusalBody = Type.Object(
  {
    reasons: Type.Array(Type.String({ minLength: 2, maxLength: 200 }), {
      minItems: 1,
      maxItems: 10,
    }),
  },
  { additionalProperties: false },
);
export type StaffSurveyRefusalBody = Static<typeof StaffSurveyRefusalBody>;

export const FirstRegistrationBody = Type.Object(
  {
    /** 开发企业 (the applicant, the right holder) */
    developerName: Type.String({ minLength: 4, maxLength: 60 }),
    developerCreditCode: Type.String({ minLength: 18, maxLength: 18 }),
    /** 土地使用期限 */
    landUseEndsOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    /** 权利性质, default 出让/商品房 */
    nature: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type FirstRegistrationBody = Static<typeof FirstRegistrationBody>;

export const FirstRegistrationResponse = Type.Object({
  registrationId: Str,
  resultId: Str,
  registeredAt: Str,
  certificates: Type.Array(
    Type.Object({ unitCode: Str, location: Str, certificateNumber: Str, licenceId: Str }),
  ),
});
export type FirstRegistrationResponse = Static<typeof FirstRegistrationResponse>;
