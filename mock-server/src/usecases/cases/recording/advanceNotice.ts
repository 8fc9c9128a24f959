/**
 * 预告登记 and 预购商品房抵押预告: the advance notice on the unit and its sealed 不动产登记证明,
 * in one transaction.
 */
import type { BusinessType } from '../../../domain/catalogue';
import { planAdvanceNotice, type CaseRecord } from '../../../domain/cases';
import { advanceNoticeProofBody, qrCheckFrom } from '../../../domain/documents';
import { conflict } from '../access';
import type { StoredStep } from '../systemStep';
import { namesOf, numberCertificate, recordAndIssue, type RecordingDeps } from './steps';
import { beijingDate } from '../../../domain/cases';

export async function recordAdvanceNotice(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
  secures: 'purchase' | 'mortgage',
): Promise<StoredStep> {
  return deps.store.transaction(async () => {
    const at = deps.clock.now().toISOString();
    const registeredOn = beijingDate(at);
    const view = await deps.register.unit(c.unitCode);
    if (!view) throw conflict('登记簿中没有该不动产单元，无法登簿');
    const ids = await numberCertificate(
      deps,
      'registrationProof',
      c.unitCode,
      Number(registeredOn.slice(0, 4)),
    );
    const restrictionId = deps.newId('RES');
    const certificateId = deps.newId('CERT');
    const plan = planAdvanceNotice({
      case: c,
      unit: view.unit,
      ...(view.right ? { currentRight: view.right } : {}),
      secures,
      ids: { eventId: deps.newId('EV'), restrictionId, certificateId },
      number: ids.number,
      licenceId: ids.licenceId,
      recordedAt: at,
      registeredOn,
    });
    const n = plan.restriction;
    const nameOf = await namesOf(
      deps,
      [...n.rightHolderIds, ...n.obligorIds],
      new Map(c.parties.map((p) => [p.personId, p.name])),
    );
    const body = advanceNoticeProofBody({
      certificateId,
      qrCheck: qrCheckFrom(deps.newId('QR')),
      number: ids.number,
      licenceId: ids.licenceId,
      issuedAt: at,
      registeredOn,
      unit: view.unit,
      secures,
      rightHolders: n.rightHolderIds.map(nameOf),
      obligors: n.obligorIds.map(nameOf),
      ...(n.mortgage ? { mortgage: n.mortgage } : {}),
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
          kind: 'advanceNotice',
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
