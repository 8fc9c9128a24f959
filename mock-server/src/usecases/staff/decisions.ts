/**
 * A staff member's decision on a case in the manual queue: accept, request correction, not
 * accept, approve or refuse. It goes through the workflow with a staff caller (the timeline
 * names the staff member); its effects (the notice it calls for numbered, sealed and delivered;
 * the 待缴税 message) are carried out by the cases' effects runner, like the machine's; an
 * approval while the taxes are unpaid parks the case in 待缴税; then the machine continues.
 * Audited, the refused attempts too.
 */
import { transition, type DecisionCommand, type TransitionResult } from '../../domain/cases';
import { AppError, isAppError, notFound, validationFailed } from '../../domain/errors';
import {
  checkReasons,
  lifecycleActionFor,
  STAFF_DECISION_LABELS,
  type StaffDecisionKind,
  type StaffMember,
} from '../../domain/staff';
import type { CaseStore, Clock, StaffStore } from '../../ports';
import type { CaseEffects } from '../cases/effectsRunner';
import type { CaseView } from '../cases/types';
import type { ClientInfo, StaffAudit } from './audit';
import { taxOutstanding, type StaffCaseReads } from './caseReads';

export interface StaffDecisionsDeps {
  caseStore: Pick<CaseStore, 'get'>;
  /** the transaction the case's update, its notice and the audit row share */
  staff: Pick<StaffStore, 'transaction'>;
  cases: StaffCaseReads;
  /**
   * the one effects runner of the cases: the case stored with its notice or message, then what
   * follows (the machine carries on, a finished case is filed)
   */
  effects: Pick<CaseEffects, 'store' | 'after'>;
  audit: StaffAudit;
  clock: Clock;
}

const conflict = (message: string) => new AppError('CONFLICT', message);

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
    const tax = await taxOutstanding(cases, c);
    const action = lifecycleActionFor(c, kind, tax);
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
    const actor = {
      kind: 'staff' as const,
      staffId: staff.staffId,
      displayName: staff.displayName,
    };
    let r: TransitionResult;
    try {
      r = transition(
        c,
        {
          // a staff decision is one of the workflow's decisions (domain/staff)
          type: action as DecisionCommand['type'],
          reasons,
          ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        },
        { businessType: bt, actor, at, taxOutstanding: tax },
      );
    } catch (e) {
      throw isAppError(e) ? await refuse(e.message) : e;
    }
    const note = r.next.timeline.at(-1)?.note;
    // the update (refused if the case changed since it was read), its notice and the audit
    // row: all or none
    const after = await this.deps.staff.transaction(async () => {
      const later = await this.deps.effects.store(c, r, { businessType: bt, at });
      await this.deps.audit.record(
        staff,
        kind,
        client,
        'ok',
        { lifecycleAction: action, reasons: reasons.map((x) => x.explanation), note: note ?? null },
        caseId,
      );
      return later;
    });
    // the machine takes it from here (review, record and issue after an approval)
    await this.deps.effects.after(r.next, after);
    return cases.viewCase((await store.get(caseId)) ?? r.next);
  }
}
