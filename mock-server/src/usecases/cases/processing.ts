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
  ANNOUNCEMENT_STATUSES,
  announcementLapsed,
  beijingDate,
  CORRECTION_STATUSES,
  machineStepOf,
  MACHINE_STATUSES,
  type CaseCommand,
  type CaseRecord,
  type DecisionCommand,
  type MachineStep,
  type ReasonItem,
} from '../../domain/cases';
import { runIntake, runReview } from '../../domain/review';
import { isAppError } from '../../domain/errors';
import type { CaseStore, Clock } from '../../ports';
import type { CaseAccess } from './access';
import type { CaseEffects } from './effectsRunner';
import type { CaseRecorder } from './recording';
import type { ReviewContexts } from './reviewContext';
import { afterMachineStep, systemStep } from './systemStep';

/** More steps than any case takes in one go: a guard against a loop. */
const MAX_STEPS = 12;

export interface AutomaticProcessingDeps {
  access: CaseAccess;
  store: Pick<CaseStore, 'transaction' | 'listByStatus' | 'get'>;
  clock: Clock;
  contexts: ReviewContexts;
  recorder: Pick<CaseRecorder, 'recordAndIssue'>;
  /** the one effects runner (the step's store effects, then what follows it) */
  effects: Pick<CaseEffects, 'store' | 'after'>;
}

export class AutomaticProcessing {
  constructor(private readonly deps: AutomaticProcessingDeps) {}

  /** Moves a case on as far as the machine may; stops at a party, a staff member or the end. */
  async process(caseId: string): Promise<CaseRecord> {
    const { access } = this.deps;
    for (let i = 0; i < MAX_STEPS; i++) {
      const c = await access.load(caseId);
      if (c.manualQueue) return c;
      const bt = await access.businessType(c.businessTypeCode);
      const step = machineStepOf(c, this.today());
      // a case that finished was filed (and so on) by the effects of the step that finished it
      if (!step) return c;
      try {
        await this.take(step, c, bt);
      } catch (e) {
        if (!(await this.movedMeanwhile(e, c))) throw e;
      }
    }
    return access.load(caseId);
  }

  /**
   * After a restart: finish what the machine had started, and end the cases whose 补正期限
   * passed while the node was down.
   */
  async resumePending(): Promise<number> {
    const pending = (await this.deps.store.listByStatus(MACHINE_STATUSES)).filter(
      (c) => !c.manualQueue,
    );
    for (const c of pending) await this.process(c.caseId);
    return pending.length + (await this.lapseOverdueCorrections());
  }

  /**
   * The machine's daily duty (bootstrap runs it at start and then on a timer, on every node):
   * each case whose 补正期限 has passed unanswered is ended with its notice, and each case whose
   * 公告 has ended is recorded (recordAfterAnnouncements). Read from the
   * store each time (the due date is the case's own), so no node keeps anything in memory and
   * two nodes at once end a case once (the version check of the step).
   */
  async lapseOverdueCorrections(): Promise<number> {
    const today = this.today();
    const overdue = (await this.deps.store.listByStatus(CORRECTION_STATUSES)).filter(
      (c) => machineStepOf(c, today) === 'lapseCorrection',
    );
    for (const c of overdue) await this.process(c.caseId);
    return overdue.length + (await this.recordAfterAnnouncements());
  }

  /**
   * The same duty for a 公告 (继承公告): an approved case whose announcement's last day has
   * passed is recorded and issued by the machine, read from the store each time like the
   * 补正期限 (no timer per case, nothing in memory; the version check records it once).
   */
  async recordAfterAnnouncements(): Promise<number> {
    const today = this.today();
    const due = (await this.deps.store.listByStatus(ANNOUNCEMENT_STATUSES)).filter(
      (c) => !c.manualQueue && announcementLapsed(c, today),
    );
    for (const c of due) await this.process(c.caseId);
    return due.length;
  }

  /** Today in Beijing, by the injected clock. */
  private today(): string {
    return beijingDate(this.deps.clock.now().toISOString());
  }

  private async take(step: MachineStep, c: CaseRecord, bt: BusinessType): Promise<void> {
    switch (step) {
      case 'intake':
        return this.intake(c, bt);
      case 'startReview':
        return this.decide(c, bt, { type: 'startReview' });
      case 'lapseCorrection':
        return this.decide(c, bt, { type: 'lapseCorrection' });
      case 'review':
        return this.review(c, bt);
      case 'record': {
        const { next, after } = await this.deps.recorder.recordAndIssue(c, bt);
        return this.deps.effects.after(next, afterMachineStep(after));
      }
    }
  }

  /** a conflict because another node (or request) stored a newer version of the case first */
  private async movedMeanwhile(e: unknown, c: CaseRecord): Promise<boolean> {
    if (!isAppError(e) || e.code !== 'CONFLICT') return false;
    const now = await this.deps.store.get(c.caseId);
    return Boolean(now && now.version !== c.version);
  }

  /**
   * The machine's decision as one transaction (the case, its notice or message), then what
   * follows it outside (a finished case filed, its shared data fetched).
   */
  private async decide(c: CaseRecord, bt: BusinessType, command: CaseCommand): Promise<void> {
    const { next, after } = await this.deps.store.transaction(() =>
      systemStep(this.deps, c, command, bt),
    );
    await this.deps.effects.after(next, afterMachineStep(after));
  }

  /** 受理: accept (the 受理凭证), ask for corrections, not accept, or hand to a staff member. */
  private async intake(c: CaseRecord, bt: BusinessType): Promise<void> {
    const out = runIntake(await this.deps.contexts.of(c, bt));
    await this.decide(c, bt, decisionOf(out.decision, out.reasons));
  }

  /** 审核: approve, refuse, wait for the tax, or hand to a staff member. */
  private async review(c: CaseRecord, bt: BusinessType): Promise<void> {
    const out = runReview(await this.deps.contexts.of(c, bt));
    await this.decide(c, bt, decisionOf(out.decision, out.reasons));
  }
}

/** The decision as the workflow's command; accept and approve carry no reasons. */
function decisionOf(
  decision: DecisionCommand['type'],
  results: { code: string; explanation: string }[],
): DecisionCommand {
  if (decision === 'accept' || decision === 'approve') return { type: decision };
  const reasons: ReasonItem[] = results.map((r) => ({ code: r.code, explanation: r.explanation }));
  return { type: decision, reasons };
}
