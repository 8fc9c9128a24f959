/**
 * The signing steps a party may take on a case, added to what the lifecycle allows: invite the
 * other parties (initiator), answer the 询问笔录, upload or commit materials; and `sign` only once
 * the party has answered their 询问笔录. Kept apart so that the domain workflow can take it over.
 */
import type { BusinessType } from '../../domain/catalogue';
import { isBeforeSubmission, awaitsCorrection } from '../../domain/cases/status';
import type { CaseRecord } from '../../domain/cases';
import { questionsFor } from '../../domain/signing';
import { answersOf, type InquiryReads } from './answers';

export interface SigningActionsDeps {
  businessType: (code: string) => BusinessType;
  store: InquiryReads;
}

export type ExtraActions = (c: CaseRecord, personId: string, base: string[]) => string[];

export function signingActions(deps: SigningActionsDeps): ExtraActions {
  return (c, personId, base) => {
    const me = c.parties.filter((p) => p.personId === personId);
    if (!me.length) return base;
    const bt = deps.businessType(c.businessTypeCode);
    const signed = me.every((p) => p.signedAt);
    const answered = answersOf(deps.store, c, personId) !== undefined;
    const hasQuestions = questionsFor(c, bt).length > 0;
    const out = base.filter((a) => a !== 'sign' || !hasQuestions || answered);
    const initiator = c.createdBy === personId;
    if (initiator && isBeforeSubmission(c) && c.parties.some((p) => p.personId !== personId))
      out.push('invite');
    if (hasQuestions && isBeforeSubmission(c) && !signed) out.push('answerInquiry');
    if (
      bt.materials.some((m) => m.sources.includes('scan') || m.sources.includes('commitment')) &&
      (awaitsCorrection(c) || (isBeforeSubmission(c) && initiator))
    )
      out.push('uploadMaterial');
    return out;
  };
}
