/**
 * The home sale's steps on a case (second-hand homes, 存量房买卖): the online contract's terms
 * (在线签约) and the utilities the buyer chooses to transfer (水电气网联动过户). Whether they are
 * allowed now is actions.ts's; here, what they do once allowed.
 */
import { AppError } from '../errors';
import { checkContractTerms, checkUtilityChoices } from '../sale';
import type { CaseCommand } from './commands';
import { beijingDate } from './deadlines';
import type { CaseEffect } from './effects';
import type { CaseRecord } from './model';

type SaleCommand = Extract<
  CaseCommand,
  { type: 'editContract' | 'chooseUtilities' | 'retryUtilities' }
>;

/**
 * `editContract`: the terms are checked against the Beijing date of the change; they are a
 * document of the signing bundle, so new terms void the signatures over the old ones, and the
 * application states the contract's price. The same terms again change nothing.
 * `chooseUtilities`: the choice checked and kept in a stable order, replacing the last one.
 * `retryUtilities`: the companies not confirmed yet are told again.
 */
export function saleStep(
  c: CaseRecord,
  cmd: SaleCommand,
  at: string,
  personId: string,
): { next: CaseRecord; effects: CaseEffect[] } {
  if (cmd.type === 'retryUtilities') return { next: c, effects: [{ type: 'notifyUtilities' }] };
  if (cmd.type === 'chooseUtilities') {
    const check = checkUtilityChoices(cmd.choices);
    if (!check.ok) throw new AppError('UTILITIES_INVALID', check.message);
    return { next: c, effects: [{ type: 'saveUtilityChoices', choices: check.choices }] };
  }
  const check = checkContractTerms(cmd.terms, beijingDate(at));
  if (!check.ok) throw new AppError('CONTRACT_TERMS_INVALID', check.message);
  const { terms } = check;
  if (cmd.prior && JSON.stringify(cmd.prior) === JSON.stringify(terms))
    return { next: c, effects: [] };
  const priceYuan = terms.priceFen / 100;
  return {
    next:
      c.priceYuan === priceYuan ? c : { ...c, priceYuan, updatedAt: at, version: c.version + 1 },
    effects: [
      { type: 'saveContractTerms', terms, updatedBy: personId },
      { type: 'reconcileSignatures' },
    ],
  };
}
