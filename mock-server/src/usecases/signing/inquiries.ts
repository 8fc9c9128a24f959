/**
 * The 询问笔录 (inquiry record): the questions the business type asks each natural-person party
 * (question texts: docs/registry-facts.md §5), and their answers. Only the party reads and
 * answers their own; answers may change until the case is submitted, and a change voids the
 * signatures over the old answers.
 */
import type { CaseRecord } from '../../domain/cases';
import { isBeforeSubmission, isDraft } from '../../domain/cases/status';
import { notFound } from '../../domain/errors';
import { checkInquiry, questionsFor } from '../../domain/signing';
import type { CaseStore, Clock, SigningStore } from '../../ports';
import type { PartyCaller } from '../cases/types';
import { answersOf } from './answers';
import { err, openCase, updateCase, type CaseReads } from './caseAccess';
import type { TrackChanges } from './changeTracking';

export interface InquiriesDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'update'>;
  store: Pick<SigningStore, 'inquiriesOf' | 'saveInquiry'>;
  track: TrackChanges;
  clock: Clock;
}

export class Inquiries {
  constructor(private readonly deps: InquiriesDeps) {}

  private async openOwn(caller: PartyCaller, caseId: string, partyId: string) {
    const opened = await openCase(this.deps.cases, caller, caseId);
    if (partyId !== caller.personId || !opened.c.parties.some((p) => p.personId === partyId))
      throw notFound('询问笔录不存在');
    return opened;
  }

  async inquiry(caller: PartyCaller, caseId: string, partyId: string) {
    const { c, bt } = await this.openOwn(caller, caseId, partyId);
    const stored = (await this.deps.store.inquiriesOf(caseId)).find((i) => i.partyId === partyId);
    return {
      partyId,
      questions: questionsFor(c, bt),
      answers: (await answersOf(this.deps.store, c, partyId)) ?? {},
      ...(stored ? { answeredAt: stored.answeredAt } : {}),
    };
  }

  async answer(
    caller: PartyCaller,
    caseId: string,
    partyId: string,
    answers: Record<string, string>,
  ) {
    const { deps } = this;
    const { c, bt } = await this.openOwn(caller, caseId, partyId);
    if (!isBeforeSubmission(c)) throw err('CONFLICT', '办件已提交，询问笔录不能再修改');
    const check = checkInquiry(questionsFor(c, bt), answers);
    if (!check.ok) throw err(check.code, check.message);
    const at = deps.clock.now().toISOString();
    await deps.track(caseId, async () => {
      await deps.store.saveInquiry({ caseId, partyId, answers: check.answers, answeredAt: at });
      // the initiator's answers are also the application's (checked before signing starts)
      if (partyId === c.createdBy && isDraft(c))
        await this.saveApplicationAnswers(c, check.answers);
    });
    return this.inquiry(caller, caseId, partyId);
  }

  private async saveApplicationAnswers(
    c: CaseRecord,
    answers: Record<string, string>,
  ): Promise<void> {
    await updateCase(this.deps.caseStore, this.deps.clock, c, { answers });
  }
}
