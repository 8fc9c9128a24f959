/**
 * 水电气网联动过户, the buyer's side: while applying, the buyer chooses which utility accounts
 * move to them (with the account numbers); after recording the parties see each company's
 * confirmation and may have the failed ones notified again.
 */
import { isClosedUnrecorded, isRecorded } from '../../domain/cases/status';
import {
  checkUtilityChoices,
  UTILITY_NAMES,
  type UtilityChoice,
  type UtilityKind,
} from '../../domain/sale';
import type { Clock } from '../../ports';
import type { UtilityProvider, UtilityStore } from '../../ports/sale';
import type { PartyCaller } from '../cases/types';
import { callerHasRole, saleCaseOf, saleError, type PartyCaseReads } from './saleCase';
import type { UtilityTransfers } from './utilityTransfers';

export interface UtilityOptInDeps {
  cases: PartyCaseReads;
  utilities: Pick<UtilityStore, 'requestsOf' | 'replaceOptIn'>;
  providers: Record<UtilityKind, Pick<UtilityProvider, 'name'>>;
  transfers: Pick<UtilityTransfers, 'notify'>;
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

  async optIn(caller: PartyCaller, caseId: string, choices: UtilityChoice[]) {
    const c = await saleCaseOf(this.deps.cases, caller, caseId);
    if (!callerHasRole(c, caller, 'rightHolder'))
      throw saleError('FORBIDDEN', '只有买方可以申请水电气网联动过户');
    if (isRecorded(c) || isClosedUnrecorded(c))
      throw saleError('CONFLICT', '办件已登簿或已办结，不能再更改联动过户');
    const check = checkUtilityChoices(choices);
    if (!check.ok) throw saleError('UTILITIES_INVALID', check.message);
    await this.deps.utilities.replaceOptIn(
      caseId,
      check.choices,
      this.deps.clock.now().toISOString(),
    );
    return this.utilities(caller, caseId);
  }

  async retry(caller: PartyCaller, caseId: string) {
    const c = await saleCaseOf(this.deps.cases, caller, caseId);
    if (!isRecorded(c)) throw saleError('CONFLICT', '登簿后才会通知供水、供电、燃气、宽带单位');
    await this.deps.transfers.notify(caseId);
    return this.utilities(caller, caseId);
  }
}
