/**
 * Fault modes of the data-source simulators: each source can be slow (answers
 * after a delay, past the caller's timeout), unavailable (refuses at once) or wrong (answers with
 * a deliberately wrong field, sealed as if right). Set in tests, by DATA_SOURCE_FAULTS
 * (e.g. `civilAffairs:unavailable,housing:slow`) and from the staff console.
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

/** The current fault of each source; changed at run time by tests and the demo switch. */
export class DataSourceFaults {
  private readonly modes = new Map<DataSourceCode, DataSourceFaultMode>();

  constructor(initial: Partial<Record<DataSourceCode, DataSourceFaultMode>> = {}) {
    for (const [code, mode] of Object.entries(initial)) this.set(code as DataSourceCode, mode);
  }

  of(code: DataSourceCode): DataSourceFaultMode {
    return this.modes.get(code) ?? 'ok';
  }

  set(code: DataSourceCode, mode: DataSourceFaultMode): void {
    if (mode === 'ok') this.modes.delete(code);
    else this.modes.set(code, mode);
  }

  clear(): void {
    this.modes.clear();
  }

  all(): Record<DataSourceCode, DataSourceFaultMode> {
    return Object.fromEntries(DATA_SOURCE_CODES.map((c) => [c, this.of(c)])) as Record<
      DataSourceCode,
      DataSourceFaultMode
    >;
  }
}
