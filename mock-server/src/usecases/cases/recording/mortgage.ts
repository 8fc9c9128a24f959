/** 抵押权首次登记: the mortgage on the unit and its sealed 不动产登记证明 for the mortgagee. */
import type { BusinessType } from '../../../domain/catalogue';
import { planMortgageRecording, type CaseRecord } from '../../../domain/cases';
import { mortgageProofBody, qrCheckFrom } from '../../../domain/documents';
import type { StoredStep } from '../systemStep';
import { namesOf, recordAndIssue, startRecording, type RecordingDeps } from './steps';

export async function recordMortgage(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
): Promise<StoredStep> {
  return deps.store.transaction(async () => {
    const { at, registeredOn, view, ids } = await startRecording(deps, c, 'registrationProof');
    const restrictionId = deps.newId('RES');
    const certificateId = deps.newId('CERT');
    const plan = planMortgageRecording({
      case: c,
      unit: view.unit,
      currentRight: view.right,
      ids: { eventId: deps.newId('EV'), restrictionId, certificateId },
      number: ids.number,
      licenceId: ids.licenceId,
      recordedAt: at,
      registeredOn,
    });
    // the case's names first (its first party of that person), then the party directory's
    const nameOf = await namesOf(
      deps,
      view.right.holders.map((h) => h.personId),
      new Map([...c.parties].reverse().map((p) => [p.personId, p.name])),
    );
    const terms = c.mortgage!;
    const mortgagee = c.parties.find((p) => p.role === 'mortgagee')!;
    const body = mortgageProofBody({
      certificateId,
      qrCheck: qrCheckFrom(deps.newId('QR')),
      number: ids.number,
      licenceId: ids.licenceId,
      issuedAt: at,
      registeredOn,
      unit: view.unit,
      mortgagee: mortgagee.name,
      mortgagors: view.right.holders.map((h) => nameOf(h.personId)),
      ...terms,
      caseNumber: c.caseNumber ?? '',
      ...(view.certificate ? { titleCertificateNumber: view.certificate.number } : {}),
    });
    return recordAndIssue(
      deps,
      c,
      bt,
      at,
      {
        type: 'record',
        recording: {
          kind: 'mortgage',
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
