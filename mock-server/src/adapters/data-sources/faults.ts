/**
 * Fault modes of the data-source simulators: each source can be slow (answers
 * after a delay, past the caller's timeout), unavailable (refuses at once) or wrong (answers with
 * a deliberately wrong field, sealed as if right). Set in tests, by DATA_SOURCE_FAULTS
 * (e.g. `civilAffairs:unavailable,housing:slow`) and from the staff console; kept in the store
 * (faultStore.ts) so that every node sees the same switch.
 */
import { DATA_SOURCE_CODES, type DataSourceCode } from '../../ports/sharedData';

export const DATA_SOURCE_FAULT_MODES = ['ok', 'slow', 'unavailable', 'wrong'] as const;
export type DataSourceFaultMode = (typeof DATA_SOURCE_FAULT_MODES)[number];

/** Parses `code:mode,code:mode`; returns the problem in words, or the map. */
export function parseDataSourceFaults(
  text: string,
):
  | { ok: true; faults: Partial<Record<DataSourceCode, DataSourceFaultMode>> }
  | { ok: false; problem: string } {
  const faults: Partial<Record<DataSourceCode, DataSourceFaultMode>> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [code, mode, extra] = part.split(':').map((s) => s.trim());
    if (extra !== undefined || !code || !mode)
      return { ok: false, problem: `"${part}" is not source:mode` };
    if (!(DATA_SOURCE_CODES as readonly string[]).includes(code)) {
      return {
        ok: false,
        problem: `unknown source "${code}" (one of ${DATA_SOURCE_CODES.join(', ')})`,
      };
    }
    if (!(DATA_SOURCE_FAULT_MODES as readonly string[]).includes(mode)) {
      return {
        ok: false,
        problem: `unknown mode "${mode}" (one of ${DATA_SOURCE_FAULT_MODES.join(', ')})`,
      };
    }
    faults[code as DataSourceCode] = mode as DataSourceFaultMode;
  }
  return { ok: true, faults };
}

/**
 * The current fault of each source, as every node's simulators read it (a source not set is
 * 'ok'). The registry keeps it in its store (SqlDataSourceFaults), so a switch made on one node
 * applies on all of them.
 */
export interface DataSourceFaultSwitch {
  of(code: DataSourceCode): Promise<DataSourceFaultMode>;
  set(code: DataSourceCode, mode: DataSourceFaultMode): Promise<void>;
  /** every source back to 'ok' */
  clear(): Promise<void>;
  all(): Promise<Record<DataSourceCode, DataSourceFaultMode>>;
}
