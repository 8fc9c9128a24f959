/**
 * 窗口受理: a staff member keys in the application of a walk-in applicant who cannot apply online
 * (seed 五(一)), for every business type that is recorded: a transfer, a mortgage (the mortgagee
 * bank and the terms), a mortgage's cancellation (the mortgage named by its 不动产登记证明号) or a
 * change of the holder's name or ID number. The register's parties and any spouse whose consent
 * 民政's answer requires are added as online (usecases/cases/application.ts); while 民政 has not
 * answered for a holder, the intake is refused (409 MARRIAGE_STATUS_PENDING). The parties sign in
 * person before the staff member; the case is then submitted and processed like any other — the
 * same rules, recording plans and documents. A refused intake (4xx) stores nothing but its audit
 * row.
 */
import {
  beijingDate,
  transition,
  type CaseCommand,
  type CaseEffect,
  type CaseMaterial,
  type CaseParty,
  type CaseRecord,
  type MarriageCheck,
} from '../../domain/cases';
import type { BusinessType } from '../../domain/catalogue';
import { formatCaseNumber } from '../../domain/documents';
import { checkInquiry, questionsFor } from '../../domain/signing';
import { AppError, isAppError, validationFailed } from '../../domain/errors';
import { counterIntakeEntry, type StaffMember } from '../../domain/staff';
import type { RestrictionState } from '../../domain/register';
import type { CaseStore, Clock, RegisterRepository, StaffStore } from '../../ports';
import {
  marriagePendingMessage,
  needsSpouseConsent,
  resolveTarget,
  type ApplicationDeps,
  type TargetLookup,
} from '../cases/application';
import type { CaseEffects } from '../cases/effectsRunner';
import { reissueOf } from '../cases/reissue';
import type { CaseView, PartyInput } from '../cases/types';
import { checkCounterFields, type CounterIntakeInput } from './counterFields';
import type { MarriageChecks } from '../shared-data/marriage';
import type { ClientInfo, StaffAudit } from './audit';

/** staff name the unit with both sides present: the register's detailed answers */
const COUNTER: TargetLookup = { by: 'counter' };

/** What the counter needs of the case use cases: the same checks as an online application. */
export interface CounterCaseRules {
  businessType(code: string): Promise<BusinessType>;
  /** each named party is a registered person with that name (400 otherwise) */
  resolveParties(input: PartyInput[]): Promise<CaseParty[]>;
  /** the register's parties of the business type and any spouse whose consent is needed */
  withRegisterParties(
    bt: BusinessType,
    unitCode: string,
    named: CaseParty[],
    mortgage: RestrictionState | undefined,
    check: MarriageCheck | undefined,
  ): Promise<CaseParty[]>;
  /** 变更登记: the new name and ID number, checked */
  identityChangeOf(
    personId: string,
    x: { newName: string; newIdNumber: string },
  ): Promise<NonNullable<CaseRecord['identityChange']>>;
  /** the checklist as submitted: shared items reference their records */
  materialsAtSubmission(c: CaseRecord, bt: BusinessType): Promise<CaseMaterial[]>;
  viewCase(c: CaseRecord): Promise<CaseView>;
}

export interface CounterIntakeDeps {
  cases: CounterCaseRules;
  caseStore: Pick<CaseStore, 'insert' | 'nextSerial' | 'get'>;
  /** the transaction the new case and its audit row share */
  staff: Pick<StaffStore, 'transaction'>;
  register: Pick<RegisterRepository, 'unit'>;
  /** the register and the persons, for the unit the application names */
  application: ApplicationDeps;
  /** 民政's sealed answer on the holders' marriage, asked before the intake; absent: not asked */
  marriage?: MarriageChecks;
  /** the one effects runner of the cases (the machine takes the case on) */
  effects: Pick<CaseEffects, 'inside' | 'after'>;
  newId: (prefix: string) => string;
  audit: StaffAudit;
  clock: Clock;
}

export class CounterIntake {
  constructor(private readonly deps: CounterIntakeDeps) {}

  /**
   * Asks 民政 about the holders of the unit the input names (when it names one), keys the case
   * in, keeps 民政's records with it, and answers the case as staff see it.
   */
  async intake(
    staff: StaffMember,
    input: CounterIntakeInput,
    client: ClientInfo,
  ): Promise<CaseView> {
    const m = this.deps.marriage;
    const unitCode = m ? await this.unitOf(input) : undefined;
    const pending = m && unitCode ? await m.forUnit(input.businessTypeCode, unitCode) : undefined;
    const c = await this.keyIn(staff, input, client, pending?.check);
    if (m && pending && c.marriageCheck) await m.keep(c.caseId, pending);
    return this.deps.cases.viewCase(c);
  }

  /** The unit the input names, as keyIn resolves it; undefined when the input is refused. */
  private async unitOf(input: CounterIntakeInput): Promise<string | undefined> {
    const { cases } = this.deps;
    try {
      const bt = await cases.businessType(input.businessTypeCode);
      const named = await cases.resolveParties(input.parties);
      if (!named[0]) return undefined;
      const target = await resolveTarget(
        this.deps.application,
        bt,
        named[0],
        {
          ...(input.unitCode !== undefined ? { unitCode: input.unitCode } : {}),
          ...(input.certificateNumber !== undefined
            ? { certificateNumber: input.certificateNumber }
            : {}),
          parties: input.parties,
        },
        COUNTER,
      );
      return target.unitCode;
    } catch {
      return undefined;
    }
  }

  private async keyIn(
    staff: StaffMember,
    input: CounterIntakeInput,
    client: ClientInfo,
    marriageCheck?: MarriageCheck,
  ): Promise<CaseRecord> {
    const { cases } = this.deps;
    const store = this.deps.caseStore;
    let caseId: string | undefined;
    let following: CaseEffect[] = [];
    let keyed: CaseRecord;
    try {
      const bt = await cases.businessType(input.businessTypeCode);
      const records = bt.application?.records;
      if (!records)
        throw new AppError(
          'BUSINESS_NOT_AT_COUNTER',
          bt.kind === 'query'
            ? '权属查询证明不需要受理办件，请为申请人直接查询并打印证明'
            : '该业务暂不能窗口受理',
        );
      checkCounterFields(bt.name, records, input);
      if (input.parties.length === 0) throw validationFailed('请填写当事人');
      const named = await cases.resolveParties(input.parties);
      const applicant = named[0];
      const target = await resolveTarget(
        this.deps.application,
        bt,
        applicant,
        {
          ...(input.unitCode !== undefined ? { unitCode: input.unitCode } : {}),
          ...(input.certificateNumber !== undefined
            ? { certificateNumber: input.certificateNumber }
            : {}),
          parties: input.parties,
        },
        COUNTER,
      );
      const unitCode = target.unitCode;
      if (
        input.unitCode !== undefined &&
        input.unitCode.replace(/\s+/g, '').toUpperCase() !== unitCode
      )
        throw validationFailed('不动产单元号与证书号记载的不动产不一致，请核对');
      // a spouse whose consent 民政's answer requires signs at the counter too; without
      // an answer from 民政 the counter cannot tell, so the intake waits for it
      const check = needsSpouseConsent(bt) ? marriageCheck : undefined;
      const pending = needsSpouseConsent(bt) ? marriagePendingMessage(check) : undefined;
      if (pending) throw new AppError('MARRIAGE_STATUS_PENDING', pending);
      const parties = await cases.withRegisterParties(bt, unitCode, named, target.mortgage, check);
      const unitView = await this.deps.register.unit(unitCode);
      const right = unitView?.right;
      let identityChange: CaseRecord['identityChange'];
      if (input.identityChange) {
        if (
          applicant.role !== 'rightHolder' ||
          !right?.holders.some((x) => x.personId === applicant.personId)
        )
          throw validationFailed(
            '变更姓名或身份证号的申请人（第一位当事人）必须是该不动产的权利人',
          );
        identityChange = await cases.identityChangeOf(applicant.personId, input.identityChange);
      }
      const known = new Set(bt.materials.map((m) => m.code));
      for (const m of input.materials ?? []) {
        if (!known.has(m.code)) throw validationFailed(`本业务没有“${m.code}”这项材料`);
      }
      const at = this.deps.clock.now().toISOString();
      const counterNote = `窗口当面办理，经办人：${staff.displayName}`;
      let c: CaseRecord = {
        caseId: this.deps.newId('CASE'),
        businessTypeCode: bt.code,
        businessTypeVersion: bt.version,
        status: 'draft',
        unitCode,
        ...(right ? { unitCoOwnership: right.coOwnership } : {}),
        ...(target.mortgage ? { cancelsRestrictionId: target.mortgage.restrictionId } : {}),
        ...(input.mortgage ? { mortgage: { ...input.mortgage } } : {}),
        ...(identityChange ? { identityChange } : {}),
        ...(check ? { marriageCheck: check } : {}),
        ...reissueOf(bt, unitView),
        parties,
        answers: {},
        materials: [...(input.materials ?? [])],
        ...(input.newCoOwnership ? { newCoOwnership: input.newCoOwnership } : {}),
        ...(input.priceYuan !== undefined ? { priceYuan: input.priceYuan } : {}),
        createdBy: applicant.personId,
        createdAt: at,
        updatedAt: at,
        timeline: [counterIntakeEntry(staff, at)],
        version: 1,
      };
      // The applicant's 询问笔录 is asked in person and recorded exactly as answered (the staff
      // member witnesses it, never fills it in): checked like an online answer (a required
      // question unanswered, a choice that is not one of the choices, or a blocking answer
      // refuses the intake, 422), then kept as the applicant's own inquiry record.
      const asked = questionsFor(c, bt);
      const given = checkInquiry(asked, input.answers ?? {});
      if (!given.ok) throw new AppError(given.code, given.message);
      c = { ...c, answers: given.answers };
      const inquiryNote = `询问笔录由申请人当面作答，经办人${staff.displayName}见证并如实记录`;
      // In person at the counter (not an online signing, so no e-signature): each party signs
      // the paper application before the staff member, and the 'sign' step is recorded as
      // staff-witnessed with the staff member named as witness. Online (party) signing exists
      // only as an e-signature through POST /cases/:id/signatures (usecases/signing).
      const witnessNote = `窗口当面签署，见证人：${staff.displayName}（${staff.post}）`;
      // the staff member asks every party's 询问笔录 in person, as they sign
      const ctx = { businessType: bt, at, inquiryAnsweredBy: parties.map((p) => p.personId) };
      const effects: CaseEffect[] = asked.length
        ? [{ type: 'saveInquiry', partyId: applicant.personId, answers: given.answers }]
        : [];
      const step = (personId: string, command: CaseCommand) => {
        try {
          const r = transition(c, command, { ...ctx, actor: { kind: 'party', personId } });
          c = r.next;
          effects.push(...r.effects);
        } catch (e) {
          throw isAppError(e) ? validationFailed(e.message) : e;
        }
      };
      step(applicant.personId, {
        type: 'startSigning',
        note: asked.length ? `${counterNote}；${inquiryNote}` : counterNote,
      });
      for (const personId of new Set(parties.map((p) => p.personId)))
        step(personId, { type: 'sign', note: witnessNote });
      const date = beijingDate(at);
      const serial = await store.nextSerial(`case|${date}`);
      step(applicant.personId, {
        type: 'submit',
        caseNumber: formatCaseNumber(date, serial),
        materials: await cases.materialsAtSubmission(c, bt),
        note: counterNote,
      });
      // keyed in at its first version
      c = { ...c, version: 1 };
      caseId = c.caseId;
      const created = c;
      keyed = created;
      following = await this.deps.staff.transaction(async () => {
        await store.insert(created);
        const later = await this.deps.effects.inside(created, effects, { businessType: bt, at });
        await this.deps.audit.record(
          staff,
          'counterIntake',
          client,
          'ok',
          {
            businessTypeCode: bt.code,
            unitCode: created.unitCode,
            caseNumber: created.caseNumber,
            ...(created.cancelsRestrictionId
              ? { cancelsRestrictionId: created.cancelsRestrictionId }
              : {}),
            note: input.note ?? null,
          },
          created.caseId,
        );
        return later;
      });
    } catch (e) {
      if (!caseId) {
        await this.deps.audit.record(staff, 'counterIntake', client, 'refused', {
          businessTypeCode: input.businessTypeCode,
          ...(e instanceof AppError ? { code: e.code } : {}),
          message: e instanceof Error ? e.message : String(e),
          ...(input.unitCode ? { unitCode: input.unitCode } : {}),
        });
      }
      throw e;
    }
    // of what follows a submission, the counter keeps to the machine carrying on: every party
    // signed in person (no organisation's e-seal is asked) and the online submission's
    // listeners (shared data fetched again, the online contract filed) are not started here
    await this.deps.effects.after(
      keyed,
      following.filter((e) => e.type === 'continueProcessing'),
    );
    return (await store.get(keyed.caseId)) ?? keyed;
  }
}
