/** 变更登记: the holder's new name / ID on the person and a re-issued 不动产权证书. */
import type { BusinessType } from '../../../domain/catalogue';
import { planHolderIdentityChange, type CaseRecord } from '../../../domain/cases';
import { conflict } from '../access';
import { recordRightAndIssue, startRecording, type RecordingDeps } from './steps';

export async function recordIdentityChange(
  deps: RecordingDeps,
  c: CaseRecord,
  bt: BusinessType,
): Promise<void> {
  const change = c.identityChange;
  if (!change) throw conflict('没有身份变更信息');
  await deps.store.transaction(async () => {
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
    await deps.parties.changeIdentity(change.personId, change.newName, change.newIdNumber);
    await recordRightAndIssue(deps, c, bt, {
      at,
      registeredOn,
      view,
      ids,
      rightId,
      certificateId,
      plan,
      events: plan.events,
      names: new Map([[change.personId, change.newName]]),
      title: `不动产权证书已换发（${ids.number}）`,
      message: `${bt.name}已登簿，权利人信息已变更为“${change.newName}”，电子不动产权证书已换发。`,
    });
  });
}
