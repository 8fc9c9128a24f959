/**
 * 0042: messages told outside the app (短信 and 浙里办消息). A message in a person's box now says
 * which event it tells (`event`) and what it opens (the certificate, the invitation's code);
 * `message_deliveries` is the outbox and delivery log: one row per message and channel, written
 * in the transaction that delivered the message, sent (and retried with backoff) after it, with
 * its status; `messaging_sim_received` is what the messaging simulator took in (once per
 * delivery, whatever the retries); `messaging_sim_channels` its demo switch, a channel down.
 */
export const version = 42;
export const name = 'messaging';

export const sql = /* sql */ `
ALTER TABLE messages ADD COLUMN event TEXT;
ALTER TABLE messages ADD COLUMN certificate_id TEXT;
ALTER TABLE messages ADD COLUMN invitation_code TEXT;
CREATE INDEX messages_person_unread ON messages(person_id, read_at);

CREATE TABLE message_deliveries (
  delivery_id      TEXT PRIMARY KEY,
  message_id       TEXT NOT NULL REFERENCES messages(message_id),
  person_id        TEXT NOT NULL,
  channel          TEXT NOT NULL CHECK (channel IN ('sms', 'zlb')),
  event            TEXT NOT NULL,
  text             TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'rateLimited', 'noAddress')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  last_error       TEXT,
  receipt_id       TEXT,
  created_at       TEXT NOT NULL,
  sent_at          TEXT,
  UNIQUE (message_id, channel)
) STRICT;
CREATE INDEX message_deliveries_due ON message_deliveries(status, next_attempt_at);
CREATE INDEX message_deliveries_person ON message_deliveries(person_id, created_at);

CREATE TABLE messaging_sim_received (
  delivery_id  TEXT PRIMARY KEY,
  channel      TEXT NOT NULL,
  recipient    TEXT NOT NULL,
  text         TEXT NOT NULL,
  receipt_id   TEXT NOT NULL,
  received_at  TEXT NOT NULL
) STRICT;

CREATE TABLE messaging_sim_channels (
  channel  TEXT PRIMARY KEY CHECK (channel IN ('sms', 'zlb')),
  down     INTEGER NOT NULL
) STRICT;
`;
