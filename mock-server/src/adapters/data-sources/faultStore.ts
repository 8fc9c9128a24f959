/**
 * The data-source fault switch in the registry's store (migration 0016), written once on SqlDb:
 * one row per source that is not 'ok'. Every node's simulators read it on each call, so a switch
 * made from the staff console on one node is what all of them do.
 *
 * The faults a node is configured with (DATA_SOURCE_FAULTS) are written when it starts, for the
 * sources they name; the other sources keep what the console last set (a node that restarts does
 * not undo another node's switch). Every method waits for that first write.
 */
import { DATA_SOURCE_CODES, type DataSourceCode } from '../../ports/sharedData';
import type { Clock } from '../../ports';
import type { SqlDb } from '../sql/types';
import type { DataSourceFaultMode, DataSourceFaultSwitch } from './faults';

export class SqlDataSourceFaults implements DataSourceFaultSwitch {
  private readonly ready: Promise<void>;

  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
    configured: Partial<Record<DataSourceCode, DataSourceFaultMode>> = {},
  ) {
    const entries = Object.entries(configured) as [DataSourceCode, DataSourceFaultMode][];
    this.ready = entries.length
      ? this.db.transaction(async () => {
          for (const [code, mode] of entries) await this.write(code, mode);
        })
      : Promise.resolve();
    // a failed first write is reported by the first call that waits for it
    this.ready.catch(() => undefined);
  }

  async of(code: DataSourceCode): Promise<DataSourceFaultMode> {
    await this.ready;
    const row = await this.db.get<{ mode: DataSourceFaultMode }>(
      'SELECT mode FROM data_source_faults WHERE source = ?',
      [code],
    );
    return row?.mode ?? 'ok';
  }

  async set(code: DataSourceCode, mode: DataSourceFaultMode): Promise<void> {
    await this.ready;
    await this.write(code, mode);
  }

  async clear(): Promise<void> {
    await this.ready;
    await this.db.run('DELETE FROM data_source_faults');
  }

  async all(): Promise<Record<DataSourceCode, DataSourceFaultMode>> {
    await this.ready;
    const rows = await this.db.all<{ source: DataSourceCode; mode: DataSourceFaultMode }>(
      'SELECT source, mode FROM data_source_faults',
    );
    const set = new Map(rows.map((r) => [r.source, r.mode]));
    return Object.fromEntries(DATA_SOURCE_CODES.map((c) => [c, set.get(c) ?? 'ok'])) as Record<
      DataSourceCode,
      DataSourceFaultMode
    >;
  }

  private async write(code: DataSourceCode, mode: DataSourceFaultMode): Promise<void> {
    if (mode === 'ok') {
      await this.db.run('DELETE FROM data_source_faults WHERE source = ?', [code]);
      return;
    }
    await this.db.run(
      `INSERT INTO data_source_faults (source, mode, set_at) VALUES (?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET mode = excluded.mode, set_at = excluded.set_at`,
      [code, mode, this.clock.now().toISOString()],
    );
  }
}
