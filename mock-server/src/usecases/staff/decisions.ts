/**
 * A staff member's decision on a case in the manual queue: accept, request correction, not
 * accept, approve or refuse. It goes through the case lifecycle with a staff caller (the timeline
 * names the staff member); the notice it calls for is numbered, sealed and delivered; an approval
 * while the taxes are unpaid parks the case in 待缴税; then the machine continues. Audited, the
 * refused attempts too.
 */
import {
  applyAction,
  beijingDate,
  dueDates,
  type CaseAction,
  type CaseRecord,
  type ReasonItem,
} from '../../domain/cases';
import type { BusinessType } from '../../domain/catalogue';
import type { NoticeKind } from '../../domain/documents';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import {
  checkReasons,
  lifecycleActionFor,
  STAFF_DECISION_LABELS,
  type StaffDecisionKind,
  type StaffMember,
} from '../../domain/staff';
import type { CaseStore, Clock, StaffStore } from '../../ports';
import type { CaseView } from '../cases/types';
import type { ClientInfo, StaffAudit } from './audit';
import { taxOutstanding, type StaffCaseReads } from './caseReads';

export interface StaffDecisionsDeps {
  caseStore: Pick<CaseStore, 'get' | 'update'>;
  /** the transaction the case's update, its notice and the audit row share */
  staff: Pick<StaffStore, 'transaction'>;
  cases: StaffCaseReads;
  /** numbers, seals, stores a notice and delivers it to every party */
  notice: (
    c: CaseRecord,
    bt: BusinessType,
    kind: NoticeKind,
    reasons: ReasonItem[],
    basis: string[],
  ) => Promise<void>;
  /** delivers a message to every party of the case */
  deliver: (c: CaseRecord, title: string, body: string) => Promise<void>;
  /** moves the case on as far as the machine may */
  process: (caseId: string) => Promise<CaseRecord>;
  audit: StaffAudit;
  clock: Clock;
}

const conflict = (message: string) => new AppError('CONFLICT', message);

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

export const isStaffDecision = (s: string): s is StaffDecisionKind =>
  (Object.keys(STAFF_DECISION_LABELS) as string[]).includes(s);

export class StaffDecisions {
  constructor(private readonly deps: StaffDecisionsDeps) {}

  /** Decides; answers the case as staff see it once the machine has taken it as far as it may. */
  async decide(
    staff: StaffMember,
    caseId: string,
    kind: StaffDecisionKind,
    input: { reasons?: string[]; note?: string; expectedVersion?: number },
    client: ClientInfo,
  ): Promise<CaseView> {
    const { caseStore: store, cases } = this.deps;
    const c = await store.get(caseId);
    if (!c) throw notFound('办件不存在');
    const refuse = async (message: string, e: AppError = conflict(message)) => {
      await this.deps.audit.record(staff, kind, client, 'refused', { message }, caseId);
      return e;
    };
    if (input.expectedVersion !== undefined && input.expectedVersion !== c.version) {
      throw await refuse('办件已被其他操作更新，请刷新后重试');
    }
    const action = lifecycleActionFor(c, kind, await taxOutstanding(cases, c));
    if (!action) {
      throw await refuse(
        c.manualQueue
          ? `办件当前状态不能“${STAFF_DECISION_LABELS[kind]}”`
          : '该办件不在人工审核队列中',
      );
    }
    const checked = checkReasons(kind, input.reasons);
    if (!checked.ok) throw await refuse(checked.problem, validationFailed(checked.problem));
    const reasons = checked.reasons;
    const bt = await cases.businessType(c.businessTypeCode);
    const at = this.deps.clock.now().toISOString();
    const note =
      [action === 'awaitTax' ? '人工审核通过，待缴纳税款后继续办理' : '', input.note?.trim() ?? '']
        .filter(Boolean)
        .join('；') || undefined;
    const patch: Partial<CaseRecord> = {};
    if (action === 'accept')
      Object.assign(patch, dueDates(beijingDate(at), bt.promisedWorkingDays));
    if (action === 'requestCorrection') patch.correction = { requestedAt: at, items: reasons };
    if (action === 'notAccept' || action === 'refuse') patch.decisionReasons = reasons;
    const r = applyAction(
      c,
      action,
      { kind: 'staff', staffId: staff.staffId, displayName: staff.displayName },
      at,
      { patch, ...(note ? { note } : {}) },
    );
    if (!r.ok) throw await refuse(r.reason);
    const next = { ...r.case, version: c.version + 1 };
    // the update (refused if the case changed since it was read), its notice and the audit
    // row: all or none
    await this.deps.staff.transaction(async () => {
      await store.update(next, c.version);
      const kindOfNotice = NOTICE_OF[action];
      if (kindOfNotice) {
        await this.deps.notice(next, bt, kindOfNotice, reasons, [BASIS_OF[action] ?? '']);
      }
      if (action === 'awaitTax') {
        await this.deps.deliver(
          next,
          `${bt.name}：等待缴纳税款`,
          '人工审核已通过。请买卖双方按税务部门核定的金额缴纳税款，缴纳后登记继续办理。',
        );
      }
      await this.deps.audit.record(
        staff,
        kind,
        client,
        'ok',
        { lifecycleAction: action, reasons: reasons.map((x) => x.explanation), note: note ?? null },
        caseId,
      );
    });
    // the machine takes it from here (review, record and issue after an approval)
    return cases.viewCase(await this.deps.process(caseId));
  }
}
