/**
 * The case lifecycle (docs/registry-facts.md §1): the only place that knows which action may move a
 * case from which state, and who may take it.
 *
 *   draft → signing → submitted → accepted | notAccepted;  signing → draft (decline)
 *   submitted/accepted → correctionRequested ⇄ corrected → accepted | notAccepted
 *   correctionRequested → notAccepted | refused: the machine, once the 补正期限 passed unanswered
 *   accepted → review → (taxPending, sales) → approved | refused → recorded → issued → archived
 *   withdrawn: by a party at any time until recorded (条例第十五条)
 *
 * Every transition is written to the case's timeline with its actor. Automatic steps show the
 * institution, never a person: 受理 and 审核 → 台州市不动产登记服务中心, 核定 and 登簿 →
 * 台州市自然资源和规划局 (实施意见 五(三)); a staff member's steps show that staff member.
 */
import type { BusinessType } from '../catalogue';
import { draftProblems } from './draft';
import {
  BUREAU,
  SERVICE_CENTRE,
  TERMINAL_STATUSES,
  type Actor,
  type ActorKind,
  type CaseRecord,
  type CaseStatus,
  type CaseStep,
} from './model';

export const CASE_ACTIONS = [
  'edit',
  'startSigning',
  'sign',
  'submit',
  'withdraw',
  'answerCorrection',
  'payTax',
  /** 缴登记费: the payer (the new right holder, the mortgagee) pays the registration fee */
  'payFee',
  'accept',
  'notAccept',
  'requestCorrection',
  'queueForStaff',
  'startReview',
  'awaitTax',
  'approve',
  'refuse',
  'record',
  'issue',
  'archive',
  /** a party refuses to sign; the case returns to the initiator's draft */
  'decline',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

interface TransitionRule {
  from: readonly CaseStatus[];
  /** 'same' keeps the status (edit, sign, queueForStaff) */
  to: CaseStatus | 'same';
  by: readonly ActorKind[];
  step: CaseStep;
}

/** 条例第十五条: withdrawal is possible until the entry is recorded. */
export const WITHDRAWABLE: readonly CaseStatus[] = [
  'draft',
  'signing',
  'submitted',
  'accepted',
  'correctionRequested',
  'corrected',
  'review',
  'taxPending',
  'approved',
];

export const TRANSITIONS: Readonly<Record<CaseAction, TransitionRule>> = {
  edit: { from: ['draft'], to: 'same', by: ['party'], step: '申请' },
  startSigning: { from: ['draft'], to: 'signing', by: ['party'], step: '申请' },
  sign: { from: ['signing'], to: 'same', by: ['party'], step: '签名' },
  submit: { from: ['signing'], to: 'submitted', by: ['party'], step: '提交' },
  withdraw: { from: WITHDRAWABLE, to: 'withdrawn', by: ['party'], step: '撤回' },
  answerCorrection: {
    from: ['correctionRequested'],
    to: 'corrected',
    by: ['party'],
    step: '补正',
  },
  payTax: { from: ['taxPending'], to: 'review', by: ['party'], step: '缴税' },
  payFee: { from: ['taxPending'], to: 'review', by: ['party'], step: '缴费' },
  accept: {
    from: ['submitted', 'corrected'],
    to: 'accepted',
    by: ['system', 'staff'],
    step: '受理',
  },
  // from correctionRequested only by the machine's lapseCorrection (actions.ts), never by itself
  notAccept: {
    from: ['submitted', 'corrected', 'correctionRequested'],
    to: 'notAccepted',
    by: ['system', 'staff'],
    step: '受理',
  },
  requestCorrection: {
    from: ['submitted', 'corrected', 'accepted'],
    to: 'correctionRequested',
    by: ['system', 'staff'],
    step: '受理',
  },
  queueForStaff: {
    from: ['submitted', 'corrected', 'review', 'taxPending'],
    to: 'same',
    by: ['system'],
    step: '受理',
  },
  startReview: { from: ['accepted'], to: 'review', by: ['system', 'staff'], step: '审核' },
  awaitTax: { from: ['review'], to: 'taxPending', by: ['system', 'staff'], step: '审核' },
  approve: { from: ['review'], to: 'approved', by: ['system', 'staff'], step: '核定' },
  refuse: {
    from: ['review', 'taxPending', 'correctionRequested'],
    to: 'refused',
    by: ['system', 'staff'],
    step: '审核',
  },
  record: { from: ['approved'], to: 'recorded', by: ['system'], step: '登簿' },
  issue: { from: ['recorded'], to: 'issued', by: ['system'], step: '发证' },
  archive: { from: ['issued'], to: 'archived', by: ['system'], step: '归档' },
  decline: { from: ['signing'], to: 'draft', by: ['party'], step: '签名' },
};

/** Every (from, to) pair the lifecycle allows. */
export const ALLOWED_EDGES: ReadonlySet<string> = new Set(
  Object.values(TRANSITIONS).flatMap((t) =>
    t.from.map((f) => `${f}->${t.to === 'same' ? f : t.to}`),
  ),
);

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

export type CaseCaller =
  | { kind: 'party'; personId: string }
  | { kind: 'staff'; staffId: string; displayName: string }
  | { kind: 'system' };

/** The institution shown for an automatic step. */
export function systemActorFor(step: CaseStep): Actor {
  return step === '核定' || step === '登簿' || step === '发证' ? BUREAU : SERVICE_CENTRE;
}

function stepOf(c: CaseRecord, action: CaseAction): CaseStep {
  if (action === 'queueForStaff')
    return c.status === 'review' || c.status === 'taxPending' ? '审核' : '受理';
  if (action === 'requestCorrection' && c.status === 'accepted') return '审核';
  return TRANSITIONS[action].step;
}

function permitted(
  c: CaseRecord,
  action: CaseAction,
  caller: CaseCaller,
  businessType?: BusinessType,
): boolean {
  const t = TRANSITIONS[action];
  if (!t.from.includes(c.status) || !t.by.includes(caller.kind)) return false;
  switch (caller.kind) {
    case 'system':
      // while a staff member has the case, the machine takes no decision
      return !c.manualQueue || !STAFF_DECISIONS.includes(action);
    case 'staff':
      return Boolean(c.manualQueue) && STAFF_DECISIONS.includes(action);
    case 'party': {
      const me = c.parties.filter((p) => p.personId === caller.personId);
      if (me.length === 0) return false;
      switch (action) {
        case 'startSigning':
          return businessType ? draftProblems(c, businessType).length === 0 : true;
        case 'sign':
          return me.some((p) => !p.signedAt);
        case 'submit':
          return c.parties.every((p) => p.signedAt);
        case 'payTax':
          return me.some((p) => p.role === 'rightHolder' || p.role === 'obligor');
        case 'payFee':
          return businessType ? paysFee(businessType, me) : true;
        case 'decline':
          return c.createdBy !== caller.personId && me.some((p) => !p.signedAt);
        default:
          return true;
      }
    }
  }
}

/**
 * The lifecycle's actions `caller` may take now (workflow.ts adds the steps and is the one
 * source of the API's `availableActions`). Pass the case's business type so that `startSigning`
 * is offered only for a complete draft.
 */
export function lifecycleActions(
  c: CaseRecord,
  caller: CaseCaller,
  businessType?: BusinessType,
): CaseAction[] {
  if (TERMINAL_STATUSES.includes(c.status)) return [];
  return CASE_ACTIONS.filter((a) => permitted(c, a, caller, businessType));
}

export type ActionResult = { ok: true; case: CaseRecord } | { ok: false; reason: string };

const REFUSALS: Record<string, string> = {
  status: '办件当前状态不允许此操作',
  caller: '您无权对该办件进行此操作',
};

export interface ActionOptions {
  /** the business type, to check a draft is complete before signing */
  businessType?: BusinessType;
  /** party display name, staff name comes with the caller */
  partyName?: string;
  note?: string;
  /** further fields the action sets (due dates, reasons, recording…) */
  patch?: Partial<CaseRecord>;
}

/**
 * Applies an action: checks it is available to the caller, moves the status, records the
 * timeline entry and the action's own effects. Pure: returns a new case, never mutates.
 */
export function applyAction(
  c: CaseRecord,
  action: CaseAction,
  caller: CaseCaller,
  at: string,
  opts: ActionOptions = {},
): ActionResult {
  const t = TRANSITIONS[action];
  if (TERMINAL_STATUSES.includes(c.status) || !t.from.includes(c.status)) {
    return { ok: false, reason: REFUSALS.status };
  }
  if (!permitted(c, action, caller, opts.businessType)) {
    if (caller.kind === 'party' && action === 'startSigning' && opts.businessType) {
      const problems = draftProblems(c, opts.businessType);
      if (problems.length && c.parties.some((p) => p.personId === caller.personId)) {
        return { ok: false, reason: problems[0] };
      }
    }
    return { ok: false, reason: REFUSALS.caller };
  }
  const step = stepOf(c, action);
  let actor: Actor;
  if (caller.kind === 'system') actor = systemActorFor(step);
  else if (caller.kind === 'staff') {
    actor = { kind: 'staff', id: caller.staffId, displayName: caller.displayName };
  } else {
    const party = c.parties.find((p) => p.personId === caller.personId);
    actor = {
      kind: 'party',
      id: caller.personId,
      displayName: opts.partyName ?? party?.name ?? '',
    };
  }
  const to = t.to === 'same' ? c.status : t.to;
  const next: CaseRecord = {
    ...c,
    ...opts.patch,
    parties: (opts.patch?.parties ?? c.parties).map((p) => ({ ...p })),
    status: to,
    updatedAt: at,
  };
  switch (action) {
    case 'startSigning':
    case 'decline':
      next.parties.forEach((p) => delete p.signedAt);
      break;
    case 'sign':
      next.parties.forEach((p) => {
        if (caller.kind === 'party' && p.personId === caller.personId && !p.signedAt)
          p.signedAt = at;
      });
      break;
    case 'submit':
      next.submittedAt = at;
      break;
    case 'answerCorrection':
      if (next.correction) next.correction = { ...next.correction, answeredAt: at };
      break;
    case 'payTax':
      next.taxPaidAt = at;
      break;
    case 'payFee':
      next.feePaidAt = at;
      break;
    case 'accept':
      next.acceptedAt = at;
      break;
    default:
      break;
  }
  // a staff decision or any change of state takes the case out of the manual queue
  if (action !== 'queueForStaff' && (caller.kind === 'staff' || to !== c.status)) {
    delete next.manualQueue;
  }
  const seq = (c.timeline.at(-1)?.seq ?? 0) + 1;
  next.timeline = [
    ...c.timeline,
    {
      seq,
      action,
      step,
      from: c.status,
      to,
      actor,
      at,
      ...(opts.note ? { note: opts.note } : {}),
    },
  ];
  return { ok: true, case: next };
}

/**
 * Whether one of these parties pays the business type's registration fee: its catalogue `fees`
 * name the role (the new right holder; the mortgagee for a mortgage, docs/registry-facts.md §14).
 */
export const paysFee = (bt: Pick<BusinessType, 'fees'>, me: readonly { role: string }[]): boolean =>
  me.some((p) => (bt.fees ?? []).some((f) => f.payer === p.role));

/** True when a case in this status can still be withdrawn (before recording, 条例§15). */
export const isWithdrawable = (s: CaseStatus): boolean => WITHDRAWABLE.includes(s);
