/**
 * A party declines to sign: the case goes back to the initiator as a draft, every current
 * signature is voided (after an edit everyone signs again) and every party is told why.
 */
import { applyAction } from '../../domain/cases';
import type { CaseStore, Clock, SigningStore } from '../../ports';
import type { CaseView, PartyCaller } from '../cases/types';
import { err, openCase, type CaseReads, type TellParties } from './caseAccess';

export interface DeclineDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'update'>;
  store: Pick<SigningStore, 'transaction' | 'signaturesOf' | 'voidSignature'>;
  tellParties: TellParties;
  clock: Clock;
}

export class Decline {
  constructor(private readonly deps: DeclineDeps) {}

  async decline(caller: PartyCaller, caseId: string, reason: string): Promise<CaseView> {
    const { deps } = this;
    const { c } = await openCase(deps.cases, caller, caseId);
    const now = () => deps.clock.now().toISOString();
    const r = applyAction(c, 'decline', { kind: 'party', personId: caller.personId }, now(), {
      partyName: caller.name,
      note: reason,
    });
    if (!r.ok) throw err('CONFLICT', r.reason);
    await deps.store.transaction(async () => {
      await deps.caseStore.update({ ...r.case, version: c.version + 1 }, c.version);
      const at = now();
      for (const s of await deps.store.signaturesOf(caseId)) {
        if (s.current) await deps.store.voidSignature(s.signatureId, at);
      }
    });
    await deps.tellParties(
      c,
      '当事人拒绝签署，办件已退回申请人',
      `${caller.name}拒绝签署，理由：${reason}。办件已退回申请发起人修改，已有的签名作废，修改后需全体当事人重新签署。`,
    );
    return deps.cases.getCase(caller, caseId);
  }
}
