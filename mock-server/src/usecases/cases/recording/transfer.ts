/**
 * 转移登记: the buyers' new right and 不动产权证书; an advance notice (预告登记) of the buyers
 * ends with the recording (预告转本).
 */
import type { BusinessType } from '../../../domain/catalogue';
import { planTransferRecording, type CaseRecord } from '../../../domain/cases';
import type { StoredStep } from '../systemStep';
import { recordRightAndIssue, startRecording, type RecordingDeps } from './steps';

export async function recordTransfer(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
): Promise<StoredStep> {
  return deps.store.transaction(async () => {
    const { at, registeredOn, view, ids } = await startRecording(deps, c, 'titleCertificate');
    const rightId = deps.newId('RIGHT');
    const certificateId = deps.newId('CERT');
    const plan = planTransferRecording({
      case: c,
      unit: view.unit,
      currentRight: view.right,
      currentCertificate: view.certificate,
      ids: { eventId: deps.newId('EV'), rightId, certificateId },
      number: ids.number,
      licenceId: ids.licenceId,
      recordedAt: at,
      registeredOn,
    });
    const buyers = new Set(
      c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.personId),
    );
    const ended = view.restrictions.filter(
      (r) => r.kind === 'advanceNotice' && r.rightHolderIds.every((id) => buyers.has(id)),
    );
    const names = new Map(c.parties.map((p) => [p.personId, p.name]));
    return recordRightAndIssue(deps, c, bt, {
      at,
      registeredOn,
      view,
      ids,
      rightId,
      certificateId,
      plan,
      events: [
        ...plan.events,
        ...ended.map((r) => ({
          eventId: deps.newId('EV'),
          type: 'restrictionCancelled' as const,
          recordedAt: at,
          restrictionId: r.restrictionId,
          cancelledOn: registeredOn,
        })),
      ],
      names,
    });
  });
}
