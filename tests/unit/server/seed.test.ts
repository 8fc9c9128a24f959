import {
  generateSeed,
  DEFAULT_SEED,
  type SeedData,
} from '../../../mock-server/src/adapters/seed/generate';
import { mulberry32 } from '../../../mock-server/src/adapters/seed/prng';
import { renderPersonas } from '../../../mock-server/src/adapters/seed/personas';
import { CATALOGUE_V1 } from '../../../mock-server/src/adapters/seed/catalogue-v1';
import { TAIZHOU_COUNTIES, isTaizhouCounty } from '../../../mock-server/src/domain/counties';
import {
  checkCitizenId,
  isValidLicenceId,
  isValidUnitCode,
  isValidUscc,
  parseCertificateNumber,
} from '../../../mock-server/src/domain/identifiers';
import {
  isOldStyle,
  mayGetElectronicTwin,
  projectRegister,
  REFORM_DATE,
  type RegisterState,
} from '../../../mock-server/src/domain/register';

const data: SeedData = generateSeed(mulberry32(DEFAULT_SEED), DEFAULT_SEED);
const state: RegisterState = projectRegister(data.events);
const currentRights = [...state.rights.values()].filter((r) => r.status === 'current');
const current = [...state.restrictions.values()].filter((r) => r.status === 'current');
const citizens = data.persons.filter((p) => p.kind === 'natural');
const people = new Map(data.persons.map((p) => [p.personId, p]));

describe('seed generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSeed(mulberry32(DEFAULT_SEED), DEFAULT_SEED)).toEqual(data);
    const other = generateSeed(mulberry32(7), 7);
    expect(other.persons.map((p) => p.idNumber)).not.toEqual(data.persons.map((p) => p.idNumber));
  });

  it.each([1, 2, 3, 42, 99991])('produces a register the domain accepts for seed %i', (seed) => {
    const d = generateSeed(mulberry32(seed), seed);
    expect(() => projectRegister(d.events)).not.toThrow();
  });

  it('has at least 60 units across all 9 Taizhou counties, each with a valid unique unit code', () => {
    const units = [...state.units.values()];
    expect(units.length).toBeGreaterThanOrEqual(60);
    expect(new Set(units.map((u) => u.countyCode))).toEqual(
      new Set(TAIZHOU_COUNTIES.map((c) => c.code)),
    );
    for (const u of units) {
      expect(isValidUnitCode(u.unitCode, { taizhouOnly: true })).toBe(true);
      expect(u.unitCode.slice(0, 6)).toBe(u.countyCode);
      expect(u.location).toMatch(
        /^台州市(椒江区|黄岩区|路桥区|三门县|天台县|仙居县|温岭市|临海市|玉环市)\S+(街道|镇)\S+幢\S+(室|号商铺)$/,
      );
      expect(u.buildingArea).toBeGreaterThan(0);
    }
    expect(new Set(units.map((u) => u.unitCode)).size).toBe(units.length);
    expect(new Set(units.map((u) => u.use))).toEqual(new Set(['住宅', '商业', '办公']));
  });

  it('has at least 40 citizens with valid, unique Taizhou ID numbers, unique names and phones', () => {
    expect(citizens.length).toBeGreaterThanOrEqual(40);
    for (const p of citizens) {
      const r = checkCitizenId(p.idNumber, '2026-11-29');
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(isTaizhouCounty(r.value.areaCode)).toBe(true);
      expect(r.value.birthDate >= '1950-01-01' && r.value.birthDate <= '2005-12-31').toBe(true);
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    for (const key of ['idNumber', 'name', 'phone'] as const) {
      expect(new Set(citizens.map((p) => p[key])).size).toBe(citizens.length);
    }
  });

  it('records married couples of a man and a woman, each person married at most once', () => {
    expect(data.marriages.length).toBeGreaterThanOrEqual(10);
    const spouses = data.marriages.flatMap((m) => m.spouseIds);
    expect(new Set(spouses).size).toBe(spouses.length);
    for (const m of data.marriages) {
      const sexes = m.spouseIds.map((id) => {
        const r = checkCitizenId(people.get(id)!.idNumber);
        return r.ok ? r.value.sex : 'invalid';
      });
      expect(sexes.sort()).toEqual(['female', 'male']);
    }
  });

  it('gives every unit exactly one current right with a well-formed certificate', () => {
    for (const code of state.units.keys()) {
      expect(currentRights.filter((r) => r.unitCode === code)).toHaveLength(1);
    }
    for (const r of currentRights) {
      const c = state.certificates.get(r.certificateId)!;
      expect(c.status).toBe('current');
      if (!isOldStyle(c.kind)) {
        const parsed = parseCertificateNumber(c.number);
        expect(parsed.ok && parsed.value.kind).toBe('titleCertificate');
        expect(parsed.ok && parsed.value.province).toBe('浙');
        expect(c.number).toMatch(/^浙\(\d{4}\)\S+不动产权第\d{7}号$/);
      }
      if (c.form === 'electronic') expect(isValidLicenceId(c.licenceId!)).toBe(true);
    }
    const numbers = [...state.certificates.values()].map((c) => c.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('has joint ownership by married couples and shares summing to exactly 100%', () => {
    const joint = currentRights.filter((r) => r.coOwnership === 'joint');
    const shares = currentRights.filter((r) => r.coOwnership === 'shares');
    expect(joint.length).toBeGreaterThanOrEqual(3);
    expect(shares.length).toBeGreaterThanOrEqual(3);
    const married = new Set(data.marriages.map((m) => [...m.spouseIds].sort().join('+')));
    for (const r of joint)
      expect(
        married.has(
          r.holders
            .map((h) => h.personId)
            .sort()
            .join('+'),
        ),
      ).toBe(true);
    for (const r of shares) {
      expect(r.holders.reduce((s, h) => s + (h.shareBasisPoints ?? 0), 0)).toBe(10000);
    }
  });

  it('has mortgages held by banks with valid credit codes and seizures by courts', () => {
    const mortgages = current.filter((r) => r.kind === 'mortgage');
    const seizures = current.filter((r) => r.kind === 'seizure');
    expect(mortgages.length).toBeGreaterThanOrEqual(3);
    expect(seizures.length).toBeGreaterThanOrEqual(2);
    for (const m of mortgages) {
      if (m.kind !== 'mortgage') continue;
      const bank = people.get(m.mortgageeId)!;
      expect(bank.kind).toBe('legal');
      expect(bank.name).toMatch(/银行/);
      expect(isValidUscc(bank.idNumber)).toBe(true);
      const proof = state.certificates.get(m.certificateId)!;
      expect(proof.kind).toBe('registrationProof');
      expect(parseCertificateNumber(proof.number)).toMatchObject({
        ok: true,
        value: { kind: 'registrationProof' },
      });
      const right = currentRights.find((r) => r.unitCode === m.unitCode)!;
      expect([...m.mortgagorIds].sort()).toEqual(right.holders.map((h) => h.personId).sort());
    }
    for (const s of seizures) {
      if (s.kind !== 'seizure') continue;
      expect(people.get(s.courtId)!.name).toMatch(/人民法院$/);
      expect(isValidUscc(people.get(s.courtId)!.idNumber)).toBe(true);
    }
  });

  it('has exactly one objection, by someone who does not hold the unit', () => {
    const objections = current.filter((r) => r.kind === 'objection');
    expect(objections).toHaveLength(1);
    const o = objections[0];
    if (o.kind !== 'objection') throw new Error('unreachable');
    const holders = currentRights
      .find((r) => r.unitCode === o.unitCode)!
      .holders.map((h) => h.personId);
    expect(holders).not.toContain(o.objectorId);
  });

  it('has pre-reform paper certificates without electronic twins and exactly one old-style 房屋所有权证', () => {
    const certs = currentRights.map((r) => state.certificates.get(r.certificateId)!);
    const paperOnly = certs.filter(
      (c) => c.issuedOn < REFORM_DATE && c.form === 'paper' && !c.licenceId,
    );
    expect(paperOnly.length).toBeGreaterThanOrEqual(5);
    expect(certs.filter(mayGetElectronicTwin).length).toBeGreaterThanOrEqual(5);
    const oldStyle = certs.filter((c) => c.kind === 'oldHouseOwnershipCertificate');
    expect(oldStyle).toHaveLength(1);
    expect(oldStyle[0].form).toBe('paper');
    expect(mayGetElectronicTwin(oldStyle[0])).toBe(false);
    // every post-reform certificate is electronic
    for (const c of state.certificates.values()) {
      expect(c.form === 'electronic').toBe(c.issuedOn >= REFORM_DATE);
    }
  });

  it('keeps history: some sales voided an old paper certificate, one mortgage was cancelled', () => {
    const superseded = [...state.rights.values()].filter((r) => r.status === 'cancelled');
    expect(superseded.length).toBeGreaterThanOrEqual(1);
    for (const r of superseded)
      expect(state.certificates.get(r.certificateId)!.status).toBe('void');
    expect(
      [...state.restrictions.values()].some(
        (r) => r.kind === 'mortgage' && r.status === 'cancelled',
      ),
    ).toBe(true);
  });

  it('orders events chronologically with unique ids', () => {
    const times = data.events.map((e) => e.recordedAt);
    expect([...times].sort()).toEqual(times);
    expect(new Set(data.events.map((e) => e.eventId)).size).toBe(data.events.length);
  });
});

describe('personas document', () => {
  const md = renderPersonas(data, CATALOGUE_V1);

  it('lists every citizen with the full ID number and every unit', () => {
    for (const p of citizens) expect(md).toContain(`\`${p.idNumber}\``);
    for (const code of state.units.keys()) expect(md).toContain(code.slice(0, 12));
  });

  it('names spouses, the objection, seizures, mortgages, the paper-only and old-style certificates', () => {
    const m = data.marriages[0];
    const [a, b] = m.spouseIds.map((id) => people.get(id)!.name);
    expect(md).toMatch(new RegExp(`\\| ${a} \\|[^\\n]*\\| ${b} \\|`));
    for (const word of [
      '异议登记',
      '查封',
      '抵押',
      '改革前纸质证书',
      '旧版房屋所有权证',
      '预告登记',
      '公告作废',
    ]) {
      expect(md).toContain(word);
    }
  });

  it('shows the catalogue assumptions', () => {
    for (const b of CATALOGUE_V1.businessTypes) expect(md).toContain(b.name);
    expect(md).toContain('假设');
  });
});
