import fs from 'node:fs';
import path from 'node:path';
import { openRegistry, type Registry } from '../../mock-server/src/bootstrap';
import {
  CURRENT_CATALOGUE,
  isRegisterEmpty,
  seedIfEmpty,
} from '../../mock-server/src/adapters/seed';
import {
  migrate,
  openDatabase,
  schemaVersion,
} from '../../mock-server/src/adapters/sqlite/database';
import { MIGRATIONS } from '../../mock-server/src/adapters/sqlite/migrations';
import { SqlRegisterRepository } from '../../mock-server/src/adapters/sqlite/registerRepository';
import { SqliteSqlDb } from '../../mock-server/src/adapters/sql';
import { projectRegister } from '../../mock-server/src/domain/register';
import { AppError } from '../../mock-server/src/domain/errors';
import { tempDir } from './support/registry';

describe('SQLite adapter on a real file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'nested', 'folder', 'registry.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the parent folder and opens in WAL with synchronous=FULL and foreign keys on', () => {
    const db = openDatabase(file);
    try {
      expect(fs.existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
  });

  it('applies migrations once and is idempotent on reopen', () => {
    const db1 = openDatabase(file);
    expect(migrate(db1)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db1)).toEqual([]);
    db1.close();
    const db2 = openDatabase(file);
    try {
      expect(migrate(db2)).toEqual([]);
      expect(schemaVersion(db2)).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
      const rows = db2.prepare('SELECT version, name FROM schema_migrations').all();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    } finally {
      db2.close();
    }
  });

  it('rolls back a failing migration entirely', () => {
    const db = openDatabase(file);
    try {
      const broken = [
        ...MIGRATIONS,
        { version: 99, name: 'broken', sql: 'CREATE TABLE half (a); SELEKT nonsense;' },
      ];
      expect(() => migrate(db, broken)).toThrow();
      expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
      expect(
        db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(),
      ).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('refuses a database from newer code', () => {
    const db = openDatabase(file);
    try {
      migrate(db);
      db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
      expect(() => migrate(db)).toThrow(/999/);
    } finally {
      db.close();
    }
  });

  it('seeds only an empty database, on first start', async () => {
    const first = await openRegistry({ databasePath: file, seedOnEmpty: true });
    const events = await first.register.countEvents();
    const persons = await first.parties.countPersons();
    expect(first.seeded).toBe(true);
    expect(events).toBeGreaterThan(60);
    expect(persons).toBeGreaterThanOrEqual(40);
    await first.close();

    const second = await openRegistry({ databasePath: file, seedOnEmpty: true });
    try {
      expect(second.seeded).toBe(false);
      expect(second.migrationsApplied).toEqual([]);
      expect(await second.register.countEvents()).toBe(events);
      expect(await second.parties.countPersons()).toBe(persons);
      expect(await seedIfEmpty(second.sql, second)).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('does not seed when SEED_ON_EMPTY is false, but still publishes the catalogue', async () => {
    const r = await openRegistry({ databasePath: file, seedOnEmpty: false });
    try {
      expect(r.seeded).toBe(false);
      expect(await isRegisterEmpty(r.sql)).toBe(true);
      expect((await r.catalogue.current())?.businessTypes).toHaveLength(
        CURRENT_CATALOGUE.businessTypes.length,
      );
    } finally {
      await r.close();
    }
  });

  it('does not seed a database that already has its own parties', async () => {
    const r = await openRegistry({ databasePath: file, seedOnEmpty: false });
    await r.parties.savePersons([
      {
        personId: 'X1',
        kind: 'natural',
        name: '测试',
        idType: 'citizenId',
        idNumber: '11010519491231002X',
      },
    ]);
    expect(await seedIfEmpty(r.sql, r)).toBe(false);
    expect(await r.register.countEvents()).toBe(0);
    await r.close();
  });

  describe('the seeded register', () => {
    let registry: Registry;
    beforeEach(async () => {
      registry = await openRegistry({ databasePath: file, seedOnEmpty: true });
    });
    afterEach(() => registry.close());

    it('derives the same current state in SQL as the pure domain projection', async () => {
      const stored = (await registry.register.events()).map((e) => e.event);
      const state = projectRegister(stored);
      expect(await registry.sql.get('SELECT count(*) AS n FROM units')).toEqual({
        n: state.units.size,
      });
      for (const [code, unit] of state.units) {
        const view = (await registry.register.unit(code))!;
        expect(view.unit).toEqual(unit);
        const right = [...state.rights.values()].find(
          (r) => r.unitCode === code && r.status === 'current',
        )!;
        expect(view.right).toEqual(right);
        expect(view.certificate).toEqual(state.certificates.get(right.certificateId));
        const restrictions = [...state.restrictions.values()].filter(
          (r) => r.unitCode === code && r.status === 'current',
        );
        expect(view.restrictions).toEqual(restrictions);
      }
      const statuses = (await registry.sql.all(
        'SELECT certificate_id AS id, status FROM certificates',
      )) as { id: string; status: string }[];
      for (const s of statuses) expect(s.status).toBe(state.certificates.get(s.id)!.status);
    });

    it('rebuilds the derived tables from the events to the same result', async () => {
      const before = await registry.sql.all('SELECT * FROM rights ORDER BY right_id');
      const holdersBefore = await registry.sql.all(
        'SELECT * FROM right_holders ORDER BY right_id, position',
      );
      await registry.register.rebuildProjections();
      expect(await registry.sql.all('SELECT * FROM rights ORDER BY right_id')).toEqual(before);
      expect(
        await registry.sql.all('SELECT * FROM right_holders ORDER BY right_id, position'),
      ).toEqual(holdersBefore);
    });

    it('keeps register_events append-only', async () => {
      // the driver's error is not an Error of jest's realm: its message is compared
      await expect(registry.sql.run('DELETE FROM register_events')).rejects.toMatchObject({
        message: expect.stringMatching(/append-only/),
      });
      await expect(
        registry.sql.run("UPDATE register_events SET event_type = 'x'"),
      ).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    });

    it('enforces shares summing to 100% and one current right per unit, atomically', async () => {
      const { unit_code: unitCode } = (await registry.sql.get(
        "SELECT unit_code FROM rights WHERE status = 'current' LIMIT 1",
      )) as { unit_code: string };
      const view = (await registry.register.unit(unitCode))!;
      const count = await registry.register.countEvents();
      const bad = {
        type: 'rightRecorded' as const,
        eventId: 'EVX1',
        recordedAt: '2026-11-01T02:00:00.000Z',
        supersedesRightId: view.right!.rightId,
        right: {
          rightId: 'RIGHTX',
          unitCode: view.unit.unitCode,
          rightType: '国有建设用地使用权/房屋所有权',
          coOwnership: 'shares' as const,
          holders: [
            { personId: 'P001', shareBasisPoints: 6000 },
            { personId: 'P002', shareBasisPoints: 3000 },
          ],
          registeredOn: '2026-11-01',
          certificateId: 'CERTX',
        },
        certificate: {
          certificateId: 'CERTX',
          kind: 'titleCertificate' as const,
          number: '浙(2026)台州市不动产权第9999999号',
          unitCode: view.unit.unitCode,
          issuedOn: '2026-11-01',
          form: 'paper' as const,
        },
      };
      await expect(registry.register.append([bad])).rejects.toThrow(AppError);
      const withoutSupersede = {
        ...bad,
        supersedesRightId: undefined,
        right: {
          ...bad.right,
          holders: [
            { personId: 'P001', shareBasisPoints: 5000 },
            { personId: 'P002', shareBasisPoints: 5000 },
          ],
        },
      };
      await expect(registry.register.append([withoutSupersede])).rejects.toThrow(AppError);
      expect(await registry.register.countEvents()).toBe(count);
      expect((await registry.register.unit(view.unit.unitCode))!.right).toEqual(view.right);
    });

    it('finds a certificate by number', async () => {
      const any = (await registry.sql.get('SELECT number FROM certificates LIMIT 1')) as {
        number: string;
      };
      expect((await registry.register.certificateByNumber(any.number))?.number).toBe(any.number);
      expect(
        await registry.register.certificateByNumber('浙(2026)台州市不动产权第0000000号'),
      ).toBeUndefined();
    });
  });

  it('has no view for a unit that is not registered', async () => {
    const db = openDatabase(file);
    migrate(db);
    const sql = SqliteSqlDb.wrap(db);
    try {
      expect(
        await new SqlRegisterRepository(sql).unit('331002001001GB00029F00010002'),
      ).toBeUndefined();
    } finally {
      await sql.close();
    }
  });
});
