/** 0042 on PostgreSQL: messages told outside the app, their outbox and the simulator (see the SQLite 0042). */
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
  attempts         BIGINT NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  last_error       TEXT,
  receipt_id       TEXT,
  created_at       TEXT NOT NULL,
  sent_at          TEXT,
  UNIQUE (message_id, channel)
);
CREATE INDEX message_deliveries_due ON message_deliveries(status, next_attempt_at);
CREATE INDEX message_deliveries_person ON message_deliveries(person_id, created_at);

CREATE TABLE messaging_sim_received (
  delivery_id  TEXT PRIMARY KEY,
  channel      TEXT NOT NULL,
  recipient    TEXT NOT NULL,
  text         TEXT NOT NULL,
  receipt_id   TEXT NOT NULL,
  received_at  TEXT NOT NULL
);

CREATE TABLE messaging_sim_channels (
  channel  TEXT PRIMARY KEY CHECK (channel IN ('sms', 'zlb')),
  down     BIGINT NOT NULL
);
`;
