/**
 * Identity and session API: face login through the identity platform, the 浙里办
 * ticket path, step-up (a fresh face check bound to the session), sessions and devices, and the
 * caller's own register entries. Imports only TypeBox and a leaf list of codes from the domain, so
 * `contract/index.ts` can re-export it without an import cycle.
 *
 * Authenticated routes take `Authorization: Bearer <token>`; a missing, unknown, expired or
 * ended token is 401 UNAUTHENTICATED. Routes needing a face check less than 5 minutes old answer
 * 403 STEP_UP_REQUIRED; the app then runs /auth/step-up/* and retries.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IDENTITY_ERROR_CODES } from '../domain/identity/codes';

/** Stable error codes of identity, sessions and step-up (added to ERROR_CODES). */
export const AUTH_ERROR_CODES = IDENTITY_ERROR_CODES;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/** The four liveness actions the identity platform asks for (two per challenge). */
export const LIVENESS_ACTIONS = ['眨眼', '张嘴', '左转头', '右转头'] as const;
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

/** Fewest frames a face check accepts, and the largest frame (decoded JPEG bytes). */
export const MIN_FACE_FRAMES = 3;
export const MAX_FACE_FRAMES = 5;
export const MAX_FRAME_BYTES = 512000;
/** Body limit of the routes that carry frames (5 × 500 KB in base64 ≈ 3.4 MB, plus JSON). */
export const FACE_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const IsoInstant = Type.String({ format: 'date-time', description: 'ISO-8601 instant' });

// ---------------------------------------------------------------- face verification

/** POST /auth/face/start */
export const FaceStartRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, description: '姓名（与身份证一致）' }),
    idNumber: Type.String({ minLength: 1, maxLength: 32, description: '公民身份号码' }),
  },
  { additionalProperties: false },
);
export type FaceStartRequest = Static<typeof FaceStartRequest>;

export const LivenessChallenge = Type.Object({
  actions: Type.Array(Type.String({ description: '眨眼 / 张嘴 / 左转头 / 右转头' }), {
    minItems: 2,
    maxItems: 2,
  }),
  nonce: Type.String(),
  expiresAt: IsoInstant,
});
export type LivenessChallenge = Static<typeof LivenessChallenge>;

/** Answer of /auth/face/start and /auth/step-up/start. */
export const FaceStartResponse = Type.Object({
  certifyId: Type.String(),
  challenge: LivenessChallenge,
  minFrames: Type.Integer({ minimum: 1 }),
  maxFrameBytes: Type.Integer({ minimum: 1 }),
  promptMs: Type.Optional(
    Type.Integer({ minimum: 300, maximum: 10000, description: '每个动作提示的显示时长（毫秒）' }),
  ),
  /**
   * true only from the identity platform simulator (SIMULATORS_ENABLED): it takes the frames of
   * the app's demonstration camera, so the face page may offer it. Never sent by a real platform.
   */
  demoCamera: Type.Optional(Type.Boolean({ description: '可使用演示摄像头（仅模拟环境）' })),
});
export type FaceStartResponse = Static<typeof FaceStartResponse>;

/** POST /auth/step-up/start: the person is the session's. */
export const StepUpStartRequest = Type.Object({}, { additionalProperties: false });
export type StepUpStartRequest = Static<typeof StepUpStartRequest>;

export const FaceFrame = Type.Object(
  {
    data: Type.String({ minLength: 1, description: 'base64 JPEG (≤ 500 KB decoded)' }),
    capturedAt: IsoInstant,
  },
  { additionalProperties: false },
);
export type FaceFrame = Static<typeof FaceFrame>;

/** POST /auth/face/complete */
export const FaceCompleteRequest = Type.Object(
  {
    certifyId: Type.String({ minLength: 1, maxLength: 128 }),
    frames: Type.Array(FaceFrame, { minItems: 1, maxItems: MAX_FACE_FRAMES }),
    deviceName: Type.Optional(Type.String({ maxLength: 64, description: '如 “iPhone · 浙里办”' })),
  },
  { additionalProperties: false },
);
export type FaceCompleteRequest = Static<typeof FaceCompleteRequest>;

/** POST /auth/step-up/complete */
export const StepUpCompleteRequest = Type.Object(
  {
    certifyId: Type.String({ minLength: 1, maxLength: 128 }),
    frames: Type.Array(FaceFrame, { minItems: 1, maxItems: MAX_FACE_FRAMES }),
  },
  { additionalProperties: false },
);
export type StepUpCompleteRequest = Static<typeof StepUpCompleteRequest>;

export const SessionInfo = Type.Object({
  token: Type.String({ description: 'bearer token; shown once, keep it secret' }),
  expiresAt: IsoInstant,
  idleExpiresAt: IsoInstant,
});
export type SessionInfo = Static<typeof SessionInfo>;

/** The logged-in citizen as the app may show them (masked even to themselves on screen). */
export const UserSummary = Type.Object({
  personId: Type.String(),
  name: Type.String({ description: '姓名（已脱敏，如 张*三）' }),
  idNumberMasked: Type.String(),
  phoneMasked: Type.String(),
});
export type UserSummary = Static<typeof UserSummary>;

/** Answer of /auth/face/complete and /auth/zlb/ticket. */
export const LoginResponse = Type.Object({ session: SessionInfo, user: UserSummary });
export type LoginResponse = Static<typeof LoginResponse>;

/** Answer of /auth/step-up/complete and /auth/zlb/step-up. */
export const StepUpResponse = Type.Object({ stepUpValidUntil: IsoInstant });
export type StepUpResponse = Static<typeof StepUpResponse>;

// ---------------------------------------------------------------- 浙里办

/** POST /auth/zlb/ticket: the ticketId from ZWJSBridge.ssoTicket(). */
export const ZlbTicketRequest = Type.Object(
  {
    ticketId: Type.String({ minLength: 1, maxLength: 256 }),
    deviceName: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type ZlbTicketRequest = Static<typeof ZlbTicketRequest>;

/** POST /auth/zlb/step-up: the passId from ZWJSBridge.zmAuthentication(). */
export const ZlbStepUpRequest = Type.Object(
  { passId: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type ZlbStepUpRequest = Static<typeof ZlbStepUpRequest>;

/** Dev-only (SIMULATORS_ENABLED): POST /sim/zlb/tickets imitates ZWJSBridge.ssoTicket(). */
export const SimZlbTicketRequest = Type.Object(
  { idNumber: Type.String({ minLength: 1, maxLength: 32 }) },
  { additionalProperties: false },
);
export type SimZlbTicketRequest = Static<typeof SimZlbTicketRequest>;
export const SimZlbTicketResponse = Type.Object({ ticketId: Type.String() });
export type SimZlbTicketResponse = Static<typeof SimZlbTicketResponse>;

/** Dev-only: POST /sim/zlb/zm-auth imitates ZWJSBridge.zmAuthentication({certNo, certName}). */
export const SimZmAuthRequest = Type.Object(
  {
    certNo: Type.String({ minLength: 1, maxLength: 32 }),
    certName: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type SimZmAuthRequest = Static<typeof SimZmAuthRequest>;
export const SimZmAuthResponse = Type.Object({ pass: Type.Boolean(), passId: Type.String() });
export type SimZmAuthResponse = Static<typeof SimZmAuthResponse>;

// ---------------------------------------------------------------- session lifecycle

/** POST /auth/renew */
export const RenewResponse = Type.Object({ expiresAt: IsoInstant, idleExpiresAt: IsoInstant });
export type RenewResponse = Static<typeof RenewResponse>;

// ---------------------------------------------------------------- me

/** GET /me */
export const MeResponse = Type.Object({
  personId: Type.String(),
  name: Type.String({ description: '姓名（已脱敏）' }),
  idNumberMasked: Type.String(),
  phoneMasked: Type.String(),
  stepUpValidUntil: Type.Optional(IsoInstant),
});
export type MeResponse = Static<typeof MeResponse>;

export const DeviceSession = Type.Object({
  id: Type.String(),
  deviceName: Type.String(),
  createdAt: IsoInstant,
  lastSeenAt: IsoInstant,
  current: Type.Boolean(),
});
export type DeviceSession = Static<typeof DeviceSession>;

/** GET /me/sessions: the caller's active sessions, newest first. */
export const SessionsResponse = Type.Object({ items: Type.Array(DeviceSession) });
export type SessionsResponse = Static<typeof SessionsResponse>;

export const SessionIdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type SessionIdParams = Static<typeof SessionIdParams>;

export const MaskedParty = Type.Object({
  nameMasked: Type.String(),
  idNumberMasked: Type.String(),
});
export type MaskedParty = Static<typeof MaskedParty>;

export const UnitRestriction = Type.Object({
  kind: Type.String({ description: 'mortgage / seizure / objection / advanceNotice' }),
  since: Type.String({ description: 'YYYY-MM-DD 登记日期' }),
});
export type UnitRestriction = Static<typeof UnitRestriction>;

/** One unit the caller holds a current right in (我的不动产). */
export const MyUnit = Type.Object({
  unitCode: Type.String(),
  location: Type.String(),
  certificateNumber: Type.Union([Type.String(), Type.Null()]),
  rightType: Type.String(),
  area: Type.Number({ description: '房屋建筑面积 ㎡' }),
  use: Type.String(),
  coOwnership: Type.String({ description: 'sole / joint / shares' }),
  /** the other holders (never the caller), masked */
  coOwners: Type.Array(MaskedParty),
  restrictions: Type.Array(UnitRestriction),
  /** a pre-reform paper certificate without an electronic twin yet */
  paperOnly: Type.Boolean(),
  /** an old-style 房屋所有权证/土地使用权证: never gets an electronic twin */
  oldStyle: Type.Boolean(),
});
export type MyUnit = Static<typeof MyUnit>;

/** GET /me/units */
export const MyUnitsResponse = Type.Object({ items: Type.Array(MyUnit) });
export type MyUnitsResponse = Static<typeof MyUnitsResponse>;

export const UnitCodeParams = Type.Object(
  { unitCode: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export type UnitCodeParams = Static<typeof UnitCodeParams>;

/** One register entry of the unit's history, as its right holder may read it. */
export const UnitRecordEvent = Type.Object({
  seq: Type.Integer(),
  type: Type.String({
    description: 'unitRegistered / rightRecorded / restrictionRecorded / restrictionCancelled',
  }),
  recordedAt: IsoInstant,
  summary: Type.String({ description: '中文摘要' }),
  /** the entry's details; persons appear masked unless they are the caller */
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type UnitRecordEvent = Static<typeof UnitRecordEvent>;

/** GET /me/units/:unitCode/record (records query: needs a fresh step-up). */
export const UnitRecordResponse = Type.Object({
  unitCode: Type.String(),
  location: Type.String(),
  events: Type.Array(UnitRecordEvent),
});
export type UnitRecordResponse = Static<typeof UnitRecordResponse>;
