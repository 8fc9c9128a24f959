/**
 * The parties of a case: those a party names (checked against the people the registry knows),
 * those the register supplies (the holders, a mortgage's mortgagee) and any spouse whose consent
 * 民政's answer makes necessary (民法典 §1062); and the new name and ID number of a 变更登记.
 * Used by the online drafts and by the counter intake alike.
 */
import type { BusinessType } from '../../domain/catalogue';
import {
  isBeforeSubmission,
  transition,
  type CaseParty,
  type CaseRecord,
  type MarriageCheck,
} from '../../domain/cases';
import { validationFailed } from '../../domain/errors';
import { checkCitizenId } from '../../domain/identifiers';
import type { RestrictionState } from '../../domain/register';
import type { CaseStore, Clock, PartyDirectory, RegisterRepository } from '../../ports';
import type { CaseAccess } from './access';
import type { CaseEffects } from './effectsRunner';
import {
  resolveTarget,
  spousesToConsent,
  withRegisterParties,
  type Target,
  type TargetLookup,
} from './application';
import type { PartyInput } from './types';

export interface CasePartiesDeps {
  access: CaseAccess;
  store: Pick<CaseStore, 'personByIdNumber'>;
  register: RegisterRepository;
  parties: PartyDirectory;
  clock: Clock;
  /** the one effects runner: 民政's later answer stored within the signing's change tracking */
  effects: Pick<CaseEffects, 'tracked'>;
}

export class CaseParties {
  constructor(private readonly deps: CasePartiesDeps) {}

  /**
   * The unit (and for a cancellation the mortgage) a new case is about, named by unit code or
   * certificate number, checked as application.ts `resolveTarget` says.
   */
  target(
    bt: BusinessType,
    caller: { personId: string },
    input: { unitCode?: string; certificateNumber?: string; parties?: { role: string }[] },
    lookup: TargetLookup,
  ): Promise<Target> {
    return resolveTarget(this.deps, bt, caller, input, lookup);
  }

  /** The people named, each by ID number and the same name as the registry knows (else 422). */
  async resolveParties(input: PartyInput[]): Promise<CaseParty[]> {
    const out: CaseParty[] = [];
    for (const p of input) {
      const person = await this.deps.store.personByIdNumber(p.idNumber);
      if (!person || person.name !== p.name.trim()) {
        throw validationFailed(`当事人“${p.name}”的姓名与证件号码不一致或未登记`);
      }
      out.push({
        personId: person.personId,
        name: person.name,
        role: p.role,
        ...(p.shareBasisPoints !== undefined ? { shareBasisPoints: p.shareBasisPoints } : {}),
      });
    }
    return out;
  }

  /**
   * The register's parties of the business type and any spouse whose consent is needed, by
   * 民政's answer (`check`, fetched before this step)
   */
  withRegisterParties(
    bt: BusinessType,
    unitCode: string,
    named: CaseParty[],
    mortgage: RestrictionState | undefined,
    check: MarriageCheck | undefined,
  ): Promise<CaseParty[]> {
    return withRegisterParties(this.deps, bt, unitCode, named, mortgage, check);
  }

  /** The mortgage a cancellation case ends, as the register holds it now. */
  async cancelledMortgageOf(c: CaseRecord): Promise<RestrictionState | undefined> {
    return (await this.deps.register.unit(c.unitCode))?.restrictions.find(
      (r) => r.restrictionId === c.cancelsRestrictionId,
    );
  }

  /** The spouses `check` says must consent who are not yet the case's consenting spouses. */
  async spousesNeeded(
    c: CaseRecord,
    check: MarriageCheck,
  ): Promise<{ personId: string; name: string }[]> {
    const bt = await this.deps.access.businessType(c.businessTypeCode);
    return (await spousesToConsent(this.deps, bt, c.unitCode, check)).filter(
      (x) => !c.parties.some((p) => p.personId === x.personId && p.role === 'consentingSpouse'),
    );
  }

  /** The case's parties with any spouse whose consent `check` (民政's answer or a pledge) needs. */
  async partiesWith(c: CaseRecord, check: MarriageCheck): Promise<CaseParty[]> {
    const bt = await this.deps.access.businessType(c.businessTypeCode);
    return this.withRegisterParties(
      bt,
      c.unitCode,
      c.parties,
      await this.cancelledMortgageOf(c),
      check,
    );
  }

  /**
   * 民政 answered again for a draft or a case being signed whose holders' marriage was unknown:
   * the workflow's recordMarriageAnswer stores the check and adds any spouse whose consent is
   * now needed as a party (who must then sign), inside the signing's change tracking. A case
   * submitted meanwhile keeps what it has.
   */
  async recordMarriageCheck(caseId: string, check: MarriageCheck): Promise<void> {
    await this.deps.effects.tracked(caseId, async (store) => {
      const c = await this.deps.access.load(caseId);
      const bt = await this.deps.access.businessType(c.businessTypeCode);
      const at = this.deps.clock.now().toISOString();
      const r = transition(
        c,
        {
          type: 'recordMarriageAnswer',
          marriageCheck: check,
          parties: isBeforeSubmission(c) ? await this.partiesWith(c, check) : c.parties,
        },
        { businessType: bt, actor: { kind: 'system' }, at },
      );
      await store(c, r, { businessType: bt, at });
    });
  }

  /** 变更登记: the new name and ID number, checked (GB 11643) and not another person's. */
  async identityChangeOf(
    personId: string,
    x: { newName: string; newIdNumber: string },
  ): Promise<NonNullable<CaseRecord['identityChange']>> {
    const newIdNumber = x.newIdNumber.trim().toUpperCase();
    const id = checkCitizenId(newIdNumber);
    if (!id.ok) throw validationFailed(`变更后的公民身份号码不正确：${id.reason}`);
    const other = await this.deps.store.personByIdNumber(newIdNumber);
    if (other && other.personId !== personId)
      throw validationFailed('变更后的公民身份号码已登记为他人的号码，请核对');
    return { personId, newName: x.newName.trim(), newIdNumber };
  }
}
