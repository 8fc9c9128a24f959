/**
 * 水电气网联动过户, the buyer's side: while applying, the buyer chooses which utility accounts
 * move to them (with the account numbers); after recording the parties see each company's
 * confirmation and may have the failed ones notified again.
 */
import type { BusinessType } from '../../domain/catalogue';
import { transition, type CaseCommand, type CaseRecord } from '../../domain/cases';
import { isClosedUnrecorded, isRecorded } from '../../domain/cases/status';
import { UTILITY_NAMES, type UtilityChoice, type UtilityKind } from '../../domain/sale';
import type { CaseStore, Clock } from '../../ports';
import type { UtilityProvider, UtilityStore } from '../../ports/sale';
import type { CaseEffects } from '../cases/effectsRunner';
import type { PartyCaller } from '../cases/types';
import { callerHasRole, saleCaseOf, type PartyCaseReads } from './saleCase';

export interface UtilityOptInDeps {
  cases: PartyCaseReads & {
    businessType(code: string): BusinessType | Promise<BusinessType>;
  };
  caseStore: Pick<CaseStore, 'transaction'>;
  utilities: Pick<UtilityStore, 'requestsOf'>;
  providers: Record<UtilityKind, Pick<UtilityProvider, 'name'>>;
  /**
   * the cases' effects runner: the choice stored, and a retry carried out (the companies not
   * confirmed told again, awaited)
   */
  effects: Pick<CaseEffects, 'store' | 'after'>;
  clock: Clock;
}

export class UtilityOptIn {
  constructor(private readonly deps: UtilityOptInDeps) {}

  async utilities(caller: PartyCaller, caseId: string) {
    const c = await saleCaseOf(this.deps.cases, caller, caseId);
    const items = await this.deps.utilities.requestsOf(caseId);
    return {
      caseId,
      editable: callerHasRole(c, caller, 'rightHolder') && !isRecorded(c) && !isClosedUnrecorded(c),
      canRetry: items.some((r) => r.status === 'failed') && isRecorded(c),
      items: items.map((r) => ({
        ...r,
        name: UTILITY_NAMES[r.kind],
        provider: this.deps.providers[r.kind].name,
      })),
    };
  }

  /** The workflow's chooseUtilities: the buyer's choice, until the case is recorded or ended. */
  async optIn(caller: PartyCaller, caseId: string, choices: UtilityChoice[]) {
    await this.step(caller, caseId, { type: 'chooseUtilities', choices });
    return this.utilities(caller, caseId);
  }

  /**
   * The workflow's retryUtilities: once recorded, the companies not confirmed yet are told
   * again (the archive and shared data are not asked again: the case finished once).
   */
  async retry(caller: PartyCaller, caseId: string) {
    await this.step(caller, caseId, { type: 'retryUtilities' });
    return this.utilities(caller, caseId);
  }

  private async step(caller: PartyCaller, caseId: string, cmd: CaseCommand): Promise<void> {
    const { deps } = this;
    const c: CaseRecord = await saleCaseOf(deps.cases, caller, caseId);
    const businessType = await deps.cases.businessType(c.businessTypeCode);
    const at = deps.clock.now().toISOString();
    const r = transition(c, cmd, {
      businessType,
      actor: { kind: 'party', personId: caller.personId },
      at,
      partyName: caller.name,
    });
    const after = await deps.caseStore.transaction(() =>
      deps.effects.store(c, r, { businessType, at }),
    );
    await deps.effects.after(r.next, after);
  }
}
