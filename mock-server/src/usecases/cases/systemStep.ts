/** One lifecycle step taken by the machine (intake, review, recording), stored at once. */
import { applyAction, type CaseAction, type CaseRecord } from '../../domain/cases';
import type { CaseStore, Clock } from '../../ports';
import { conflict } from './access';

export interface SystemStepDeps {
  store: Pick<CaseStore, 'update'>;
  clock: Clock;
}

/** Applies `action` as the system with `patch`, stores the next version and returns it. */
export async function systemStep(
  deps: SystemStepDeps,
  c: CaseRecord,
  action: CaseAction,
  patch: Partial<CaseRecord>,
  note?: string,
): Promise<CaseRecord> {
  const r = applyAction(c, action, { kind: 'system' }, deps.clock.now().toISOString(), {
    patch,
    ...(note ? { note } : {}),
  });
  if (!r.ok) throw conflict(r.reason);
  const next = { ...r.case, version: c.version + 1 };
  await deps.store.update(next, c.version);
  return next;
}
