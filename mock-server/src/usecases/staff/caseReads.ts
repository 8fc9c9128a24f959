/**
 * What the staff use cases read of cases: the business type of a case, the facts the review
 * rules look at, and a case as staff see it (no party caller). Supplied by the case use cases;
 * asynchronous, since they read the registry's store.
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { runReview, type ReviewContext } from '../../domain/review';
import type { CaseView } from '../cases/types';

export interface StaffCaseReads {
  businessType(code: string): Promise<BusinessType>;
  /** the facts the review rules look at (register, people, spouses' consent, tax paid) */
  reviewContext(c: CaseRecord, bt: BusinessType): Promise<ReviewContext>;
  /** the case with its documents, as staff see it */
  viewCase(c: CaseRecord): Promise<CaseView>;
}

/** A review rule waits on the buyer's taxes (an approval then parks the case in 待缴税). */
export async function taxOutstanding(reads: StaffCaseReads, c: CaseRecord): Promise<boolean> {
  const bt = await reads.businessType(c.businessTypeCode);
  return runReview(await reads.reviewContext(c, bt)).results.some((r) => !r.passed && r.waits);
}
