/**
 * The case workflow: what may be done now (`availableActions`) and what doing it means
 * (`transition`: the next case and its effects as data). Pure; the use cases load the facts of
 * the context, call `transition`, store `next` (version checked) and hand the effects to the
 * effects runner. Allowed is decided in actions.ts only.
 */
import type { BusinessType } from '../catalogue';
import { AppError } from '../errors';
import {
  isOffered,
  LISTED_ACTIONS,
  refusalOf,
  WORKFLOW_ACTIONS,
  type Refusal,
  type WorkflowAction,
  type WorkflowContext,
} from './actions';
import type { CaseCommand } from './commands';
import { lifecycleActions, type CaseAction, type CaseCaller } from './lifecycle';
import type { CaseRecord } from './model';
import { canEditParties } from './status';
import { applyCommand, inputRefusal } from './transition';
import type { CaseEffect } from './effects';

/** Everything `actor` may do with the case now, offered or not, in WORKFLOW_ACTIONS order. */
export function allowedActions(
  c: CaseRecord,
  actor: CaseCaller,
  ctx: WorkflowContext,
): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => !refusalOf(c, a, actor, ctx));
}

/**
 * What the caller may do with the case now.
 *
 * With a WorkflowContext: the workflow's actions offered to `actor` — for a party exactly the
 * API's `availableActions` (the lifecycle's, then invite, answerInquiry, uploadMaterial); for
 * staff and the machine every action allowed them.
 *
 * With a business type (or nothing): the lifecycle's actions only, as before the workflow
 * joined the steps (kept for current callers).
 */
export function availableActions(
  c: CaseRecord,
  actor: CaseCaller,
  businessType?: BusinessType,
): CaseAction[];
export function availableActions(
  c: CaseRecord,
  actor: CaseCaller,
  ctx: WorkflowContext,
): WorkflowAction[];
export function availableActions(
  c: CaseRecord,
  actor: CaseCaller,
  ctx?: WorkflowContext | BusinessType,
): WorkflowAction[] {
  if (!ctx || !('businessType' in ctx)) return lifecycleActions(c, actor, ctx);
  const allowed = allowedActions(c, actor, ctx);
  if (actor.kind !== 'party') return allowed;
  return LISTED_ACTIONS.filter((a) => allowed.includes(a) && isOffered(c, a, actor, ctx));
}

/** A refusal as the error the domain throws. */
export const refusalError = (r: Refusal): AppError => new AppError(r.code, r.message);

/** Throws the refusal's AppError unless `actor` may take `action` now. */
export function assertAllowed(
  c: CaseRecord,
  action: WorkflowAction,
  actor: CaseCaller,
  ctx: WorkflowContext,
): void {
  const r = refusalOf(c, action, actor, ctx);
  if (r) throw refusalError(r);
}

/** Who acts, when, and the facts the workflow needs. */
export interface TransitionContext extends WorkflowContext {
  actor: CaseCaller;
  /** ISO instant of the change (the Clock port's now) */
  at: string;
  /** the party's name as the timeline shows it (the session's), staff bring theirs */
  partyName?: string;
}

export interface TransitionResult {
  /** the case after the action; its version is one more than before when anything changed */
  next: CaseRecord;
  /** what follows, in order (see effects.ts) */
  effects: CaseEffect[];
}

/**
 * Applies an action: refuses it (AppError, the codes and messages of the use cases) unless it is
 * allowed now, then returns the next case and its effects. Never mutates `c`.
 */
export function transition(
  c: CaseRecord,
  action: CaseCommand,
  ctx: TransitionContext,
): TransitionResult {
  // 民政's later answer for a case already submitted changes nothing (as before: ignored)
  if (action.type === 'recordMarriageAnswer' && !canEditParties(c)) return { next: c, effects: [] };
  const early = inputRefusal(c, action, ctx);
  if (early) throw early;
  assertAllowed(c, action.type, ctx.actor, ctx);
  return applyCommand(c, action, ctx);
}
