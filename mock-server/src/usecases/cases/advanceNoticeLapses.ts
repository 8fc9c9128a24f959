/**
 * The machine's duty under 民法典 §221: an advance notice (预告登记) whose registration was not
 * applied for within 90 days of becoming possible is ended on the day after the last day, through
 * the workflow on the case that recorded it (its timeline notes the lapse as a 登簿 step, the
 * register ends the notice and its 不动产登记证明, every party is told). A registration applied for
 * in time (a case of the unit by the notice's holders in process) keeps the notice. Read from the
 * register each time, so any node may run it; two nodes at once end a notice once (the case's
 * version check and the register's own check of a current restriction).
 */
import {
  advanceNoticeLapsed,
  advanceNoticeLastDay,
  advanceNoticeRegistrableFrom,
  beijingDate,
  isInProcess,
} from '../../domain/cases';
import { isAppError } from '../../domain/errors';
import type { AdvanceNotice, RestrictionState } from '../../domain/register';
import type { CaseStore, Clock, RegisterRepository } from '../../ports';
import type { CaseAccess } from './access';
import type { CaseEffects } from './effectsRunner';
import { systemStep } from './systemStep';

export interface AdvanceNoticeLapsesDeps {
  register: Pick<RegisterRepository, 'currentAdvanceNotices' | 'unit'>;
  store: Pick<CaseStore, 'transaction' | 'documentOfCertificate' | 'get' | 'listByPerson'>;
  access: Pick<CaseAccess, 'businessType'>;
  clock: Clock;
  effects: Pick<CaseEffects, 'store' | 'after'>;
}

export class AdvanceNoticeLapses {
  constructor(private readonly deps: AdvanceNoticeLapsesDeps) {}

  /** Ends every advance notice lapsed by today; answers how many it ended. */
  async lapseDue(): Promise<number> {
    const { deps } = this;
    const today = beijingDate(deps.clock.now().toISOString());
    let ended = 0;
    for (const notice of await deps.register.currentAdvanceNotices()) {
      if (notice.kind !== 'advanceNotice') continue;
      const view = await deps.register.unit(notice.unitCode);
      const from = advanceNoticeRegistrableFrom(notice, view?.right);
      if (!from || !advanceNoticeLapsed(notice, from, today)) continue;
      if (await this.appliedInTime(notice)) continue;
      // the case that recorded it (a notice recorded before the online registry has none: staff)
      const doc = await deps.store.documentOfCertificate(notice.certificateId);
      const c = doc?.caseId ? await deps.store.get(doc.caseId) : undefined;
      if (!c) continue;
      const bt = await deps.access.businessType(c.businessTypeCode);
      try {
        const { next, after } = await deps.store.transaction(() =>
          systemStep(
            deps,
            c,
            {
              type: 'lapseAdvanceNotice',
              restrictionId: notice.restrictionId,
              lastDay: advanceNoticeLastDay(from).lastDay,
              location: view?.unit.location ?? '',
            },
            bt,
          ),
        );
        await deps.effects.after(next, after);
        ended++;
      } catch (e) {
        // another node ended it first
        if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      }
    }
    return ended;
  }

  /** A registration of the unit applied for by the notice's holders and still in process. */
  private async appliedInTime(n: AdvanceNotice & RestrictionState): Promise<boolean> {
    for (const id of n.rightHolderIds)
      for (const c of await this.deps.store.listByPerson(id))
        if (c.unitCode === n.unitCode && isInProcess(c)) return true;
    return false;
  }
}
