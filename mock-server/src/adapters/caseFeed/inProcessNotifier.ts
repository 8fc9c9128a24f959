/**
 * The case feed's notices on the SQLite file, in process: the file has one writing node, so
 * after each write transaction commits (SqliteSqlDb.onCommit) the notifier reads the feed rows
 * written since the last it saw (by `feed_id`, commit order) and tells the watchers of their
 * cases. Only while some page watches: with none, nothing is read.
 */
import type { CaseChangeNotifier } from '../../ports';
import type { SqliteSqlDb } from '../sql/sqlite';
import { Watchers } from './watchers';

export class InProcessCaseNotifier implements CaseChangeNotifier {
  private readonly watchers = new Watchers();
  /** the last feed row read; undefined while nobody watches */
  private cursor: Promise<number> | undefined;
  private scanning: Promise<void> | undefined;
  private again = false;
  private readonly stopListening: () => void;

  constructor(private readonly sql: SqliteSqlDb) {
    this.stopListening = sql.onCommit(() => {
      if (this.watchers.size > 0) this.scan();
    });
  }

  watch(caseId: string, listener: (seq?: number) => void): () => void {
    // the cursor is read before the stream reads its case (same connection, in turn), so every
    // change committed after the stream's first read is found by a later scan
    this.cursor ??= this.sql
      .get<{ n: number | null }>('SELECT max(feed_id) AS n FROM case_feed')
      .then((r) => Number(r?.n ?? 0));
    const stop = this.watchers.add(caseId, listener);
    return () => {
      stop();
      if (this.watchers.size === 0 && !this.scanning) this.cursor = undefined;
    };
  }

  async ready(): Promise<void> {
    await this.cursor;
  }

  private scan(): void {
    if (this.scanning) {
      this.again = true;
      return;
    }
    this.scanning = (async () => {
      do {
        this.again = false;
        const from = await (this.cursor ?? Promise.resolve(0));
        const rows = await this.sql.all<{ feed_id: number; case_id: string; seq: number }>(
          'SELECT feed_id, case_id, seq FROM case_feed WHERE feed_id > ? ORDER BY feed_id',
          [from],
        );
        if (rows.length > 0) this.cursor = Promise.resolve(Number(rows.at(-1)!.feed_id));
        for (const r of rows) this.watchers.tell(r.case_id, Number(r.seq));
      } while (this.again);
    })()
      .catch(() => {
        // the file is closing or unavailable: the streams' own checks end them
      })
      .finally(() => {
        this.scanning = undefined;
        if (this.watchers.size === 0) this.cursor = undefined;
      });
  }

  async close(): Promise<void> {
    this.stopListening();
    await this.scanning;
  }
}
