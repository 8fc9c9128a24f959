/**
 * 遗失补证 / 换证 (细则 §22): the paper certificate a new case is about, as the register holds it
 * when the draft is made, kept on the case (its 遗失声明 names it on the public page; recording
 * checks it is still the unit's certificate).
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import type { UnitView } from '../../ports';

export function reissueOf(
  bt: Pick<BusinessType, 'application'>,
  view: UnitView | undefined,
): Pick<CaseRecord, 'reissue'> {
  const reason = bt.application?.reissue;
  const cert = view?.certificate;
  if (!reason || !cert || !view) return {};
  return {
    reissue: {
      reason,
      certificateId: cert.certificateId,
      certificateNumber: cert.number,
      location: view.unit.location,
    },
  };
}
