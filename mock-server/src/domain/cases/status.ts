/**
 * Named questions about where a case stands. Every comparison of a case's status outside the
 * lifecycle goes through one of these (use cases, routes and adapters never compare statuses
 * themselves), so that a change of the workflow changes one file. Each takes anything with a
 * `status`, a stored case or a view of one.
 *
 * The statuses in order (see lifecycle.ts): draft → signing → submitted → accepted →
 * (correctionRequested ⇄ corrected) → review → (taxPending) → approved → recorded → issued →
 * archived; ending early in notAccepted, refused or withdrawn.
 */
import type { CaseStatus } from './model';

type HasStatus = { readonly status: CaseStatus };

const among =
  (statuses: readonly CaseStatus[]) =>
  (c: HasStatus): boolean =>
    statuses.includes(c.status);

// ---------------------------------------------------------------- the status sets

/**
 * Finished: nothing is left for the registry to decide — a certificate was issued (and maybe
 * filed), or the case ended without recording (不予受理, 不予登记, 撤回). The one "finished"
 * notion of the server and the app.
 */
export const FINISHED_STATUSES: readonly CaseStatus[] = [
  'issued',
  'archived',
  'refused',
  'notAccepted',
  'withdrawn',
];

/** The machine moves a case in these statuses on by itself (after a restart too). */
export const MACHINE_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'corrected',
  'accepted',
  'review',
  'approved',
];

/** A case may wait for a staff member (the manual queue) in these statuses. */
export const STAFF_QUEUE_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'corrected',
  'review',
  'taxPending',
];

/** The parties are signing the application (the 待我签署 list). */
export const SIGNING_STATUSES: readonly CaseStatus[] = ['signing'];

/** The entry is in the register (登簿 done): recorded, issued, archived. */
export const RECORDED_STATUSES: readonly CaseStatus[] = ['recorded', 'issued', 'archived'];

/** Ended without an entry in the register. */
export const CLOSED_UNRECORDED_STATUSES: readonly CaseStatus[] = [
  'notAccepted',
  'refused',
  'withdrawn',
];

/** Submitted and not yet recorded or ended: the registry is working on it. */
export const IN_PROCESS_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'accepted',
  'correctionRequested',
  'corrected',
  'review',
  'taxPending',
  'approved',
];

// ---------------------------------------------------------------- single statuses

/** 申请 being written by the initiator. */
export const isDraft = (c: HasStatus): boolean => c.status === 'draft';
/** The parties are signing (电子签名 or at the counter). */
export const isCollectingSignatures = (c: HasStatus): boolean => c.status === 'signing';
/** A 补正通知书 was sent and the parties have not answered it yet. */
export const awaitsCorrection = (c: HasStatus): boolean => c.status === 'correctionRequested';
/**
 * The 补正期限 of a case waiting for corrections has passed: `today` (Beijing, YYYY-MM-DD) is
 * after its last day. A request without a period (made before periods were set) never lapses.
 */
export const correctionLapsed = (
  c: HasStatus & { correction?: { dueOn?: string } },
  today: string,
): boolean => awaitsCorrection(c) && Boolean(c.correction?.dueOn) && today > c.correction!.dueOn!;
/**
 * Approved and its 公告 (继承公告) still running: `today` (Beijing, YYYY-MM-DD) is not after the
 * announcement's last day, so recording waits. Without a day the announcement counts as running.
 */
export const announcementRunning = (
  c: HasStatus & { announcement?: { endsOn: string } },
  today?: string,
): boolean =>
  c.status === 'approved' && Boolean(c.announcement) && (!today || today <= c.announcement!.endsOn);
/** Approved with a 公告 whose period has passed (`today` after its last day): record now. */
export const announcementLapsed = (
  c: HasStatus & { announcement?: { endsOn: string } },
  today: string,
): boolean => c.status === 'approved' && Boolean(c.announcement) && !announcementRunning(c, today);
/** 待缴税: the review waits for the tax of the sale to be paid. */
export const awaitsTax = (c: HasStatus): boolean => c.status === 'taxPending';
/** 审核 is under way (automatic or by staff). */
export const isUnderReview = (c: HasStatus): boolean => c.status === 'review';
/** The certificate (or the cancellation) is issued and the case waits to be filed. */
export const isIssued = (c: HasStatus): boolean => c.status === 'issued';
/** Filed in the archive (归档). */
export const isArchived = (c: HasStatus): boolean => c.status === 'archived';

// ---------------------------------------------------------------- groups

/**
 * Before submission (draft or signing): the parties, the 询问笔录, the contract terms and the
 * spouse's consent may still change (a change while signing voids the signatures it touches).
 */
export const canEditParties = among(['draft', 'signing']);
/** Alias of canEditParties, for the contract terms and 民政's answers. */
export const isBeforeSubmission = canEditParties;
/** Materials may be uploaded, committed or resolved again: before submission and at 补正. */
export const acceptsMaterials = among(['draft', 'signing', 'correctionRequested']);
/** At 受理 (intake): submitted, or corrected after a 补正通知书. */
export const isAtIntake = among(['submitted', 'corrected']);
/** Submitted, not yet recorded nor ended. */
export const isInProcess = among(IN_PROCESS_STATUSES);
/** The machine moves it on by itself, unless a staff member has it. */
export const awaitsMachine = (c: HasStatus & { manualQueue?: unknown }): boolean =>
  MACHINE_STATUSES.includes(c.status) && !c.manualQueue;
/** In the manual queue: waiting for a staff member's decision. */
export const isInStaffQueue = (c: HasStatus & { manualQueue?: unknown }): boolean =>
  STAFF_QUEUE_STATUSES.includes(c.status) && Boolean(c.manualQueue);
/** 登簿 is done: recorded, issued or archived. */
export const isRecorded = among(RECORDED_STATUSES);
/** Ended without an entry (不予受理, 不予登记, 撤回). */
export const isClosedUnrecorded = among(CLOSED_UNRECORDED_STATUSES);
/** Neither recorded nor ended: the case can still lead to an entry. */
export const isOpen = (c: HasStatus): boolean => !isRecorded(c) && !isClosedUnrecorded(c);
/** Nothing is left for the registry to decide (see FINISHED_STATUSES). */
export const isFinished = among(FINISHED_STATUSES);
/**
 * How a finished case ended, apart from whether it is filed yet: 'issued' (the certificate or the
 * cancellation, filed or not: an issued case moves on to `archived`), or 'refused', 'notAccepted',
 * 'withdrawn' (these keep their status once filed). Undefined while the case is not finished.
 */
export type CaseOutcome = 'issued' | 'refused' | 'notAccepted' | 'withdrawn';
export function outcomeOf(c: HasStatus): CaseOutcome | undefined {
  if (!isFinished(c)) return undefined;
  return isArchived(c) ? 'issued' : (c.status as CaseOutcome);
}
/** finished but not yet filed in the archive (what the archive's backlog looks for) */
export const READY_TO_FILE_STATUSES: readonly CaseStatus[] = FINISHED_STATUSES.filter(
  (s) => s !== 'archived',
);
export const isReadyToFile = among(READY_TO_FILE_STATUSES);
/** A status the case never leaves (archived, or ended early). */
export const isTerminal = among(['notAccepted', 'refused', 'archived', 'withdrawn']);
/** Shared records of the case may still be objected to or sent back for recheck. */
export const acceptsObjections = (c: HasStatus): boolean => !isTerminal(c);
/** The buyer may still choose the utilities to transfer (水电气网联动过户). */
export const mayChooseUtilities = isOpen;
/** The utility companies are told (or told again) only once the entry is recorded. */
export const mayNotifyUtilities = isRecorded;

// ---------------------------------------------------------------- the machine's next step

/**
 * The machine's next step on a case: intake, starting the review, the review, recording, or
 * ending a case whose 补正期限 passed unanswered.
 */
export type MachineStep = 'intake' | 'startReview' | 'review' | 'record' | 'lapseCorrection';

/** The statuses the machine looks at for a 公告 whose period passed (继承公告). */
export const ANNOUNCEMENT_STATUSES: readonly CaseStatus[] = ['approved'];

/** The statuses the machine looks at for a 补正期限 that passed (besides MACHINE_STATUSES). */
export const CORRECTION_STATUSES: readonly CaseStatus[] = ['correctionRequested'];

/**
 * What the automatic processing does next with a case in this status (none: it stops); `today`
 * (Beijing, YYYY-MM-DD) tells whether a 补正期限 or a 公告's period has passed.
 */
export function machineStepOf(
  c: HasStatus & { correction?: { dueOn?: string }; announcement?: { endsOn: string } },
  today?: string,
): MachineStep | undefined {
  if (today && correctionLapsed(c, today)) return 'lapseCorrection';
  if (isAtIntake(c)) return 'intake';
  if (c.status === 'accepted') return 'startReview';
  if (isUnderReview(c)) return 'review';
  // a 公告 in its period: recording waits until the day after its last day (the sweep)
  if (announcementRunning(c, today)) return undefined;
  if (c.status === 'approved') return 'record';
  return undefined;
}

// ---------------------------------------------------------------- fees and refunds

/**
 * The registration fee may be paid from submission until the entry is recorded or the case ends
 * (docs/registry-facts.md §14); a case parked in 待缴税费 moves on by the payFee step.
 */
export const acceptsFeePayment = isInProcess;
/** 待缴税费: the review waits for the tax or the registration fee to be paid. */
export const awaitsPayment = awaitsTax;
/**
 * Ended without an entry (撤回, 不予登记, 不予受理): the tax and fee paid for the case are refunded
 * (docs/registry-facts.md §14).
 */
export const refundsPayments = isClosedUnrecorded;
