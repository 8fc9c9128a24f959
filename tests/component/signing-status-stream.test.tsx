/**
 * The app's live signing status (src/features/apply/statusStream.ts, docs/adr/0011): the status
 * stream is read with fetch, the session's token in the Authorization header and never in the
 * URL; each `status` event is shown without asking again; only after a failed connection does the
 * page poll once and try the stream again, waiting longer after each failure; a reconnect sends
 * the last event id.
 */
import { ReadableStream } from 'node:stream/web';
import { TextDecoder, TextEncoder } from 'node:util';
import type { SigningStatusResponse } from '@contract';
import { FIRST_RETRY_MS, watchSigningStatus } from '@/features/apply/statusStream';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform, serveRoutes } from './fakes';

const STATUS: SigningStatusResponse = {
  caseId: 'CASE-L',
  status: 'signing',
  version: 2,
  contentVersion: 1,
  bundleDigest: 'b'.repeat(64),
  parties: [{ partyId: 'P014', name: '徐*云', role: 'rightHolder', state: 'waiting' }],
  allSigned: false,
  availableActions: [],
};
const signed: SigningStatusResponse = {
  ...STATUS,
  parties: [{ ...STATUS.parties[0], state: 'signed' }],
};

const g = globalThis as unknown as Record<string, unknown>;
const saved = { fetch: g.fetch, ReadableStream: g.ReadableStream, TextDecoder: g.TextDecoder };

/** a text/event-stream body that sends `blocks` and stays open */
const body = (blocks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const b of blocks) c.enqueue(new TextEncoder().encode(b));
    },
  });
const event = (id: number, s: SigningStatusResponse) =>
  `event: status\nid: ${id}\ndata: ${JSON.stringify(s)}\n\n`;

beforeEach(() => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
  g.ReadableStream = ReadableStream;
  g.TextDecoder = TextDecoder;
});
afterEach(() => {
  jest.useRealTimers();
  Object.assign(g, saved);
  setApiClient(undefined);
  setPlatform(undefined);
});

it('shows each pushed status without polling, the token in a header only', async () => {
  const seen = serveRoutes({ 'GET /cases/CASE-L/signing-status': STATUS });
  const fetch = jest.fn(async (_url: string, _init: RequestInit) => ({
    ok: true,
    status: 200,
    body: body([': 心跳\n\n', event(3, STATUS), event(4, signed)]),
  }));
  g.fetch = fetch;
  const shown: SigningStatusResponse[] = [];
  const stop = watchSigningStatus('CASE-L', { onStatus: (s) => shown.push(s), onError: () => {} });
  await new Promise<void>((r) => {
    const t = setInterval(() => shown.length === 2 && (clearInterval(t), r()), 5);
  });
  stop();
  expect(shown.map((s) => s.parties[0].state)).toEqual(['waiting', 'signed']);
  expect(seen).toEqual([]);
  const [url, init] = fetch.mock.calls[0];
  expect(url).toBe('/api/v1/cases/CASE-L/signing-status/stream');
  expect(url).not.toContain(LOGIN.session.token);
  expect((init.headers as Record<string, string>).Authorization).toBe(
    `Bearer ${LOGIN.session.token}`,
  );
});

it('polls only after a failed connection, then tries the stream again, backing off, from the last event id', async () => {
  jest.useFakeTimers();
  const seen = serveRoutes({ 'GET /cases/CASE-L/signing-status': STATUS });
  const closing = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(event(7, STATUS)));
      c.close(); // the connection ends (a node restarting, a proxy's timeout)
    },
  });
  const fetch = jest
    .fn()
    .mockResolvedValueOnce({ ok: true, status: 200, body: closing })
    .mockRejectedValue(new TypeError('network'));
  g.fetch = fetch;
  const stop = watchSigningStatus('CASE-L', { onStatus: () => {}, onError: () => {} });
  const polls = () => seen.filter((r) => r.key === 'GET /cases/CASE-L/signing-status').length;
  await jest.advanceTimersByTimeAsync(10);
  expect([fetch.mock.calls.length, polls()]).toEqual([1, 1]);
  await jest.advanceTimersByTimeAsync(FIRST_RETRY_MS);
  expect([fetch.mock.calls.length, polls()]).toEqual([2, 2]);
  const headers = fetch.mock.calls[1][1].headers as Record<string, string>;
  expect(headers['Last-Event-ID']).toBe('7');
  // failing again: it waits twice as long before the next try, polling nothing meanwhile
  await jest.advanceTimersByTimeAsync(2 * FIRST_RETRY_MS - 20);
  expect([fetch.mock.calls.length, polls()]).toEqual([2, 2]);
  await jest.advanceTimersByTimeAsync(20);
  expect([fetch.mock.calls.length, polls()]).toEqual([3, 3]);
  stop();
});
