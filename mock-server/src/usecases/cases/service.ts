/**
 * Case use cases: drafts, party actions, the automatic processing that accepts,
 * reviews, approves, records and issues with no human step, notices with seals delivered to
 * every party's message box, and the caller's cases, messages and certificates.
 *
 * Signing online is an e-signature (usecases/signing): the lifecycle's 'sign' step is
 * recorded here only as the effect of a valid e-signature (SigningService.sign); there is no
 * route that records it by itself. Counter intake records it as staff-witnessed (usecases/staff).
 */
import type { BusinessType, MaterialSource, PartyRole } from '../../domain/catalogue';
import {
  applyAction,
  availableActions,
  beijingDate,
  dueDates,
  planTransferRecording,
  planHolderIdentityChange,
  planMortgageCancellation,
  planMortgageRecording,
  type CaseAction,
  type CaseMaterial,
  type CaseParty,
  type CaseRecord,
  type MarriageCheck,
  type ReasonItem,
} from '../../domain/cases';
import {
  certificateIdentifiers,
  formatCaseNumber,
  formatNoticeNumber,
  NOTICE_TITLES,
  noticeBody,
  registryNameOf,
  serialKey,
  titleCertificateBody,
  mortgageProofBody,
  verifySeal,
  SEAL_CHECK_MESSAGES,
  type NoticeKind,
  type SealedDocument,
} from '../../domain/documents';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import { checkCitizenId } from '../../domain/identifiers';
import type { RegisterEvent, RestrictionState } from '../../domain/register';
import {
  marriagePendingMessage,
  needsSpouseConsent,
  resolveTarget,
  spousesToConsent,
  withRegisterParties,
  type Target,
} from './application';
import { runIntake, runReview, RULES_BY_CODE, type ReviewContext } from '../../domain/review';
import type {
  CaseStore,
  CatalogueRepository,
  Clock,
  HeldCertificate,
  Message,
  PartyDirectory,
  RegisterRepository,
  Sealer,
  StoredDocument,
  UnitView,
} from '../../ports';

export interface CaseDeps {
  store: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  catalogue: CatalogueRepository;
  sealer: Sealer;
  clock: Clock;
  newId: (prefix: string) => string;
}

/** The person calling (from the session). */
export interface PartyCaller {
  personId: string;
  name: string;
}

export interface PartyInput {
  /** 公民身份号码 or 统一社会信用代码 */
  idNumber: string;
  name: string;
  role: PartyRole;
  shareBasisPoints?: number;
}

export interface DraftInput {
  parties?: PartyInput[];
  newCoOwnership?: CaseRecord['newCoOwnership'];
  priceYuan?: number;
  answers?: Record<string, string>;
  materials?: CaseMaterial[];
  /** 抵押权首次登记 */
  mortgage?: CaseRecord['mortgage'];
  /** 变更登记: the caller's new name and ID number */
  identityChange?: { newName: string; newIdNumber: string };
}

export interface CaseView {
  case: CaseRecord;
  businessTypeName: string;
  location?: string;
  documents: StoredDocument[];
  availableActions: CaseAction[];
}

const conflict = (message: string) => new AppError('CONFLICT', message);

/** Statuses the machine moves on by itself (after a restart too). */
export const MACHINE_STATUSES = [
  'submitted',
  'corrected',
  'accepted',
  'review',
  'approved',
] as const;

/**
 * 'sign' is here for SigningService.sign only (the effect of a valid e-signature); the HTTP
 * routes expose every other action.
 */
const PARTY_ACTIONS = [
  'startSigning',
  'sign',
  'submit',
  'withdraw',
  'answerCorrection',
  'payTax',
] as const;
export type PartyAction = (typeof PARTY_ACTIONS)[number];

const COMPLETED: readonly string[] = ['issued', 'refused', 'notAccepted', 'withdrawn'];

export class CaseService {
  private readonly completionListeners: ((caseId: string) => void)[] = [];
  /** told when a party's submission is stored (the online contract is filed then) */
  private readonly submissionListeners: ((c: CaseRecord) => void)[] = [];
  /** the review's tax check by shared data (the tax department's sealed receipt) */
  private taxPaidCheck?: (c: CaseRecord) => boolean;

  onSubmitted(listener: (c: CaseRecord) => void): void {
    this.submissionListeners.push(listener);
  }

  checkTaxPaidWith(check: (c: CaseRecord) => boolean): void {
    this.taxPaidCheck = check;
  }

  /** how shared data resolved a checklist item (usecases/shared-data), read at submission */
  private materialResolver?: (
    c: CaseRecord,
    m: BusinessType['materials'][number],
  ) => CaseMaterial | undefined;

  useMaterialResolver(
    resolver: (c: CaseRecord, m: BusinessType['materials'][number]) => CaseMaterial | undefined,
  ): void {
    this.materialResolver = resolver;
  }

  /** `deps` and the helpers below marked public are also used by the staff use cases. */
  constructor(readonly deps: CaseDeps) {}

  /** further steps (invite, answerInquiry, uploadMaterial…) added to availableActions */
  private actionExtension?: (c: CaseRecord, personId: string, base: string[]) => string[];

  extendActions(fn: (c: CaseRecord, personId: string, base: string[]) => string[]): void {
    this.actionExtension = fn;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  businessType(code: string): BusinessType {
    const bt = this.deps.catalogue.current()?.businessTypes.find((b) => b.code === code);
    if (!bt) throw validationFailed('没有这个业务类型');
    return bt;
  }

  load(caseId: string): CaseRecord {
    const c = this.deps.store.get(caseId);
    if (!c) throw notFound('办件不存在');
    return c;
  }

  /** A case the caller takes part in; others get 404 so that case ids reveal nothing. */
  private loadForParty(caseId: string, caller: PartyCaller): CaseRecord {
    const c = this.deps.store.get(caseId);
    if (
      !c ||
      (!c.parties.some((p) => p.personId === caller.personId) && c.createdBy !== caller.personId)
    ) {
      throw notFound('办件不存在');
    }
    return c;
  }

  resolveParties(input: PartyInput[]): CaseParty[] {
    return input.map((p) => {
      const person = this.deps.store.personByIdNumber(p.idNumber);
      if (!person || person.name !== p.name.trim()) {
        throw validationFailed(`当事人“${p.name}”的姓名与证件号码不一致或未登记`);
      }
      return {
        personId: person.personId,
        name: person.name,
        role: p.role,
        ...(p.shareBasisPoints !== undefined ? { shareBasisPoints: p.shareBasisPoints } : {}),
      };
    });
  }

  /**
   * the register's parties of the business type and any spouse whose consent is needed,
   * by 民政's answer (`check`, fetched by usecases/shared-data before this synchronous step)
   */
  withRegisterParties(
    bt: BusinessType,
    unitCode: string,
    named: CaseParty[],
    mortgage: RestrictionState | undefined,
    check: MarriageCheck | undefined,
  ): CaseParty[] {
    return withRegisterParties(this.deps, bt, unitCode, named, mortgage, check);
  }

  /**
   * The unit a new draft is about (the same checks as createDraft: the business applied for
   * online, the unit the caller may name), so 民政 is asked about its holders before the draft.
   */
  draftTarget(
    caller: PartyCaller,
    input: {
      businessTypeCode: string;
      unitCode?: string;
      certificateNumber?: string;
      parties?: { role: string }[];
    },
  ): Target {
    const bt = this.businessType(input.businessTypeCode);
    if (!bt.application?.online)
      throw new AppError(
        'BUSINESS_NOT_ONLINE',
        bt.kind === 'query'
          ? '权属查询证明无需申请办件，请在“证照”中直接开具，即时出具'
          : '该业务暂未开放在线申请，请到窗口办理',
      );
    return resolveTarget(this.deps, bt, caller, input);
  }

  /** The spouses `check` says must consent who are not yet the case's consenting spouses. */
  spousesNeeded(c: CaseRecord, check: MarriageCheck): { personId: string; name: string }[] {
    const bt = this.businessType(c.businessTypeCode);
    return spousesToConsent(this.deps, bt, c.unitCode, check).filter(
      (x) => !c.parties.some((p) => p.personId === x.personId && p.role === 'consentingSpouse'),
    );
  }

  /**
   * 民政 answered again for a draft or a case being signed whose holders' marriage was unknown:
   * the check is stored and any spouse whose consent is now needed is added as a party (who must
   * then sign; callers wrap this in the signing's change tracking).
   */
  recordMarriageCheck(caseId: string, check: MarriageCheck): CaseRecord {
    const c = this.load(caseId);
    if (c.status !== 'draft' && c.status !== 'signing') return c;
    const bt = this.businessType(c.businessTypeCode);
    const mortgage = this.deps.register
      .unit(c.unitCode)
      ?.restrictions.find((r) => r.restrictionId === c.cancelsRestrictionId);
    const parties = this.withRegisterParties(bt, c.unitCode, c.parties, mortgage, check);
    const next: CaseRecord = {
      ...c,
      parties,
      marriageCheck: check,
      updatedAt: this.now(),
      version: c.version + 1,
    };
    this.deps.store.update(next, c.version);
    return next;
  }

  /**
   * 变更登记: the new name and ID number, checked (GB 11643) and not another person's. Public for
   * the staff console's counter intake.
   */
  identityChangeOf(
    personId: string,
    x: { newName: string; newIdNumber: string },
  ): NonNullable<CaseRecord['identityChange']> {
    const newIdNumber = x.newIdNumber.trim().toUpperCase();
    const id = checkCitizenId(newIdNumber);
    if (!id.ok) throw validationFailed(`变更后的公民身份号码不正确：${id.reason}`);
    const other = this.deps.store.personByIdNumber(newIdNumber);
    if (other && other.personId !== personId)
      throw validationFailed('变更后的公民身份号码已登记为他人的号码，请核对');
    return { personId, newName: x.newName.trim(), newIdNumber };
  }

  private applyDraftInput(c: CaseRecord, input: DraftInput, bt: BusinessType): Partial<CaseRecord> {
    const patch: Partial<CaseRecord> = {};
    if (input.parties) patch.parties = this.resolveParties(input.parties);
    if (input.newCoOwnership !== undefined) patch.newCoOwnership = input.newCoOwnership;
    if (input.priceYuan !== undefined) patch.priceYuan = input.priceYuan;
    if (input.mortgage !== undefined) {
      if (bt.application?.records !== 'mortgage') throw validationFailed('本业务不填写抵押信息');
      patch.mortgage = { ...input.mortgage };
    }
    if (input.identityChange !== undefined) {
      if (bt.application?.records !== 'holderIdentityChange')
        throw validationFailed('本业务不填写身份变更信息');
      patch.identityChange = this.identityChangeOf(c.createdBy, input.identityChange);
    }
    if (input.answers) patch.answers = { ...c.answers, ...input.answers };
    if (input.materials) {
      const known = new Set(bt.materials.map((m) => m.code));
      for (const m of input.materials) {
        if (!known.has(m.code)) throw validationFailed(`本业务没有“${m.code}”这项材料`);
      }
      const byCode = new Map(c.materials.map((m) => [m.code, m]));
      for (const m of input.materials) byCode.set(m.code, m);
      patch.materials = [...byCode.values()];
    }
    return patch;
  }

  // ------------------------------------------------------------ drafts

  createDraft(
    caller: PartyCaller,
    input: DraftInput & { businessTypeCode: string; unitCode?: string; certificateNumber?: string },
    /** 民政's answer on the unit's holders (business types where a spouse consents) */
    marriageCheck?: MarriageCheck,
  ): CaseView {
    const bt = this.businessType(input.businessTypeCode);
    const target = this.draftTarget(caller, input);
    const unitCode = target.unitCode;
    const at = this.now();
    const check = needsSpouseConsent(bt) ? marriageCheck : undefined;
    const parties = this.withRegisterParties(
      bt,
      unitCode,
      input.parties ? this.resolveParties(input.parties) : [],
      target.mortgage,
      check,
    );
    if (!parties.some((p) => p.personId === caller.personId)) {
      throw validationFailed('申请人本人必须是办件的当事人');
    }
    const view = this.deps.register.unit(unitCode);
    const base: CaseRecord = {
      caseId: this.deps.newId('CASE'),
      businessTypeCode: bt.code,
      businessTypeVersion: bt.version,
      status: 'draft',
      unitCode,
      ...(view?.right ? { unitCoOwnership: view.right.coOwnership } : {}),
      ...(target.mortgage ? { cancelsRestrictionId: target.mortgage.restrictionId } : {}),
      ...(check ? { marriageCheck: check } : {}),
      parties,
      answers: {},
      materials: [],
      createdBy: caller.personId,
      createdAt: at,
      updatedAt: at,
      timeline: [],
      version: 1,
    };
    const draft: CaseRecord = {
      ...base,
      ...this.applyDraftInput(base, { ...input, parties: undefined }, bt),
    };
    const r = applyAction(draft, 'edit', { kind: 'party', personId: caller.personId }, at, {
      partyName: caller.name,
      note: '创建申请',
    });
    if (!r.ok) throw conflict(r.reason);
    this.deps.store.insert(r.case);
    return this.view(r.case, caller);
  }

  editDraft(
    caller: PartyCaller,
    caseId: string,
    expectedVersion: number,
    input: DraftInput,
    /** 民政 answered again for holders whose marriage was unknown (asked before this edit) */
    marriageCheck?: MarriageCheck,
  ): CaseView {
    const c = this.loadForParty(caseId, caller);
    if (c.version !== expectedVersion) throw conflict('办件已被其他操作更新，请刷新后重试');
    const bt = this.businessType(c.businessTypeCode);
    const patch = this.applyDraftInput(c, input, bt);
    if (marriageCheck && needsSpouseConsent(bt)) {
      patch.marriageCheck = marriageCheck;
      patch.parties ??= c.parties;
    }
    if (patch.parties) {
      const mortgage = this.deps.register
        .unit(c.unitCode)
        ?.restrictions.find((r) => r.restrictionId === c.cancelsRestrictionId);
      patch.parties = this.withRegisterParties(
        bt,
        c.unitCode,
        patch.parties,
        mortgage,
        patch.marriageCheck ?? c.marriageCheck,
      );
    }
    if (patch.parties && !patch.parties.some((p) => p.personId === c.createdBy)) {
      throw validationFailed('申请人本人必须是办件的当事人');
    }
    const r = applyAction(c, 'edit', { kind: 'party', personId: caller.personId }, this.now(), {
      patch,
      partyName: caller.name,
    });
    if (!r.ok) throw conflict(r.reason);
    const next = { ...r.case, version: c.version + 1 };
    this.deps.store.update(next, c.version);
    return this.view(next, caller);
  }

  // ------------------------------------------------------------ reading

  view(c: CaseRecord, caller: PartyCaller): CaseView {
    const bt = this.businessType(c.businessTypeCode);
    const unit = this.deps.register.unit(c.unitCode);
    return {
      case: c,
      businessTypeName: bt.name,
      ...(unit ? { location: unit.unit.location } : {}),
      documents: this.deps.store.documentsOfCase(c.caseId),
      availableActions: this.extended(
        c,
        caller.personId,
        availableActions(c, { kind: 'party', personId: caller.personId }, bt),
      ),
    };
  }

  private extended(c: CaseRecord, personId: string, base: CaseAction[]): CaseAction[] {
    return (this.actionExtension ? this.actionExtension(c, personId, base) : base) as CaseAction[];
  }

  getCase(caller: PartyCaller, caseId: string): CaseView {
    return this.view(this.loadForParty(caseId, caller), caller);
  }

  document(caller: PartyCaller, caseId: string, documentId: string): StoredDocument {
    this.loadForParty(caseId, caller);
    const d = this.deps.store.documentsOfCase(caseId).find((x) => x.documentId === documentId);
    if (!d) throw notFound('文书不存在');
    return d;
  }

  myCases(caller: PartyCaller): CaseView[] {
    return this.deps.store.listByPerson(caller.personId).map((c) => this.view(c, caller));
  }

  myMessages(caller: PartyCaller): Message[] {
    return this.deps.store.messagesOf(caller.personId);
  }

  readMessage(caller: PartyCaller, messageId: string): Message {
    const m = this.deps.store.markRead(messageId, caller.personId, this.now());
    if (!m) throw notFound('消息不存在');
    return m;
  }

  // ------------------------------------------------------------ party actions

  act(
    caller: PartyCaller,
    caseId: string,
    action: PartyAction,
    input: {
      expectedVersion?: number;
      note?: string;
      materials?: CaseMaterial[];
      /** payTax: the 完税证明 number the registry verified by shared data */
      taxReceiptNo?: string;
      /**
       * submit: 民政 answered again (asked by the route before this synchronous step) for holders
       * whose marriage was unknown; it must not need a spouse who is not a party yet
       */
      marriageCheck?: MarriageCheck;
    } = {},
  ): CaseView {
    const c = this.loadForParty(caseId, caller);
    if (input.expectedVersion !== undefined && input.expectedVersion !== c.version) {
      throw conflict('办件已被其他操作更新，请刷新后重试');
    }
    const bt = this.businessType(c.businessTypeCode);
    const at = this.now();
    const patch: Partial<CaseRecord> = {};
    if (action === 'submit') {
      // whether a spouse must consent is 民政's answer; unknown, the case waits for it
      const check = (needsSpouseConsent(bt) && input.marriageCheck) || c.marriageCheck;
      const pending = needsSpouseConsent(bt) ? marriagePendingMessage(check) : undefined;
      if (pending) throw new AppError('MARRIAGE_STATUS_PENDING', pending);
      if (check !== c.marriageCheck && check) {
        const absent = this.spousesNeeded(c, check);
        if (absent.length)
          throw new AppError(
            'SPOUSE_CONSENT_REQUIRED',
            `婚姻登记信息显示需配偶${absent.map((x) => x.name).join('、')}同意，请先将其列为当事人并签名`,
          );
        patch.marriageCheck = check;
      }
      const date = beijingDate(at);
      patch.caseNumber = formatCaseNumber(date, this.deps.store.nextSerial(`case|${date}`));
      patch.materials = this.materialsAtSubmission(c, bt);
    }
    if (action === 'answerCorrection') {
      if (input.materials)
        patch.materials = this.applyDraftInput(c, { materials: input.materials }, bt).materials;
      if (c.correction)
        patch.correction = { ...c.correction, ...(input.note ? { note: input.note } : {}) };
    }
    if (action === 'payTax') {
      // simulated 税务: the payment is confirmed at once and shared as the tax receipt
      patch.materials = [
        ...c.materials.filter((m) => m.code !== 'taxReceipt'),
        {
          code: 'taxReceipt',
          source: 'sharedData',
          status: 'provided',
          ref: `税务:${input.taxReceiptNo ?? caseId}`,
        },
      ];
    }
    const r = applyAction(c, action, { kind: 'party', personId: caller.personId }, at, {
      businessType: bt,
      partyName: caller.name,
      patch,
      ...(input.note ? { note: input.note } : {}),
    });
    if (!r.ok) throw conflict(r.reason);
    const next = { ...r.case, version: c.version + 1 };
    this.deps.store.update(next, c.version);
    if (action === 'submit') for (const l of this.submissionListeners) l(next);
    this.process(caseId);
    return this.view(this.load(caseId), caller);
  }

  /** Shared items come from their data sources (条例§24); the online form is the application. */
  materialsAtSubmission(c: CaseRecord, bt: BusinessType): CaseMaterial[] {
    return bt.materials.map((m): CaseMaterial => {
      const given = c.materials.find((x) => x.code === m.code);
      if (given) return given;
      const resolved = this.materialResolver?.(c, m);
      if (resolved) return resolved;
      if (m.code === 'applicationForm') {
        return { code: m.code, source: 'scan', status: 'provided', ref: 'online-application' };
      }
      if (m.code === 'taxReceipt') return { code: m.code, source: 'sharedData', status: 'missing' };
      const source: MaterialSource = m.sources[0];
      return source === 'sharedData'
        ? { code: m.code, source, status: 'provided', ref: `${m.dataSource ?? '共享'}:${c.caseId}` }
        : { code: m.code, source, status: 'missing' };
    });
  }

  // ------------------------------------------------------------ automatic processing

  context(c: CaseRecord, bt: BusinessType): ReviewContext {
    const unit = this.deps.register.unit(c.unitCode);
    return {
      case: c,
      businessType: bt,
      unit: unit?.unit,
      right: unit?.right,
      restrictions: unit?.restrictions ?? [],
      spouseConsentFrom: spousesToConsent(this.deps, bt, c.unitCode, c.marriageCheck),
      people: Object.fromEntries(
        c.parties.flatMap((p) => {
          const x = this.deps.parties.person(p.personId);
          return x ? [[p.personId, { kind: x.kind, name: x.name, idNumber: x.idNumber }]] : [];
        }),
      ),
      taxPaid: this.taxPaidCheck ? this.taxPaidCheck(c) : Boolean(c.taxPaidAt),
    };
  }

  /** Moves a case on as far as the machine may; stops at a party, a staff member or the end. */
  process(caseId: string): CaseRecord {
    for (let i = 0; i < 12; i++) {
      const c = this.load(caseId);
      if (c.manualQueue) return c;
      const bt = this.businessType(c.businessTypeCode);
      switch (c.status) {
        case 'submitted':
        case 'corrected':
          this.intake(c, bt);
          break;
        case 'accepted':
          this.system(c, 'startReview', {});
          break;
        case 'review':
          this.review(c, bt);
          break;
        case 'approved':
          this.recordAndIssue(c, bt);
          break;
        default:
          if (COMPLETED.includes(c.status)) for (const l of this.completionListeners) l(caseId);
          return c;
      }
    }
    return this.load(caseId);
  }

  /** Told when a case completes (issued, refused, not accepted, withdrawn), to file it. */
  onCompleted(listener: (caseId: string) => void): void {
    this.completionListeners.push(listener);
  }

  /** After a restart: finish what the machine had started. */
  resumePending(): number {
    const pending = this.deps.store.listByStatus(MACHINE_STATUSES).filter((c) => !c.manualQueue);
    for (const c of pending) this.process(c.caseId);
    return pending.length;
  }

  private system(
    c: CaseRecord,
    action: CaseAction,
    patch: Partial<CaseRecord>,
    note?: string,
  ): CaseRecord {
    const r = applyAction(c, action, { kind: 'system' }, this.now(), {
      patch,
      ...(note ? { note } : {}),
    });
    if (!r.ok) throw conflict(r.reason);
    const next = { ...r.case, version: c.version + 1 };
    this.deps.store.update(next, c.version);
    return next;
  }

  private reasonsOf(results: { code: string; explanation: string }[]): ReasonItem[] {
    return results.map((r) => ({ code: r.code, explanation: r.explanation }));
  }

  basisOf(codes: string[]): string[] {
    return [...new Set(codes.map((c) => RULES_BY_CODE.get(c)?.basis ?? '').filter(Boolean))];
  }

  private intake(c: CaseRecord, bt: BusinessType): void {
    const out = runIntake(this.context(c, bt));
    const at = this.now();
    const reasons = this.reasonsOf(out.reasons);
    this.deps.store.transaction(() => {
      switch (out.decision) {
        case 'accept': {
          const due = dueDates(beijingDate(at), bt.promisedWorkingDays);
          const next = this.system(c, 'accept', { ...due });
          this.notice(next, bt, 'acceptanceReceipt', [], ['《不动产登记暂行条例》第十七条']);
          return;
        }
        case 'notAccept': {
          const next = this.system(c, 'notAccept', { decisionReasons: reasons });
          this.notice(
            next,
            bt,
            'nonAcceptanceNotice',
            reasons,
            this.basisOf(reasons.map((r) => r.code)),
          );
          return;
        }
        case 'requestCorrection': {
          const next = this.system(c, 'requestCorrection', {
            correction: { requestedAt: at, items: reasons },
          });
          this.notice(
            next,
            bt,
            'correctionNotice',
            reasons,
            this.basisOf(reasons.map((r) => r.code)),
          );
          return;
        }
        case 'queueForStaff':
          this.system(
            c,
            'queueForStaff',
            { manualQueue: { since: at, stage: 'intake', reasons } },
            '转人工审核',
          );
          return;
      }
    });
  }

  private review(c: CaseRecord, bt: BusinessType): void {
    const out = runReview(this.context(c, bt));
    const at = this.now();
    const reasons = this.reasonsOf(out.reasons);
    this.deps.store.transaction(() => {
      switch (out.decision) {
        case 'approve':
          this.system(c, 'approve', {});
          return;
        case 'refuse': {
          const next = this.system(c, 'refuse', { decisionReasons: reasons });
          this.notice(next, bt, 'refusalNotice', reasons, this.basisOf(reasons.map((r) => r.code)));
          return;
        }
        case 'queueForStaff':
          this.system(
            c,
            'queueForStaff',
            { manualQueue: { since: at, stage: 'review', reasons } },
            '转人工审核',
          );
          return;
        case 'awaitTax':
          this.system(c, 'awaitTax', {}, reasons.map((r) => r.explanation).join('；'));
          this.deliver(c, `${bt.name}：等待缴纳税款`, reasons.map((r) => r.explanation).join('；'));
          return;
      }
    });
  }

  deliver(c: CaseRecord, title: string, body: string, documentId?: string): void {
    const at = this.now();
    const people = [...new Set(c.parties.map((p) => p.personId))];
    this.deps.store.deliver(
      people.map((personId) => ({
        messageId: this.deps.newId('MSG'),
        personId,
        caseId: c.caseId,
        ...(documentId ? { documentId } : {}),
        title,
        body,
        deliveredAt: at,
      })),
    );
  }

  /** Numbers, seals, stores a notice and delivers it to every party's message box. */
  notice(
    c: CaseRecord,
    bt: BusinessType,
    kind: NoticeKind,
    reasons: ReasonItem[],
    basis: string[],
  ): void {
    const at = this.now();
    const issuedOn = beijingDate(at);
    const year = Number(issuedOn.slice(0, 4));
    const number = formatNoticeNumber(
      kind,
      year,
      this.deps.store.nextSerial(serialKey(kind, year)),
    );
    const unit = this.deps.register.unit(c.unitCode);
    const body = noticeBody({
      kind,
      number,
      issuedAt: at,
      issuedOn,
      caseNumber: c.caseNumber ?? '',
      businessTypeName: bt.name,
      unitCode: c.unitCode.length === 28 ? c.unitCode : c.unitCode.padEnd(28, '0').slice(0, 28),
      location: unit?.unit.location ?? '',
      addressees: [...new Set(c.parties.map((p) => p.name))],
      reasons,
      basis,
      ...(kind === 'acceptanceReceipt' && c.promisedDueOn
        ? { promisedDueOn: c.promisedDueOn, statutoryDueOn: c.statutoryDueOn }
        : {}),
    });
    const documentId = this.deps.newId('DOC');
    this.deps.store.saveDocument({
      documentId,
      kind,
      number,
      caseId: c.caseId,
      issuedAt: at,
      document: this.deps.sealer.seal(body) as unknown as SealedDocument,
    });
    this.deliver(c, `${NOTICE_TITLES[kind]}（${number}）`, body.text, documentId);
  }

  /**
   * 登簿 and 发证 in ONE transaction: register events, the old certificate cancelled (a paper one
   * announced void), the new certificate numbered, sealed and stored, the case recorded and
   * issued, every party told. A crash anywhere leaves all of it or none of it.
   */
  private recordAndIssue(c: CaseRecord, bt: BusinessType): void {
    const records = bt.application?.records ?? (bt.kind === 'transfer' ? 'transfer' : undefined);
    if (records === 'mortgage') return this.recordMortgage(c, bt);
    if (records === 'mortgageCancellation') return this.recordCancellation(c, bt);
    if (records === 'holderIdentityChange') return this.recordIdentityChange(c, bt);
    if (records !== 'transfer') throw conflict('该业务的登簿尚未开放');
    this.deps.store.transaction(() => {
      const { at, registeredOn, view, ids } = this.startRecording(c, 'titleCertificate');
      const rightId = this.deps.newId('RIGHT');
      const certificateId = this.deps.newId('CERT');
      const plan = planTransferRecording({
        case: c,
        unit: view.unit,
        currentRight: view.right,
        currentCertificate: view.certificate,
        ids: { eventId: this.deps.newId('EV'), rightId, certificateId },
        number: ids.number,
        licenceId: ids.licenceId,
        recordedAt: at,
        registeredOn,
      });
      // 预告转本: the advance notice of the buyer ends with the recording
      const buyers = new Set(
        c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.personId),
      );
      const ended = view.restrictions.filter(
        (r) => r.kind === 'advanceNotice' && r.rightHolderIds.every((id) => buyers.has(id)),
      );
      const names = new Map(c.parties.map((p) => [p.personId, p.name]));
      this.recordRightAndIssue(c, bt, {
        at,
        registeredOn,
        view,
        ids,
        rightId,
        certificateId,
        plan,
        events: [
          ...plan.events,
          ...ended.map((r) => ({
            eventId: this.deps.newId('EV'),
            type: 'restrictionCancelled' as const,
            recordedAt: at,
            restrictionId: r.restrictionId,
            cancelledOn: registeredOn,
          })),
        ],
        nameOf: (id) => names.get(id) ?? this.deps.parties.person(id)?.name ?? id,
        title: `不动产权证书已发放（${ids.number}）`,
        message: `${bt.name}已登簿，电子不动产权证书已发放。`,
      });
    });
  }

  /**
   * The common end of recording a new right (transfer, change of identity) inside the caller's
   * transaction: the register events, the void announcement of an old paper certificate, the
   * 登簿 step, the sealed 不动产权证书, the 发证 step and its delivery to the parties.
   */
  private recordRightAndIssue(
    c: CaseRecord,
    bt: BusinessType,
    r: {
      at: string;
      registeredOn: string;
      view: UnitView & { right: NonNullable<UnitView['right']> };
      ids: { number: string; licenceId: string };
      rightId: string;
      certificateId: string;
      plan: ReturnType<typeof planTransferRecording>;
      events: RegisterEvent[];
      nameOf: (personId: string) => string;
      title: string;
      message: string;
    },
  ): void {
    const { at, view, plan, ids } = r;
    this.deps.register.append(r.events);
    if (plan.voidAnnouncement) {
      this.deps.store.announceVoid({
        announcementId: this.deps.newId('VOID'),
        certificateId: plan.voidAnnouncement.certificateId,
        certificateNumber: plan.voidAnnouncement.certificateNumber,
        unitCode: c.unitCode,
        location: view.unit.location,
        caseId: c.caseId,
        announcedAt: at,
        reason: `因办理${bt.name}（业务号${c.caseNumber ?? ''}），原纸质证书公告作废`,
      });
    }
    const recorded = this.system(c, 'record', {
      recording: {
        kind: 'right',
        rightId: r.rightId,
        certificateId: r.certificateId,
        certificateNumber: ids.number,
        licenceId: ids.licenceId,
        recordedAt: at,
        supersededRightId: view.right.rightId,
        ...(view.certificate ? { supersededCertificateId: view.certificate.certificateId } : {}),
        voidAnnounced: Boolean(plan.voidAnnouncement),
      },
    });
    const right = plan.events[0].type === 'rightRecorded' ? plan.events[0].right : view.right;
    const body = titleCertificateBody({
      number: ids.number,
      licenceId: ids.licenceId,
      issuedAt: at,
      registeredOn: r.registeredOn,
      unit: view.unit,
      rightType: view.right.rightType,
      coOwnership: right.coOwnership,
      holders: right.holders,
      nameOf: r.nameOf,
      caseNumber: c.caseNumber ?? '',
      ...(view.certificate ? { previousCertificateNumber: view.certificate.number } : {}),
    });
    const documentId = this.deps.newId('DOC');
    this.deps.store.saveDocument({
      documentId,
      kind: 'titleCertificate',
      number: ids.number,
      caseId: c.caseId,
      certificateId: r.certificateId,
      issuedAt: at,
      document: this.deps.sealer.seal(body) as unknown as SealedDocument,
    });
    const issued = this.system(recorded, 'issue', {});
    this.deliver(
      issued,
      r.title,
      `${r.message}${plan.voidAnnouncement ? '原纸质证书已公告作废。' : '原证书已注销。'}`,
      documentId,
    );
  }

  /**
   * The start of recording a case that issues a certificate: now, the Beijing registration date,
   * the unit with its current right (409 without one), and the new certificate's number.
   */
  private startRecording(c: CaseRecord, kind: 'titleCertificate' | 'registrationProof') {
    const at = this.now();
    const registeredOn = beijingDate(at);
    const unit = this.deps.register.unit(c.unitCode);
    if (!unit?.right) throw conflict('登记簿中没有现势权利，无法登簿');
    const view = { ...unit, right: unit.right };
    const ids = this.numberCertificate(kind, c.unitCode, Number(registeredOn.slice(0, 4)));
    return { at, registeredOn, view, ids };
  }

  /** Numbers a certificate of the unit's registry for this year (不动产权 or 不动产证明). */
  private numberCertificate(
    kind: 'titleCertificate' | 'registrationProof',
    unitCode: string,
    year: number,
  ) {
    const registryName = registryNameOf(unitCode);
    const prefix = `浙(${year})${registryName}${kind === 'titleCertificate' ? '不动产权' : '不动产证明'}第`;
    const serial = this.deps.store.nextSerial(serialKey(kind, year, registryName), () =>
      this.deps.store.maxCertificateSerial(prefix),
    );
    return certificateIdentifiers({ kind, unitCode, year, serial });
  }

  /** 抵押权首次登记: the mortgage on the unit and its sealed 不动产登记证明 for the mortgagee. */
  private recordMortgage(c: CaseRecord, bt: BusinessType): void {
    this.deps.store.transaction(() => {
      const { at, registeredOn, view, ids } = this.startRecording(c, 'registrationProof');
      const restrictionId = this.deps.newId('RES');
      const certificateId = this.deps.newId('CERT');
      const plan = planMortgageRecording({
        case: c,
        unit: view.unit,
        currentRight: view.right,
        ids: { eventId: this.deps.newId('EV'), restrictionId, certificateId },
        number: ids.number,
        licenceId: ids.licenceId,
        recordedAt: at,
        registeredOn,
      });
      this.deps.register.append(plan.events);
      const recorded = this.system(c, 'record', {
        recording: {
          kind: 'mortgage',
          restrictionId,
          certificateId,
          certificateNumber: ids.number,
          licenceId: ids.licenceId,
          recordedAt: at,
          voidAnnounced: false,
        },
      });
      const nameOf = (id: string) =>
        c.parties.find((p) => p.personId === id)?.name ?? this.deps.parties.person(id)?.name ?? id;
      const terms = c.mortgage!;
      const mortgagee = c.parties.find((p) => p.role === 'mortgagee')!;
      const body = mortgageProofBody({
        number: ids.number,
        licenceId: ids.licenceId,
        issuedAt: at,
        registeredOn,
        unit: view.unit,
        mortgagee: mortgagee.name,
        mortgagors: view.right.holders.map((h) => nameOf(h.personId)),
        ...terms,
        caseNumber: c.caseNumber ?? '',
        ...(view.certificate ? { titleCertificateNumber: view.certificate.number } : {}),
      });
      const documentId = this.deps.newId('DOC');
      this.deps.store.saveDocument({
        documentId,
        kind: 'registrationProof',
        number: ids.number,
        caseId: c.caseId,
        certificateId,
        issuedAt: at,
        document: this.deps.sealer.seal(body) as unknown as SealedDocument,
      });
      const issued = this.system(recorded, 'issue', {});
      this.deliver(
        issued,
        `不动产登记证明已发放（${ids.number}）`,
        `${bt.name}已登簿，电子不动产登记证明（抵押权）已发放给抵押权人${mortgagee.name}。该不动产的证书核验将显示“已抵押”。`,
        documentId,
      );
    });
  }

  /** 抵押权注销登记: the mortgage ends and its registration proof is cancelled; nothing is issued. */
  private recordCancellation(c: CaseRecord, bt: BusinessType): void {
    this.deps.store.transaction(() => {
      const at = this.now();
      const registeredOn = beijingDate(at);
      const view = this.deps.register.unit(c.unitCode);
      const mortgage = view?.restrictions.find((r) => r.restrictionId === c.cancelsRestrictionId);
      if (!mortgage || mortgage.kind !== 'mortgage') throw conflict('登记簿中没有这项现势的抵押权');
      const proof = this.deps.register.certificateById(mortgage.certificateId);
      const plan = planMortgageCancellation({
        mortgage,
        eventId: this.deps.newId('EV'),
        recordedAt: at,
        registeredOn,
      });
      this.deps.register.append(plan.events);
      const recorded = this.system(c, 'record', {
        recording: {
          kind: 'mortgageCancellation',
          restrictionId: mortgage.restrictionId,
          certificateId: mortgage.certificateId,
          certificateNumber: proof?.number ?? '',
          licenceId: proof?.licenceId ?? '',
          recordedAt: at,
          voidAnnounced: false,
        },
      });
      const issued = this.system(recorded, 'issue', {}, '注销登记不发新证，原不动产登记证明已注销');
      this.deliver(
        issued,
        `抵押权已注销（${c.caseNumber ?? ''}）`,
        `${bt.name}已登簿，${view?.unit.location ?? ''}的抵押权已注销${proof ? `，不动产登记证明${proof.number}同时注销` : ''}。`,
      );
    });
  }

  /** 变更登记: the holder's new name / ID on the person and a re-issued 不动产权证书. */
  private recordIdentityChange(c: CaseRecord, bt: BusinessType): void {
    const change = c.identityChange;
    if (!change) throw conflict('没有身份变更信息');
    this.deps.store.transaction(() => {
      const { at, registeredOn, view, ids } = this.startRecording(c, 'titleCertificate');
      const rightId = this.deps.newId('RIGHT');
      const certificateId = this.deps.newId('CERT');
      const plan = planHolderIdentityChange({
        unit: view.unit,
        currentRight: view.right,
        currentCertificate: view.certificate,
        ids: { eventId: this.deps.newId('EV'), rightId, certificateId },
        number: ids.number,
        licenceId: ids.licenceId,
        recordedAt: at,
        registeredOn,
      });
      this.deps.parties.changeIdentity(change.personId, change.newName, change.newIdNumber);
      this.recordRightAndIssue(c, bt, {
        at,
        registeredOn,
        view,
        ids,
        rightId,
        certificateId,
        plan,
        events: plan.events,
        nameOf: (id) =>
          id === change.personId ? change.newName : (this.deps.parties.person(id)?.name ?? id),
        title: `不动产权证书已换发（${ids.number}）`,
        message: `${bt.name}已登簿，权利人信息已变更为“${change.newName}”，电子不动产权证书已换发。`,
      });
    });
  }

  // ------------------------------------------------------------ certificates and seals

  myCertificates(caller: PartyCaller): (HeldCertificate & { document?: StoredDocument })[] {
    return this.deps.store.certificatesOf(caller.personId).map((c) => {
      const document = this.deps.store.documentOfCertificate(c.certificateId);
      return { ...c, ...(document ? { document } : {}) };
    });
  }

  verifyDocument(doc: SealedDocument<unknown>): {
    valid: boolean;
    message: string;
    reason?: string;
    number?: string;
    certificateStatus?: string;
  } {
    const check = verifySeal(doc, this.deps.sealer.publicKeyHex);
    const body = (doc?.body ?? {}) as { number?: unknown; documentType?: unknown };
    const number = typeof body.number === 'string' ? body.number : undefined;
    if (!check.valid)
      return {
        valid: false,
        reason: check.reason,
        message: SEAL_CHECK_MESSAGES[check.reason],
        ...(number ? { number } : {}),
      };
    let certificateStatus: string | undefined;
    if (
      number &&
      (body.documentType === 'titleCertificate' || body.documentType === 'registrationProof')
    ) {
      certificateStatus = this.deps.store.certificateStatusByNumber(number);
    }
    return {
      valid: true,
      message: '电子印章有效，文件内容未被改动',
      ...(number ? { number } : {}),
      ...(certificateStatus ? { certificateStatus } : {}),
    };
  }
}

export const isPartyAction = (a: string): a is PartyAction =>
  (PARTY_ACTIONS as readonly string[]).includes(a);
