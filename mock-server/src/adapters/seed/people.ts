/** The demo parties: citizens (couples and singles) and banks, courts and developers. */
import { TAIZHOU_COUNTIES } from '../../domain/counties';
import { citizenIdCheckChar, USCC_ALPHABET, usccCheckChar } from '../../domain/identifiers';
import type { Marriage, Person } from '../../domain/register';
import { addDays, dateBetween, maxDate, minDate } from './dates';
import {
  BANKS,
  COURTS,
  DEVELOPERS,
  FEMALE_GIVEN,
  MALE_GIVEN,
  PHONE_PREFIXES,
  SURNAMES,
} from './places';
import type { Dice } from './prng';

const COUPLES = 14;
const SINGLES = 20;

type Court = (typeof COURTS)[number];
type Developer = (typeof DEVELOPERS)[number];

export interface Population {
  /** Every party: citizens first, then organisations. */
  persons: Person[];
  marriages: Marriage[];
  couples: [Person, Person][];
  singles: Person[];
  /** A spouse's personId → that spouse's marriage. */
  marriageOf: Map<string, Marriage>;
  banks: Person[];
  courts: (Court & { person: Person })[];
  developers: (Developer & { person: Person })[];
}

/** Draws the parties. Unique names, ID numbers, phones and USCCs; ID areas are Taizhou counties. */
export function generatePopulation(dice: Dice): Population {
  // ---------------------------------------------------------------- citizens
  const persons: Person[] = [];
  const usedIds = new Set<string>();
  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  let personSeq = 0;

  function citizen(sex: 'male' | 'female', birthDate: string): Person {
    let name: string;
    do {
      name = dice.pick(SURNAMES) + dice.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
    } while (usedNames.has(name));
    usedNames.add(name);
    let idNumber: string;
    do {
      const area = dice.pick(TAIZHOU_COUNTIES).code;
      const seq = dice.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
      const first17 = `${area}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      idNumber = first17 + citizenIdCheckChar(first17);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    let phone: string;
    do {
      phone = dice.pick(PHONE_PREFIXES) + String(dice.int(0, 99_999_999)).padStart(8, '0');
    } while (usedPhones.has(phone));
    usedPhones.add(phone);
    personSeq += 1;
    const p: Person = {
      personId: `P${String(personSeq).padStart(3, '0')}`,
      kind: 'natural',
      name,
      idType: 'citizenId',
      idNumber,
      phone,
    };
    persons.push(p);
    return p;
  }

  const marriages: Marriage[] = [];
  const couples: [Person, Person][] = [];
  for (let k = 0; k < COUPLES; k++) {
    const hb = dateBetween(dice, '1955-01-01', '1989-12-31');
    const wb = maxDate(addDays(hb, dice.int(-5 * 365, 5 * 365)), '1955-01-01');
    const husband = citizen('male', hb);
    const wife = citizen('female', minDate(wb, '1991-12-31'));
    const married = minDate(addDays(maxDate(hb, wb), dice.int(24 * 365, 30 * 365)), '2015-12-31');
    couples.push([husband, wife]);
    marriages.push({
      marriageId: `M${String(k + 1).padStart(3, '0')}`,
      spouseIds: [husband.personId, wife.personId],
      registeredOn: married,
    });
  }
  const singles: Person[] = [];
  for (let k = 0; k < SINGLES; k++) {
    singles.push(
      citizen(k % 2 === 0 ? 'male' : 'female', dateBetween(dice, '1960-01-01', '2000-12-31')),
    );
  }
  const marriageOf = new Map<string, Marriage>();
  for (const m of marriages) for (const id of m.spouseIds) marriageOf.set(id, m);

  // ---------------------------------------------------------------- organisations
  const usedUscc = new Set<string>();
  let orgSeq = 0;
  function organisation(name: string, prefix2: string, area: string): Person {
    let code: string;
    do {
      let body = '';
      for (let i = 0; i < 8; i++)
        body += dice.pick(USCC_ALPHABET.slice(0, i < 2 ? 10 : 31).split(''));
      body += String(dice.int(0, 9));
      const first17 = `${prefix2}${area}${body}`;
      code = first17 + usccCheckChar(first17);
    } while (usedUscc.has(code));
    usedUscc.add(code);
    orgSeq += 1;
    const p: Person = {
      personId: `ORG${String(orgSeq).padStart(2, '0')}`,
      kind: 'legal',
      name,
      idType: 'uscc',
      idNumber: code,
    };
    persons.push(p);
    return p;
  }
  const banks = BANKS.map((b) => organisation(b.name, '91', b.area));
  const courts = COURTS.map((c) => ({ ...c, person: organisation(c.name, '11', c.area) }));
  const developers = DEVELOPERS.map((d) => ({ ...d, person: organisation(d.name, '91', d.area) }));

  return { persons, marriages, couples, singles, marriageOf, banks, courts, developers };
}
