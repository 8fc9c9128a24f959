/**
 * 民政's answer on whether the holders of a unit are married, which decides whether a spouse
 * must consent (民法典 §1062). It is asked before a draft is made (usecases/shared-data
 * `CivilAffairsMarriages`) and, while it is unknown for a holder, again before every edit of the
 * parties and every submission (here); the records that decided a case are kept with it. The
 * registry neither guesses nor lets a consent be skipped.
 */
import { isBeforeSubmission, type CaseRecord } from '../../domain/cases';
import type { MarriageChecks, PendingMarriageCheck } from '../shared-data/marriage';
import { awaitsLaterAnswer, mergeMarriageAnswer } from './application';

export type { PendingMarriageCheck } from '../shared-data/marriage';

export class MarriageAnswers implements MarriageChecks {
  constructor(private readonly deps: { checks: MarriageChecks }) {}

  /** 民政's answer on the unit's holders; undefined for business types without a spouse's consent. */
  forUnit(businessTypeCode: string, unitCode: string): Promise<PendingMarriageCheck | undefined> {
    return this.deps.checks.forUnit(businessTypeCode, unitCode);
  }

  async keep(caseId: string, pending: PendingMarriageCheck): Promise<void> {
    await this.deps.checks.keep(caseId, pending);
  }

  /**
   * 民政 again for a draft or a case being signed whose holders' marriage it has not answered
   * yet, or whose holder pledged their status (民政's later answer is kept beside the pledge,
   * never replacing it; a contradiction goes to staff). Undefined when nothing is unknown, when
   * 民政 still gives no answer for some holder (the case keeps waiting) or nothing changed.
   */
  async askAgain(c: CaseRecord): Promise<PendingMarriageCheck | undefined> {
    if (!isBeforeSubmission(c)) return undefined;
    const current = c.marriageCheck;
    if (!current) return undefined;
    if (!current.holders.some((x) => x.status === 'unknown') && !awaitsLaterAnswer(current))
      return undefined;
    const pending = await this.forUnit(c.businessTypeCode, c.unitCode);
    if (!pending) return undefined;
    const check = mergeMarriageAnswer(current, pending.check);
    if (check.holders.some((x) => x.status === 'unknown')) return undefined;
    const same = JSON.stringify(check.holders) === JSON.stringify(current.holders);
    return same ? undefined : { ...pending, check };
  }
}
