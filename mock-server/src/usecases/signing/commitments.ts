/**
 * Committing instead of supplying a material (告知承诺): where the checklist allows it, a party
 * signs a commitment that the material's facts are true. A marital status is pledged only by
 * the holder it is about. The commitment joins the bundle, so earlier signatures are voided.
 */
import type { CaseRecord } from '../../domain/cases';
import type { CaseStore, Clock, SigningStore } from '../../ports';
import type { PartyCaller } from '../cases/types';
import { err, openCase, type CaseReads } from './caseAccess';
import type { TrackChanges } from './changeTracking';
import { materialItems, materialToSupply, setMaterial } from './materials';

export interface CommitmentsDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'get' | 'update'>;
  store: Pick<SigningStore, 'saveCommitment' | 'filesOf' | 'commitmentsOf'>;
  track: TrackChanges;
  clock: Clock;
}

export class Commitments {
  constructor(private readonly deps: CommitmentsDeps) {}

  async commit(caller: PartyCaller, caseId: string, materialCode: string) {
    const { deps } = this;
    const { c, bt } = await openCase(deps.cases, caller, caseId);
    materialToSupply(c, bt, materialCode, 'commitment');
    // a marital status is pledged by the holder it is about, never by the other side
    if (
      materialCode === 'marriage' &&
      c.marriageCheck &&
      !c.marriageCheck.holders.some((h) => h.personId === caller.personId)
    )
      throw err(
        'MARITAL_COMMITMENT_NOT_YOURS',
        '婚姻状况须由登记簿上的权利人本人承诺，其他当事人不能代为承诺',
      );
    await deps.track(caseId, async () => {
      await deps.store.saveCommitment({
        caseId,
        materialCode,
        partyId: caller.personId,
        committedAt: deps.clock.now().toISOString(),
      });
      await setMaterial(deps.caseStore, deps.clock, caseId, {
        code: materialCode,
        source: 'commitment',
        status: 'provided',
        ref: `commitment:${caller.personId}`,
      });
    });
    const fresh = (await deps.caseStore.get(caseId)) as CaseRecord;
    return (await materialItems(deps.store, fresh, bt)).find((m) => m.code === materialCode);
  }
}
