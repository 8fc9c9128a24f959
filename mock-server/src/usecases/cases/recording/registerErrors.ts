/**
 * 登簿 and 发证 of 更正登记, 遗失补证, 换证 (the holders' right re-stated with a new 不动产权证书,
 * its original registration date kept) and 异议登记 (the objection and its 异议登记证明), each in
 * one transaction (domain/cases/recordingRegisterErrors.ts for the plans).
 */
import type { BusinessType } from '../../../domain/catalogue';
import {
  beijingDate,
  objectionLastDay,
  planCertificateReissue,
  planObjection,
  planRightCorrection,
  type CaseRecord,
} from '../../../domain/cases';
import { objectionProofBody, qrCheckFrom } from '../../../domain/documents';
import { conflict } from '../access';
import type { StoredStep } from '../systemStep';
import {
  namesOf,
  numberCertificate,
  recordAndIssue,
  recordRightAndIssue,
  startRecording,
  type RecordingDeps,
} from './steps';

/** 更正 (the holders as corrected) or 补证 / 换证 (the same holders), with a new certificate. */
export async function recordRestatedRight(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
  how: 'correction' | 'reissue',
): Promise<StoredStep> {
  return deps.store.transaction(async () => {
    const { at, registeredOn, view, ids } = await startRecording(deps, c, 'titleCertificate');
    const rightId = deps.newId('RIGHT');
    const certificateId = deps.newId('CERT');
    const input = {
      unit: view.unit,
      currentRight: view.right,
      currentCertificate: view.certificate,
      ids: { eventId: deps.newId('EV'), rightId, certificateId },
      number: ids.number,
      licenceId: ids.licenceId,
      recordedAt: at,
      registeredOn,
    };
    const reason = bt.application?.reissue;
    if (how === 'reissue' && view.certificate?.certificateId !== c.reissue?.certificateId)
      throw conflict('登记簿记载的证书已变化，无法补发或换发，请重新申请');
    const plan =
      how === 'correction'
        ? planRightCorrection({ ...input, case: c })
        : planCertificateReissue(input);
    // a lost certificate was declared void by the 遗失声明 published on approval: not twice
    const announced = reason === 'lost';
    const { voidAnnouncement, ...rest } = plan;
    return recordRightAndIssue(deps, c, bt, {
      at,
      registeredOn: view.right.registeredOn,
      view,
      ids,
      rightId,
      certificateId,
      plan: announced || !voidAnnouncement ? rest : { ...rest, voidAnnouncement },
      events: plan.events,
      names: new Map(c.parties.map((p) => [p.personId, p.name])),
      issueRemark:
        how === 'correction'
          ? `更正登记换发（原登记日期${view.right.registeredOn}）`
          : reason === 'lost'
            ? '补发（原证书遗失，已于登记机构门户网站公告作废）'
            : '换发（原证书污损、破损，已公告作废）',
    });
  });
}

/** 异议登记: the objection on the unit and its sealed 异议登记证明 for the objector. */
export async function recordObjection(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
): Promise<StoredStep> {
  return deps.store.transaction(async () => {
    const at = deps.clock.now().toISOString();
    const registeredOn = beijingDate(at);
    const view = await deps.register.unit(c.unitCode);
    if (!view?.right) throw conflict('登记簿中没有现势权利，无法办理异议登记');
    const ids = await numberCertificate(
      deps,
      'registrationProof',
      c.unitCode,
      Number(registeredOn.slice(0, 4)),
    );
    const restrictionId = deps.newId('RES');
    const certificateId = deps.newId('CERT');
    const matter = c.answers.objectionMatter?.trim() || '登记簿记载事项错误';
    const plan = planObjection({
      case: c,
      unitCode: c.unitCode,
      reason: matter,
      ids: { eventId: deps.newId('EV'), restrictionId, certificateId },
      number: ids.number,
      licenceId: ids.licenceId,
      recordedAt: at,
      registeredOn,
    });
    const nameOf = await namesOf(
      deps,
      [plan.restriction.objectorId, ...view.right.holders.map((h) => h.personId)],
      new Map(c.parties.map((p) => [p.personId, p.name])),
    );
    const body = objectionProofBody({
      certificateId,
      qrCheck: qrCheckFrom(deps.newId('QR')),
      number: ids.number,
      licenceId: ids.licenceId,
      issuedAt: at,
      registeredOn,
      unit: view.unit,
      objector: nameOf(plan.restriction.objectorId),
      holders: view.right.holders.map((h) => nameOf(h.personId)),
      matter,
      lastDay: objectionLastDay(registeredOn).lastDay,
      caseNumber: c.caseNumber ?? '',
    });
    return recordAndIssue(
      deps,
      c,
      bt,
      at,
      {
        type: 'record',
        recording: {
          kind: 'objection',
          restrictionId,
          certificateId,
          certificateNumber: ids.number,
          licenceId: ids.licenceId,
          recordedAt: at,
          voidAnnounced: false,
        },
        events: plan.events,
        location: view.unit.location,
      },
      {
        type: 'issue',
        certificate: { kind: 'registrationProof', certificateId, number: ids.number, body },
        location: view.unit.location,
      },
    );
  });
}
