/**
 * Every action a party, a staff member or the machine can take on a case, and the one decision
 * whether it is allowed now. The lifecycle's actions (lifecycle.ts: they move the status or write
 * the timeline) are joined by the steps that change a case without moving it: inviting a
 * co-applicant, answering one's 询问笔录, uploading a scan, a 告知承诺, a 婚姻状况承诺, the online
 * contract's terms, the utilities to transfer, fetching shared materials again, an objection to
 * a shared record and its recheck, and 民政's later answer.
 *
 * A refusal carries the domain's stable code, its HTTP status and the Chinese message the
 * citizen sees, the same as the use cases answered before this table existed.
 */
import type { BusinessType } from '../catalogue';
import type { DomainErrorCode } from '../errors';
import { applicableQuestions, draftProblems } from './draft';
import { CASE_ACTIONS, paysFee, TRANSITIONS, type CaseAction, type CaseCaller } from './lifecycle';
import { TERMINAL_STATUSES, type CaseRecord } from './model';
import {
  acceptsMaterials,
  acceptsObjections,
  awaitsCorrection,
  awaitsTax,
  canEditParties,
  isCollectingSignatures,
  isRecorded,
  mayChooseUtilities,
  mayNotifyUtilities,
} from './status';

/**
 * Steps on a case besides the lifecycle's actions: all keep the status (no timeline entry of the
 * lifecycle) except the machine's lapseCorrection, which ends the case through the lifecycle.
 */
export const CASE_STEPS = [
  /** the initiator invites a co-applicant by code */
  'invite',
  /** a party answers their own 询问笔录 */
  'answerInquiry',
  /** a party uploads a scan of a material */
  'uploadMaterial',
  /** a party commits (告知承诺) instead of a material */
  'commitMaterial',
  /** a holder pledges their marital status (婚姻状况承诺) when 民政 could not answer */
  'pledgeMaritalStatus',
  /** buyer or seller fill the online contract's terms (存量房网签) */
  'editContract',
  /** the buyer chooses the utilities to transfer (水电气网联动过户) */
  'chooseUtilities',
  /** a party asks again to notify the utility companies after recording */
  'retryUtilities',
  /** a party has the shared materials fetched again (before submission, at 补正) */
  'resolveSharedData',
  /** a party objects to a shared record (异议) */
  'objectToSharedData',
  /** a party, a staff member or the machine sends a shared record back for recheck (校核) */
  'requestRecheck',
  /** the machine stores 民政's later answer on the holders' marriage (before submission) */
  'recordMarriageAnswer',
  /** 继承: an heir renounces on their own phone (becomes renouncingHeir; 民法典§1124) */
  'renounceInheritance',
  /** 继承: an heir who renounced takes it back before submission (accepts again) */
  'acceptInheritance',
  /**
   * the machine ends a case whose 补正期限 passed unanswered: 不予受理 (asked at 受理) or 不予登记
   * (asked after acceptance), through the lifecycle's notAccept or refuse
   */
  'lapseCorrection',
  /**
   * the machine ends the advance notice (预告登记) the case recorded, once the registration it
   * secures was not applied for in time (民法典 §221): a register entry and a message to every party
   */
  'lapseAdvanceNotice',
  /**
   * the machine ends the objection (异议登记) the case recorded, once 15 days passed without a
   * lawsuit or arbitration (民法典 §220 ¶2): a register entry and a message to every party
   */
  'lapseObjection',
] as const;
export type WorkflowStep = (typeof CASE_STEPS)[number];

/** Every action of the workflow: the lifecycle's, then the steps. */
export const WORKFLOW_ACTIONS = [...CASE_ACTIONS, ...CASE_STEPS] as const;
export type WorkflowAction = CaseAction | WorkflowStep;

/**
 * The actions the API lists under a case's `availableActions`, in this order (the app turns them
 * into buttons): the lifecycle's, then invite, answerInquiry and uploadMaterial.
 */
export const LISTED_ACTIONS: readonly WorkflowAction[] = [
  ...CASE_ACTIONS,
  'invite',
  'answerInquiry',
  'uploadMaterial',
  'renounceInheritance',
  'acceptInheritance',
];

/** A business type whose heirs accept or renounce (继承: it has a renouncingHeir role). */
export const hasHeirs = (bt: Pick<BusinessType, 'roles'>): boolean =>
  bt.roles.some((r) => r.role === 'renouncingHeir');

/**
 * Business types with an online contract, tax and utilities (second-hand homes): the sale, and
 * the sale with the buyer's mortgage (转移+抵押) or after the seller's (带押过户).
 */
export const ONLINE_CONTRACT_BUSINESS_TYPES: readonly string[] = [
  'transfer.secondHandSale',
  'transfer.saleWithMortgage',
  'transfer.mortgagedSale',
];

/** What the workflow needs to know beyond the case itself: facts the use case reads. */
export interface WorkflowContext {
  businessType: BusinessType;
  /** parties with a stored 询问笔录 (the initiator's application answers count too) */
  inquiryAnsweredBy?: readonly string[];
  /** parties that are organisations: they are not questioned and sign by their e-seal */
  organisationIds?: readonly string[];
  /** staff: the review's tax rule still waits, so an approval parks the case in 待缴税 */
  taxOutstanding?: boolean;
  /** sale: the online contract is filed (its terms are locked) */
  contractFiled?: boolean;
}

export interface Refusal {
  code: DomainErrorCode;
  message: string;
}

const conflict = (message: string): Refusal => ({ code: 'CONFLICT', message });
const notFound = (message: string): Refusal => ({ code: 'NOT_FOUND', message });
const forbidden = (message: string): Refusal => ({ code: 'FORBIDDEN', message });

const isStep = (a: WorkflowAction): a is WorkflowStep =>
  (CASE_STEPS as readonly string[]).includes(a);

const mine = (c: CaseRecord, actor: CaseCaller) =>
  actor.kind === 'party' ? c.parties.filter((p) => p.personId === actor.personId) : [];

/** Whether the business type asks a 询问笔录 of this case (after the questions' conditions). */
export const hasInquiry = (c: CaseRecord, ctx: WorkflowContext): boolean =>
  applicableQuestions(c, ctx.businessType).length > 0;

/**
 * Has this party answered their 询问笔录? A stored answer, or the initiator's answers on the
 * application; an organisation is not questioned.
 */
export function hasAnswered(c: CaseRecord, personId: string, ctx: WorkflowContext): boolean {
  if (ctx.organisationIds?.includes(personId)) return true;
  if (ctx.inquiryAnsweredBy?.includes(personId)) return true;
  return personId === c.createdBy && Object.keys(c.answers).length > 0;
}

/** Staff decide only what the automatic review handed to them (the manual queue). */
const STAFF_DECISIONS: readonly CaseAction[] = [
  'accept',
  'notAccept',
  'requestCorrection',
  'startReview',
  'awaitTax',
  'approve',
  'refuse',
];

/** The lifecycle's own check (status, who, and the party conditions of lifecycle.ts). */
function lifecycleRefusal(
  c: CaseRecord,
  action: CaseAction,
  actor: CaseCaller,
  ctx: WorkflowContext,
): Refusal | undefined {
  const t = TRANSITIONS[action];
  if (actor.kind === 'staff' && !c.manualQueue) return conflict('该办件不在人工审核队列中');
  if (actor.kind === 'party' && action === 'sign' && !isCollectingSignatures(c))
    return conflict('办件当前不在签署阶段');
  if (TERMINAL_STATUSES.includes(c.status) || !t.from.includes(c.status))
    return conflict('办件当前状态不允许此操作');
  // a case waiting for corrections ends only when its 补正期限 passed (lapseCorrection)
  if (awaitsCorrection(c) && (action === 'notAccept' || action === 'refuse'))
    return conflict('办件正在等待补正，补正期限届满前不能结案');
  if (!t.by.includes(actor.kind)) return conflict('您无权对该办件进行此操作');
  if (actor.kind === 'system')
    return c.manualQueue && STAFF_DECISIONS.includes(action)
      ? conflict('您无权对该办件进行此操作')
      : undefined;
  if (actor.kind === 'staff') {
    if (!STAFF_DECISIONS.includes(action)) return conflict('您无权对该办件进行此操作');
    // an approval while the tax is unpaid is 待缴税 (domain/staff: lifecycleActionFor)
    if (action === 'approve' && ctx.taxOutstanding) return conflict('办件当前状态不允许此操作');
    if (action === 'awaitTax' && !ctx.taxOutstanding) return conflict('办件当前状态不允许此操作');
    return undefined;
  }
  const me = mine(c, actor);
  const denied = conflict('您无权对该办件进行此操作');
  if (me.length === 0) return denied;
  switch (action) {
    case 'startSigning':
      return draftProblems(c, ctx.businessType).map(conflict)[0];
    case 'sign':
      if (!me.some((p) => !p.signedAt)) return conflict('您已签署当前版本');
      if (hasInquiry(c, ctx) && !hasAnswered(c, actor.personId, ctx))
        return conflict('请先回答您的询问笔录，再签名');
      return undefined;
    case 'submit':
      return c.parties.every((p) => p.signedAt) ? undefined : denied;
    case 'payTax':
      return me.some((p) => p.role === 'rightHolder' || p.role === 'obligor') ? undefined : denied;
    case 'payFee':
      return paysFee(ctx.businessType, me) ? undefined : denied;
    case 'decline':
      return c.createdBy !== actor.personId && me.some((p) => !p.signedAt) ? undefined : denied;
    default:
      return undefined;
  }
}

/** The steps' checks that do not depend on the step's input (which party, which material). */
function stepRefusal(
  c: CaseRecord,
  action: WorkflowStep,
  actor: CaseCaller,
  ctx: WorkflowContext,
): Refusal | undefined {
  if (action === 'recordMarriageAnswer')
    return actor.kind !== 'system'
      ? conflict('您无权对该办件进行此操作')
      : canEditParties(c)
        ? undefined
        : conflict('办件当前状态不允许此操作');
  if (action === 'lapseCorrection')
    return actor.kind !== 'system'
      ? conflict('您无权对该办件进行此操作')
      : awaitsCorrection(c)
        ? undefined
        : conflict('办件当前状态不允许此操作');
  if (action === 'lapseAdvanceNotice')
    return actor.kind !== 'system'
      ? conflict('您无权对该办件进行此操作')
      : isRecorded(c) && c.recording?.kind === 'advanceNotice'
        ? undefined
        : conflict('办件当前状态不允许此操作');
  if (action === 'lapseObjection')
    return actor.kind !== 'system'
      ? conflict('您无权对该办件进行此操作')
      : isRecorded(c) && c.recording?.kind === 'objection'
        ? undefined
        : conflict('办件当前状态不允许此操作');
  if (action === 'requestRecheck')
    return acceptsObjections(c) ? undefined : conflict('办件当前状态不能提请校核');
  // every other step is a party's, on a case they take part in (others: the case does not exist)
  if (actor.kind !== 'party' || mine(c, actor).length === 0) return notFound('办件不存在');
  const me = mine(c, actor);
  const sale = ONLINE_CONTRACT_BUSINESS_TYPES.includes(c.businessTypeCode);
  switch (action) {
    case 'invite':
      if (c.createdBy !== actor.personId) return forbidden('只有申请发起人可以邀请');
      if (!canEditParties(c)) return conflict('办件当前状态不能再邀请当事人');
      return c.parties.some((p) => p.personId !== actor.personId)
        ? undefined
        : notFound('该办件没有这位当事人');
    case 'answerInquiry':
      return canEditParties(c) ? undefined : conflict('办件已提交，询问笔录不能再修改');
    case 'uploadMaterial':
    case 'commitMaterial':
    case 'resolveSharedData':
      if (acceptsMaterials(c)) return undefined;
      return conflict(
        action === 'resolveSharedData'
          ? '办件当前状态不能重新获取共享材料'
          : '办件当前状态不能补充材料',
      );
    case 'pledgeMaritalStatus': {
      if (!c.marriageCheck?.holders.some((h) => h.personId === actor.personId))
        return {
          code: 'MARITAL_COMMITMENT_NOT_YOURS',
          message: '本办件无需您作出婚姻状况承诺',
        };
      const h = c.marriageCheck.holders.find((x) => x.personId === actor.personId)!;
      if (!canEditParties(c))
        return {
          code: 'MARITAL_COMMITMENT_NOT_NEEDED',
          message: '办件已提交，不能再作出婚姻状况承诺',
        };
      if (h.status !== 'unknown' && !h.commitment)
        return {
          code: 'MARITAL_COMMITMENT_NOT_NEEDED',
          message: '民政已答复您的婚姻状况，无需再作承诺',
        };
      return undefined;
    }
    case 'editContract':
      if (!sale) return notFound('该办件没有网签买卖合同');
      if (!me.some((p) => p.role === 'obligor' || p.role === 'rightHolder'))
        return forbidden('只有买卖双方可以填写合同条款');
      if (!canEditParties(c))
        return {
          code: 'CONTRACT_LOCKED',
          message: '合同已随申请提交并网签备案，条款不能再修改',
        };
      return ctx.contractFiled
        ? { code: 'CONTRACT_LOCKED', message: '合同已网签备案，条款不能再修改' }
        : undefined;
    case 'chooseUtilities':
      if (!sale) return notFound('该办件没有网签买卖合同');
      if (!me.some((p) => p.role === 'rightHolder'))
        return forbidden('只有买方可以申请水电气网联动过户');
      return mayChooseUtilities(c) ? undefined : conflict('办件已登簿或已办结，不能再更改联动过户');
    case 'retryUtilities':
      if (!sale) return notFound('该办件没有网签买卖合同');
      return mayNotifyUtilities(c)
        ? undefined
        : conflict('登簿后才会通知供水、供电、燃气、宽带单位');
    case 'objectToSharedData':
      return acceptsObjections(c) ? undefined : conflict('办件当前状态不能对共享数据提出异议');
    case 'renounceInheritance':
    case 'acceptInheritance': {
      if (!hasHeirs(ctx.businessType)) return notFound('本业务没有继承人声明');
      const from = action === 'renounceInheritance' ? 'rightHolder' : 'renouncingHeir';
      if (!me.some((p) => p.role === from))
        return conflict(
          action === 'renounceInheritance' ? '您已声明放弃继承' : '您未声明放弃继承，无需撤回',
        );
      if (!canEditParties(c)) return conflict('办件已提交，不能再变更继承声明');
      // somebody must take the unit: the last accepting heir cannot renounce online
      if (
        action === 'renounceInheritance' &&
        c.parties.filter((p) => p.role === 'rightHolder').length <= 1
      )
        return conflict('至少需有一位继承人接受继承；全体继承人放弃继承的，请到登记窗口咨询办理');
      return undefined;
    }
  }
}

/**
 * Why `actor` may not take `action` on the case now, or undefined when they may. The one place
 * that decides what is allowed; `availableActions` and `transition` both ask it.
 */
export function refusalOf(
  c: CaseRecord,
  action: WorkflowAction,
  actor: CaseCaller,
  ctx: WorkflowContext,
): Refusal | undefined {
  if (isStep(action)) return stepRefusal(c, action, actor, ctx);
  // 缴税 (the sale's payment): the citizen is told whether it is the moment or the person
  if (action === 'payTax' && actor.kind === 'party') {
    if (!awaitsTax(c)) return conflict('办件当前不在缴税环节');
    return lifecycleRefusal(c, action, actor, ctx) && conflict('您无权缴纳本办件税款');
  }
  if (action === 'payFee' && actor.kind === 'party') {
    if (!awaitsTax(c)) return conflict('办件当前不在缴费环节');
    return lifecycleRefusal(c, action, actor, ctx) && conflict('登记费由登记为权利人的一方缴纳');
  }
  return lifecycleRefusal(c, action, actor, ctx);
}

/**
 * Allowed but not offered: the app shows a party fewer buttons than the workflow allows. Only
 * the initiator is offered uploads before submission (anyone may upload), nobody is offered the
 * 询问笔录 after signing (answering again voids their signature), and invite needs somebody to
 * invite. Everything else allowed is offered.
 */
export function isOffered(
  c: CaseRecord,
  action: WorkflowAction,
  actor: CaseCaller,
  ctx: WorkflowContext,
): boolean {
  if (actor.kind !== 'party') return true;
  const me = mine(c, actor);
  switch (action) {
    case 'answerInquiry':
      return hasInquiry(c, ctx) && !me.every((p) => p.signedAt);
    case 'uploadMaterial':
      return (
        ctx.businessType.materials.some(
          (m) => m.sources.includes('scan') || m.sources.includes('commitment'),
        ) &&
        (awaitsCorrection(c) || c.createdBy === actor.personId)
      );
    default:
      return true;
  }
}
