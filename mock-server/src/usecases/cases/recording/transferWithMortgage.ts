/**
 * 转移+抵押 and 带押过户: in ONE transaction and one register append, the seller's mortgages
 * cancelled (带押过户), the buyers' new right and the mortgage they give their bank; then the
 * 不动产权证书 and the 不动产登记证明 issued together. A mortgage cancelled meanwhile fails the
 * append and nothing of the step is stored (all or none).
 */
import type { BusinessType } from '../../../domain/catalogue';
import {
  mortgagesToRelease,
  planTransferWithMortgage,
  type CaseCommand,
  type CaseRecord,
} from '../../../domain/cases';
import { mortgageProofBody, qrCheckFrom, titleCertificateBody } from '../../../domain/documents';
import { conflict } from '../access';
import type { StoredStep } from '../systemStep';
import {
  namesOf,
  numberCertificate,
  recordAndIssue,
  startRecording,
  type RecordingDeps,
} from './steps';

type IssueCommand = Extract<CaseCommand, { type: 'issue' }>;

export async function recordTransferWithMortgage(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
  releases: boolean,
): Promise<StoredStep> {
  return deps.store.transaction(async () => {
    const { at, registeredOn, view, ids } = await startRecording(deps, c, 'titleCertificate');
    const proofIds = await numberCertificate(
      deps,
      'registrationProof',
      c.unitCode,
      Number(registeredOn.slice(0, 4)),
    );
    const released = releases ? mortgagesToRelease(view.restrictions) : [];
    if (releases && released.length === 0) throw conflict('登记簿中没有需要注销的现势抵押权');
    const rightId = deps.newId('RIGHT');
    const certificateId = deps.newId('CERT');
    const restrictionId = deps.newId('RES');
    const proofId = deps.newId('CERT');
    const plan = planTransferWithMortgage({
      case: c,
      unit: view.unit,
      currentRight: view.right,
      currentCertificate: view.certificate,
      transfer: {
        eventId: deps.newId('EV'),
        rightId,
        certificateId,
        number: ids.number,
        licenceId: ids.licenceId,
      },
      mortgage: {
        ids: { eventId: deps.newId('EV'), restrictionId, certificateId: proofId },
        number: proofIds.number,
        licenceId: proofIds.licenceId,
      },
      releases: await Promise.all(
        released.map(async (m) => {
          const proof =
            m.kind === 'mortgage'
              ? await deps.register.certificateById(m.certificateId)
              : undefined;
          return { mortgage: m, ...(proof ? { proof } : {}), eventId: deps.newId('EV') };
        }),
      ),
      recordedAt: at,
      registeredOn,
    });
    const right = plan.events.find((e) => e.type === 'rightRecorded');
    if (right?.type !== 'rightRecorded') throw conflict('登簿计划缺少新的权利');
    const nameOf = await namesOf(
      deps,
      right.right.holders.map((h) => h.personId),
      new Map(c.parties.map((p) => [p.personId, p.name])),
    );
    const mortgagee = c.parties.find((p) => p.role === 'mortgagee')!;
    const terms = c.mortgage!;
    const qrCheck = qrCheckFrom(deps.newId('QR'));
    const proofQr = qrCheckFrom(deps.newId('QR'));
    // 发证 follows 登簿: 附记 names the old certificate with the status the register now holds
    const issue = async (): Promise<IssueCommand> => {
      const old =
        view.certificate && (await deps.register.certificateById(view.certificate.certificateId));
      return {
        type: 'issue',
        certificate: {
          kind: 'titleCertificate',
          certificateId,
          number: ids.number,
          body: titleCertificateBody({
            certificateId,
            qrCheck,
            number: ids.number,
            licenceId: ids.licenceId,
            issuedAt: at,
            registeredOn,
            unit: view.unit,
            rightType: view.right.rightType,
            coOwnership: right.right.coOwnership,
            holders: right.right.holders,
            nameOf,
            caseNumber: c.caseNumber ?? '',
            ...(old ? { previousCertificate: { number: old.number, status: old.status } } : {}),
          }),
        },
        mortgageProof: {
          certificateId: proofId,
          number: proofIds.number,
          body: mortgageProofBody({
            certificateId: proofId,
            qrCheck: proofQr,
            number: proofIds.number,
            licenceId: proofIds.licenceId,
            issuedAt: at,
            registeredOn,
            unit: view.unit,
            mortgagee: mortgagee.name,
            mortgagors: right.right.holders.map((h) => nameOf(h.personId)),
            ...terms,
            caseNumber: c.caseNumber ?? '',
            titleCertificateNumber: ids.number,
          }),
        },
        location: view.unit.location,
      };
    };
    const [voidAnnouncement, ...moreVoidAnnouncements] = plan.voidAnnouncements;
    return recordAndIssue(
      deps,
      c,
      bt,
      at,
      {
        type: 'record',
        recording: {
          kind: 'right',
          rightId,
          certificateId,
          certificateNumber: ids.number,
          licenceId: ids.licenceId,
          recordedAt: at,
          supersededRightId: view.right.rightId,
          ...(view.certificate ? { supersededCertificateId: view.certificate.certificateId } : {}),
          voidAnnounced: plan.voidAnnouncements.some(
            (v) => v.certificateId === view.certificate?.certificateId,
          ),
          mortgage: {
            restrictionId,
            certificateId: proofId,
            certificateNumber: proofIds.number,
            licenceId: proofIds.licenceId,
          },
          ...(released.length
            ? { releasedRestrictionIds: released.map((r) => r.restrictionId) }
            : {}),
        },
        events: plan.events,
        ...(voidAnnouncement ? { voidAnnouncement } : {}),
        ...(moreVoidAnnouncements.length ? { moreVoidAnnouncements } : {}),
        location: view.unit.location,
      },
      issue,
    );
  });
}
