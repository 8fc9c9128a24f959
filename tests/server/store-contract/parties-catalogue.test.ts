/**
 * The party directory, the catalogue and the health probe on SqlDb: one suite, run on the
 * embedded SQLite file and on PostgreSQL, with two handles as two nodes. Persons are saved all
 * or none and read on the other node; a marriage is found from either spouse; a catalogue
 * version is published once even when two nodes start together; the probe answers the schema
 * version this code expects and refuses a store that cannot answer.
 */
import {
  isUniqueViolation,
  migrationsFor,
  type SqlDb,
} from '../../../mock-server/src/adapters/sql';
import {
  CATALOGUE_V1,
  CURRENT_CATALOGUE,
  ensureCatalogue,
} from '../../../mock-server/src/adapters/seed';
import { SqlCatalogueRepository } from '../../../mock-server/src/adapters/sqlite/catalogueRepository';
import { SqlHealthProbe } from '../../../mock-server/src/adapters/sqlite/healthProbe';
import { SqlPartyDirectory } from '../../../mock-server/src/adapters/sqlite/partyDirectory';
import type { Catalogue } from '../../../mock-server/src/domain/catalogue';
import type { Person } from '../../../mock-server/src/domain/register';
import { DATABASES, migrated, type Store } from '../support/databases';

const person = (n: number, over: Partial<Person> = {}): Person => ({
  personId: `PX${n}`,
  kind: 'natural',
  name: `测试${n}`,
  idType: 'citizenId',
  idNumber: `ID-${n}`,
  ...over,
});

/** the catalogue as it reads back: each business type with its derived application */
const withoutApplication = (c: Catalogue) => ({
  ...c,
  businessTypes: c.businessTypes.map(({ application: _, ...b }) => b),
});

describe.each(DATABASES)('party directory, catalogue and health probe on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });

  describe('party directory', () => {
    it('saves persons and reads them on the other node, with or without a phone', async () => {
      const here = new SqlPartyDirectory(a);
      const there = new SqlPartyDirectory(b);
      const before = await there.countPersons();
      await here.savePersons([
        person(1, { phone: '13800000001' }),
        person(2),
        person(3, { kind: 'legal', idType: 'uscc' }),
      ]);
      expect(await there.countPersons()).toBe(before + 3);
      expect(await there.person('PX1')).toEqual(person(1, { phone: '13800000001' }));
      expect(await there.person('PX2')).toEqual(person(2));
      expect((await there.person('PX3'))?.kind).toBe('legal');
      expect(await there.person('PX-none')).toBeUndefined();
    });

    it('saves a batch all or none: a known ID number refuses the whole batch', async () => {
      const here = new SqlPartyDirectory(a);
      const before = await here.countPersons();
      const refused = await here.savePersons([person(10), person(11, { idNumber: 'ID-1' })]).then(
        () => undefined,
        (e: unknown) => e,
      );
      // (checked by code: a driver's error made in another test file's realm is no `Error` here)
      expect(isUniqueViolation(refused)).toBe(true);
      expect(await here.countPersons()).toBe(before);
      expect(await here.person('PX10')).toBeUndefined();
      // the same person saved on both nodes at once: one wins, the other is refused
      const outcomes = await Promise.allSettled([
        here.savePersons([person(12)]),
        new SqlPartyDirectory(b).savePersons([person(12)]),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await here.countPersons()).toBe(before + 1);
    });

    it('finds the latest marriage from either spouse', async () => {
      const here = new SqlPartyDirectory(a);
      await here.savePersons([person(20), person(21), person(22)]);
      await here.saveMarriages([
        { marriageId: 'M-1', spouseIds: ['PX20', 'PX21'], registeredOn: '2001-05-01' },
        { marriageId: 'M-2', spouseIds: ['PX22', 'PX20'], registeredOn: '2015-09-09' },
      ]);
      const there = new SqlPartyDirectory(b);
      expect(await there.marriageOf('PX20')).toEqual({
        spouseId: 'PX22',
        registeredOn: '2015-09-09',
      });
      expect(await there.marriageOf('PX21')).toEqual({
        spouseId: 'PX20',
        registeredOn: '2001-05-01',
      });
      expect(await there.marriageOf('PX1')).toBeUndefined();
    });

    it('records a 变更登记 of name and ID number, seen on the other node', async () => {
      await new SqlPartyDirectory(a).changeIdentity('PX2', '改名后', 'ID-2B');
      expect(await new SqlPartyDirectory(b).person('PX2')).toEqual(
        person(2, { name: '改名后', idNumber: 'ID-2B' }),
      );
    });

    it('joins the caller transaction', async () => {
      const here = new SqlPartyDirectory(a);
      await expect(
        a.transaction(async () => {
          await here.changeIdentity('PX1', '不算数', 'ID-1X');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect((await here.person('PX1'))?.name).toBe('测试1');
    });
  });

  describe('catalogue', () => {
    it('has no current catalogue before one is published', async () => {
      expect(await new SqlCatalogueRepository(b).current()).toBeUndefined();
    });

    it('publishes a version once, even from two nodes starting together', async () => {
      const published = await Promise.all([
        new SqlCatalogueRepository(a).publish(CATALOGUE_V1),
        new SqlCatalogueRepository(b).publish(CATALOGUE_V1),
      ]);
      expect(published.sort()).toEqual([false, true]);
      expect(await new SqlCatalogueRepository(a).publish(CATALOGUE_V1)).toBe(false);
      const current = (await new SqlCatalogueRepository(b).current())!;
      expect(withoutApplication(current)).toEqual(withoutApplication(CATALOGUE_V1));
      expect(current).toEqual(await new SqlCatalogueRepository(a).current());
      // every business type reads back with the application it offers
      for (const bt of current.businessTypes) expect(bt.application).toBeDefined();
    });

    it('answers the newest version as the current one', async () => {
      const v2: Catalogue = {
        ...CATALOGUE_V1,
        version: CATALOGUE_V1.version + 1,
        publishedAt: '2026-12-01T00:00:00.000Z',
        businessTypes: CATALOGUE_V1.businessTypes.slice(0, 2),
      };
      expect(await new SqlCatalogueRepository(a).publish(v2)).toBe(true);
      const current = (await new SqlCatalogueRepository(b).current())!;
      expect(current.version).toBe(v2.version);
      expect(current.businessTypes.map((x) => x.code)).toEqual(v2.businessTypes.map((x) => x.code));
    });
  });

  describe('catalogue upgrade', () => {
    it('brings a database that published an older version 1 (six types) to every business type at start', async () => {
      const fresh = await target();
      const db = await migrated(fresh);
      try {
        const repo = new SqlCatalogueRepository(db);
        // version 1 as databases published it before business types were added to it
        await repo.publish({
          ...CATALOGUE_V1,
          businessTypes: CATALOGUE_V1.businessTypes.slice(0, 6),
        });
        expect((await repo.current())!.businessTypes).toHaveLength(6);
        expect(await ensureCatalogue(repo)).toEqual([CURRENT_CATALOGUE.version]);
        const current = (await repo.current())!;
        expect(current.version).toBe(CURRENT_CATALOGUE.version);
        expect(current.businessTypes.map((x) => x.code)).toEqual(
          CURRENT_CATALOGUE.businessTypes.map((x) => x.code),
        );
        expect(current.businessTypes.map((x) => x.code)).toEqual(
          expect.arrayContaining([
            'transfer.inheritance',
            'correction.byRightHolder',
            'objection.byInterestedParty',
            'certificate.lostReplacement',
            'certificate.damagedExchange',
          ]),
        );
        // started again: nothing more to publish
        expect(await ensureCatalogue(repo)).toEqual([]);
      } finally {
        await db.close();
        await fresh.cleanup();
      }
    });
  });

  describe('health probe', () => {
    it('answers the schema version this code expects', async () => {
      const migrations = migrationsFor(b.dialect);
      expect(await new SqlHealthProbe(b).check()).toEqual({
        schemaVersion: migrations[migrations.length - 1].version,
      });
    });

    it("refuses a store without this code's schema, and one that cannot answer", async () => {
      const empty = await target();
      const db = empty.open();
      try {
        await expect(new SqlHealthProbe(db).check()).rejects.toHaveProperty('message');
      } finally {
        await db.close();
        await empty.cleanup();
      }
      const closed = store.open();
      await closed.close();
      await expect(new SqlHealthProbe(closed).check()).rejects.toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
      });
    });
  });
});
