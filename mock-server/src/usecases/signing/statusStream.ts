/**
 * A party's live signing status (server-sent events): the status every party's open page shows,
 * sent again whenever the case feed says the case changed, on whichever node it changed. Each
 * event is named by the feed's number for the case (durable, the same on every node), so a page
 * that reconnects with the last number it saw gets the current status only if something changed
 * since. The status is the reader's own (the route masks it as GET signing-status does), so the
 * page never has to fetch it again.
 *
 * A stream is background traffic: it never extends the session, and it ends when the session
 * does (idled out, expired or logged out), checked on every change and every heartbeat.
 */
import type { CaseChangeNotifier, CaseFeedStore } from '../../ports';
import type { PartyCaller } from '../cases/types';
import type { SigningStatus } from './signingStatus';

export type SigningStatusView = Awaited<ReturnType<SigningStatus['status']>>;

/** Where the stream writes; the route serialises (masks) and sends. */
export interface StatusSink {
  status(id: number, status: SigningStatusView): void;
  heartbeat(): void;
  /** the stream is over (the session ended, or the reader is no longer a party); then closed */
  end(reason: 'sessionEnded' | 'notAParty'): void;
}

export interface StatusStreamDeps {
  signingStatus: Pick<SigningStatus, 'etag' | 'status'>;
  feed: CaseFeedStore;
  notifier: CaseChangeNotifier;
  /** the session is still live now; reads only (AuthService.isLive) */
  sessionLive(sessionId: string): Promise<boolean>;
  /** how often an idle stream sends a comment line and checks its session, ms */
  heartbeatMs: number;
}

export interface StreamReader extends PartyCaller {
  sessionId: string;
}

export class StatusStream {
  constructor(private readonly deps: StatusStreamDeps) {}

  /**
   * Checks the reader may see the case's signing status (404 NOT_FOUND otherwise, exactly as
   * GET signing-status answers) before anything is sent; then `start` runs the stream into the
   * sink until the returned `stop` is called or the stream ends itself.
   */
  async open(
    reader: StreamReader,
    caseId: string,
    lastEventId: number | undefined,
  ): Promise<{ start(sink: StatusSink): () => void }> {
    await this.deps.signingStatus.etag(reader, caseId);
    return { start: (sink) => this.run(reader, caseId, lastEventId, sink) };
  }

  private run(
    reader: StreamReader,
    caseId: string,
    lastEventId: number | undefined,
    sink: StatusSink,
  ): () => void {
    const { deps } = this;
    let stopped = false;
    let sent = lastEventId ?? -1;
    let running: Promise<void> | undefined;
    let again = false;

    const finish = (reason: 'sessionEnded' | 'notAParty') => {
      if (stopped) return;
      stop();
      sink.end(reason);
    };
    /** the status once more, if the feed moved past what the reader has */
    const deliver = async () => {
      if (!(await deps.sessionLive(reader.sessionId))) return finish('sessionEnded');
      const latest = await deps.feed.latest(caseId);
      if (latest <= sent || stopped) return;
      let view: SigningStatusView;
      try {
        view = await deps.signingStatus.status(reader, caseId);
      } catch {
        // removed from the case's parties meanwhile (or the case is gone): no more to see
        return finish('notAParty');
      }
      if (stopped) return;
      sent = latest;
      sink.status(latest, view);
    };
    const schedule = () => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          await deliver().catch(() => undefined); // the store unavailable: the next notice retries
        } while (again && !stopped);
      })().finally(() => {
        running = undefined;
      });
    };

    const unwatch = deps.notifier.watch(caseId, () => schedule());
    const beat = setInterval(() => {
      void deps.sessionLive(reader.sessionId).then(
        (live) => (live ? !stopped && sink.heartbeat() : finish('sessionEnded')),
        () => undefined,
      );
    }, deps.heartbeatMs);
    beat.unref?.();
    function stop() {
      stopped = true;
      unwatch();
      clearInterval(beat);
    }
    // the first status once this node hears every later change
    void deps.notifier.ready().then(schedule, schedule);
    return stop;
  }
}
