/**
 * The machine's duty under 民法典 §220 ¶2 and 细则 §83: an objection (异议登记) whose objector
 * brought no lawsuit or arbitration within 15 days of its registration is ended on the day after
 * the last day, through the workflow on the case that recorded it (its timeline notes the lapse
 * as a 登簿 step, the register ends the objection and its 异议登记证明, every party is told). An
 * objection with a lawsuit reported (`lawsuitFiledOn`) stands. Read from the register each time,
 * so any node may run it; two nodes at once end an objection once (the case's version check and
 * the register's own check of a current restriction).
 */
import { beijingDate, objectionLapsed, objectionLastDay } from '../../domain/cases';
import { isAppError } from '../../domain/errors';
import type { CaseStore, Clock, RegisterRepository } from '../../ports';
import type { CaseAccess } from './access';
import type { CaseEffects } from './effectsRunner';
import { systemStep } from './systemStep';

export interface ObjectionLapsesDeps {
  register: Pick<RegisterRepository, 'currentObjections' | 'unit'>;
  store: Pick<CaseStore, 'transaction' | 'documentOfCertificate' | 'get'>;
  access: Pick<CaseAccess, 'businessType'>;
  clock: Clock;
  effects: Pick<CaseEffects, 'store' | 'after'>;
}

export class ObjectionLapses {
  constructor(private readonly deps: ObjectionLapsesDeps) {}

  /** Ends every objection lapsed by today; answers how many it ended. */
  async lapseDue(): Promise<number> {
    const { deps } = this;
    const today = beijingDate(deps.clock.now().toISOString());
    let ended = 0;
    for (const objection of await deps.register.currentObjections()) {
      if (objection.kind !== 'objection' || !objectionLapsed(objection, today)) continue;
      // the case that recorded it (one recorded before the online registry has none: staff)
      const doc = await deps.store.documentOfCertificate(objection.certificateId);
      const c = doc?.caseId ? await deps.store.get(doc.caseId) : undefined;
      if (!c) continue;
      const bt = await deps.access.businessType(c.businessTypeCode);
      const view = await deps.register.unit(objection.unitCode);
      try {
        const { next, after } = await deps.store.transaction(() =>
          systemStep(
            deps,
            c,
            {
              type: 'lapseObjection',
              restrictionId: objection.restrictionId,
              lastDay: objectionLastDay(objection.registeredOn).lastDay,
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
}
