/** 抵押权注销登记: the mortgage ends and its registration proof is cancelled; nothing is issued. */
import type { BusinessType } from '../../../domain/catalogue';
import { beijingDate, planMortgageCancellation, type CaseRecord } from '../../../domain/cases';
import { conflict } from '../access';
import { systemStep } from '../systemStep';
import type { RecordingDeps } from './steps';

export async function recordCancellation(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
): Promise<void> {
  await deps.store.transaction(async () => {
    const at = deps.clock.now().toISOString();
    const registeredOn = beijingDate(at);
    const view = await deps.register.unit(c.unitCode);
    const mortgage = view?.restrictions.find((r) => r.restrictionId === c.cancelsRestrictionId);
    if (!mortgage || mortgage.kind !== 'mortgage') throw conflict('登记簿中没有这项现势的抵押权');
    const proof = await deps.register.certificateById(mortgage.certificateId);
    const plan = planMortgageCancellation({
      mortgage,
      eventId: deps.newId('EV'),
      recordedAt: at,
      registeredOn,
    });
    await deps.register.append(plan.events);
    const recorded = await systemStep(deps, c, 'record', {
      recording: {
        kind: 'mortgageCancellation',
        restrictionId: mortgage.restrictionId,
        certificateId: mortgage.certificateId,
        certificateNumber: proof?.number ?? '',
        licenceId: proof?.licenceId ?? '',
        recordedAt: at,
        voidAnnounced: false,
      },
    });
    const issued = await systemStep(
      deps,
      recorded,
      'issue',
      {},
      '注销登记不发新证，原不动产登记证明已注销',
    );
    await deps.notices.deliver(
      issued,
      `抵押权已注销（${c.caseNumber ?? ''}）`,
      `${bt.name}已登簿，${view?.unit.location ?? ''}的抵押权已注销${proof ? `，不动产登记证明${proof.number}同时注销` : ''}。`,
    );
  });
}
