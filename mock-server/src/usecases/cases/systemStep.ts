/**
 * One step the machine takes on a case (intake, review, 登簿, 发证) through the workflow, stored
 * with the effects that write to the store, in the caller's transaction.
 */
import type { BusinessType } from '../../domain/catalogue';
import { transition, type CaseCommand, type CaseEffect, type CaseRecord } from '../../domain/cases';
import type { Clock } from '../../ports';
import type { CaseEffects } from './effectsRunner';

export interface SystemStepDeps {
  effects: Pick<CaseEffects, 'store'>;
  clock: Clock;
}

export interface StoredStep {
  /** the case as stored */
  next: CaseRecord;
  /** what follows once the transaction commits (see CaseEffects.after) */
  after: CaseEffect[];
}

/** Applies `command` as the system at `at` (now by default), stores it and its store effects. */
export async function systemStep(
  deps: SystemStepDeps,
  c: CaseRecord,
  command: CaseCommand,
  businessType: BusinessType,
  at: string = deps.clock.now().toISOString(),
): Promise<StoredStep> {
  const r = transition(c, command, { actor: { kind: 'system' }, at, businessType });
  const after = await deps.effects.store(c, r, { businessType, at });
  return { next: r.next, after };
}

/**
 * What follows a step of the machine, without handing the case back to the machine: the
 * processing loop itself takes the next step.
 */
export const afterMachineStep = (effects: readonly CaseEffect[]): CaseEffect[] =>
  effects.filter((e) => e.type !== 'continueProcessing');
