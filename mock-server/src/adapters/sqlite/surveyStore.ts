/**
 * Surveying firms, their users, sessions and drawings, and the cadastral database of survey
 * results (migration 0037), written once on SqlDb: the same SQL runs on SQLite and PostgreSQL.
 */
import type {
  ExistingParcel,
  SurveyFirm,
  SurveyResultInput,
  SurveySeal,
} from '../../domain/survey';
import type {
  StoredSurveyResult,
  SurveyDrawingRecord,
  SurveyFirmUserRecord,
  SurveySessionRecord,
  SurveyStore,
} from '../../ports/survey';
import type { SqlDb } from '../sql/types';

interface FirmRow {
  firm_id: string;
  name: string;
  credit_code: string;
  licence_number: string;
  licence_valid_until: string;
  created_at: string;
}
const toFirm = (r: FirmRow): SurveyFirm => ({
  firmId: r.firm_id,
  name: r.name,
  creditCode: r.credit_code,
  licenceNumber: r.licence_number,
  licenceValidUntil: r.licence_valid_until,
  createdAt: r.created_at,
});

interface UserRow {
  user_id: string;
  firm_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: number;
}
const toUser = (r: UserRow): SurveyFirmUserRecord => ({
  userId: r.user_id,
  firmId: r.firm_id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  active: Number(r.active) === 1,
});

interface ResultRow {
  result_id: string;
  firm_id: string;
  submitted_by: string;
  submitted_at: string;
  parcel_code: string;
  result_json: string;
  digest: string;
  seal_json: string;
  min_x: number;
  max_x: number;
  min_y: number;
  max_y: number;
  status: StoredSurveyResult['status'];
  refused_at: string | null;
  refused_by: string | null;
  refusal_reasons_json: string | null;
  registration_id: string | null;
  registered_at: string | null;
  certificate_count: number | null;
}
const toResult = (r: ResultRow): StoredSurveyResult => ({
  resultId: r.result_id,
  firmId: r.firm_id,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  parcelCode: r.parcel_code,
  result: JSON.parse(r.result_json) as SurveyResultInput,
  digest: r.digest,
  seal: JSON.parse(r.seal_json) as SurveySeal,
  bounds: {
    minX: Number(r.min_x),
    maxX: Number(r.max_x),
    minY: Number(r.min_y),
    maxY: Number(r.max_y),
  },
  status: r.status,
  ...(r.refused_at
    ? {
        refusal: {
          at: r.refused_at,
          by: r.refused_by ?? '',
          reasons: JSON.parse(r.refusal_reasons_json ?? '[]') as string[],
        },
      }
    : {}),
  ...(r.registration_id
    ? {
        registration: {
          registrationId: r.registration_id,
          registeredAt: r.registered_at ?? '',
          certificateCount: Number(r.certificate_count ?? 0),
        },
      }
    : {}),
});

/** The open ring of a stored result (its boundary as submitted repeats the first point). */
const ringOf = (result: SurveyResultInput) => result.boundary.slice(0, -1);

export class SqlSurveyStore implements SurveyStore {
  constructor(private readonly db: SqlDb) {}

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }

  async saveFirm(firm: SurveyFirm): Promise<boolean> {
    const r = await this.db.run(
      `INSERT INTO survey_firms (firm_id, name, credit_code, licence_number, licence_valid_until, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (credit_code) DO NOTHING`,
      [
        firm.firmId,
        firm.name,
        firm.creditCode,
        firm.licenceNumber,
        firm.licenceValidUntil,
        firm.createdAt,
      ],
    );
    return r.changes === 1;
  }

  async firm(firmId: string): Promise<SurveyFirm | undefined> {
    const r = await this.db.get<FirmRow>('SELECT * FROM survey_firms WHERE firm_id = ?', [firmId]);
    return r && toFirm(r);
  }

  async firmByCreditCode(creditCode: string): Promise<SurveyFirm | undefined> {
    const r = await this.db.get<FirmRow>('SELECT * FROM survey_firms WHERE credit_code = ?', [
      creditCode,
    ]);
    return r && toFirm(r);
  }

  async saveUser(user: SurveyFirmUserRecord, createdAt: string): Promise<boolean> {
    const r = await this.db.run(
      `INSERT INTO survey_firm_users (user_id, firm_id, username, display_name, password_hash, active, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
      [
        user.userId,
        user.firmId,
        user.username,
        user.displayName,
        user.passwordHash,
        user.active ? 1 : 0,
        createdAt,
      ],
    );
    return r.changes === 1;
  }

  async userByUsername(username: string): Promise<SurveyFirmUserRecord | undefined> {
    const r = await this.db.get<UserRow>('SELECT * FROM survey_firm_users WHERE username = ?', [
      username,
    ]);
    return r && toUser(r);
  }

  async user(userId: string): Promise<SurveyFirmUserRecord | undefined> {
    const r = await this.db.get<UserRow>('SELECT * FROM survey_firm_users WHERE user_id = ?', [
      userId,
    ]);
    return r && toUser(r);
  }

  async createSession(tokenHash: string, s: SurveySessionRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO survey_firm_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?)`,
      [tokenHash, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt],
    );
  }

  async session(tokenHash: string): Promise<SurveySessionRecord | undefined> {
    const r = await this.db.get<{
      user_id: string;
      csrf_token: string;
      created_at: string;
      last_seen_at: string;
      ended_at: string | null;
    }>(
      'SELECT user_id, csrf_token, created_at, last_seen_at, ended_at FROM survey_firm_sessions WHERE token_hash = ?',
      [tokenHash],
    );
    return (
      r && {
        userId: r.user_id,
        csrfToken: r.csrf_token,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        ...(r.ended_at ? { endedAt: r.ended_at } : {}),
      }
    );
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.db.run(
      'UPDATE survey_firm_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?',
      [at, tokenHash, at],
    );
  }

  async endSession(tokenHash: string, at: string): Promise<void> {
    await this.db.run(
      'UPDATE survey_firm_sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL',
      [at, tokenHash],
    );
  }

  async saveDrawing(d: SurveyDrawingRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO survey_drawings (firm_id, digest, media_type, bytes, uploaded_by, uploaded_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (firm_id, digest) DO NOTHING`,
      [d.firmId, d.digest, d.mediaType, d.bytes, d.uploadedBy, d.uploadedAt],
    );
  }

  async drawing(firmId: string, digest: string): Promise<SurveyDrawingRecord | undefined> {
    const r = await this.db.get<{
      firm_id: string;
      digest: string;
      media_type: string;
      bytes: number;
      uploaded_by: string;
      uploaded_at: string;
    }>('SELECT * FROM survey_drawings WHERE firm_id = ? AND digest = ?', [firmId, digest]);
    return (
      r && {
        firmId: r.firm_id,
        digest: r.digest,
        mediaType: r.media_type,
        bytes: Number(r.bytes),
        uploadedBy: r.uploaded_by,
        uploadedAt: r.uploaded_at,
      }
    );
  }

  async liveUnitCodes(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.all<{ unit_code: string }>(
      `SELECT unit_code FROM survey_units WHERE live = 1 AND unit_code IN (${codes.map(() => '?').join(', ')})`,
      codes,
    );
    return rows.map((r) => r.unit_code);
  }

  async parcelsNear(b: StoredSurveyResult['bounds']): Promise<ExistingParcel[]> {
    const rows = await this.db.all<{ parcel_code: string; result_json: string }>(
      `SELECT parcel_code, result_json FROM survey_results
       WHERE status <> 'refused' AND min_x <= ? AND max_x >= ? AND min_y <= ? AND max_y >= ?
       ORDER BY submitted_at, result_id`,
      [b.maxX, b.minX, b.maxY, b.minY],
    );
    return rows.map((r) => ({
      parcelCode: r.parcel_code,
      ring: ringOf(JSON.parse(r.result_json) as SurveyResultInput),
    }));
  }

  async liveResultByDigest(
    firmId: string,
    digest: string,
  ): Promise<StoredSurveyResult | undefined> {
    const r = await this.db.get<ResultRow>(
      `SELECT * FROM survey_results WHERE firm_id = ? AND digest = ? AND status <> 'refused'`,
      [firmId, digest],
    );
    return r && toResult(r);
  }

  async saveAccepted(r: StoredSurveyResult): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const codes = r.result.units.map((u) => u.unitCode);
      if ((await this.liveUnitCodes(codes)).length > 0) return false;
      await tx.run(
        `INSERT INTO survey_results (result_id, firm_id, submitted_by, submitted_at, parcel_code,
           building_name, location, building_area, unit_count, result_json, digest, seal_json,
           min_x, max_x, min_y, max_y, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted')`,
        [
          r.resultId,
          r.firmId,
          r.submittedBy,
          r.submittedAt,
          r.parcelCode,
          r.result.buildingName,
          r.result.location,
          r.result.buildingArea,
          r.result.units.length,
          JSON.stringify(r.result),
          r.digest,
          JSON.stringify(r.seal),
          r.bounds.minX,
          r.bounds.maxX,
          r.bounds.minY,
          r.bounds.maxY,
        ],
      );
      for (const u of r.result.units) {
        await tx.run(
          `INSERT INTO survey_units (result_id, unit_code, room, floor, unit_use, exclusive_area, apportioned_area, live)
           VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
          [r.resultId, u.unitCode, u.room, u.floor, u.use, u.exclusiveArea, u.apportionedArea],
        );
      }
      return true;
    });
  }

  async result(resultId: string): Promise<StoredSurveyResult | undefined> {
    const r = await this.db.get<ResultRow>('SELECT * FROM survey_results WHERE result_id = ?', [
      resultId,
    ]);
    return r && toResult(r);
  }

  async results(filter: { firmId?: string } = {}): Promise<StoredSurveyResult[]> {
    const rows = filter.firmId
      ? await this.db.all<ResultRow>(
          'SELECT * FROM survey_results WHERE firm_id = ? ORDER BY submitted_at DESC, result_id DESC',
          [filter.firmId],
        )
      : await this.db.all<ResultRow>(
          'SELECT * FROM survey_results ORDER BY submitted_at DESC, result_id DESC',
        );
    return rows.map(toResult);
  }

  async refuse(
    resultId: string,
    refusal: NonNullable<StoredSurveyResult['refusal']>,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const r = await tx.run(
        `UPDATE survey_results SET status = 'refused', refused_at = ?, refused_by = ?, refusal_reasons_json = ?
         WHERE result_id = ? AND status = 'accepted'`,
        [refusal.at, refusal.by, JSON.stringify(refusal.reasons), resultId],
      );
      if (r.changes !== 1) return false;
      await tx.run('UPDATE survey_units SET live = 0 WHERE result_id = ?', [resultId]);
      return true;
    });
  }

  async markRegistered(
    resultId: string,
    registration: NonNullable<StoredSurveyResult['registration']>,
  ): Promise<boolean> {
    const r = await this.db.run(
      `UPDATE survey_results SET status = 'registered', registration_id = ?, registered_at = ?, certificate_count = ?
       WHERE result_id = ? AND status = 'accepted'`,
      [
        registration.registrationId,
        registration.registeredAt,
        registration.certificateCount,
        resultId,
      ],
    );
    return r.changes === 1;
  }
}
