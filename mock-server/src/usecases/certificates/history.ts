/**
 * A certificate's history in words: the register entries of its unit from the day it was issued
 * (登簿 of this certificate, a later transfer or change, restrictions recorded and cancelled).
 */
import { eventUnitCode } from '../../domain/register';
import { beijingDate } from '../../domain/time';
import type { RegisterRepository } from '../../ports';
import type { WalletItemView } from './views';

const RESTRICTION_NAMES: Record<string, string> = {
  mortgage: '抵押',
  seizure: '查封',
  objection: '异议',
  advanceNotice: '预告',
};

export async function unitHistory(
  register: Pick<RegisterRepository, 'events'>,
  item: Pick<WalletItemView, 'unitCode' | 'issuedOn' | 'number'>,
): Promise<{ at: string; text: string }[]> {
  if (!item.unitCode) return [];
  const restrictionNames = new Map<string, string>();
  const out: { at: string; text: string }[] = [];
  for (const { event: e } of await register.events()) {
    if (e.type === 'restrictionRecorded' && e.restriction.unitCode === item.unitCode) {
      restrictionNames.set(e.restriction.restrictionId, RESTRICTION_NAMES[e.restriction.kind]);
    }
    const unit: string | undefined =
      e.type === 'restrictionCancelled'
        ? restrictionNames.has(e.restrictionId)
          ? item.unitCode
          : undefined
        : eventUnitCode(e);
    if (unit !== item.unitCode || beijingDate(e.recordedAt) < item.issuedOn) continue;
    const at = e.recordedAt;
    if (e.type === 'rightRecorded') {
      out.push({
        at,
        text:
          e.certificate.number === item.number
            ? `登簿，核发本证书（${e.certificate.number}）`
            : `权利转移或变更，核发新证书（${e.certificate.number}）`,
      });
    } else if (e.type === 'restrictionRecorded') {
      out.push({ at, text: `${RESTRICTION_NAMES[e.restriction.kind]}登记` });
    } else if (e.type === 'restrictionCancelled') {
      out.push({ at, text: `注销${restrictionNames.get(e.restrictionId)}登记` });
    }
  }
  return out;
}
