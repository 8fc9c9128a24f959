/**
 * Runs a stage of the automatic review and turns the rule results into one decision:
 *  intake: nonAcceptanceNotice > correctionNotice > manualQueue > accept
 *  review: refusalNotice > manualQueue > wait (待缴税) > approve
 * A rule that waits (tax.paid) parks the case in taxPending instead of deciding; its declared
 * outcome applies only when the wait ends without the data (not automatic).
 */
import type { ReviewOutcome } from '../catalogue';
import {
  MARRIAGE_COMMITMENT_RULE,
  RULES_BY_CODE,
  rulesOf,
  type ReviewContext,
  type ReviewStage,
  type RuleResult,
} from './rules';

export interface EvaluatedRule extends RuleResult {
  stage: ReviewStage;
  outcomeOnFail: ReviewOutcome;
  waits?: 'taxPending';
}

export type IntakeDecision = 'accept' | 'notAccept' | 'requestCorrection' | 'queueForStaff';
export type ReviewDecision = 'approve' | 'refuse' | 'queueForStaff' | 'awaitTax';

export interface StageOutcome<D> {
  decision: D;
  results: EvaluatedRule[];
  /** the failed rules that made the decision */
  reasons: EvaluatedRule[];
}

export function evaluateStage(stage: ReviewStage, ctx: ReviewContext): EvaluatedRule[] {
  const out: EvaluatedRule[] = [];
  const specs = [...rulesOf(ctx.businessType)];
  // a holder's 婚姻状况承诺 is checked against 民政's later answer on every such case
  if (ctx.case.marriageCheck?.holders.some((h) => h.commitment))
    specs.push({ code: MARRIAGE_COMMITMENT_RULE.code, outcomeOnFail: 'manualQueue' });
  for (const spec of specs) {
    const rule = RULES_BY_CODE.get(spec.code);
    if (!rule) throw new Error(`unknown review rule ${spec.code}`);
    if (rule.stage !== stage) continue;
    out.push({
      ...rule.check(ctx),
      stage,
      outcomeOnFail: spec.outcomeOnFail,
      ...(rule.waits ? { waits: rule.waits } : {}),
    });
  }
  return out;
}

const failed = (rs: EvaluatedRule[], o: ReviewOutcome, waits = false) =>
  rs.filter((r) => !r.passed && r.outcomeOnFail === o && Boolean(r.waits) === waits);

export function runIntake(ctx: ReviewContext): StageOutcome<IntakeDecision> {
  const results = evaluateStage('intake', ctx);
  const pick = (decision: IntakeDecision, reasons: EvaluatedRule[]) => ({
    decision,
    results,
    reasons,
  });
  const notAccept = failed(results, 'nonAcceptanceNotice');
  if (notAccept.length) return pick('notAccept', notAccept);
  // refusal-type rules at intake (none by default) are treated as non-acceptance
  const refuse = failed(results, 'refusalNotice');
  if (refuse.length) return pick('notAccept', refuse);
  const correct = failed(results, 'correctionNotice');
  if (correct.length) return pick('requestCorrection', correct);
  const manual = failed(results, 'manualQueue');
  if (manual.length) return pick('queueForStaff', manual);
  return pick('accept', []);
}

export function runReview(ctx: ReviewContext): StageOutcome<ReviewDecision> {
  const results = evaluateStage('review', ctx);
  const pick = (decision: ReviewDecision, reasons: EvaluatedRule[]) => ({
    decision,
    results,
    reasons,
  });
  const refuse = [...failed(results, 'refusalNotice'), ...failed(results, 'nonAcceptanceNotice')];
  if (refuse.length) return pick('refuse', refuse);
  const manual = [...failed(results, 'manualQueue'), ...failed(results, 'correctionNotice')];
  if (manual.length) return pick('queueForStaff', manual);
  const waiting = results.filter((r) => !r.passed && r.waits);
  if (waiting.length) return pick('awaitTax', waiting);
  return pick('approve', []);
}
