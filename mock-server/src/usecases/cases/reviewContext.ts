/**
 * What the intake and review rules look at for a case: the unit with its right and restrictions,
 * the spouses whose consent 民政's answer requires, the parties as the registry knows them and
 * their 询问笔录, and
 * whether the tax is paid (the tax department's sealed receipt, by shared data).
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { RULES_BY_CODE, type ReviewContext } from '../../domain/review';
import type { PartyDirectory, RegisterRepository, SigningStore } from '../../ports';
import { spousesToConsent } from './application';

export interface ReviewContextsDeps {
  register: RegisterRepository;
  parties: PartyDirectory;
  /** whether the tax of the case is paid, by the tax department's shared receipt */
  taxPaid: (c: CaseRecord) => Promise<boolean>;
  /** whether the registration fee is paid (the 财政电子票据 verified) or nothing is owed */
  feePaid?: (c: CaseRecord, bt: BusinessType) => Promise<boolean>;
  /** each party's stored 询问笔录 (a declared dispute goes to staff) */
  inquiries: Pick<SigningStore, 'inquiriesOf'>;
}

export class ReviewContexts {
  constructor(private readonly deps: ReviewContextsDeps) {}

  async of(c: CaseRecord, bt: BusinessType): Promise<ReviewContext> {
    const unit = await this.deps.register.unit(c.unitCode);
    const taxPaid = await this.deps.taxPaid(c);
    return {
      case: c,
      businessType: bt,
      unit: unit?.unit,
      right: unit?.right,
      ...(unit?.certificate ? { certificate: unit.certificate } : {}),
      restrictions: unit?.restrictions ?? [],
      spouseConsentFrom: await spousesToConsent(this.deps, bt, c.unitCode, c.marriageCheck),
      people: Object.fromEntries(
        (
          await Promise.all(
            c.parties.map(async (p) => {
              const x = await this.deps.parties.person(p.personId);
              return x ? [[p.personId, { kind: x.kind, name: x.name, idNumber: x.idNumber }]] : [];
            }),
          )
        ).flat(),
      ),
      taxPaid,
      ...(this.deps.feePaid ? { feePaid: await this.deps.feePaid(c, bt) } : {}),
      inquiries: (await this.deps.inquiries.inquiriesOf(c.caseId)).map((i) => ({
        partyId: i.partyId,
        answers: i.answers,
      })),
    };
  }
}

/** The legal bases of the rules that decided, each once (for a notice's 依据). */
export const basisOf = (codes: string[]): string[] => [
  ...new Set(codes.map((c) => RULES_BY_CODE.get(c)?.basis ?? '').filter(Boolean)),
];
