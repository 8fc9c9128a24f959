/**
 * The automatic processing: once a party submits, the machine accepts (or not, or asks for
 * corrections), reviews, approves, records and issues with no human step, stopping at a party
 * (corrections, tax), a staff member (the manual queue) or the end. After a restart it finishes
 * what it had started. Each step is one transaction that stores the case at the version it read:
 * when another node moved the case meanwhile the step is undone and the machine looks again, so
 * a case is accepted, decided and recorded exactly once.
 */
import type { BusinessType } from '../../domain/catalogue';
import {
  beijingDate,
  type MachineStep,
  dueDates,
  isReadyToFile,
  machineStepOf,
  MACHINE_STATUSES,
  type CaseRecord,
  type ReasonItem,
} from '../../domain/cases';
import { runIntake, runReview } from '../../domain/review';
import { isAppError } from '../../domain/errors';
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
  store: Pick<CaseStore, 'transaction' | 'afterCommit' | 'update' | 'listByStatus' | 'get'>;
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
  async process(caseId: string): Promise<CaseRecord> {
    const { access } = this.deps;
    for (let i = 0; i < MAX_STEPS; i++) {
      const c = await access.load(caseId);
      if (c.manualQueue) return c;
      const bt = await access.businessType(c.businessTypeCode);
      const step = machineStepOf(c);
      if (!step) {
        if (isReadyToFile(c))
          this.deps.store.afterCommit(() => {
            for (const l of this.deps.events.completed) l(caseId);
          });
        return c;
      }
      try {
        await this.take(step, c, bt);
      } catch (e) {
        if (!(await this.movedMeanwhile(e, c))) throw e;
      }
    }
    return access.load(caseId);
  }

  /** After a restart: finish what the machine had started. */
  async resumePending(): Promise<number> {
    const pending = (await this.deps.store.listByStatus(MACHINE_STATUSES)).filter(
      (c) => !c.manualQueue,
    );
    for (const c of pending) await this.process(c.caseId);
    return pending.length;
  }

  private async take(step: MachineStep, c: CaseRecord, bt: BusinessType): Promise<void> {
    switch (step) {
      case 'intake':
        return this.intake(c, bt);
      case 'startReview':
        await this.deps.store.transaction(() => systemStep(this.deps, c, 'startReview', {}));
        return;
      case 'review':
        return this.review(c, bt);
      case 'record':
        return this.deps.recorder.recordAndIssue(c, bt);
    }
  }

  /** a conflict because another node (or request) stored a newer version of the case first */
  private async movedMeanwhile(e: unknown, c: CaseRecord): Promise<boolean> {
    if (!isAppError(e) || e.code !== 'CONFLICT') return false;
    const now = await this.deps.store.get(c.caseId);
    return Boolean(now && now.version !== c.version);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async intake(c: CaseRecord, bt: BusinessType): Promise<void> {
    const out = runIntake(await this.deps.contexts.of(c, bt));
    const at = this.now();
    const reasons = reasonsOf(out.reasons);
    const basis = basisOf(reasons.map((r) => r.code));
    const { notices } = this.deps;
    await this.deps.store.transaction(async () => {
      switch (out.decision) {
        case 'accept': {
          const due = dueDates(beijingDate(at), bt.promisedWorkingDays);
          const next = await systemStep(this.deps, c, 'accept', { ...due });
          await notices.notice(
            next,
            bt,
            'acceptanceReceipt',
            [],
            ['《不动产登记暂行条例》第十七条'],
          );
          return;
        }
        case 'notAccept': {
          const next = await systemStep(this.deps, c, 'notAccept', { decisionReasons: reasons });
          await notices.notice(next, bt, 'nonAcceptanceNotice', reasons, basis);
          return;
        }
        case 'requestCorrection': {
          const next = await systemStep(this.deps, c, 'requestCorrection', {
            correction: { requestedAt: at, items: reasons },
          });
          await notices.notice(next, bt, 'correctionNotice', reasons, basis);
          return;
        }
        case 'queueForStaff':
          await systemStep(
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

  private async review(c: CaseRecord, bt: BusinessType): Promise<void> {
    const out = runReview(await this.deps.contexts.of(c, bt));
    const at = this.now();
    const reasons = reasonsOf(out.reasons);
    const { notices } = this.deps;
    await this.deps.store.transaction(async () => {
      switch (out.decision) {
        case 'approve':
          await systemStep(this.deps, c, 'approve', {});
          return;
        case 'refuse': {
          const next = await systemStep(this.deps, c, 'refuse', { decisionReasons: reasons });
          await notices.notice(
            next,
            bt,
            'refusalNotice',
            reasons,
            basisOf(reasons.map((r) => r.code)),
          );
          return;
        }
        case 'queueForStaff':
          await systemStep(
            this.deps,
            c,
            'queueForStaff',
            { manualQueue: { since: at, stage: 'review', reasons } },
            '转人工审核',
          );
          return;
        case 'awaitTax': {
          const why = reasons.map((r) => r.explanation).join('；');
          await systemStep(this.deps, c, 'awaitTax', {}, why);
          await notices.deliver(c, `${bt.name}：等待缴纳税款`, why);
          return;
        }
      }
    });
  }
}
