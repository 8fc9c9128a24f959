/**
 * The simulated identity parties' state (adapters/identity-sim/state.ts) on SQLite and on
 * PostgreSQL, and the sign-in flows across two registry nodes sharing one store: a face check
 * started on one node completes on the other, frames and tickets are used once across both, and
 * failures counted on either node hold the guessing addresses back on both (never the person).
 */
import { randomBytes } from 'node:crypto';
import type { SqlDb } from '../../../mock-server/src/adapters/sql';
import { IdentityPlatformSimulator } from '../../../mock-server/src/adapters/identity-sim';
import { generateNamedKey } from '../../../mock-server/src/adapters/keys/fileKeyStore';
import {
  PURGE_AFTER_MS,
  IdentitySimulatorState,
} from '../../../mock-server/src/adapters/identity-sim/state';
import {
  SqlFaceAttemptStore,
  SqlPopulationRegister,
  SqlReplayLedger,
  SqlSessionStore,
} from '../../../mock-server/src/adapters/sqlite/identityStores';
import { SqlCertificateStore } from '../../../mock-server/src/adapters/sqlite/certificateStore';
import { SqlRateCounterStore } from '../../../mock-server/src/adapters/sqlite/rateCounterStore';
import { isAppError } from '../../../mock-server/src/domain/errors';
import { AuthService } from '../../../mock-server/src/usecases/auth/service';
import { base64, tinyJpeg } from '../support/jpeg';
import { DATABASES } from '../support/databases';
import { citizenId, insertPerson, useTwoNodes } from './identity-support';

const T0 = Date.parse('2026-03-02T01:00:00.000Z');
const clock = { ms: T0, now: () => new Date(clock.ms) };
const random = { bytes: (n: number) => new Uint8Array(randomBytes(n)) };

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : e),
  );

/** the platform's key, from the key files every node shares */
const KEY = generateNamedKey('identity-platform');

/** one registry node: the simulator and the auth use cases on `db` */
function node(db: SqlDb) {
  const population = new SqlPopulationRegister(db);
  const state = new IdentitySimulatorState(db);
  const platform = new IdentityPlatformSimulator({ population, clock, random, state, key: KEY });
  const auth = new AuthService({
    verifier: platform,
    zlb: platform,
    population,
    sessions: new SqlSessionStore(db),
    attempts: new SqlFaceAttemptStore(db),
    ledger: new SqlReplayLedger(db),
    counters: new SqlRateCounterStore(db),
    presentations: new SqlCertificateStore(db),
    clock,
    random,
  });
  return { state, platform, auth };
}

/** three never-seen frames captured 1, 2, 3 s after `fromMs` */
const frames = (fromMs: number) =>
  [1, 2, 3].map((i) => ({
    data: base64(tinyJpeg(i * 10)),
    capturedAt: new Date(fromMs + i * 1000).toISOString(),
  }));

describe.each(DATABASES)('identity simulators on %s', (_name, target) => {
  const nodes = useTwoNodes(target);
  const carol = { personId: 'P-CAROL', name: '林芳', idNumber: citizenId(21) };
  const dave = { personId: 'P-DAVE', name: '周涛', idNumber: citizenId(22) };

  beforeAll(async () => {
    await insertPerson(nodes.a, carol);
    await insertPerson(nodes.a, dave);
  });
  beforeEach(() => {
    clock.ms = T0;
  });

  describe('IdentitySimulatorState', () => {
    const check = (certifyId: string, expiresAt: string) => ({
      name: carol.name,
      idNumber: carol.idNumber,
      challenge: {
        actions: ['blink', 'nod'] as never,
        nonce: `nonce-${certifyId}`,
        issuedAt: new Date(T0).toISOString(),
        expiresAt,
      },
    });

    it('gives a face check back once, on whichever node takes it first', async () => {
      const a = new IdentitySimulatorState(nodes.a);
      const b = new IdentitySimulatorState(nodes.b);
      const saved = check('sim-cert-1', new Date(T0 + 120_000).toISOString());
      await a.saveFaceCheck('sim-cert-1', saved, T0);
      const takes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).takeFaceCheck('sim-cert-1')),
      );
      expect(takes.filter(Boolean)).toEqual([saved]);
    });

    it('purges face checks, tickets and passes that ended long ago, and only those', async () => {
      const a = new IdentitySimulatorState(nodes.a);
      const old = new Date(T0 - PURGE_AFTER_MS - 1).toISOString();
      await a.saveFaceCheck('sim-old', check('sim-old', old), T0 - PURGE_AFTER_MS - 60_000);
      await a.saveFaceCheck(
        'sim-expired',
        check('sim-expired', new Date(T0 - 1).toISOString()),
        T0,
      );
      await a.saveFaceCheck('sim-new', check('sim-new', new Date(T0 + 1).toISOString()), T0);
      expect(await a.takeFaceCheck('sim-old')).toBeUndefined();
      expect(await a.takeFaceCheck('sim-expired')).toBeDefined(); // still answers "expired"
      await a.saveTicket('t-old', carol.idNumber, T0 - PURGE_AFTER_MS - 1, T0 - PURGE_AFTER_MS);
      await a.saveTicket('t-new', carol.idNumber, T0 + 1, T0);
      expect(await a.takeTicket('t-old')).toBeUndefined();
      await a.savePass(
        'pass-old',
        { certNo: 'x', certName: 'y', passedAt: old },
        T0 - PURGE_AFTER_MS,
      );
      await a.savePass(
        'pass-new',
        { certNo: 'x', certName: 'y', passedAt: new Date(T0).toISOString() },
        T0,
      );
      expect(await a.pass('pass-old')).toBeUndefined();
      expect(await a.pass('pass-new')).toEqual({
        certNo: 'x',
        certName: 'y',
        passedAt: new Date(T0).toISOString(),
      });
      await a.deletePass('pass-new');
      expect(await a.pass('pass-new')).toBeUndefined();
    });

    it('stores frames as seen only when the check passes, and once across racing nodes', async () => {
      const a = new IdentitySimulatorState(nodes.a);
      const b = new IdentitySimulatorState(nodes.b);
      const at = new Date(T0).toISOString();
      const refuse = () => {
        throw new Error('refused');
      };
      await expect(a.claimFrames(['d1', 'd2'], at, refuse)).rejects.toThrow('refused');
      const seen: ReadonlySet<string>[] = [];
      await a.claimFrames(['d1', 'd2'], at, (s) => void seen.push(s));
      expect([...seen[0]]).toEqual([]); // the refused claim stored nothing
      await b.claimFrames(['d2', 'd3'], at, (s) => void seen.push(s));
      expect([...seen[1]]).toEqual(['d2']);
      const raced = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? a : b).claimFrames(['r1', 'r2', 'r3'], at, (s) => {
            if (s.size) throw new Error('replayed');
          }),
        ),
      );
      expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('keeps failures per key, tickets and access tokens used once', async () => {
      const a = new IdentitySimulatorState(nodes.a);
      const b = new IdentitySimulatorState(nodes.b);
      await a.recordFailure('key-1', T0 + 2);
      await b.recordFailure('key-1', T0 + 1);
      await b.recordFailure('key-2', T0 + 3);
      expect(await a.failuresAfter('key-1', T0)).toEqual([T0 + 1, T0 + 2]);
      expect(await a.failuresAfter('key-1', T0 + 1)).toEqual([T0 + 2]);
      await a.saveTicket('t-1', carol.idNumber, T0 + 300_000, T0);
      expect(await b.takeTicket('t-1')).toEqual({
        idNumber: carol.idNumber,
        expiresAtMs: T0 + 300_000,
      });
      expect(await a.takeTicket('t-1')).toBeUndefined();
      await b.saveAccessToken('at-1', carol.idNumber, T0);
      expect(await a.takeAccessToken('at-1')).toBe(carol.idNumber);
      expect(await b.takeAccessToken('at-1')).toBeUndefined();
    });
  });

  describe('two nodes', () => {
    it('completes on one node a face login and a step-up started on the other', async () => {
      const [A, B] = [node(nodes.a), node(nodes.b)];
      // one platform key for every node (the shared key files): an assertion any node signed
      // verifies with the one published key, also after a restart
      expect(A.platform.publicKeyHex).toBe(B.platform.publicKeyHex);
      const used = frames(clock.ms);
      const s = await A.auth.startFaceLogin(carol, '10.0.0.1');
      clock.ms += 5000;
      const login = await B.auth.completeFaceLogin(
        { certifyId: s.certifyId, frames: used },
        '10.0.0.1',
      );
      expect(login.person.personId).toBe(carol.personId);
      // the same frames again, on the first node: a replay
      const again = await A.auth.startFaceLogin(carol, '10.0.0.1');
      expect(
        await codeOf(
          A.auth.completeFaceLogin({ certifyId: again.certifyId, frames: used }, '10.0.0.1'),
        ),
      ).toBe('FRAMES_REPLAYED');
      const caller = await A.auth.authenticate(login.token);
      const up = await A.auth.startStepUp(caller, '10.0.0.1');
      const upStarted = clock.ms;
      clock.ms += 3000;
      await B.auth.completeStepUp(
        caller,
        { certifyId: up.certifyId, frames: frames(upStarted - 1) },
        '10.0.0.1',
      );
      // the completed check cannot be completed again on either node
      expect(
        await codeOf(
          A.auth.completeStepUp(
            caller,
            { certifyId: up.certifyId, frames: frames(upStarted) },
            '10.0.0.1',
          ),
        ),
      ).toBe('CHALLENGE_NOT_FOUND');
      expect((await A.auth.authenticate(login.token)).stepUpAt).toBe(
        new Date(clock.ms).toISOString(),
      );
    });

    it('exchanges a 浙里办 ticket and a passId once across nodes', async () => {
      const [A, B] = [node(nodes.a), node(nodes.b)];
      const { ticketId } = await A.platform.issueTicket(dave.idNumber);
      const login = await B.auth.zlbLogin({ ticketId }, '10.0.0.2');
      expect(login.person.personId).toBe(dave.personId);
      expect(await codeOf(A.auth.zlbLogin({ ticketId }, '10.0.0.2'))).toBe('ZLB_TICKET_INVALID');
      const caller = await B.auth.authenticate(login.token);
      const { passId } = await B.platform.zmAuthentication(dave.idNumber, dave.name);
      await A.auth.zlbStepUp(caller, passId, '10.0.0.2');
      expect(await codeOf(B.auth.zlbStepUp(caller, passId, '10.0.0.2'))).toBe('ASSERTION_REPLAYED');
    });

    it('counts failures on an ID number on every node: the guessing addresses are held back on both, the person is not', async () => {
      const [A, B] = [node(nodes.a), node(nodes.b)];
      const wrongName = { name: '别人', idNumber: carol.idNumber };
      for (let i = 0; i < 5; i++) {
        const n = i % 2 ? A : B;
        expect(await codeOf(n.auth.startFaceLogin(wrongName, `10.1.0.${i}`))).toBe(
          'NAME_ID_MISMATCH',
        );
      }
      // five failures on carol from anywhere: an address that failed once is held back, on
      // either node, whatever name it tries next
      expect(await codeOf(A.auth.startFaceLogin(wrongName, '10.1.0.1'))).toBe('LOCKED_OUT');
      expect(await codeOf(B.auth.startFaceLogin(carol, '10.1.0.2'))).toBe('LOCKED_OUT');
      // carol herself, at an address that never failed, starts her face check on either node
      expect((await A.auth.startFaceLogin(carol, '10.1.1.1')).certifyId).toBeTruthy();
      expect((await B.auth.startFaceLogin(carol, '10.1.1.2')).certifyId).toBeTruthy();
      // and wrong names never lock her out at the identity platform either
      expect((await B.platform.startFace(carol)).certifyId).toBeTruthy();
    });
  });
});
