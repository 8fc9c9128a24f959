/**
 * The upload queue for photo materials: one file per request, in order; progress per
 * file; a failed send is retried with exponential backoff; before every re-send the queue asks
 * whether the server already holds the file (same SM3 — the answer to an earlier attempt may
 * have been lost with the connection), so a received file is never sent twice. Pure: transport,
 * clock and the "already received?" check are injected.
 */
import { backoffDelay, sleep as defaultSleep } from './backoff';

export type UploadStatus = 'queued' | 'uploading' | 'waiting' | 'done' | 'failed';

export interface UploadTask {
  id: string;
  /** the checklist item the file belongs to */
  materialCode: string;
  name: string;
  contentType: string;
  bytes: number;
  /** SM3 of the bytes, hex: the server stores files by it */
  sm3: string;
  status: UploadStatus;
  /** 0..1 of the current attempt */
  progress: number;
  attempts: number;
  /** the server's file id once received */
  fileId?: string;
  /** Chinese message of the last failure */
  error?: string;
  /** when a waiting task will try again (ms since epoch) */
  retryAt?: number;
  /** the task was found already received and was not sent again */
  deduplicated?: boolean;
}

export interface UploadResult {
  fileId: string;
  sm3?: string;
}

export interface UploadQueueDeps<P> {
  send(task: UploadTask, payload: P, onProgress: (fraction: number) => void): Promise<UploadResult>;
  /** Does the server already hold this file? Asked before each re-send. */
  alreadyReceived?(task: UploadTask): Promise<UploadResult | null>;
  /** errors worth retrying (network, timeout, 5xx); others fail at once */
  isRetryable(error: unknown): boolean;
  messageOf(error: unknown): string;
  /** attempts before a task is marked failed (the user can still tap 重试) */
  maxAttempts?: number;
  delay?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface UploadQueue<P> {
  add(task: Omit<UploadTask, 'status' | 'progress' | 'attempts'>, payload: P): void;
  /** Puts a failed task back in the queue (fresh attempts). */
  retry(id: string): void;
  /** Retries every failed task (e.g. when the network comes back). */
  retryAll(): void;
  remove(id: string): void;
  tasks(): UploadTask[];
  subscribe(cb: (tasks: UploadTask[]) => void): () => void;
  /** resolves when nothing is queued, uploading or waiting */
  idle(): Promise<void>;
}

export function createUploadQueue<P>(deps: UploadQueueDeps<P>): UploadQueue<P> {
  const maxAttempts = deps.maxAttempts ?? 4;
  const delay = deps.delay ?? ((n: number) => backoffDelay(n, { baseMs: 800, maxMs: 8000 }));
  const sleep = deps.sleep ?? defaultSleep;
  const now = deps.now ?? Date.now;
  let list: UploadTask[] = [];
  const payloads = new Map<string, P>();
  const listeners = new Set<(t: UploadTask[]) => void>();
  let running: Promise<void> | null = null;

  const emit = () => {
    const snapshot = list.map((t) => ({ ...t }));
    for (const l of listeners) l(snapshot);
  };
  const patch = (id: string, change: Partial<UploadTask>) => {
    list = list.map((t) => (t.id === id ? { ...t, ...change } : t));
    emit();
  };
  const get = (id: string) => list.find((t) => t.id === id);

  async function runOne(id: string): Promise<void> {
    for (;;) {
      const task = get(id);
      if (!task || task.status === 'done') return;
      const payload = payloads.get(id);
      if (payload === undefined) return;
      if (task.attempts > 0 && deps.alreadyReceived) {
        try {
          const found = await deps.alreadyReceived(task);
          if (found) {
            patch(id, { status: 'done', progress: 1, fileId: found.fileId, deduplicated: true });
            payloads.delete(id);
            return;
          }
        } catch {
          /* cannot tell: send again, the server deduplicates by SM3 anyway */
        }
      }
      const attempt = task.attempts + 1;
      patch(id, { status: 'uploading', progress: 0, attempts: attempt, error: undefined });
      try {
        const res = await deps.send(task, payload, (f) => {
          const cur = get(id);
          if (cur && cur.status === 'uploading')
            patch(id, { progress: Math.min(1, Math.max(0, f)) });
        });
        patch(id, { status: 'done', progress: 1, fileId: res.fileId, retryAt: undefined });
        payloads.delete(id);
        return;
      } catch (e) {
        const message = deps.messageOf(e);
        if (!get(id)) return;
        if (!deps.isRetryable(e) || attempt >= maxAttempts) {
          patch(id, { status: 'failed', error: message, retryAt: undefined });
          return;
        }
        const wait = delay(attempt);
        patch(id, { status: 'waiting', error: message, retryAt: now() + wait });
        await sleep(wait);
      }
    }
  }

  function pump(): Promise<void> {
    if (running) return running;
    running = (async () => {
      for (;;) {
        const next = list.find((t) => t.status === 'queued');
        if (!next) break;
        await runOne(next.id);
      }
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    add(task, payload) {
      if (list.some((t) => t.sm3 === task.sm3 && t.materialCode === task.materialCode)) return;
      list = [...list, { ...task, status: 'queued', progress: 0, attempts: 0 }];
      payloads.set(task.id, payload);
      emit();
      void pump();
    },
    retry(id) {
      const t = get(id);
      if (!t || t.status !== 'failed') return;
      // attempts stay > 0 so the queue first asks whether the server already has the file
      patch(id, { status: 'queued', error: undefined, attempts: Math.min(t.attempts, 1) });
      void pump();
    },
    retryAll() {
      for (const t of list) if (t.status === 'failed') this.retry(t.id);
    },
    remove(id) {
      list = list.filter((t) => t.id !== id);
      payloads.delete(id);
      emit();
    },
    tasks: () => list.map((t) => ({ ...t })),
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    async idle() {
      while (running || list.some((t) => t.status === 'queued')) await (running ?? pump());
    },
  };
}
