/**
 * 0021: the utility companies' fault queues (the demo/test switch of the water, power, gas and
 * broadband simulators), kept here so that faults set through one registry node are what every
 * node's simulators answer next; each queued answer is taken once, by whichever node calls first.
 * A provider without rows answers 'ok'.
 */
export const version = 21;
export const name = 'utility_faults';

export const sql = /* sql */ `
CREATE TABLE utility_faults (
  provider  TEXT NOT NULL CHECK (provider IN ('water', 'power', 'gas', 'broadband')),
  seq       INTEGER NOT NULL,
  fault     TEXT NOT NULL CHECK (fault IN ('ok', 'unavailable', 'timeout')),
  set_at    TEXT NOT NULL,
  PRIMARY KEY (provider, seq)
) STRICT;
`;
