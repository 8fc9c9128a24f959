/**
 * GET /cases/:caseId/signing-status/stream — the signing status as server-sent events
 * (text/event-stream, docs/adr/0011). Sent with `Authorization: Bearer` like every request (the
 * app reads the stream with fetch, not EventSource, so no token ever goes in a URL); the caller
 * must be a party of the case (404 NOT_FOUND otherwise, as for GET signing-status).
 *
 * - `event: status`, `id: <n>`, `data: <SigningStatusResponse as JSON>`: the reader's own view,
 *   masked as GET signing-status answers it; sent at once, then after every change. `n` is the
 *   case feed's number of the change (per case, the same on every node).
 * - A reconnect sends `Last-Event-ID: <n>`: the status comes at once only if the case changed
 *   after `n`.
 * - `event: end`, `data: StatusStreamEnd`: the stream is over (the session idled out, expired or
 *   was ended; or the reader is no longer a party). Do not reconnect with the same session.
 * - Comment lines (`: …`) keep the connection open.
 *
 * The stream never extends the session's idle expiry (only a person's own actions do).
 */
import { Type, type Static } from '@sinclair/typebox';

export const STATUS_STREAM_EVENTS = { status: 'status', end: 'end' } as const;

export const StatusStreamHeaders = Type.Object({
  'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
});

export const StatusStreamEnd = Type.Object({
  code: Type.Union([Type.Literal('UNAUTHENTICATED'), Type.Literal('NOT_FOUND')]),
  message: Type.String(),
});
export type StatusStreamEnd = Static<typeof StatusStreamEnd>;
