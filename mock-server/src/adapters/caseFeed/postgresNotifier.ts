/**
 * The case feed's notices between nodes on PostgreSQL: one connection per node LISTENs on
 * `case_feed`; the migration's trigger NOTIFYs '<case id> <seq>' for every feed row, delivered
 * by PostgreSQL only once the change commits, to every node. The connection is opened when the
 * first page watches; lost, it is opened again with backoff and every watcher is told once
 * (something may have been missed meanwhile; the stream reads the feed again).
 */
import pg from 'pg';
import type { CaseChangeNotifier } from '../../ports';
import { Watchers } from './watchers';

const CHANNEL = 'case_feed';

export class PostgresCaseNotifier implements CaseChangeNotifier {
  private readonly watchers = new Watchers();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryMs = 250;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly connectionString: string) {}

  watch(caseId: string, listener: (seq?: number) => void): () => void {
    const stop = this.watchers.add(caseId, listener);
    void this.ensureListening();
    return stop;
  }

  /** resolves once this node listens (or its first try failed: then it tries again later) */
  ready(): Promise<void> {
    return this.ensureListening();
  }

  private ensureListening(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'handheld-estate case feed',
      keepAlive: true,
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      const space = n.payload.lastIndexOf(' ');
      const seq = Number(n.payload.slice(space + 1));
      this.watchers.tell(n.payload.slice(0, space), Number.isSafeInteger(seq) ? seq : undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      void client.end().catch(() => undefined);
      this.reconnectLater();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    const wasLost = this.retryMs > 250;
    this.client = client;
    this.retryMs = 250;
    if (wasLost) this.watchers.tellAll();
  }

  private reconnectLater(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.ensureListening();
    }, this.retryMs);
    this.retryTimer.unref?.();
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
