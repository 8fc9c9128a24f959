/**
 * A party declines to sign: the case goes back to the initiator as a draft, every current
 * signature is voided (after an edit everyone signs again) and every party is told why — the
 * workflow's `decline` and its effects, stored in one transaction.
 */
import { transition } from '../../domain/cases';
import type { Clock, SigningStore } from '../../ports';
import type { CaseEffects } from '../cases/effectsRunner';
import type { CaseView, PartyCaller } from '../cases/types';
import { openCase, type CaseReads } from './caseAccess';

export interface DeclineDeps {
  cases: CaseReads;
  store: Pick<SigningStore, 'transaction'>;
  /** the one effects runner of the cases: the case stored, signatures voided, parties told */
  effects: Pick<CaseEffects, 'store' | 'after'>;
  clock: Clock;
}

export class Decline {
  constructor(private readonly deps: DeclineDeps) {}

  async decline(caller: PartyCaller, caseId: string, reason: string): Promise<CaseView> {
    const { deps } = this;
    const { c, bt } = await openCase(deps.cases, caller, caseId);
    const at = deps.clock.now().toISOString();
    const r = transition(
      c,
      { type: 'decline', reason },
      {
        businessType: bt,
        actor: { kind: 'party', personId: caller.personId },
        at,
        partyName: caller.name,
      },
    );
    const after = await deps.store.transaction(() =>
      deps.effects.store(c, r, { businessType: bt, at }),
    );
    await deps.effects.after(r.next, after);
    return deps.cases.getCase(caller, caseId);
  }
}
