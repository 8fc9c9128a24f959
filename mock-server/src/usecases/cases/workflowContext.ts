/**
 * The facts the workflow needs beyond the case itself to say what a party may do now: who has
 * answered their 询问笔录 and which parties are organisations (they sign with their e-seal and
 * are not questioned).
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord, WorkflowContext } from '../../domain/cases';
import type { PartyDirectory, SigningStore } from '../../ports';

export interface WorkflowContextsDeps {
  inquiries: Pick<SigningStore, 'inquiriesOf'>;
  parties: Pick<PartyDirectory, 'person'>;
}

export class WorkflowContexts {
  constructor(private readonly deps: WorkflowContextsDeps) {}

  async of(c: CaseRecord, bt: BusinessType): Promise<WorkflowContext> {
    const answered = await this.deps.inquiries.inquiriesOf(c.caseId);
    const organisationIds: string[] = [];
    for (const id of new Set(c.parties.map((p) => p.personId))) {
      if ((await this.deps.parties.person(id))?.kind === 'legal') organisationIds.push(id);
    }
    return {
      businessType: bt,
      inquiryAnsweredBy: answered.map((i) => i.partyId),
      organisationIds,
    };
  }
}
