/**
 * Staff use cases: console login and sessions (separate from citizens'),
 * the manual review queue, a case's detail with its rule results, the decisions accept /
 * request correction / not accept / approve / refuse, and counter intake for a walk-in
 * applicant (实施意见 五(一)). Every staff action — refused ones too — is written to staff_audit.
 *
 * Decisions go through the case lifecycle with a staff caller, so the timeline shows the staff
 * member's name for the steps they took; notices are numbered, sealed and delivered by the
 * case use cases; after a decision the machine continues (record + issue after an approval).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  applyAction,
  beijingDate,
  dueDates,
  type CaseRecord,
  type CaseAction,
  type MarriageCheck,
} from '../../domain/cases';
import { formatCaseNumber, type NoticeKind } from '../../domain/documents';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import { unauthenticated } from '../../domain/identity';
import { evaluateStage, runReview, RULES_BY_CODE } from '../../domain/review';
import {
  checkReasons,
  counterIntakeEntry,
  lifecycleActionFor,
  staffDecisionsFor,
  staffSessionLive,
  STAFF_DECISION_LABELS,
  STAFF_LOCK_MS,
  STAFF_MAX_FAILURES,
  type StaffDecisionKind,
  type StaffMember,
} from '../../domain/staff';
import type { Clock, PasswordHasher, StaffAuditEntry, StaffStore } from '../../ports';
import type { BusinessType } from '../../domain/catalogue';
import { marriagePendingMessage, needsSpouseConsent, resolveTarget } from '../cases/application';
import type { CaseService, CaseView, DraftInput, PartyInput } from '../cases/service';

export interface StaffDeps {
  staff: StaffStore;
  hasher: PasswordHasher;
  cases: CaseService;
  clock: Clock;
}

/** Where a request came from, for the audit. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export interface StaffSession {
  staff: StaffMember;
  csrfToken: string;
}

export interface RuleResultView {
  code: string;
  title: string;
  stage: string;
  passed: boolean;
  explanation: string;
  outcomeOnFail: string;
}

export interface StaffCaseView {
  view: CaseView;
  ruleResults: RuleResultView[];
  decisions: StaffDecisionKind[];
  taxOutstanding: boolean;
  audit: StaffAuditEntry[];
}

export interface QueueItem {
  case: CaseRecord;
  businessTypeName: string;
  location?: string;
}

const conflict = (message: string) => new AppError('CONFLICT', message);
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Statuses in which a case may sit in the manual queue. */
const QUEUE_STATUSES = ['submitted', 'corrected', 'review', 'taxPending'] as const;

const NOTICE_OF: Partial<Record<CaseAction, NoticeKind>> = {
  accept: 'acceptanceReceipt',
  requestCorrection: 'correctionNotice',
  notAccept: 'nonAcceptanceNotice',
  refuse: 'refusalNotice',
};
const BASIS_OF: Partial<Record<CaseAction, string>> = {
  accept: '《不动产登记暂行条例》第十七条',
  requestCorrection: '《不动产登记暂行条例》第十七条',
  notAccept: '《不动产登记暂行条例》第十七条',
  refuse: '《不动产登记暂行条例》第二十二条',
};

export class StaffService {
  /** failed logins per username: count and when the lock ends */
  private readonly failures = new Map<string, { count: number; lockedUntil?: number }>();

  constructor(private readonly deps: StaffDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private audit(
    who: StaffMember | { staffName: string },
    action: string,
    client: ClientInfo,
    outcome: 'ok' | 'refused',
    detail: Record<string, unknown> = {},
    caseId?: string,
  ): void {
    this.deps.staff.audit({
      ...('staffId' in who
        ? { staffId: who.staffId, staffName: who.displayName }
        : { staffName: who.staffName }),
      action,
      ...(caseId ? { caseId } : {}),
      at: this.now(),
      clientIp: client.ip,
      ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 300) } : {}),
      outcome,
      detail,
    });
  }

  // ------------------------------------------------------------ sessions

  login(username: string, password: string, client: ClientInfo): StaffSession & { token: string } {
    const name = username.trim().toLowerCase();
    const nowMs = this.deps.clock.now().getTime();
    const f = this.failures.get(name);
    if (f?.lockedUntil && f.lockedUntil > nowMs) {
      this.audit({ staffName: name }, 'loginLocked', client, 'refused');
      throw new AppError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试', {
        retryAfterSeconds: Math.ceil((f.lockedUntil - nowMs) / 1000),
      });
    }
    const account = this.deps.staff.accountByUsername(name);
    // verify even for an unknown user, so that timing does not tell which usernames exist
    const ok = this.deps.hasher.verify(
      password,
      account?.passwordHash ??
        'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    if (!account || !account.active || !ok) {
      const count = (f?.lockedUntil && f.lockedUntil <= nowMs ? 0 : (f?.count ?? 0)) + 1;
      this.failures.set(name, {
        count,
        ...(count >= STAFF_MAX_FAILURES ? { lockedUntil: nowMs + STAFF_LOCK_MS } : {}),
      });
      this.audit(
        account ?? { staffName: name },
        'loginFailed',
        client,
        'refused',
        account ? {} : { unknownUser: true },
      );
      throw unauthenticated('用户名或密码不正确');
    }
    this.failures.delete(name);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const at = this.now();
    this.deps.staff.createSession(hashToken(token), {
      staffId: account.staffId,
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
      clientIp: client.ip,
    });
    const staff = this.member(account);
    this.audit(staff, 'login', client, 'ok');
    return { token, csrfToken, staff };
  }

  private member(a: StaffMember): StaffMember {
    return {
      staffId: a.staffId,
      username: a.username,
      displayName: a.displayName,
      post: a.post,
    };
  }

  /** The live session of a console token; throws UNAUTHENTICATED otherwise. */
  authenticate(token: string | undefined): StaffSession {
    if (!token) throw unauthenticated('请先登录工作人员控制台');
    const key = hashToken(token);
    const s = this.deps.staff.session(key);
    const now = this.deps.clock.now();
    if (!s || !staffSessionLive(s, now)) throw unauthenticated('登录已失效，请重新登录');
    const account = this.deps.staff.account(s.staffId);
    if (!account?.active) throw unauthenticated('账号已停用');
    this.deps.staff.touchSession(key, now.toISOString());
    return { staff: this.member(account), csrfToken: s.csrfToken };
  }

  /** True when `given` is the session's CSRF token. */
  csrfMatches(session: StaffSession, given: string | undefined): boolean {
    return typeof given === 'string' && sameText(given, session.csrfToken);
  }

  logout(token: string, client: ClientInfo): void {
    const s = this.authenticate(token);
    this.deps.staff.endSession(hashToken(token), this.now());
    this.audit(s.staff, 'logout', client, 'ok');
  }

  // ------------------------------------------------------------ queue and detail

  queue(): QueueItem[] {
    const { cases } = this.deps;
    return cases.deps.store
      .listByStatus(QUEUE_STATUSES)
      .filter((c) => c.manualQueue)
      .sort((a, b) => (a.manualQueue!.since < b.manualQueue!.since ? -1 : 1))
      .map((c) => {
        const unit = cases.deps.register.unit(c.unitCode);
        return {
          case: c,
          businessTypeName: cases.businessType(c.businessTypeCode).name,
          ...(unit ? { location: unit.unit.location } : {}),
        };
      });
  }

  private taxOutstanding(c: CaseRecord): boolean {
    const { cases } = this.deps;
    const bt = cases.businessType(c.businessTypeCode);
    return runReview(cases.context(c, bt)).results.some((r) => !r.passed && r.waits);
  }

  caseDetail(staff: StaffMember, caseId: string, client: ClientInfo): StaffCaseView {
    const { cases } = this.deps;
    const c = cases.deps.store.get(caseId);
    if (!c) throw notFound('办件不存在');
    const bt = cases.businessType(c.businessTypeCode);
    const ctx = cases.context(c, bt);
    const ruleResults = [...evaluateStage('intake', ctx), ...evaluateStage('review', ctx)].map(
      (r): RuleResultView => ({
        code: r.code,
        title: RULES_BY_CODE.get(r.code)?.title ?? r.code,
        stage: r.stage,
        passed: r.passed,
        explanation: r.explanation,
        outcomeOnFail: r.outcomeOnFail,
      }),
    );
    const taxOutstanding = this.taxOutstanding(c);
    // reading a case with personal data is an action too
    this.audit(staff, 'viewCase', client, 'ok', {}, caseId);
    return {
      view: cases.view(c, { personId: '', name: '' }),
      ruleResults,
      decisions: staffDecisionsFor(c, taxOutstanding),
      taxOutstanding,
      audit: this.deps.staff.auditOf(caseId),
    };
  }

  // ------------------------------------------------------------ decisions

  decide(
    staff: StaffMember,
    caseId: string,
    kind: StaffDecisionKind,
    input: { reasons?: string[]; note?: string; expectedVersion?: number },
    client: ClientInfo,
  ): CaseRecord {
    const { cases } = this.deps;
    const store = cases.deps.store;
    const c = store.get(caseId);
    if (!c) throw notFound('办件不存在');
    const refuse = (message: string, e: AppError = conflict(message)) => {
      this.audit(staff, kind, client, 'refused', { message }, caseId);
      return e;
    };
    if (input.expectedVersion !== undefined && input.expectedVersion !== c.version) {
      throw refuse('办件已被其他操作更新，请刷新后重试');
    }
    const action = lifecycleActionFor(c, kind, this.taxOutstanding(c));
    if (!action) {
      throw refuse(
        c.manualQueue
          ? `办件当前状态不能“${STAFF_DECISION_LABELS[kind]}”`
          : '该办件不在人工审核队列中',
      );
    }
    const checked = checkReasons(kind, input.reasons);
    if (!checked.ok) throw refuse(checked.problem, validationFailed(checked.problem));
    const reasons = checked.reasons;
    const bt = cases.businessType(c.businessTypeCode);
    const at = this.now();
    const note =
      [action === 'awaitTax' ? '人工审核通过，待缴纳税款后继续办理' : '', input.note?.trim() ?? '']
        .filter(Boolean)
        .join('；') || undefined;
    const patch: Partial<CaseRecord> = {};
    if (action === 'accept')
      Object.assign(patch, dueDates(beijingDate(at), bt.promisedWorkingDays));
    if (action === 'requestCorrection') patch.correction = { requestedAt: at, items: reasons };
    if (action === 'notAccept' || action === 'refuse') patch.decisionReasons = reasons;
    store.transaction(() => {
      const r = applyAction(
        c,
        action,
        { kind: 'staff', staffId: staff.staffId, displayName: staff.displayName },
        at,
        { patch, ...(note ? { note } : {}) },
      );
      if (!r.ok) throw refuse(r.reason);
      const next = { ...r.case, version: c.version + 1 };
      store.update(next, c.version);
      const kindOfNotice = NOTICE_OF[action];
      if (kindOfNotice) {
        cases.notice(next, bt, kindOfNotice, reasons, [BASIS_OF[action] ?? '']);
      }
      if (action === 'awaitTax') {
        cases.deliver(
          next,
          `${bt.name}：等待缴纳税款`,
          '人工审核已通过。请买卖双方按税务部门核定的金额缴纳税款，缴纳后登记继续办理。',
        );
      }
      this.audit(
        staff,
        kind,
        client,
        'ok',
        { lifecycleAction: action, reasons: reasons.map((x) => x.explanation), note: note ?? null },
        caseId,
      );
    });
    // the machine takes it from here (review, record and issue after an approval)
    return cases.process(caseId);
  }

  // ------------------------------------------------------------ counter intake

  /**
   * 窗口受理: a staff member keys in the application of a walk-in applicant who cannot apply
   * online (实施意见 五(一)), for every business type that is recorded: a transfer, a mortgage (the
   * mortgagee bank and the terms), a mortgage's cancellation (the mortgage named by its
   * 不动产登记证明号) or a change of the holder's name or ID number. The register's parties and any
   * spouse whose consent 民政's answer (`marriageCheck`, asked by the route before this
   * synchronous step) requires are added as online (usecases/cases/application.ts); while 民政
   * has not answered for a holder, the intake is refused (409 MARRIAGE_STATUS_PENDING). The
   * parties sign in person before the staff member; the case is then submitted and processed like
   * any other — the same rules, recording plans and documents.
   * A refused intake (4xx) stores nothing but its audit row.
   */
  /**
   * The unit a counter intake names (as counterIntake resolves it), so the route can ask 民政
   * about its holders first; undefined when the input is refused (the intake then says why).
   */
  counterUnit(input: CounterIntakeInput): string | undefined {
    const { cases } = this.deps;
    try {
      const bt = cases.businessType(input.businessTypeCode);
      const named = cases.resolveParties(input.parties);
      if (!named[0]) return undefined;
      return resolveTarget(cases.deps, bt, named[0], {
        ...(input.unitCode !== undefined ? { unitCode: input.unitCode } : {}),
        ...(input.certificateNumber !== undefined
          ? { certificateNumber: input.certificateNumber }
          : {}),
        parties: input.parties,
      }).unitCode;
    } catch {
      return undefined;
    }
  }

  counterIntake(
    staff: StaffMember,
    input: CounterIntakeInput,
    client: ClientInfo,
    marriageCheck?: MarriageCheck,
  ): CaseRecord {
    const { cases } = this.deps;
    const store = cases.deps.store;
    let caseId: string | undefined;
    try {
      const bt = cases.businessType(input.businessTypeCode);
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
      const named = cases.resolveParties(input.parties);
      const applicant = named[0];
      const target = resolveTarget(cases.deps, bt, applicant, {
        ...(input.unitCode !== undefined ? { unitCode: input.unitCode } : {}),
        ...(input.certificateNumber !== undefined
          ? { certificateNumber: input.certificateNumber }
          : {}),
        parties: input.parties,
      });
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
      const parties = cases.withRegisterParties(bt, unitCode, named, target.mortgage, check);
      const right = cases.deps.register.unit(unitCode)?.right;
      let identityChange: CaseRecord['identityChange'];
      if (input.identityChange) {
        if (
          applicant.role !== 'rightHolder' ||
          !right?.holders.some((x) => x.personId === applicant.personId)
        )
          throw validationFailed(
            '变更姓名或身份证号的申请人（第一位当事人）必须是该不动产的权利人',
          );
        identityChange = cases.identityChangeOf(applicant.personId, input.identityChange);
      }
      const known = new Set(bt.materials.map((m) => m.code));
      for (const m of input.materials ?? []) {
        if (!known.has(m.code)) throw validationFailed(`本业务没有“${m.code}”这项材料`);
      }
      const at = this.now();
      const counterNote = `窗口当面办理，经办人：${staff.displayName}`;
      let c: CaseRecord = {
        caseId: cases.deps.newId('CASE'),
        businessTypeCode: bt.code,
        businessTypeVersion: bt.version,
        status: 'draft',
        unitCode,
        ...(right ? { unitCoOwnership: right.coOwnership } : {}),
        ...(target.mortgage ? { cancelsRestrictionId: target.mortgage.restrictionId } : {}),
        ...(input.mortgage ? { mortgage: { ...input.mortgage } } : {}),
        ...(identityChange ? { identityChange } : {}),
        ...(check ? { marriageCheck: check } : {}),
        parties,
        answers: { ...(input.answers ?? {}) },
        materials: [...(input.materials ?? [])],
        ...(input.newCoOwnership ? { newCoOwnership: input.newCoOwnership } : {}),
        ...(input.priceYuan !== undefined ? { priceYuan: input.priceYuan } : {}),
        createdBy: applicant.personId,
        createdAt: at,
        updatedAt: at,
        timeline: [counterIntakeEntry(staff, at)],
        version: 1,
      };
      // In person at the counter (not an online signing, so no e-signature): each party signs
      // the paper application before the staff member, and the 'sign' step is recorded as
      // staff-witnessed with the staff member named as witness. Online (party) signing exists
      // only as an e-signature through POST /cases/:id/signatures (usecases/signing).
      const witnessNote = `窗口当面签署，见证人：${staff.displayName}（${staff.post}）`;
      const step = (action: CaseAction, personId: string, patch: Partial<CaseRecord> = {}) => {
        const r = applyAction(c, action, { kind: 'party', personId }, at, {
          businessType: bt,
          patch,
          note: action === 'sign' ? witnessNote : counterNote,
        });
        if (!r.ok) throw validationFailed(r.reason);
        c = r.case;
      };
      step('startSigning', applicant.personId);
      for (const personId of new Set(parties.map((p) => p.personId))) step('sign', personId);
      const date = beijingDate(at);
      step('submit', applicant.personId, {
        caseNumber: formatCaseNumber(date, store.nextSerial(`case|${date}`)),
        materials: cases.materialsAtSubmission(c, bt),
      });
      caseId = c.caseId;
      const created = c;
      store.transaction(() => {
        store.insert(created);
        this.audit(
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
      });
    } catch (e) {
      if (!caseId) {
        this.audit(staff, 'counterIntake', client, 'refused', {
          businessTypeCode: input.businessTypeCode,
          ...(e instanceof AppError ? { code: e.code } : {}),
          message: e instanceof Error ? e.message : String(e),
          ...(input.unitCode ? { unitCode: input.unitCode } : {}),
        });
      }
      throw e;
    }
    return cases.process(caseId);
  }
}

/** What the counter keys in for a walk-in applicant; the first party is the applicant. */
export type CounterIntakeInput = DraftInput & {
  businessTypeCode: string;
  unitCode?: string;
  /** 不动产权证书号, or the 不动产登记证明号 of a mortgage to cancel / an advance notice */
  certificateNumber?: string;
  parties: PartyInput[];
  note?: string;
};

const realDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/**
 * The fields the business type takes and needs at the counter (400 VALIDATION_FAILED otherwise):
 * terms of another business are refused rather than silently dropped.
 */
function checkCounterFields(
  name: string,
  records: NonNullable<NonNullable<BusinessType['application']>['records']>,
  input: CounterIntakeInput,
): void {
  const not = (what: string) => validationFailed(`“${name}”不填写${what}`);
  if (records !== 'transfer') {
    if (input.newCoOwnership !== undefined) throw not('共有方式');
    if (input.priceYuan !== undefined) throw not('成交价');
  }
  if (records !== 'mortgage' && input.mortgage) throw not('抵押信息');
  if (records !== 'holderIdentityChange' && input.identityChange) throw not('身份变更信息');
  if (records === 'mortgage') {
    const m = input.mortgage;
    if (!m) throw validationFailed('请填写抵押信息（抵押方式、被担保债权数额、债务履行期限）');
    if (!realDate(m.debtStartsOn) || !realDate(m.debtEndsOn))
      throw validationFailed('债务履行期限的日期不存在，应为YYYY-MM-DD');
    if (m.debtEndsOn <= m.debtStartsOn)
      throw validationFailed('债务履行期限的结束日期必须晚于开始日期');
  }
  if (records === 'mortgageCancellation' && !input.certificateNumber?.trim())
    throw validationFailed('请输入要注销的抵押权的不动产登记证明号（不动产证明第…号）');
  if (records === 'holderIdentityChange' && !input.identityChange)
    throw validationFailed('请填写变更后的姓名和公民身份号码');
  if (!input.unitCode && !input.certificateNumber?.trim())
    throw validationFailed('请填写不动产单元号或证书号');
}

export const isStaffDecision = (s: string): s is StaffDecisionKind =>
  (Object.keys(STAFF_DECISION_LABELS) as string[]).includes(s);
