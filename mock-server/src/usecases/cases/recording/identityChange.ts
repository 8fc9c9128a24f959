/** 变更登记: the holder's new name / ID on the person and a re-issued 不动产权证书. */
import type { BusinessType } from '../../../domain/catalogue';
import { planHolderIdentityChange, type CaseRecord } from '../../../domain/cases';
import { conflict } from '../access';
import type { StoredStep } from '../systemStep';
import { recordRightAndIssue, startRecording, type RecordingDeps } from './steps';

export async function recordIdentityChange(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
): Promise<StoredStep> {
  const change = c.identityChange;
  if (!change) throw conflict('没有身份变更信息');
  return deps.store.transaction(async () => {
    const { at, registeredOn, view, ids } = await startRecording(deps, c, 'titleCertificate');
    const rightId = deps.newId('RIGHT');
    const certificateId = deps.newId('CERT');
    const plan = planHolderIdentityChange({
      unit: view.unit,
      currentRight: view.right,
      currentCertificate: view.certificate,
      ids: { eventId: deps.newId('EV'), rightId, certificateId },
      number: ids.number,
      licenceId: ids.licenceId,
      recordedAt: at,
      registeredOn,
    });
    // the person's new name and ID number are the workflow's effect of 登簿
    return recordRightAndIssue(deps, c, bt, {
      at,
      registeredOn,
      view,
      ids,
      rightId,
      certificateId,
      plan,
      events: plan.events,
      names: new Map([[change.personId, change.newName]]),
    });
  });
}
