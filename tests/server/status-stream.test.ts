/**
 * The signing status as server-sent events (GET /cases/:caseId/signing-status/stream,
 * docs/adr/0011): a party's stream gets their own masked status at once and again after each
 * change, also when the change is made on another registry node (on PostgreSQL: a second node on
 * the same database, the stream connected to it, the signature sent to the first); a reconnect
 * with Last-Event-ID gets the status only if the case changed since; a non-party is answered as
 * GET signing-status answers them; and a session with only its stream and fallback polls open
 * idles out after its idle time (injected clock) and its stream is ended.
 */
import type { SigningStatusResponse } from '../../mock-server/src/contract';
import { createApp, openRegistry, type RegistryApp } from '../../mock-server/src/bootstrap';
import type { Registry } from '../../mock-server/src/bootstrap';
import { SESSION_IDLE_MS } from '../../mock-server/src/domain/identity/policy';
import { maskName } from '../../mock-server/src/domain/masking';
import { createLogger } from '../../mock-server/src/logger';
import { login } from './support/cases-client';
import { onPostgres } from './support/registry';
import {
  BUYER,
  SELLER_A,
  SELLER_B,
  STRANGER,
  answer,
  as,
  openSale,
  sign,
  startSigningHarness,
  type Client,
  type SigningHarness,
} from './support/signing';

interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/** A status stream read with fetch (as the app reads it): its events in order, as they come. */
class Stream {
  readonly events: SseEvent[] = [];
  comments = 0;
  ended = false;
  private wake: (() => void) | undefined;
  private readonly abort = new AbortController();

  private constructor(readonly res: Response) {}

  static async open(
    base: string,
    caseId: string,
    token: string | undefined,
    lastEventId?: number,
  ): Promise<Stream> {
    const res = await fetch(`${base}/api/v1/cases/${caseId}/signing-status/stream`, {
      headers: {
        accept: 'text/event-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
      },
    });
    const s = new Stream(res);
    if (res.ok) void s.read();
    return s;
  }

  private async read(): Promise<void> {
    const reader = this.res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const e: SseEvent = { event: 'message', data: '' };
          let comment = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comment = true;
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('data: ')) e.data += line.slice(6);
          }
          if (comment) this.comments += 1;
          else if (e.data) this.events.push(e);
          this.wake?.();
        }
      }
    } catch {
      // aborted by close()
    }
    this.ended = true;
    this.wake?.();
  }

  /** waits until `ok` holds of what arrived (the global jest timeout guards a hang) */
  async until(ok: () => boolean): Promise<void> {
    while (!ok()) {
      if (this.ended) throw new Error('the stream ended first');
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** the next status event after the first `after` events */
  async status(after: number, ok: (s: SigningStatusResponse) => boolean = () => true) {
    let found: { id: number; status: SigningStatusResponse } | undefined;
    await this.until(() => {
      found = this.events
        .slice(after)
        .filter((e) => e.event === 'status')
        .map((e) => ({ id: Number(e.id), status: JSON.parse(e.data) as SigningStatusResponse }))
        .find((e) => ok(e.status));
      return found !== undefined;
    });
    return found!;
  }

  close(): void {
    this.abort.abort();
    void this.res.body?.cancel().catch(() => undefined);
  }
}

const stateOf = (s: SigningStatusResponse, name: string) =>
  s.parties.find((p) => p.name === name || p.name === maskName(name))?.state;

let h: SigningHarness;
/** the node the streams connect to: a second node on the same database on PostgreSQL */
let streamNode: { app: RegistryApp; registry?: Registry; url: string };
const streams: Stream[] = [];
const open = async (...a: Parameters<typeof Stream.open>) => {
  const s = await Stream.open(...a);
  streams.push(s);
  return s;
};

beforeAll(async () => {
  // a short heartbeat: a stream whose session idled out is ended at the next one
  h = await startSigningHarness({ STATUS_STREAM_HEARTBEAT_MS: '100' });
  if (onPostgres) {
    const logger = createLogger('silent');
    const registry = await openRegistry(h.config, logger);
    const app = await createApp(h.config, registry, logger, { clock: h.clock });
    streamNode = { app, registry, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
  } else {
    // the SQLite file has one node: the stream and the changes meet in one process
    streamNode = { app: h.app, url: await h.app.listen({ port: 0, host: '127.0.0.1' }) };
  }
});

afterAll(async () => {
  for (const s of streams) s.close();
  if (streamNode.registry) {
    await streamNode.app.close();
    await streamNode.registry.close();
  }
  await h.close();
});

describe('a party’s signing status stream', () => {
  let buyer: Client;
  let sellerA: Client;
  let sellerB: Client;
  let caseId: string;

  beforeAll(async () => {
    buyer = await as(h, BUYER);
    sellerA = await as(h, SELLER_A);
    sellerB = await as(h, SELLER_B);
    const c = await openSale(buyer);
    caseId = c.caseId;
    await answer(sellerB, c, SELLER_B.name);
  });

  it(`gets the reader's own masked status at once and each change made on ${
    onPostgres ? 'another node' : 'the node'
  }, without asking again`, async () => {
    const s = await open(streamNode.url, caseId, sellerA.token);
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await s.status(0);
    expect(first.status.caseId).toBe(caseId);
    expect(stateOf(first.status, BUYER.name)).toBe('waiting');
    // what GET signing-status answers the same reader, masked the same way
    const polled = await sellerA.get<SigningStatusResponse>(`/cases/${caseId}/signing-status`);
    expect(first.status).toEqual(polled);
    expect(first.status.parties.map((p) => p.name).sort()).toEqual(
      [SELLER_A.name, maskName(SELLER_B.name), maskName(BUYER.name)].sort(),
    );

    const seen = s.events.length;
    await sign(buyer, caseId); // on the first node
    const next = await s.status(seen, (st) => stateOf(st, BUYER.name) === 'signed');
    expect(next.id).toBeGreaterThan(first.id);
    expect(JSON.stringify(next.status)).not.toContain(BUYER.name);
  });

  it('resumes from Last-Event-ID: the status again only when the case changed since', async () => {
    const now = await open(streamNode.url, caseId, sellerB.token);
    const { id } = await now.status(0);
    now.close();

    // up to date: nothing but heartbeats until the next change
    const resumed = await open(streamNode.url, caseId, sellerB.token, id);
    await resumed.until(() => resumed.comments >= 2);
    expect(resumed.events).toEqual([]);
    await sign(sellerA, caseId);
    const after = await resumed.status(0);
    expect(after.id).toBeGreaterThan(id);
    expect(stateOf(after.status, SELLER_A.name)).toBe('signed');

    // one change behind: brought up to date at once
    const behind = await open(streamNode.url, caseId, sellerB.token, after.id - 1);
    const caughtUp = await behind.status(0);
    expect(caughtUp.id).toBeGreaterThanOrEqual(after.id);
    expect(stateOf(caughtUp.status, SELLER_A.name)).toBe('signed');

    // a Last-Event-ID that is not a number is refused
    const bad = await fetch(`${streamNode.url}/api/v1/cases/${caseId}/signing-status/stream`, {
      headers: { authorization: `Bearer ${sellerB.token}`, 'last-event-id': 'abc' },
    });
    expect(bad.status).toBe(400);
  });

  it('answers a non-party, and a request without a session, as GET signing-status does', async () => {
    const stranger = await as(h, STRANGER);
    const polled = await h.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/signing-status`,
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    const streamed = await open(streamNode.url, caseId, stranger.token);
    expect(streamed.res.status).toBe(polled.statusCode);
    expect(streamed.res.status).toBe(404);
    const body = (await streamed.res.json()) as { code: string; message: string };
    expect({ code: body.code, message: body.message }).toEqual({
      code: polled.json().code,
      message: polled.json().message,
    });
    const unknownCase = await open(streamNode.url, 'case-does-not-exist', sellerA.token);
    expect(unknownCase.res.status).toBe(404);
    const anonymous = await open(streamNode.url, caseId, undefined);
    expect(anonymous.res.status).toBe(401);
  });

  it('does not keep a session alive as background traffic: with only a stream and polls open it idles out, and its stream ends', async () => {
    const token = await login(h, SELLER_B, false);
    const poll = () =>
      h.app.inject({
        method: 'GET',
        url: `/api/v1/cases/${caseId}/signing-status`,
        headers: { authorization: `Bearer ${token}` },
      });
    const s = await open(streamNode.url, caseId, token);
    await s.status(0);
    // the page polls (its fallback) all along, well inside the idle window each time
    for (let i = 0; i < 5; i++) {
      h.clock.advance(SESSION_IDLE_MS / 6);
      expect((await poll()).statusCode).toBe(200);
    }
    h.clock.advance(SESSION_IDLE_MS / 6);
    const expired = await poll();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('UNAUTHENTICATED');
    await s.until(() => s.events.some((e) => e.event === 'end'));
    const end = JSON.parse(s.events.find((e) => e.event === 'end')!.data) as { code: string };
    expect(end.code).toBe('UNAUTHENTICATED');
    await s.until(() => s.ended);
    // a new stream is refused as well
    expect((await Stream.open(streamNode.url, caseId, token)).res.status).toBe(401);
  });
});
