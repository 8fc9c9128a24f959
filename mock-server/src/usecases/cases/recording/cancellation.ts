/** 抵押权注销登记: the mortgage ends and its registration proof is cancelled; nothing is issued. */
import type { BusinessType } from '../../../domain/catalogue';
import { beijingDate, planMortgageCancellation, type CaseRecord } from '../../../domain/cases';
import { conflict } from '../access';
import { systemStep } from '../systemStep';
import type { RecordingDeps } from './steps';

export function recordCancellation(deps: RecordingDeps, c: CaseRecord, bt: BusinessType): void {
  deps.store.transaction(() => {
    const at = deps.clock.now().toISOString();
    const registeredOn = beijingDate(at);
    const view = deps.register.unit(c.unitCode);
    const mortgage = view?.restrictions.find((r) => r.restrictionId === c.cancelsRestrictionId);
    if (!mortgage || mortgage.kind !== 'mortgage') throw conflict('登记簿中没有这项现势的抵押权');
    const proof = deps.register.certificateById(mortgage.certificateId);
    const plan = planMortgageCancellation({
      mortgage,
      eventId: deps.newId('EV'),
      recordedAt: at,
      registeredOn,
    });
    deps.register.append(plan.events);
    const recorded = systemStep(deps, c, 'record', {
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
    const issued = systemStep(
      deps,
      recorded,
      'issue',
      {},
      '注销登记不发新证，原不动产登记证明已注销',
    );
    deps.notices.deliver(
      issued,
      `抵押权已注销（${c.caseNumber ?? ''}）`,
      `${bt.name}已登簿，${view?.unit.location ?? ''}的抵押权已注销${proof ? `，不动产登记证明${proof.number}同时注销` : ''}。`,
    );
  });
}
