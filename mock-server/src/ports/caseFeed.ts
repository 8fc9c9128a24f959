/**
 * The case feed: every committed change of what a party's open page shows, numbered per case
 * (1, 2, …) in the store (migration 0041, written by trigger in the change's own transaction).
 * The number is durable and the same on every node, so a status stream names its events by it
 * and a reconnecting page resumes from the last one it saw (`Last-Event-ID`).
 */
export interface CaseFeedStore {
  /** the number of the case's latest change (0 when none is recorded) */
  latest(caseId: string): Promise<number>;
}

/**
 * Tells this node of changes committed on any node: PostgreSQL LISTEN/NOTIFY between nodes,
 * in-process on the one-node SQLite file. A notice says only that the case changed; what the
 * reader may see is read again from the store. After a lost connection to the notices the
 * notifier calls every listener once (`seq` undefined): something may have been missed.
 */
export interface CaseChangeNotifier {
  /** `listener` hears of each change of `caseId` after it commits; returns the unsubscribe */
  watch(caseId: string, listener: (seq?: number) => void): () => void;
  /** resolves once every change committed from now on will be heard (after `watch`) */
  ready(): Promise<void>;
  close(): Promise<void>;
}
