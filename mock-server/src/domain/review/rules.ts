/**
 * Automatic review (自动审核): rules as data plus pure functions. Each rule looks at the case,
 * its business type and what the register (and shared data) say, and yields pass or fail with a
 * reason code and an explanation a citizen understands. What a failure leads to is declared by
 * the business type (`BusinessType.rules`, catalogue data), falling back to DEFAULT_OUTCOMES.
 * This file is the library; the rules themselves are grouped by what they look at (the
 * application, the register, other departments' data, the other business types).
 */
import type { BusinessType, ReviewOutcome, RuleSpec } from '../catalogue';
import { APPLICATION_RULES } from './applicationRules';
import { FAMILY_RULES } from './familyRules';
import { FEE_RULES } from './feeRules';
import { LOAN_RULES } from './loanRules';
import { OTHER_BUSINESS_RULES } from './otherBusinessRules';
import { REGISTER_RULES } from './registerRules';
import { REGISTER_ERROR_RULES } from './registerErrorRules';
import { MARRIAGE_COMMITMENT_RULE, SHARED_DATA_RULES } from './sharedDataRules';
import type { ReviewRule } from './rule';

export type { ReviewContext, ReviewRule, ReviewStage, RuleResult } from './rule';
export { MARRIAGE_COMMITMENT_RULE } from './sharedDataRules';

/** Every catalogue rule, intake and review, transfer rules first. */
export const RULE_LIBRARY: readonly ReviewRule[] = [
  ...APPLICATION_RULES,
  ...REGISTER_RULES,
  ...SHARED_DATA_RULES,
  ...FEE_RULES,
  ...OTHER_BUSINESS_RULES,
  ...FAMILY_RULES,
  ...LOAN_RULES,
  ...REGISTER_ERROR_RULES,
];

/**
 * Rules only other business types declare (mortgage, cancellation, change of identity,
 * inheritance, the loan cases): everything else in the library is a check every sale runs.
 */
export const NON_TRANSFER_RULES: readonly string[] = [
  ...OTHER_BUSINESS_RULES,
  ...FAMILY_RULES,
  ...LOAN_RULES,
  ...REGISTER_ERROR_RULES,
].map((r) => r.code);

export const RULES_BY_CODE: ReadonlyMap<string, ReviewRule> = new Map(
  [...RULE_LIBRARY, MARRIAGE_COMMITMENT_RULE].map((r) => [r.code, r]),
);

/** Default outcome of each rule when a business type declares none. */
export const DEFAULT_OUTCOMES: Readonly<Record<string, ReviewOutcome>> = {
  'materials.complete': 'correctionNotice',
  'unit.inTaizhou': 'nonAcceptanceNotice',
  'unit.registrable': 'nonAcceptanceNotice',
  'shares.total': 'correctionNotice',
  'application.complete': 'correctionNotice',
  'restriction.seizure': 'refusalNotice',
  'restriction.objection': 'manualQueue',
  'obligors.areHolders': 'refusalNotice',
  'restriction.mortgageConsent': 'manualQueue',
  'inquiry.disputeDeclared': 'manualQueue',
  'restriction.advanceNoticeConsent': 'refusalNotice',
  'tax.paid': 'refusalNotice',
  'fee.paid': 'refusalNotice',
  'spouse.consent': 'correctionNotice',
  'mortgage.terms': 'correctionNotice',
  'mortgagee.isOrganisation': 'refusalNotice',
  'mortgage.cancellable': 'refusalNotice',
  'identityChange.valid': 'correctionNotice',
  'inheritance.heirsComplete': 'manualQueue',
  'inheritance.renunciationConfirmed': 'manualQueue',
  'mortgage.releasedByItsMortgagee': 'refusalNotice',
  'advanceNotice.heldByMortgagors': 'refusalNotice',
  'correction.byAllHolders': 'refusalNotice',
  'correction.noLaterEntries': 'manualQueue',
  'correction.errorVerified': 'manualQueue',
  'objection.applicantNotHolder': 'nonAcceptanceNotice',
  'objection.interestVerified': 'manualQueue',
  'reissue.paperCertificate': 'nonAcceptanceNotice',
};

/**
 * The rules a business type applies, with their declared outcomes. A catalogue published before
 * rules were data (an older database) falls back to every rule that fits its kind, so that no
 * transfer is ever approved without the register checks.
 */
export function rulesOf(bt: BusinessType): RuleSpec[] {
  if (bt.rules) return bt.rules;
  const codes = [
    'unit.inTaizhou',
    'unit.registrable',
    'application.complete',
    'materials.complete',
    ...(bt.kind === 'transfer'
      ? [
          'shares.total',
          'restriction.seizure',
          'restriction.objection',
          'obligors.areHolders',
          'restriction.mortgageConsent',
          'inquiry.disputeDeclared',
          'restriction.advanceNoticeConsent',
          'tax.paid',
          'fee.paid',
          'spouse.consent',
        ]
      : []),
  ];
  return codes.map((code) => ({ code, outcomeOnFail: DEFAULT_OUTCOMES[code] }));
}
