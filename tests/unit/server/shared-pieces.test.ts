/**
 * The pieces every use case shares, each existing once: idempotent requests (a retry acts once,
 * a reused key for another request is refused), the per-person limit on certificate-number
 * lookups, sealing and checking a JSON body, and the machine's next step on a case.
 */
import { AppError } from '../../../mock-server/src/domain/errors';
import { machineStepOf, MACHINE_STATUSES } from '../../../mock-server/src/domain/cases';
import { RegistrySealer } from '../../../mock-server/src/adapters/keys/registryKey';
import {
  CertificateLookupLimit,
  CERTIFICATE_LOOKUPS_PER_WINDOW,
} from '../../../mock-server/src/usecases/cases/certificateLookupLimit';
import {
  Idempotency,
  type IdempotencyRecords,
} from '../../../mock-server/src/usecases/shared/idempotency';
import { checkSealedBody, sealBody } from '../../../mock-server/src/usecases/shared/sealing';

const clockAt = (start: number) => {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};

describe('Idempotency', () => {
  const records = (): IdempotencyRecords & { rows: Map<string, string> } => {
    const rows = new Map<string, string>();
    return {
      rows,
      idempotent: async (personId, key) => {
        const r = rows.get(`${personId}|${key}`);
        return r ? (JSON.parse(r) as { fingerprint: string; response: string }) : undefined;
      },
      saveIdempotent: async (personId, key, fingerprint, response) =>
        void rows.set(`${personId}|${key}`, JSON.stringify({ fingerprint, response })),
    };
  };
  const make = () => {
    const r = records();
    const transactions: number[] = [];
    // write transactions one at a time, as the store runs them
    let turn: Promise<unknown> = Promise.resolve();
    const idem = new Idempotency({
      records: r,
      transaction: (fn) => {
        transactions.push(1);
        const run = turn.then(fn);
        turn = run.catch(() => undefined);
        return run;
      },
      clock: clockAt(0),
    });
    return { r, idem, transactions };
  };

  it('runs once per (person, key) and answers a retry with the first answer', async () => {
    const { idem, transactions } = make();
    let runs = 0;
    const fn = async () => ({ n: ++runs });
    expect(await idem.run('P1', 'k1', 'submit|C1|{}', fn)).toEqual({ n: 1 });
    expect(await idem.run('P1', 'k1', 'submit|C1|{}', fn)).toEqual({ n: 1 });
    expect(runs).toBe(1);
    expect(transactions).toHaveLength(1);
    // another person's key of the same name is another request
    expect(await idem.run('P2', 'k1', 'submit|C1|{}', fn)).toEqual({ n: 2 });
  });

  it('answers with the first answer when the key was stored while it waited for the transaction', async () => {
    const { idem, r } = make();
    let runs = 0;
    const first = idem.run('P1', 'k1', 'f', async () => ({ n: ++runs }));
    const second = idem.run('P1', 'k1', 'f', async () => ({ n: ++runs }));
    expect(await first).toEqual({ n: 1 });
    expect(await second).toEqual({ n: 1 });
    expect(runs).toBe(1);
    expect(r.rows.size).toBe(1);
  });

  it('refuses the same key for a different request', async () => {
    const { idem } = make();
    await idem.run('P1', 'k1', 'submit|C1|{}', async () => 1);
    await expect(idem.run('P1', 'k1', 'submit|C2|{}', async () => 2)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('without a key simply runs, every time', async () => {
    const { idem, r } = make();
    let runs = 0;
    await idem.run('P1', undefined, 'x', async () => ++runs);
    await idem.run('P1', undefined, 'x', async () => ++runs);
    expect(runs).toBe(2);
    expect(r.rows.size).toBe(0);
  });
});

describe('CertificateLookupLimit', () => {
  /** the store's counting, in memory */
  const counts = () => {
    const seen = new Map<string, number[]>();
    return {
      countCertificateLookup: async (
        personId: string,
        atMs: number,
        windowMs: number,
        limit: number,
      ) => {
        const recent = (seen.get(personId) ?? []).filter((t) => t > atMs - windowMs);
        if (recent.length >= limit) return { counted: false as const, oldestAtMs: recent[0] };
        seen.set(personId, [...recent, atMs]);
        return { counted: true as const };
      },
    };
  };

  it('allows the limit per person per hour, then refuses with a retry time; others unaffected', async () => {
    const clock = clockAt(Date.UTC(2026, 0, 5, 2));
    const limit = new CertificateLookupLimit({ store: counts(), clock });
    for (let i = 0; i < CERTIFICATE_LOOKUPS_PER_WINDOW; i++) await limit.count('P1');
    let refused: unknown;
    try {
      await limit.count('P1');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
    await expect(limit.count('P2')).resolves.toBeUndefined();
    clock.advance(3_600_001);
    await expect(limit.count('P1')).resolves.toBeUndefined();
  });
});

describe('sealing a JSON body', () => {
  const sealer = new RegistrySealer('TEST-KEY', 0x1234567890abcdefn);

  it('a sealed body checks valid with the trusted key, and not once changed', () => {
    const doc = sealBody(sealer, { number: 'N1', text: '内容' });
    expect(checkSealedBody(doc, sealer.publicKeyHex)).toEqual({
      valid: true,
      message: '电子印章有效，文件内容未被改动',
    });
    const changed = { ...doc, body: { ...doc.body, text: '改动' } };
    expect(checkSealedBody(changed, sealer.publicKeyHex)).toMatchObject({
      valid: false,
      reason: 'digestMismatch',
    });
  });
});

describe('the machine’s next step', () => {
  it('is defined for every status the machine moves on by itself, and only those', () => {
    for (const status of MACHINE_STATUSES) expect(machineStepOf({ status })).toBeDefined();
    expect(machineStepOf({ status: 'submitted' })).toBe('intake');
    expect(machineStepOf({ status: 'corrected' })).toBe('intake');
    expect(machineStepOf({ status: 'accepted' })).toBe('startReview');
    expect(machineStepOf({ status: 'review' })).toBe('review');
    expect(machineStepOf({ status: 'approved' })).toBe('record');
    for (const status of ['draft', 'signing', 'taxPending', 'issued', 'refused'] as const)
      expect(machineStepOf({ status })).toBeUndefined();
  });
});
