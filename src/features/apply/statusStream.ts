/**
 * The signing status, live (docs/adr/0011): GET /cases/:id/signing-status/stream read with
 * fetch, so the session's Bearer token goes in a header as on every request and never in a URL
 * (EventSource cannot send one). Every `status` event is the reader's whole status; a reconnect
 * sends the last event id and hears only what changed since.
 *
 * Polling (GET signing-status with its ETag) is only the fallback: after a stream that could not
 * be opened or broke, one poll keeps the page current, then the stream is tried again, waiting
 * 1.5 s, 3 s, 6 s … up to 30 s between tries while it keeps failing. On the mini-programs (no
 * fetch stream in WeChat or Alipay) the page polls, backing off from 1.5 s to 15 s while nothing
 * changes. Neither the stream nor a poll counts as the person's activity (the server does not
 * extend the session for them, and the poll skips the app's renewal).
 */
import type { SigningStatusResponse, StatusStreamEnd } from '@contract';
import { getToken } from '@/shared/session';
import { fetchSigningStatus } from './api';

export const FIRST_RETRY_MS = 1500;
export const MAX_RETRY_MS = 30_000;
export const MAX_MINI_POLL_MS = 15_000;

export interface StatusWatch {
  onStatus(status: SigningStatusResponse): void;
  /** a poll or the stream failed (the page says its progress may be stale), or null: fine again */
  onError(error: unknown): void;
}

/** Streams where the platform can read a fetch body as it comes, otherwise polls. */
export function canStream(): boolean {
  return (
    process.env.TARO_ENV !== 'weapp' &&
    process.env.TARO_ENV !== 'alipay' &&
    typeof fetch === 'function' &&
    typeof TextDecoder === 'function' &&
    typeof ReadableStream === 'function'
  );
}

/** Watches the case's signing status until the returned stop is called. */
export function watchSigningStatus(caseId: string, watch: StatusWatch): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let abort: AbortController | undefined;
  let etag: string | undefined;
  let lastEventId: string | undefined;
  let failures = 0;

  const later = (ms: number, fn: () => void) => {
    if (!stopped) timer = setTimeout(fn, ms);
  };
  /** one poll; true when it brought a new status */
  const poll = async (): Promise<boolean> => {
    try {
      const r = await fetchSigningStatus(caseId, etag);
      etag = r.etag;
      if (!stopped) watch.onError(null);
      if (r.status && !stopped) {
        watch.onStatus(r.status);
        return true;
      }
    } catch (e) {
      if (!stopped) watch.onError(e);
    }
    return false;
  };

  if (!canStream()) {
    let wait = FIRST_RETRY_MS;
    const tick = async () => {
      const changed = await poll();
      wait = changed ? FIRST_RETRY_MS : Math.min(wait * 2, MAX_MINI_POLL_MS);
      later(wait, () => void tick());
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }

  const connect = async () => {
    abort = new AbortController();
    let ended: StatusStreamEnd | undefined;
    try {
      const token = getToken();
      const res = await fetch(
        `${API_BASE_URL}/cases/${encodeURIComponent(caseId)}/signing-status/stream`,
        {
          headers: {
            Accept: 'text/event-stream',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
          },
          cache: 'no-store',
          signal: abort.signal,
        },
      );
      if (!res.ok || !res.body) {
        // 401/404 and the like: the poll hears the same answer through the app's client, which
        // signs the user out on 401 and shows other errors
        if (res.status >= 400 && res.status < 500) return void (await poll());
        throw new Error(`status stream: HTTP ${res.status}`);
      }
      ended = await readEvents(res.body, (e) => {
        if (e.event === 'status' && e.data) {
          if (e.id) lastEventId = e.id;
          failures = 0;
          watch.onError(null);
          watch.onStatus(JSON.parse(e.data) as SigningStatusResponse);
        }
      });
    } catch (e) {
      if (stopped) return;
      watch.onError(e);
    }
    if (stopped) return;
    if (ended) {
      // the session ended (or the reader is no longer a party): one poll lets the app's client
      // handle it as any request's answer (401 → 登录)
      void poll();
      return;
    }
    // the connection failed or broke: poll once, then try the stream again, backing off
    const wait = Math.min(FIRST_RETRY_MS * 2 ** failures, MAX_RETRY_MS);
    failures += 1;
    await poll();
    later(wait, () => void connect());
  };
  void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    abort?.abort();
  };
}

interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/** Reads text/event-stream blocks until the body ends; returns the `end` event's data if sent. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SseEvent) => void,
): Promise<StatusStreamEnd | undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return undefined;
    buf += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      const e: SseEvent = { event: 'message', data: '' };
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon === 0) continue; // a comment (keep-alive)
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') e.event = value;
        else if (field === 'id') e.id = value;
        else if (field === 'data') e.data = e.data ? `${e.data}\n${value}` : value;
      }
      if (e.event === 'end') {
        await reader.cancel().catch(() => undefined);
        return e.data
          ? (JSON.parse(e.data) as StatusStreamEnd)
          : { code: 'NOT_FOUND', message: '' };
      }
      onEvent(e);
    }
  }
}
