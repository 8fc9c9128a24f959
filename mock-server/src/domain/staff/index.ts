/**
 * Registry staff: what a staff member may decide on a case in the manual
 * queue, the reasons a decision needs, how a counter-intake case starts, and the console
 * session policy. Pure: no clock, database or randomness.
 *
 * The lifecycle (domain/cases) stays the only code that moves a case; this module only maps
 * the console's decisions onto lifecycle actions and checks their input.
 */
import type { CaseAction, CaseRecord, ReasonItem, TimelineEntry } from '../cases';

/** A staff member as the timeline and the audit show them. */
export interface StaffMember {
  staffId: string;
  username: string;
  displayName: string;
  /** 岗位, e.g. 受理审核岗 */
  post: string;
}

/** Decisions the console offers. `approve` becomes 待缴税 while the tax is unpaid. */
export const STAFF_DECISION_KINDS = [
  'accept',
  'requestCorrection',
  'notAccept',
  'approve',
  'refuse',
] as const;
export type StaffDecisionKind = (typeof STAFF_DECISION_KINDS)[number];

export const STAFF_DECISION_LABELS: Readonly<Record<StaffDecisionKind, string>> = {
  accept: '受理',
  requestCorrection: '要求补正',
  notAccept: '不予受理',
  approve: '审核通过',
  refuse: '不予登记',
};

/** Decisions that must say why (the reasons go into the sealed notice). */
export const NEEDS_REASONS: readonly StaffDecisionKind[] = [
  'requestCorrection',
  'notAccept',
  'refuse',
];

export const MAX_REASONS = 10;
export const MAX_REASON_LENGTH = 300;

/** Checks and normalises a decision's reasons; returns the reasons or a Chinese problem. */
export function checkReasons(
  kind: StaffDecisionKind,
  reasons: readonly string[] | undefined,
): { ok: true; reasons: ReasonItem[] } | { ok: false; problem: string } {
  const cleaned = (reasons ?? []).map((r) => r.trim()).filter(Boolean);
  if (NEEDS_REASONS.includes(kind) && cleaned.length === 0) {
    return { ok: false, problem: `“${STAFF_DECISION_LABELS[kind]}”必须写明理由` };
  }
  if (cleaned.length > MAX_REASONS) return { ok: false, problem: `理由最多 ${MAX_REASONS} 条` };
  if (cleaned.some((r) => r.length > MAX_REASON_LENGTH)) {
    return { ok: false, problem: `每条理由不超过 ${MAX_REASON_LENGTH} 字` };
  }
  return {
    ok: true,
    reasons: cleaned.map((explanation, i) => ({ code: `staff.${kind}.${i + 1}`, explanation })),
  };
}

/**
 * The lifecycle action a staff decision takes on this case, or null when the decision does not
 * fit the case's state. An approval of a sale whose tax is unpaid parks the case in 待缴税 under
 * the staff member's name (the machine continues once the tax is paid).
 */
export function lifecycleActionFor(
  c: CaseRecord,
  kind: StaffDecisionKind,
  taxOutstanding: boolean,
): CaseAction | null {
  if (!c.manualQueue) return null;
  const intake = c.status === 'submitted' || c.status === 'corrected';
  switch (kind) {
    case 'accept':
      return intake ? 'accept' : null;
    case 'requestCorrection':
      return intake ? 'requestCorrection' : null;
    case 'notAccept':
      return intake ? 'notAccept' : null;
    case 'approve':
      if (c.status !== 'review') return null;
      return taxOutstanding ? 'awaitTax' : 'approve';
    case 'refuse':
      return c.status === 'review' || c.status === 'taxPending' ? 'refuse' : null;
  }
}

/** The decisions available on a case in the queue, for the console's buttons. */
export function staffDecisionsFor(c: CaseRecord, taxOutstanding: boolean): StaffDecisionKind[] {
  return STAFF_DECISION_KINDS.filter((k) => lifecycleActionFor(c, k, taxOutstanding) !== null);
}

/**
 * The first timeline entry of a case opened at the counter (窗口受理, 实施意见 五(一)): the staff
 * member who keyed in the application for a walk-in applicant.
 */
export function counterIntakeEntry(staff: StaffMember, at: string): TimelineEntry {
  return {
    seq: 1,
    action: 'edit',
    step: '申请',
    from: 'draft',
    to: 'draft',
    actor: { kind: 'staff', id: staff.staffId, displayName: staff.displayName },
    at,
    note: '窗口受理：工作人员为现场申请人录入申请',
  };
}

// ---------------------------------------------------------------- console sessions

/** A console session ends after 30 minutes without use or 10 hours after login. */
export const STAFF_IDLE_MS = 30 * 60 * 1000;
export const STAFF_ABSOLUTE_MS = 10 * 60 * 60 * 1000;

export function staffSessionLive(
  s: { createdAt: string; lastSeenAt: string; endedAt?: string },
  now: Date,
): boolean {
  if (s.endedAt) return false;
  const t = now.getTime();
  return (
    t - Date.parse(s.lastSeenAt) < STAFF_IDLE_MS && t - Date.parse(s.createdAt) < STAFF_ABSOLUTE_MS
  );
}

/**
 * Failed logins on one username from one address before that address is held back for it
 * (15 minutes, doubling per earlier block within a day, at most a day).
 */
export const STAFF_MAX_FAILURES = 5;
export const STAFF_LOCK_MS = 15 * 60 * 1000;
export const STAFF_MAX_BLOCK_MS = 24 * 60 * 60 * 1000;
export const STAFF_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** failed logins from one address, whatever the username, before it is held back */
export const STAFF_MAX_FAILURES_PER_ADDRESS = 10;
/** different usernames one address fails on within the window: password spraying */
export const STAFF_SPRAY_USERNAMES = 3;
