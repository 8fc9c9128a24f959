/**
 * 权籍调查入库 (docs/registry-facts.md §16): a surveying firm's user has the firm's e-seal
 * service seal a result, then submits the result with its seal. Every check runs before entry
 * (domain/survey/result.ts): unit codes well formed (GB/T 37346) and unused — neither held by
 * another result nor in the register —, the parcel closed and not overlapping the parcels
 * entered, the units' areas summing to the building's total within the stated tolerance, the
 * drawings present (each an upload of the firm that passed the upload checks), the firm's
 * licence running and its e-seal valid (certificate issued by the signature CA, naming the firm
 * by name and 统一社会信用代码, valid at signing) over this very result.
 *
 * A refusal (SURVEY_RESULT_REFUSED, every reason with its code and Chinese message) stores
 * nothing; the firm corrects and submits again. An accepted result enters the cadastral database
 * with the firm, the time and the seal, and its entry is logged in the archive's tamper-evident
 * log (an audit leaf naming the result and its digest), in one transaction. The same sealed
 * result submitted again answers the result entered (a retry).
 */
import { beijingDate } from '../../domain/cases';
import { AppError } from '../../domain/errors';
import { normaliseUnitCode } from '../../domain/identifiers';
import { verifySignerSignature, type SignatureCheck } from '../../domain/signing';
import {
  boundsOf,
  checkBoundary,
  checkSurveyResult,
  licenceValidOn,
  normaliseResult,
  parcelCodeOf,
  surveyResultDigest,
  type SurveyCheckContext,
  type SurveyFirm,
  type SurveyReason,
  type SurveyResultInput,
  type SurveySeal,
} from '../../domain/survey';
import type { Clock, RegisterRepository, SignatureAuthority } from '../../ports';
import type { StoredSurveyResult, SurveyStore } from '../../ports/survey';
import type { FirmSession } from './firmSessions';

/** Puts an entry on the archive's tamper-evident log (ArchiveService.audit). */
export type SurveyLog = (
  actor: { actorId: string; role: string; purpose: string },
  action: string,
  target: string,
  outcome: string,
) => Promise<void>;

export interface SubmitSurveyResultDeps {
  store: Pick<
    SurveyStore,
    | 'transaction'
    | 'liveUnitCodes'
    | 'parcelsNear'
    | 'liveResultByDigest'
    | 'saveAccepted'
    | 'drawing'
  >;
  register: Pick<RegisterRepository, 'unit'>;
  ca: Pick<SignatureAuthority, 'rootKeys' | 'sealAsOrganisation'>;
  log: SurveyLog;
  clock: Clock;
  newId: (prefix: string) => string;
}

export const SURVEY_PURPOSE = '权籍调查入库';

export const refused = (reasons: SurveyReason[]) =>
  new AppError(
    'SURVEY_RESULT_REFUSED',
    `成果未通过入库检查：${reasons.map((r) => r.message).join('；')}`,
    { details: { reasons } },
  );

const firmSigner = (firm: SurveyFirm) => ({
  personId: firm.firmId,
  name: firm.name,
  idNumber: firm.creditCode,
});

export class SubmitSurveyResult {
  constructor(private readonly deps: SubmitSurveyResultDeps) {}

  /**
   * The firm's e-seal service (the signature CA holds the firm's seal key for its system) seals
   * the digest of the result as it stands: what the firm then submits with it.
   */
  async seal(session: FirmSession, input: SurveyResultInput): Promise<SurveySeal> {
    const digest = surveyResultDigest(input);
    const signed = await this.deps.ca.sealAsOrganisation(digest, firmSigner(session.firm));
    return {
      signedDigest: digest,
      signature: signed.signature,
      signedAt: signed.signedAt,
      certificate: signed.certificate,
    };
  }

  /** What the checks need from the database, for this result. */
  private async context(
    firm: SurveyFirm,
    input: SurveyResultInput,
    sealCheck: SignatureCheck,
    sealCoversResult: boolean,
    at: string,
  ): Promise<SurveyCheckContext> {
    const { deps } = this;
    const codes = [...new Set(input.units.map((u) => normaliseUnitCode(u.unitCode)))];
    const inUse = new Set(await deps.store.liveUnitCodes(codes));
    for (const code of codes) if (await deps.register.unit(code)) inUse.add(code);
    const ring = checkBoundary(input.boundary);
    const nearbyParcels = ring.ok ? await deps.store.parcelsNear(boundsOf(ring.ring)) : [];
    const checkedUploads = new Set<string>();
    for (const d of input.drawings)
      if (await deps.store.drawing(firm.firmId, d.digest.toLowerCase()))
        checkedUploads.add(d.digest.toLowerCase());
    return {
      codesInUse: inUse,
      nearbyParcels,
      checkedUploads,
      seal: sealCheck,
      sealCoversResult,
      licenceValid: licenceValidOn(firm, beijingDate(at)),
    };
  }

  async submit(
    session: FirmSession,
    raw: SurveyResultInput,
    seal: SurveySeal,
  ): Promise<{ stored: StoredSurveyResult; duplicate: boolean }> {
    const { deps } = this;
    const { firm, user } = session;
    const input = normaliseResult(raw);
    const digest = surveyResultDigest(input);
    // a retry of a result entered already answers it
    const earlier = await deps.store.liveResultByDigest(firm.firmId, digest);
    if (earlier && earlier.seal.signature === seal?.signature)
      return { stored: earlier, duplicate: true };

    const at = deps.clock.now().toISOString();
    const sealCheck = verifySignerSignature(seal, await deps.ca.rootKeys(), {
      name: firm.name,
      idNumber: firm.creditCode,
    });
    const covers = seal?.signedDigest === digest;
    const reasons = checkSurveyResult(
      input,
      await this.context(firm, input, sealCheck, covers, at),
    );
    if (reasons.length > 0) throw refused(reasons);

    const ring = checkBoundary(input.boundary);
    const bounds = boundsOf(ring.ok ? ring.ring : input.boundary);
    const stored: StoredSurveyResult = {
      resultId: deps.newId('SVR'),
      firmId: firm.firmId,
      submittedBy: user.userId,
      submittedAt: at,
      parcelCode: parcelCodeOf(input),
      result: input,
      digest,
      seal,
      bounds,
      status: 'accepted',
    };
    await deps.store.transaction(async () => {
      // what another submission entered meanwhile: the codes and parcels checked again
      const again = checkSurveyResult(
        input,
        await this.context(firm, input, sealCheck, covers, at),
      );
      if (again.length > 0) throw refused(again);
      if (!(await deps.store.saveAccepted(stored)))
        throw refused([
          { code: 'unitCodeInUse', message: '成果中的不动产单元代码已被其他成果使用' },
        ]);
      await deps.log(
        { actorId: user.userId, role: 'surveyFirm', purpose: SURVEY_PURPOSE },
        'surveyResultAccepted',
        `${stored.resultId}|${firm.creditCode}|${digest}`,
        'accepted',
      );
    });
    return { stored, duplicate: false };
  }
}
