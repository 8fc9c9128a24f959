/**
 * A party submits their case: the one use case behind `POST /cases/:id/submit`.
 *
 * 1. 民政 is asked again about a holder whose marriage it had not answered; an answer that needs
 *    a spouse who is not a party yet adds her (the signatures are voided: she must sign too, so
 *    this submission is then refused until everyone has signed again).
 * 2. The online contract is filed with the housing department once every party has signed its
 *    current terms (网签备案), and everything the data sources can share is fetched, so the
 *    submission stores the references of the sealed records.
 * 3. Once per Idempotency-Key (a double tap or a retry submits once): every party must have a
 *    current e-signature (电子签名法 §13–14; 409 SIGNATURES_INCOMPLETE), then the lifecycle's
 *    submit step runs and the machine takes the case on, all in one transaction with the
 *    recorded answer (on whichever node the retry arrives); the listeners follow its commit.
 *
 * A refused submission leaves the filing (idempotent per case, terms locked) for the next try.
 */
import type { CaseMaterial, CaseRecord, MarriageCheck } from '../../domain/cases';
import type { Idempotency } from '../shared/idempotency';
import type { CaseAccess } from './access';
import type { MarriageAnswers } from './marriage';
import type { CaseParties } from './parties';
import type { PartyActions } from './partyActions';
import type { CaseView, PartyCaller } from './types';

/** The submission as the party sent it (its JSON is the idempotency fingerprint). */
export interface SubmitInput {
  version?: number;
  note?: string;
  materials?: CaseMaterial[];
}

export interface SubmitCaseDeps {
  access: CaseAccess;
  marriage: MarriageAnswers;
  parties: Pick<CaseParties, 'spousesNeeded' | 'recordMarriageCheck'>;
  actions: Pick<PartyActions, 'act'>;
  idempotency: Idempotency;
  signatures: {
    /** 409 SIGNATURES_INCOMPLETE unless every party signed the current bundle */
    /** `readerId`: who submits (reads the refusal): their own name stays in full */
    assertSignedForSubmission(caseId: string, readerId: string): Promise<void> | void;
  };
  /**
   * files the online contract when every party has signed its current terms (idempotent), then
   * fetches every item the data sources can share (for a case still before submission)
   */
  beforeSubmission: (caller: PartyCaller, caseId: string) => Promise<unknown>;
}

export class SubmitCase {
  constructor(private readonly deps: SubmitCaseDeps) {}

  async submit(
    caller: PartyCaller,
    caseId: string,
    input: SubmitInput,
    idempotencyKey?: string,
  ): Promise<CaseView> {
    const { access, signatures } = this.deps;
    const check = await this.marriageAnswer(await access.loadForParty(caseId, caller));
    await this.deps.beforeSubmission(caller, caseId);
    return this.deps.idempotency.run(
      caller.personId,
      idempotencyKey,
      `submit|${caseId}|${JSON.stringify(input)}`,
      async () => {
        await signatures.assertSignedForSubmission(caseId, caller.personId);
        return this.deps.actions.act(caller, caseId, 'submit', {
          ...(input.version !== undefined ? { expectedVersion: input.version } : {}),
          ...(check ? { marriageCheck: check } : {}),
          ...(input.note ? { note: input.note } : {}),
          ...(input.materials ? { materials: input.materials } : {}),
        });
      },
    );
  }

  /**
   * 民政's fresh answer to store with the submission, or undefined when there is none or it
   * added a spouse to the case (stored at once; the submission then waits for her signature).
   */
  private async marriageAnswer(c: CaseRecord): Promise<MarriageCheck | undefined> {
    const { marriage, parties } = this.deps;
    const again = await marriage.askAgain(c);
    if (!again) return undefined;
    await marriage.keep(c.caseId, again);
    const fresh = await this.deps.access.load(c.caseId);
    if ((await parties.spousesNeeded(fresh, again.check)).length === 0) return again.check;
    await parties.recordMarriageCheck(c.caseId, again.check);
    return undefined;
  }
}
