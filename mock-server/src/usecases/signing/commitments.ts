/**
 * Committing instead of supplying a material (告知承诺): where the checklist allows it, a party
 * signs a commitment that the material's facts are true. A marital status is pledged only by
 * the holder it is about. The commitment joins the bundle, so earlier signatures are voided.
 */
import { transition, type CaseRecord } from '../../domain/cases';
import type { CaseStore, Clock, SigningStore } from '../../ports';
import type { CaseEffects } from '../cases/effectsRunner';
import type { PartyCaller } from '../cases/types';
import { openCase, type CaseReads } from './caseAccess';
import { materialItems, materialToSupply } from './materials';

export interface CommitmentsDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'get'>;
  store: Pick<SigningStore, 'filesOf' | 'commitmentsOf'>;
  /** the cases' effects runner: the commitment stored within the signing's change tracking */
  effects: Pick<CaseEffects, 'tracked'>;
  clock: Clock;
}

export class Commitments {
  constructor(private readonly deps: CommitmentsDeps) {}

  async commit(caller: PartyCaller, caseId: string, materialCode: string) {
    const { deps } = this;
    const { c, bt } = await openCase(deps.cases, caller, caseId);
    materialToSupply(c, bt, materialCode, 'commitment');
    const at = deps.clock.now().toISOString();
    // the workflow's commitMaterial on the case as it is now (a marital status is pledged by
    // the holder it is about): the commitment and the checklist item stored, the signatures
    // over the old bundle voided
    await deps.effects.tracked(caseId, async (store) => {
      const now = (await deps.caseStore.get(caseId)) as CaseRecord;
      const r = transition(
        now,
        { type: 'commitMaterial', materialCode },
        {
          businessType: bt,
          actor: { kind: 'party', personId: caller.personId },
          at,
          partyName: caller.name,
        },
      );
      await store(now, r, { businessType: bt, at });
    });
    const fresh = (await deps.caseStore.get(caseId)) as CaseRecord;
    return (await materialItems(deps.store, fresh, bt)).find((m) => m.code === materialCode);
  }
}
