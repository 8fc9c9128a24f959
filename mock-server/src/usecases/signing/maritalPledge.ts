/**
 * 婚姻状况承诺 (告知承诺): 民政 could not say whether this holder is married, so the holder
 * pledges it. Only the holder, for themself; only while 民政 has not answered for them and the
 * case is not submitted yet. 已婚 names the spouse (resolved in the population register), who
 * becomes a consenting spouse and must sign; the pledge joins the bundle (signed by everyone, so
 * signatures are voided) and supplies the `marriage` material as a commitment. The same pledge
 * again changes nothing.
 */
import {
  transition,
  type CaseParty,
  type CaseRecord,
  type MaritalCommitment,
  type MaritalStatus,
  type MarriageCheck,
} from '../../domain/cases';
import { isBeforeSubmission } from '../../domain/cases/status';
import { validationFailed } from '../../domain/errors';
import { checkCitizenId } from '../../domain/identifiers';
import { beijingDate } from '../../domain/time';
import type { CaseStore, Clock } from '../../ports';
import { maritalCommitmentText } from '../cases/application';
import type { CaseEffects } from '../cases/effectsRunner';
import type { CaseView, PartyCaller } from '../cases/types';
import { err, openCase, type CaseReads } from './caseAccess';

export interface MaritalPledgeInput {
  personId: string;
  maritalStatus: MaritalStatus;
  spouse?: { name: string; idNumber: string };
}

export interface MaritalPledgeDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'get' | 'personByIdNumber'>;
  /** the case's parties with a consenting spouse the pledge's answer names */
  partiesWith: (c: CaseRecord, check: MarriageCheck) => Promise<CaseParty[]>;
  /** the cases' effects runner: the pledge stored within the signing's change tracking */
  effects: Pick<CaseEffects, 'tracked'>;
  clock: Clock;
}

type Spouse = { personId: string; name: string; idNumber: string };

export class MaritalPledge {
  constructor(private readonly deps: MaritalPledgeDeps) {}

  async pledge(caller: PartyCaller, caseId: string, input: MaritalPledgeInput): Promise<CaseView> {
    const { deps } = this;
    const { c, bt } = await openCase(deps.cases, caller, caseId); // 404 unless a party
    if (input.personId !== caller.personId)
      throw err('MARITAL_COMMITMENT_NOT_YOURS', '婚姻状况承诺须由权利人本人作出，他人不能代为承诺');
    const mine = c.marriageCheck?.holders.find((h) => h.personId === caller.personId);
    if (!mine) throw err('MARITAL_COMMITMENT_NOT_YOURS', '本办件无需您作出婚姻状况承诺');
    if (!isBeforeSubmission(c))
      throw err('MARITAL_COMMITMENT_NOT_NEEDED', '办件已提交，不能再作出婚姻状况承诺');
    if (mine.status !== 'unknown' && !mine.commitment)
      throw err('MARITAL_COMMITMENT_NOT_NEEDED', '民政已答复您的婚姻状况，无需再作承诺');
    const married = input.maritalStatus === '已婚';
    if (married !== Boolean(input.spouse))
      throw validationFailed(
        married ? '已婚请填写配偶的姓名和公民身份号码' : '未婚、离婚或丧偶无需填写配偶信息',
      );
    const spouse = input.spouse ? await this.spouseOf(caller, input.spouse) : undefined;
    const prev = mine.commitment;
    if (prev && prev.maritalStatus === input.maritalStatus && prev.spouseId === spouse?.personId)
      return deps.cases.getCase(caller, caseId);
    const now = deps.clock.now().toISOString();
    const commitment: MaritalCommitment = {
      maritalStatus: input.maritalStatus,
      ...(spouse ? { spouseId: spouse.personId, spouseName: spouse.name } : {}),
      committedBy: caller.personId,
      committedAt: now,
      text: maritalCommitmentText(
        c.parties.find((p) => p.personId === caller.personId)?.name ?? caller.name,
        input.maritalStatus,
        spouse,
      ),
    };
    const check: MarriageCheck = {
      checkedAt: c.marriageCheck?.checkedAt ?? now,
      holders: (c.marriageCheck?.holders ?? []).map((h) => {
        if (h.personId !== caller.personId) return h;
        const { spouseId: _s, registeredOn: _r, laterAnswer: _l, ...rest } = h;
        return {
          ...rest,
          status: married ? ('married' as const) : ('unmarried' as const),
          ...(spouse ? { spouseId: spouse.personId } : {}),
          commitment,
        };
      }),
    };
    // the workflow's pledgeMaritalStatus on the case as it is now: the check and the parties it
    // needs stored, the marriage material committed, the signatures over the old bundle voided
    await deps.effects.tracked(caseId, async (store) => {
      const before = (await deps.caseStore.get(caseId)) as CaseRecord;
      // a spouse pledged before but no longer named leaves the case
      const kept = before.parties.filter(
        (p) =>
          !(
            prev?.spouseId &&
            prev.spouseId !== spouse?.personId &&
            p.personId === prev.spouseId &&
            p.role === 'consentingSpouse'
          ),
      );
      const parties = await deps.partiesWith({ ...before, parties: kept }, check);
      const r = transition(
        before,
        { type: 'pledgeMaritalStatus', personId: caller.personId, marriageCheck: check, parties },
        { businessType: bt, actor: { kind: 'party', personId: caller.personId }, at: now },
      );
      await store(before, r, { businessType: bt, at: now });
    });
    return deps.cases.getCase(caller, caseId);
  }

  /** The named spouse, found in the population register by ID number and the same name. */
  private async spouseOf(
    caller: PartyCaller,
    input: { name: string; idNumber: string },
  ): Promise<Spouse> {
    const id = checkCitizenId(input.idNumber, beijingDate(this.deps.clock.now()));
    if (!id.ok) throw validationFailed(`配偶的公民身份号码有误：${id.reason}`);
    const name = input.name.trim();
    const person = await this.deps.caseStore.personByIdNumber(id.value.idNumber);
    if (!person || person.kind !== 'natural' || person.name !== name)
      throw err(
        'SPOUSE_NOT_FOUND',
        '人口信息中未查到该配偶（姓名与公民身份号码不一致或不存在），请核对后重新填写',
      );
    if (person.personId === caller.personId) throw validationFailed('配偶不能是本人');
    return { personId: person.personId, name: person.name, idNumber: person.idNumber };
  }
}
