/**
 * Contract of the identity and session stores (adapters/sqlite/identityStores.ts), one suite on
 * the embedded SQLite file and on PostgreSQL. Nodes `a` and `b` are two handles on one store:
 * what one node writes the other reads, and single-use things are used once across both.
 */
import { isUniqueViolation, type SqlDb } from '../../../mock-server/src/adapters/sql';
import {
  SqlFaceAttemptStore,
  SqlHoldingsQuery,
  SqlLoginFailureStore,
  SqlPopulationRegister,
  SqlReplayLedger,
  SqlSessionStore,
} from '../../../mock-server/src/adapters/sqlite/identityStores';
import type { SessionRecord } from '../../../mock-server/src/ports';
import { DATABASES } from '../support/databases';
import { citizenId, insertPerson, useTwoNodes } from './identity-support';

const iso = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 1, minutes)).toISOString();

const session = (id: string, personId: string, createdMin: number): SessionRecord => ({
  sessionId: id,
  personId,
  deviceName: '测试手机',
  createdAt: iso(createdMin),
  lastSeenAt: iso(createdMin),
  idleExpiresAt: iso(createdMin + 30),
  expiresAt: iso(createdMin + 720),
});

/** one register event; returns its seq */
async function event(db: SqlDb, id: string, type: string, unitCode: string | null) {
  const r = await db.get<{ seq: number }>(
    `INSERT INTO register_events (event_id, event_type, unit_code, recorded_at, payload_json)
     VALUES (?, ?, ?, ?, ?) RETURNING seq`,
    [id, type, unitCode, iso(0), JSON.stringify({ eventId: id, type })],
  );
  return Number(r!.seq);
}

/** a unit with a current right held by `holders`, its certificate, and an unrelated event */
async function unitHeldBy(db: SqlDb, unitCode: string, holders: string[], status = 'current') {
  const seq = await event(db, `ev-unit-${unitCode}`, 'unitRegistered', unitCode);
  await db.run(
    `INSERT INTO units (unit_code, county_code, location, use, nature, building_area,
       shared_land_area, structure, floor, total_floors, land_use_ends_on, created_seq)
     VALUES (?, '331002', '椒江区测试路1号', '住宅', '商品房', 89.5, 12.1, '钢混', 3, 18, '2086-01-01', ?)`,
    [unitCode, seq],
  );
  await db.run(
    `INSERT INTO certificates (certificate_id, kind, number, unit_code, issued_on, form, status)
     VALUES (?, 'titleCertificate', ?, ?, '2020-01-01', 'paper', 'current')`,
    [`cert-${unitCode}`, `浙(2020)台州市不动产权第${unitCode.slice(-7)}号`, unitCode],
  );
  const rightSeq = await event(db, `ev-right-${unitCode}`, 'rightRecorded', unitCode);
  await db.run(
    `INSERT INTO rights (right_id, unit_code, right_type, co_ownership, registered_on,
       certificate_id, status, created_seq) VALUES (?, ?, '国有建设用地使用权/房屋所有权', ?, '2020-01-01', ?, ?, ?)`,
    [
      `right-${unitCode}`,
      unitCode,
      holders.length > 1 ? 'joint' : 'sole',
      `cert-${unitCode}`,
      status,
      rightSeq,
    ],
  );
  for (const [i, personId] of holders.entries()) {
    await db.run('INSERT INTO right_holders (right_id, position, person_id) VALUES (?, ?, ?)', [
      `right-${unitCode}`,
      i,
      personId,
    ]);
  }
}

describe.each(DATABASES)('identity stores on %s', (_name, target) => {
  const nodes = useTwoNodes(target);
  const alice = {
    personId: 'P-ALICE',
    name: '王丽',
    idNumber: citizenId(11),
    phone: '13800000011',
  };
  const bob = { personId: 'P-BOB', name: '陈刚', idNumber: citizenId(12) };

  beforeAll(async () => {
    await insertPerson(nodes.a, alice);
    await insertPerson(nodes.a, bob);
    await insertPerson(nodes.a, {
      personId: 'O-BANK',
      name: '台州银行',
      idNumber: '91331000MA2AXXXX0X',
      legal: true,
    });
  });

  describe('SessionStore', () => {
    it('keeps a session by id and by token hash; ids and token hashes are unique', async () => {
      const a = new SqlSessionStore(nodes.a);
      const b = new SqlSessionStore(nodes.b);
      await a.create(session('ses-1', alice.personId, 0), 'hash-1');
      expect(await b.byId('ses-1')).toEqual(session('ses-1', alice.personId, 0));
      expect(await b.byTokenHash('hash-1')).toEqual(session('ses-1', alice.personId, 0));
      expect(await b.byTokenHash('hash-x')).toBeUndefined();
      expect(await b.byId('ses-x')).toBeUndefined();
      const again = (id: string, hash: string) =>
        b.create(session(id, alice.personId, 0), hash).then(
          () => 'stored',
          (e: unknown) => (isUniqueViolation(e) ? 'refused' : e),
        );
      expect(await again('ses-1', 'hash-2')).toBe('refused');
      expect(await again('ses-2', 'hash-1')).toBe('refused');
    });

    it('touch moves activity forward, never back; step-up and the first revocation stick', async () => {
      const a = new SqlSessionStore(nodes.a);
      const b = new SqlSessionStore(nodes.b);
      await a.create(session('ses-t', alice.personId, 0), 'hash-t');
      await b.touch('ses-t', iso(10), iso(40));
      await a.touch('ses-t', iso(5), iso(35)); // a slower node's older request
      expect(await a.byId('ses-t')).toMatchObject({ lastSeenAt: iso(10), idleExpiresAt: iso(40) });
      await a.markStepUp('ses-t', iso(11));
      expect((await b.byId('ses-t'))?.stepUpAt).toBe(iso(11));
      await b.revoke('ses-t', iso(12));
      await a.revoke('ses-t', iso(13));
      expect((await a.byId('ses-t'))?.revokedAt).toBe(iso(12));
    });

    it('lists the active sessions of one person, newest first', async () => {
      const s = new SqlSessionStore(nodes.a);
      await s.create(session('ses-b1', bob.personId, 100), 'hash-b1');
      await s.create(session('ses-b2', bob.personId, 110), 'hash-b2');
      await s.create(session('ses-b3', bob.personId, 120), 'hash-b3');
      await s.create(
        { ...session('ses-b4', bob.personId, 0), idleExpiresAt: iso(100) }, // idle-expired
        'hash-b4',
      );
      await s.revoke('ses-b3', iso(125));
      const active = await new SqlSessionStore(nodes.b).activeOf(bob.personId, iso(128));
      expect(active.map((x) => x.sessionId)).toEqual(['ses-b2', 'ses-b1']);
      // past the absolute expiry nothing is active
      expect(await s.activeOf(bob.personId, iso(110 + 720))).toEqual([]);
    });
  });

  describe('FaceAttemptStore', () => {
    it('returns a saved attempt once, on whichever node takes it first', async () => {
      const a = new SqlFaceAttemptStore(nodes.a);
      const b = new SqlFaceAttemptStore(nodes.b);
      await new SqlSessionStore(nodes.a).create(session('ses-f', alice.personId, 0), 'hash-f');
      await a.save({
        certifyId: 'cert-1',
        purpose: 'stepUp',
        idNumber: alice.idNumber,
        sessionId: 'ses-f',
        createdAt: iso(1),
      });
      await a.save({
        certifyId: 'cert-2',
        purpose: 'login',
        idNumber: bob.idNumber,
        createdAt: iso(2),
      });
      const takes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).take('cert-1')),
      );
      expect(takes.filter(Boolean)).toEqual([
        {
          certifyId: 'cert-1',
          purpose: 'stepUp',
          idNumber: alice.idNumber,
          sessionId: 'ses-f',
          createdAt: iso(1),
        },
      ]);
      expect(await b.take('cert-2')).toEqual({
        certifyId: 'cert-2',
        purpose: 'login',
        idNumber: bob.idNumber,
        createdAt: iso(2),
      });
      expect(await a.take('cert-2')).toBeUndefined();
      expect(await a.take('cert-none')).toBeUndefined();
    });
  });

  describe('ReplayLedger', () => {
    it('lets a proof be used once across all nodes, even when they race', async () => {
      const a = new SqlReplayLedger(nodes.a);
      const b = new SqlReplayLedger(nodes.b);
      expect(await a.use('assertion:sig-1', iso(0))).toBe(true);
      expect(await b.use('assertion:sig-1', iso(1))).toBe(false);
      const raced = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).use('zm-pass:race', iso(2))),
      );
      expect(raced.filter((x) => x)).toHaveLength(1);
    });
  });

  describe('LoginFailureStore', () => {
    it('answers the failures of one scope and key at or after an instant, oldest first', async () => {
      const a = new SqlLoginFailureStore(nodes.a);
      const b = new SqlLoginFailureStore(nodes.b);
      await a.record('id', 'k1', iso(3));
      await b.record('id', 'k1', iso(1));
      await a.record('id', 'k1', iso(2));
      await a.record('client', 'k1', iso(2));
      await a.record('id', 'k2', iso(2));
      expect(await b.since('id', 'k1', iso(2))).toEqual([Date.parse(iso(2)), Date.parse(iso(3))]);
      expect(await a.since('client', 'k1', iso(0))).toEqual([Date.parse(iso(2))]);
      expect(await a.since('client', 'k9', iso(0))).toEqual([]);
    });
  });

  describe('PopulationRegister', () => {
    it('finds natural persons by ID number and by person id, never organisations', async () => {
      const p = new SqlPopulationRegister(nodes.b);
      const expected = { ...alice, kind: 'natural', idType: 'citizenId' };
      expect(await p.byIdNumber(alice.idNumber)).toEqual(expected);
      expect(await p.byPersonId(alice.personId)).toEqual(expected);
      expect(await p.byPersonId(bob.personId)).toEqual({
        ...bob,
        kind: 'natural',
        idType: 'citizenId',
      });
      expect(await p.byIdNumber('91331000MA2AXXXX0X')).toBeUndefined();
      expect(await p.byPersonId('O-BANK')).toBeUndefined();
      expect(await p.byIdNumber(citizenId(99))).toBeUndefined();
    });
  });

  describe('HoldingsQuery', () => {
    const U1 = '331002005008GB07196F00110001';
    const U2 = '331002005008GB07196F00110002';
    const U3 = '331002005008GB07196F00110003';

    beforeAll(async () => {
      await unitHeldBy(nodes.a, U2, [alice.personId, bob.personId]);
      await unitHeldBy(nodes.a, U1, [alice.personId]);
      await unitHeldBy(nodes.a, U3, [alice.personId], 'cancelled');
      // a restriction on U1, cancelled later; one on U2 cancelled too
      for (const [unit, rid] of [
        [U1, 'rst-1'],
        [U2, 'rst-2'],
      ]) {
        const created = await event(nodes.a, `ev-rst-${rid}`, 'restrictionRecorded', unit);
        const ended = await event(nodes.a, `ev-cancel-${rid}`, 'restrictionCancelled', null);
        await nodes.a.run(
          `INSERT INTO restrictions (restriction_id, unit_code, kind, registered_on, status,
             cancelled_on, details_json, created_seq, ended_seq)
           VALUES (?, ?, 'mortgage', '2021-01-01', 'cancelled', '2022-01-01', '{}', ?, ?)`,
          [rid, unit, created, ended],
        );
      }
    });

    it('lists the units where a person holds a current right, by unit code', async () => {
      const q = new SqlHoldingsQuery(nodes.b);
      expect(await q.unitCodesHeldBy(alice.personId)).toEqual([U1, U2]);
      expect(await q.unitCodesHeldBy(bob.personId)).toEqual([U2]);
      expect(await q.unitCodesHeldBy('P-NOBODY')).toEqual([]);
    });

    it("answers a unit's events and its restrictions' cancellations, in order", async () => {
      const events = await new SqlHoldingsQuery(nodes.b).unitEvents(U1);
      expect(events.map((e) => (e.event as unknown as { eventId: string }).eventId)).toEqual([
        `ev-unit-${U1}`,
        `ev-right-${U1}`,
        'ev-rst-rst-1',
        'ev-cancel-rst-1',
      ]);
      const seqs = events.map((e) => e.seq);
      expect(seqs.every((s) => typeof s === 'number')).toBe(true);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(
        await new SqlHoldingsQuery(nodes.a).unitEvents('331002005008GB07196F00119999'),
      ).toEqual([]);
    });
  });
});
