/**
 * The 询问笔录 (inquiry record): the questions the business type asks each natural-person party
 * (question texts: docs/registry-facts.md §5), and their answers. Only the party reads and
 * answers their own; answers may change until the case is submitted, and a change voids the
 * signatures over the old answers.
 */
import { transition } from '../../domain/cases';
import { notFound } from '../../domain/errors';
import { questionsFor } from '../../domain/signing';
import type { Clock, SigningStore } from '../../ports';
import type { CaseEffects } from '../cases/effectsRunner';
import type { PartyCaller } from '../cases/types';
import { answersOf } from './answers';
import { openCase, type CaseReads } from './caseAccess';

export interface InquiriesDeps {
  cases: CaseReads;
  store: Pick<SigningStore, 'inquiriesOf'>;
  /** the cases' effects runner: the answers stored within the signing's change tracking */
  effects: Pick<CaseEffects, 'tracked'>;
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
    const at = deps.clock.now().toISOString();
    // the answers checked and stored (the initiator's are also the application's), the
    // signatures over the old answers voided: the workflow's answerInquiry and its effects
    const r = transition(
      c,
      { type: 'answerInquiry', partyId, answers },
      {
        businessType: bt,
        actor: { kind: 'party', personId: caller.personId },
        at,
        partyName: caller.name,
      },
    );
    await deps.effects.tracked(caseId, (store) => store(c, r, { businessType: bt, at }));
    return this.inquiry(caller, caseId, partyId);
  }
}
