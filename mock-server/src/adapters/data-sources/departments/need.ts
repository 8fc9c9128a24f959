import type { SharedDataKind, SharedDataQuery } from '../../../ports/sharedData';

/** narrows a query to the kind a department's answer was registered for */
export function need<K extends SharedDataKind>(q: SharedDataQuery, kind: K) {
  if (q.kind !== kind) throw new Error(`expected a ${kind} query`);
  return q as Extract<SharedDataQuery, { kind: K }>;
}
