/** Ports of 权籍调查入库: surveying firms, their sessions and uploads, the cadastral database. */
import type {
  ExistingParcel,
  SurveyFirm,
  SurveyFirmUser,
  SurveyReason,
  SurveyResultInput,
  SurveySeal,
} from '../domain/survey';

export interface SurveyFirmUserRecord extends SurveyFirmUser {
  passwordHash: string;
  active: boolean;
}

export interface SurveySessionRecord {
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  endedAt?: string;
}

export interface SurveyDrawingRecord {
  firmId: string;
  digest: string;
  mediaType: string;
  bytes: number;
  uploadedBy: string;
  uploadedAt: string;
}

export type SurveyResultStatus = 'accepted' | 'refused' | 'registered';

export interface StoredSurveyResult {
  resultId: string;
  firmId: string;
  submittedBy: string;
  submittedAt: string;
  parcelCode: string;
  result: SurveyResultInput;
  digest: string;
  seal: SurveySeal;
  bounds: { minX: number; maxX: number; minY: number; maxY: number };
  status: SurveyResultStatus;
  refusal?: { at: string; by: string; reasons: string[] };
  registration?: { registrationId: string; registeredAt: string; certificateCount: number };
}

export interface SurveyStore {
  /** one write transaction (a savepoint when nested); `fn` does database work only */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  // ---- firms and their users
  /** false when a firm with this 统一社会信用代码 exists */
  saveFirm(firm: SurveyFirm): Promise<boolean>;
  firm(firmId: string): Promise<SurveyFirm | undefined>;
  firmByCreditCode(creditCode: string): Promise<SurveyFirm | undefined>;
  /** false when the username is taken */
  saveUser(user: SurveyFirmUserRecord, createdAt: string): Promise<boolean>;
  userByUsername(username: string): Promise<SurveyFirmUserRecord | undefined>;
  user(userId: string): Promise<SurveyFirmUserRecord | undefined>;
  createSession(tokenHash: string, s: SurveySessionRecord): Promise<void>;
  session(tokenHash: string): Promise<SurveySessionRecord | undefined>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  endSession(tokenHash: string, at: string): Promise<void>;
  // ---- drawings
  saveDrawing(d: SurveyDrawingRecord): Promise<void>;
  drawing(firmId: string, digest: string): Promise<SurveyDrawingRecord | undefined>;
  // ---- the cadastral database
  /** the given codes that a live (not refused) result holds */
  liveUnitCodes(codes: readonly string[]): Promise<string[]>;
  /** live parcels whose bounding box meets `b` */
  parcelsNear(b: StoredSurveyResult['bounds']): Promise<ExistingParcel[]>;
  /** a live result of the firm with this digest (a retried submission) */
  liveResultByDigest(firmId: string, digest: string): Promise<StoredSurveyResult | undefined>;
  /** stores an accepted result and its units (live); false when a unit code is held meanwhile */
  saveAccepted(r: StoredSurveyResult): Promise<boolean>;
  result(resultId: string): Promise<StoredSurveyResult | undefined>;
  results(filter?: { firmId?: string }): Promise<StoredSurveyResult[]>;
  /** accepted → refused (its codes freed); false when it was not accepted */
  refuse(resultId: string, refusal: NonNullable<StoredSurveyResult['refusal']>): Promise<boolean>;
  /** accepted → registered; false when it was not accepted */
  markRegistered(
    resultId: string,
    registration: NonNullable<StoredSurveyResult['registration']>,
  ): Promise<boolean>;
}

export type { SurveyReason };
