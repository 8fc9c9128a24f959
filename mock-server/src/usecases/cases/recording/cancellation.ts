/**
 * 抵押权注销登记: the mortgage ends and its registration proof is cancelled (a paper one announced
 * void); nothing is issued.
 */
import type { BusinessType } from '../../../domain/catalogue';
import { beijingDate, planMortgageCancellation, type CaseRecord } from '../../../domain/cases';
import { conflict } from '../access';
import type { StoredStep } from '../systemStep';
import { recordAndIssue, type RecordingDeps } from './steps';

export async function recordCancellation(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
): Promise<StoredStep> {
  return deps.store.transaction(async () => {
    const at = deps.clock.now().toISOString();
    const registeredOn = beijingDate(at);
    const view = await deps.register.unit(c.unitCode);
    const mortgage = view?.restrictions.find((r) => r.restrictionId === c.cancelsRestrictionId);
    if (!mortgage || mortgage.kind !== 'mortgage') throw conflict('登记簿中没有这项现势的抵押权');
    const proof = await deps.register.certificateById(mortgage.certificateId);
    const plan = planMortgageCancellation({
      mortgage,
      ...(proof ? { proof } : {}),
      eventId: deps.newId('EV'),
      recordedAt: at,
      registeredOn,
    });
    // 发证 issues nothing: the workflow notes that the registration proof is cancelled
    return recordAndIssue(
      deps,
      c,
      bt,
      at,
      {
        type: 'record',
        recording: {
          kind: 'mortgageCancellation',
          restrictionId: mortgage.restrictionId,
          certificateId: mortgage.certificateId,
          certificateNumber: proof?.number ?? '',
          licenceId: proof?.licenceId ?? '',
          recordedAt: at,
          voidAnnounced: Boolean(plan.voidAnnouncement),
        },
        events: plan.events,
        ...(plan.voidAnnouncement ? { voidAnnouncement: plan.voidAnnouncement } : {}),
        location: view?.unit.location ?? '',
      },
      { type: 'issue', location: view?.unit.location ?? '' },
    );
  });
}
