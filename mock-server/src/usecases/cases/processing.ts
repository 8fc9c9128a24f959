/**
 * The automatic processing: once a party submits, the machine accepts (or not, or asks for
 * corrections), reviews, approves, records and issues with no human step, stopping at a party
 * (corrections, tax), a staff member (the manual queue) or the end. After a restart it finishes
 * what it had started.
 */
import type { BusinessType } from '../../domain/catalogue';
import {
  beijingDate,
  dueDates,
  isReadyToFile,
  machineStepOf,
  MACHINE_STATUSES,
  type CaseRecord,
  type ReasonItem,
} from '../../domain/cases';
import { runIntake, runReview } from '../../domain/review';
import type { CaseStore, Clock } from '../../ports';
import type { CaseAccess } from './access';
import type { CaseNotices } from './notices';
import type { CaseRecorder } from './recording';
import { basisOf, type ReviewContexts } from './reviewContext';
import { systemStep } from './systemStep';
import type { CaseEvents } from './types';

/** More steps than any case takes in one go: a guard against a loop. */
const MAX_STEPS = 12;

export interface AutomaticProcessingDeps {
  access: CaseAccess;
  store: Pick<CaseStore, 'transaction' | 'update' | 'listByStatus'>;
  clock: Clock;
  contexts: ReviewContexts;
  notices: CaseNotices;
  recorder: CaseRecorder;
  events: Pick<CaseEvents, 'completed'>;
}

const reasonsOf = (results: { code: string; explanation: string }[]): ReasonItem[] =>
  results.map((r) => ({ code: r.code, explanation: r.explanation }));

export class AutomaticProcessing {
  constructor(private readonly deps: AutomaticProcessingDeps) {}

  /** Moves a case on as far as the machine may; stops at a party, a staff member or the end. */
  process(caseId: string): CaseRecord {
    const { access } = this.deps;
    for (let i = 0; i < MAX_STEPS; i++) {
      const c = access.load(caseId);
      if (c.manualQueue) return c;
      const bt = access.businessType(c.businessTypeCode);
      switch (machineStepOf(c)) {
        case 'intake':
          this.intake(c, bt);
          break;
        case 'startReview':
          systemStep(this.deps, c, 'startReview', {});
          break;
        case 'review':
          this.review(c, bt);
          break;
        case 'record':
          this.deps.recorder.recordAndIssue(c, bt);
          break;
        default:
          if (isReadyToFile(c)) for (const l of this.deps.events.completed) l(caseId);
          return c;
      }
    }
    return access.load(caseId);
  }

  /** After a restart: finish what the machine had started. */
  resumePending(): number {
    const pending = this.deps.store.listByStatus(MACHINE_STATUSES).filter((c) => !c.manualQueue);
    for (const c of pending) this.process(c.caseId);
    return pending.length;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private intake(c: CaseRecord, bt: BusinessType): void {
    const out = runIntake(this.deps.contexts.of(c, bt));
    const at = this.now();
    const reasons = reasonsOf(out.reasons);
    const basis = basisOf(reasons.map((r) => r.code));
    const { notices } = this.deps;
    this.deps.store.transaction(() => {
      switch (out.decision) {
        case 'accept': {
          const due = dueDates(beijingDate(at), bt.promisedWorkingDays);
          const next = systemStep(this.deps, c, 'accept', { ...due });
          notices.notice(next, bt, 'acceptanceReceipt', [], ['《不动产登记暂行条例》第十七条']);
          return;
        }
        case 'notAccept': {
          const next = systemStep(this.deps, c, 'notAccept', { decisionReasons: reasons });
          notices.notice(next, bt, 'nonAcceptanceNotice', reasons, basis);
          return;
        }
        case 'requestCorrection': {
          const next = systemStep(this.deps, c, 'requestCorrection', {
            correction: { requestedAt: at, items: reasons },
          });
          notices.notice(next, bt, 'correctionNotice', reasons, basis);
          return;
        }
        case 'queueForStaff':
          systemStep(
            this.deps,
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
    const out = runReview(this.deps.contexts.of(c, bt));
    const at = this.now();
    const reasons = reasonsOf(out.reasons);
    const { notices } = this.deps;
    this.deps.store.transaction(() => {
      switch (out.decision) {
        case 'approve':
          systemStep(this.deps, c, 'approve', {});
          return;
        case 'refuse': {
          const next = systemStep(this.deps, c, 'refuse', { decisionReasons: reasons });
          notices.notice(next, bt, 'refusalNotice', reasons, basisOf(reasons.map((r) => r.code)));
          return;
        }
        case 'queueForStaff':
          systemStep(
            this.deps,
            c,
            'queueForStaff',
            { manualQueue: { since: at, stage: 'review', reasons } },
            '转人工审核',
          );
          return;
        case 'awaitTax': {
          const why = reasons.map((r) => r.explanation).join('；');
          systemStep(this.deps, c, 'awaitTax', {}, why);
          notices.deliver(c, `${bt.name}：等待缴纳税款`, why);
          return;
        }
      }
    });
  }
}
