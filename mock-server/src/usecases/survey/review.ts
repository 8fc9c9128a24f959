/**
 * The registry's side of 权籍调查入库: the staff console lists the results entered (every firm's)
 * and may refuse an accepted one with reasons (before any 首次登记 used it): it is kept, marked
 * refused with the staff member and the reasons, its unit codes and parcel freed for a corrected
 * result; the refusal is put on the archive's tamper-evident log. A firm lists its own results.
 */
import { AppError, notFound, validationFailed } from '../../domain/errors';
import type { SurveyFirm } from '../../domain/survey';
import type { Clock } from '../../ports';
import type { StoredSurveyResult, SurveyStore } from '../../ports/survey';
import type { SurveyLog } from './submitResult';

export interface SurveyReviewDeps {
  store: Pick<SurveyStore, 'transaction' | 'results' | 'result' | 'refuse' | 'firm'>;
  log: SurveyLog;
  clock: Clock;
}

const STATUS_TEXT: Record<StoredSurveyResult['status'], string> = {
  accepted: '已入库',
  refused: '已退回',
  registered: '已首次登记',
};

/** A result as the firm and the staff console list it. */
export function surveyResultSummary(
  r: StoredSurveyResult,
  firm: Pick<SurveyFirm, 'name'> | undefined,
) {
  return {
    resultId: r.resultId,
    firmName: firm?.name ?? '',
    buildingName: r.result.buildingName,
    location: r.result.location,
    parcelCode: r.parcelCode,
    unitCount: r.result.units.length,
    buildingArea: r.result.buildingArea,
    submittedAt: r.submittedAt,
    status: r.status,
    statusText: STATUS_TEXT[r.status],
    refusalReasons: r.refusal?.reasons ?? [],
    digest: r.digest,
    sealCertificateSerial: r.seal.certificate?.body?.serialNumber ?? '',
    ...(r.registration ? { firstRegistration: r.registration } : {}),
  };
}

export const surveyResultView = (
  r: StoredSurveyResult,
  firm: Pick<SurveyFirm, 'name'> | undefined,
) => ({
  result: surveyResultSummary(r, firm),
  units: r.result.units.map((u) => ({ ...u })),
});

export class SurveyReview {
  constructor(private readonly deps: SurveyReviewDeps) {}

  private async withFirms(list: StoredSurveyResult[]) {
    const names = new Map<string, SurveyFirm | undefined>();
    for (const r of list)
      if (!names.has(r.firmId)) names.set(r.firmId, await this.deps.store.firm(r.firmId));
    return list.map((r) => surveyResultSummary(r, names.get(r.firmId)));
  }

  /** Every firm's results, newest first (the staff console). */
  async all() {
    return this.withFirms(await this.deps.store.results());
  }

  /** One firm's own results. */
  async ofFirm(firmId: string) {
    return this.withFirms(await this.deps.store.results({ firmId }));
  }

  /** One result; a firm sees only its own (404 otherwise). */
  async one(resultId: string, firmId?: string) {
    const r = await this.deps.store.result(resultId);
    if (!r || (firmId !== undefined && r.firmId !== firmId)) throw notFound('权籍调查成果不存在');
    return surveyResultView(r, await this.deps.store.firm(r.firmId));
  }

  async refuse(
    staff: { staffId: string; displayName: string },
    resultId: string,
    reasons: string[],
  ) {
    const clean = reasons.map((s) => s.trim()).filter((s) => s.length >= 2);
    if (clean.length === 0) throw validationFailed('请写明退回理由');
    const at = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async () => {
      const r = await this.deps.store.result(resultId);
      if (!r) throw notFound('权籍调查成果不存在');
      if (!(await this.deps.store.refuse(resultId, { at, by: staff.displayName, reasons: clean })))
        throw new AppError(
          'CONFLICT',
          r.status === 'registered' ? '该成果已办理首次登记，不能退回' : '该成果已被退回',
        );
      await this.deps.log(
        { actorId: staff.staffId, role: 'staff', purpose: '权籍调查入库' },
        'surveyResultRefused',
        `${resultId}|${r.digest}`,
        'refused',
      );
    });
    return this.one(resultId);
  }
}
