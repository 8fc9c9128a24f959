/**
 * 令第80号 (docs/registry-facts.md §8): the records-query policy as a table — requester roles ×
 * requested items → allow or refuse (with the reason code), plus the conditions each role must
 * meet.
 */
import {
  decideQuery,
  INTERESTED_PARTY_ITEMS,
  QUERY_ITEMS,
  REFUSAL_MESSAGES,
  type QueryRequestFacts,
} from '../../../mock-server/src/domain/records-query';

const BASE: Record<string, QueryRequestFacts> = {
  rightHolder: {
    role: 'rightHolder',
    purpose: 'ownRecords',
    items: [],
    unitIdentifiers: 1,
    holdsUnit: true,
    isOrganOfficer: false,
    proof: 'none',
  },
  interestedParty: {
    role: 'interestedParty',
    purpose: 'purchase',
    items: [],
    unitIdentifiers: 1,
    holdsUnit: false,
    isOrganOfficer: false,
    proof: 'valid',
  },
  stateOrgan: {
    role: 'stateOrgan',
    purpose: 'investigation',
    items: [],
    unitIdentifiers: 1,
    holdsUnit: false,
    isOrganOfficer: true,
    proof: 'none',
    caseReference: '椒公（经）立字〔2026〕101号',
  },
};

//            item               holder  interested  organ
const TABLE: [string, boolean, boolean, boolean][] = [
  ['naturalState', true, true, true],
  ['coOwnership', true, true, true],
  ['encumbrances', true, true, true],
  ['restrictions', true, true, true],
  ['holders', true, false, true],
  ['registerHistory', true, false, true],
  ['originalFiles', true, false, true],
  ['somethingElse', false, false, false],
];

describe('roles × items', () => {
  it.each(
    TABLE.flatMap(([item, h, i, o]) => [
      ['rightHolder', item, h],
      ['interestedParty', item, i],
      ['stateOrgan', item, o],
    ]) as [string, string, boolean][],
  )('%s asking for %s → allowed %s', (role, item, allowed) => {
    const d = decideQuery({ ...BASE[role], items: [item] });
    expect(d.allowed).toBe(allowed);
    if (d.allowed) expect(d.items).toEqual([item]);
    else expect(d.refusals.map((r) => r.code)).toEqual(['ITEM_NOT_PERMITTED']);
  });

  it('without a list, each role gets its default: everything, or only the four facts', () => {
    expect(decideQuery(BASE.rightHolder)).toEqual({
      allowed: true,
      items: [...QUERY_ITEMS],
      downloadable: true,
    });
    expect(decideQuery(BASE.stateOrgan)).toMatchObject({ allowed: true, items: [...QUERY_ITEMS] });
    expect(decideQuery(BASE.interestedParty)).toMatchObject({
      allowed: true,
      items: [...INTERESTED_PARTY_ITEMS],
    });
    expect(INTERESTED_PARTY_ITEMS).toEqual([
      'naturalState',
      'coOwnership',
      'encumbrances',
      'restrictions',
    ]);
  });
});

describe('conditions per role, with reason codes and Chinese messages', () => {
  it.each([
    ['unknown role', { ...BASE.rightHolder, role: 'neighbour' }, ['ROLE_UNKNOWN']],
    ['holder of another unit', { ...BASE.rightHolder, holdsUnit: false }, ['NOT_RIGHT_HOLDER']],
    ['no unit named', { ...BASE.rightHolder, unitIdentifiers: 0 }, ['UNIT_NOT_IDENTIFIED']],
    [
      'two ways of naming',
      { ...BASE.interestedParty, unitIdentifiers: 2 },
      ['UNIT_NOT_IDENTIFIED'],
    ],
    [
      'purpose not allowed',
      { ...BASE.interestedParty, purpose: 'curiosity' },
      ['PURPOSE_NOT_ALLOWED'],
    ],
    [
      'no proof',
      { ...BASE.interestedParty, proof: 'none' as const },
      ['PROOF_OF_INTEREST_MISSING'],
    ],
    [
      'proof not an image/PDF',
      { ...BASE.interestedParty, proof: 'invalid' as const },
      ['PROOF_OF_INTEREST_INVALID'],
    ],
    [
      'everything wrong at once',
      { ...BASE.interestedParty, purpose: 'x', proof: 'none' as const, items: ['holders'] },
      ['PURPOSE_NOT_ALLOWED', 'PROOF_OF_INTEREST_MISSING', 'ITEM_NOT_PERMITTED'],
    ],
    [
      'citizen without the organ flag',
      { ...BASE.stateOrgan, isOrganOfficer: false },
      ['NOT_STATE_ORGAN'],
    ],
    [
      'organ without investigation purpose',
      { ...BASE.stateOrgan, purpose: 'purchase' },
      ['PURPOSE_NOT_ALLOWED'],
    ],
    [
      'organ without a case reference',
      { ...BASE.stateOrgan, caseReference: ' ' },
      ['INVESTIGATION_REFERENCE_MISSING'],
    ],
  ] as [string, QueryRequestFacts, string[]][])('%s → refused', (_name, facts, codes) => {
    const d = decideQuery(facts);
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.refusals.map((r) => r.code)).toEqual(codes);
    for (const r of d.refusals) {
      expect(r.message).toBe(REFUSAL_MESSAGES[r.code]);
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
