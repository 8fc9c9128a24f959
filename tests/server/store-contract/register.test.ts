/**
 * The register on SqlDb: one suite, run on the embedded SQLite file and on PostgreSQL. "Two
 * nodes" are two handles on one store. The demo register (the seed generator's persons,
 * marriages and events) is written through the ports and read back as the pure projection says;
 * an append is all or none and joins its caller's transaction (登簿 together with the case's
 * step); appends from both nodes at once are numbered in one order without gaps, and certificate
 * numbers drawn with them stay unique and continuous per prefix.
 */
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import { generateSeed, mulberry32, type SeedData } from '../../../mock-server/src/adapters/seed';
import { SqlCaseStore } from '../../../mock-server/src/adapters/sqlite/caseStore';
import { SqlPartyDirectory } from '../../../mock-server/src/adapters/sqlite/partyDirectory';
import { SqlRegisterRepository } from '../../../mock-server/src/adapters/sqlite/registerRepository';
import {
  certificateIdentifiers,
  registryNameOf,
  serialKey,
} from '../../../mock-server/src/domain/documents';
import { AppError } from '../../../mock-server/src/domain/errors';
import {
  projectRegister,
  type RegisterEvent,
  type RightState,
} from '../../../mock-server/src/domain/register';
import { DATABASES, migrated, type Store } from '../support/databases';

const SEED: SeedData = generateSeed(mulberry32(7), 7);
const YEAR = 2026;
const ON = '2026-11-02';

let ids = 0;
const next = (prefix: string) => `${prefix}-T${++ids}`;

const seizure = (unitCode: string): RegisterEvent => ({
  eventId: next('EV'),
  type: 'restrictionRecorded',
  recordedAt: `${ON}T02:00:00.000Z`,
  restriction: {
    kind: 'seizure',
    restrictionId: next('RES'),
    unitCode,
    registeredOn: ON,
    courtId: 'COURT-1',
    rulingNumber: `(2026)浙1002执保${ids}号`,
    endsOn: '2029-11-01',
  },
});

/** refused by the register's own check (the date is not one) */
const invalid = (unitCode: string): RegisterEvent => {
  const e = seizure(unitCode);
  return e.type === 'restrictionRecorded'
    ? { ...e, restriction: { ...e.restriction, registeredOn: 'not-a-date' } }
    : e;
};

describe.each(DATABASES)('register on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;
  let units: { unitCode: string; right: RightState }[];

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
    const parties = new SqlPartyDirectory(a);
    await parties.savePersons(SEED.persons);
    await parties.saveMarriages(SEED.marriages);
    await new SqlRegisterRepository(a).append(SEED.events);
    const state = projectRegister(SEED.events);
    units = [...state.rights.values()]
      .filter((r) => r.status === 'current')
      .map((right) => ({ unitCode: right.unitCode, right }));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });

  it('reads back on the other node what the pure projection of the same events says', async () => {
    const other = new SqlRegisterRepository(b);
    const state = projectRegister(SEED.events);
    expect(await other.countEvents()).toBe(SEED.events.length);
    const stored = await other.events();
    expect(stored.map((e) => e.event)).toEqual(SEED.events);
    expect(stored.map((e) => e.seq)).toEqual(SEED.events.map((_, i) => i + 1));
    for (const [code, unit] of state.units) {
      const view = (await other.unit(code))!;
      expect(view.unit).toEqual(unit);
      const right = [...state.rights.values()].find(
        (r) => r.unitCode === code && r.status === 'current',
      );
      expect(view.right).toEqual(right);
      expect(view.certificate).toEqual(right && state.certificates.get(right.certificateId));
      expect(view.restrictions).toEqual(
        [...state.restrictions.values()].filter(
          (r) => r.unitCode === code && r.status === 'current',
        ),
      );
    }
    const [any] = state.certificates.values();
    expect(await other.certificateById(any.certificateId)).toEqual(any);
    expect(await other.certificateByNumber(any.number)).toEqual(any);
    expect(await other.certificateById('CERT-none')).toBeUndefined();
    expect(await other.certificateByNumber('浙(2026)台州市不动产权第0000000号')).toBeUndefined();
    expect(await other.unit('331002001001GB00029F00010002')).toBeUndefined();
  });

  it('rebuilds the derived tables from the events to the same views', async () => {
    const repo = new SqlRegisterRepository(a);
    const before = await Promise.all(units.map((u) => repo.unit(u.unitCode)));
    await repo.rebuildProjections();
    expect(
      await Promise.all(units.map((u) => new SqlRegisterRepository(b).unit(u.unitCode))),
    ).toEqual(before);
  });

  it('appends all or none: an invalid or inconsistent event refuses the whole append', async () => {
    const repo = new SqlRegisterRepository(a);
    const { unitCode, right } = units[0];
    const count = await repo.countEvents();
    const view = await repo.unit(unitCode);
    const newRight = (supersedesRightId: string | undefined): RegisterEvent => ({
      eventId: next('EV'),
      type: 'rightRecorded',
      recordedAt: `${ON}T02:00:00.000Z`,
      ...(supersedesRightId ? { supersedesRightId } : {}),
      right: {
        rightId: 'RIGHT-X',
        unitCode,
        rightType: right.rightType,
        coOwnership: 'sole',
        holders: [{ personId: right.holders[0].personId }],
        registeredOn: ON,
        certificateId: 'CERT-X',
      },
      certificate: {
        certificateId: 'CERT-X',
        kind: 'titleCertificate',
        number: '浙(2026)台州市不动产权第9999999号',
        unitCode,
        issuedOn: ON,
        form: 'electronic',
        licenceId: 'X',
      },
    });
    // a valid seizure first, then a right that does not supersede the current one
    await expect(repo.append([seizure(unitCode), newRight(undefined)])).rejects.toThrow(AppError);
    // shares that do not add up
    const bad = newRight(right.rightId);
    if (bad.type === 'rightRecorded') {
      bad.right.coOwnership = 'shares';
      bad.right.holders = [
        { personId: 'P001', shareBasisPoints: 6000 },
        { personId: 'P002', shareBasisPoints: 3000 },
      ];
    }
    await expect(repo.append([seizure(unitCode), bad])).rejects.toThrow(AppError);
    expect(await repo.countEvents()).toBe(count);
    expect(await new SqlRegisterRepository(b).unit(unitCode)).toEqual(view);
  });

  it('records a new right: the old one ends, its certificate is cancelled, the holders change', async () => {
    const repo = new SqlRegisterRepository(a);
    const { unitCode, right } = units[1];
    const old = (await repo.unit(unitCode))!;
    const buyer = SEED.persons.find((p) => !right.holders.some((h) => h.personId === p.personId))!;
    const number = certificateIdentifiers({
      kind: 'titleCertificate',
      unitCode,
      year: YEAR,
      serial: 8_888_801,
    });
    await repo.append([
      {
        eventId: next('EV'),
        type: 'rightRecorded',
        recordedAt: `${ON}T02:00:00.000Z`,
        supersedesRightId: right.rightId,
        right: {
          rightId: 'RIGHT-NEW',
          unitCode,
          rightType: right.rightType,
          coOwnership: 'sole',
          holders: [{ personId: buyer.personId }],
          registeredOn: ON,
          certificateId: 'CERT-NEW',
        },
        certificate: {
          certificateId: 'CERT-NEW',
          kind: 'titleCertificate',
          number: number.number,
          unitCode,
          issuedOn: ON,
          form: 'electronic',
          licenceId: number.licenceId,
        },
      },
    ]);
    const view = (await new SqlRegisterRepository(b).unit(unitCode))!;
    expect(view.right).toMatchObject({
      rightId: 'RIGHT-NEW',
      holders: [{ personId: buyer.personId }],
    });
    expect(view.certificate).toMatchObject({ number: number.number, status: 'current' });
    const before = await repo.certificateById(old.certificate!.certificateId);
    // a paper certificate superseded after the reform is announced void, an electronic one cancelled
    expect(before!.status).toBe(old.certificate!.form === 'paper' ? 'void' : 'cancelled');
  });

  it('records and cancels a restriction', async () => {
    const repo = new SqlRegisterRepository(a);
    const { unitCode } = units[2];
    const before = (await repo.unit(unitCode))!.restrictions.length;
    const e = seizure(unitCode);
    await repo.append([e]);
    const restrictionId = e.type === 'restrictionRecorded' ? e.restriction.restrictionId : '';
    expect((await repo.unit(unitCode))!.restrictions.map((r) => r.restrictionId)).toContain(
      restrictionId,
    );
    await new SqlRegisterRepository(b).append([
      {
        eventId: next('EV'),
        type: 'restrictionCancelled',
        recordedAt: `${ON}T03:00:00.000Z`,
        restrictionId,
        cancelledOn: ON,
      },
    ]);
    expect((await repo.unit(unitCode))!.restrictions).toHaveLength(before);
    // cancelling it again: nothing current to cancel
    await expect(
      repo.append([
        {
          eventId: next('EV'),
          type: 'restrictionCancelled',
          recordedAt: `${ON}T03:00:00.000Z`,
          restrictionId,
          cancelledOn: ON,
        },
      ]),
    ).rejects.toThrow(AppError);
  });

  it('joins the caller transaction: 登簿 and the change beside it commit or roll back together', async () => {
    const repo = new SqlRegisterRepository(a);
    const parties = new SqlPartyDirectory(a);
    const { unitCode } = units[3];
    const person = SEED.persons[0];
    const count = await repo.countEvents();
    await expect(
      a.transaction(async () => {
        await repo.append([seizure(unitCode)]);
        await parties.changeIdentity(person.personId, '改名', person.idNumber);
        throw new Error('the recording failed after 登簿');
      }),
    ).rejects.toThrow('after 登簿');
    expect(await repo.countEvents()).toBe(count);
    expect((await parties.person(person.personId))!.name).toBe(person.name);

    await a.transaction(async () => {
      await repo.append([seizure(unitCode)]);
      await parties.changeIdentity(person.personId, person.name, person.idNumber);
    });
    expect(await new SqlRegisterRepository(b).countEvents()).toBe(count + 1);
  });

  it('tells its listener after an append has succeeded, never after a refused one', async () => {
    const repo = new SqlRegisterRepository(a);
    let told = 0;
    repo.onAppended(() => {
      told += 1;
    });
    await repo.append([seizure(units[4].unitCode)]);
    expect(told).toBe(1);
    await expect(
      repo.append([seizure(units[4].unitCode), invalid(units[4].unitCode)]),
    ).rejects.toThrow();
    expect(told).toBe(1);
  });

  it('two nodes appending at once: one order, no gaps, every event once', async () => {
    const nodes = [new SqlRegisterRepository(a), new SqlRegisterRepository(b)];
    const before = await nodes[0].countEvents();
    const appended: string[] = [];
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const batch = [seizure(units[i % units.length].unitCode), seizure(units[0].unitCode)];
        appended.push(...batch.map((e) => e.eventId));
        // every fifth batch fails halfway: it must leave no number behind
        if (i % 5 === 4) batch.push(invalid(units[0].unitCode));
        return nodes[i % 2].append(batch).catch(() => {
          appended.splice(appended.indexOf(batch[0].eventId), 2);
        });
      }),
    );
    const stored = await nodes[1].events();
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    const added = stored.slice(before).map((e) => e.event.eventId);
    expect(new Set(added)).toEqual(new Set(appended));
    expect(added).toHaveLength(appended.length);
    // the two events of one append stand next to each other
    for (let i = 0; i < added.length; i += 2) {
      expect(Number(added[i + 1].split('-T')[1])).toBe(Number(added[i].split('-T')[1]) + 2);
    }
  });

  it('two nodes recording mortgages at once: proof numbers unique and continuous per prefix', async () => {
    const handles = [a, b];
    const unitCode = units[5].unitCode;
    const registryName = registryNameOf(unitCode);
    const prefix = `浙(${YEAR})${registryName}不动产证明第`;
    const record = (db: SqlDb) => {
      const cases = new SqlCaseStore(db);
      const register = new SqlRegisterRepository(db);
      // the mortgage simulator's and a recording's shape: the serial and 登簿 in one transaction
      return cases.transaction(async () => {
        const serial = await cases.nextSerial(
          serialKey('registrationProof', YEAR, registryName),
          () => cases.maxCertificateSerial(prefix),
        );
        const ids = certificateIdentifiers({
          kind: 'registrationProof',
          unitCode,
          year: YEAR,
          serial,
        });
        const certificateId = next('CERT');
        await register.append([
          {
            eventId: next('EV'),
            type: 'restrictionRecorded',
            recordedAt: `${ON}T04:00:00.000Z`,
            restriction: {
              kind: 'mortgage',
              restrictionId: next('RES'),
              unitCode,
              registeredOn: ON,
              mortgageeId: 'BANK',
              mortgagorIds: units[5].right.holders.map((h) => h.personId),
              mortgageType: '一般抵押',
              securedAmountYuan: 100_000,
              debtStartsOn: ON,
              debtEndsOn: '2036-11-02',
              certificateId,
            },
            certificate: {
              certificateId,
              kind: 'registrationProof',
              number: ids.number,
              unitCode,
              issuedOn: ON,
              form: 'electronic',
              licenceId: ids.licenceId,
              proves: '抵押权',
            },
          },
        ]);
        return serial;
      });
    };
    const floor = await new SqlCaseStore(a).maxCertificateSerial(prefix);
    const serials = await Promise.all(Array.from({ length: 16 }, (_, i) => record(handles[i % 2])));
    // each serial once, continuing the register's numbers without a gap
    expect([...serials].sort((x, y) => x - y)).toEqual(serials.map((_, i) => floor + 1 + i));
    const numbers = (
      await a.all<{ number: string }>(
        'SELECT number FROM certificates WHERE substr(number, 1, ?) = ? ORDER BY number',
        [prefix.length, prefix],
      )
    ).map((r) => r.number);
    expect(numbers).toHaveLength(new Set(numbers).size);
    expect(await new SqlCaseStore(b).maxCertificateSerial(prefix)).toBe(floor + 16);
  });
});
