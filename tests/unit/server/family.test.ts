/**
 * The family business types in the pure workflow: the 继承公告 published on approval over 国庆
 * (working days, docs/registry-facts.md §7), recording waiting until the day after its last day;
 * an heir renouncing and taking it back (the last accepting heir cannot); the review rules on the
 * heirs and on a renunciation's legal form (电子签名法 §3); the catalogue well-formed.
 */
import { checkCatalogue } from '../../../mock-server/src/domain/catalogue';
import {
  availableActions,
  machineStepOf,
  transition,
  type CaseCaller,
  type CaseRecord,
  type TransitionContext,
} from '../../../mock-server/src/domain/cases';
import { RULES_BY_CODE } from '../../../mock-server/src/domain/review';
import { CATALOGUE_V1 } from '../../../mock-server/src/adapters/seed';
import { businessType, saleCase } from './cases-support';

const INHERITANCE = businessType('transfer.inheritance');
/** Wednesday 2026-09-30, 10:00 in Beijing: the day before 国庆 */
const AT = '2026-09-30T02:00:00.000Z';
const system: CaseCaller = { kind: 'system' };
const party = (personId: string): CaseCaller => ({ kind: 'party', personId });
const ctx = (actor: CaseCaller, at = AT): TransitionContext => ({
  businessType: INHERITANCE,
  actor,
  at,
});

const heirs = (over: Partial<CaseRecord> = {}): CaseRecord =>
  saleCase(
    {
      businessTypeCode: INHERITANCE.code,
      newCoOwnership: 'joint',
      createdBy: 'P009',
      succession: {
        deceased: { personId: 'P010', name: '郑静' },
        diedOn: '2026-09-01',
        heirs: [
          { personId: 'P009', name: '颜晓东', relation: '配偶' },
          { personId: 'P048', name: '应敏', relation: '父母' },
        ],
        checkedAt: AT,
      },
      ...over,
    },
    [
      { personId: 'P009', name: '颜晓东', role: 'rightHolder' },
      { personId: 'P048', name: '应敏', role: 'rightHolder' },
    ],
  );

describe('the family catalogue', () => {
  it('is well-formed, each type declaring its tax cause', () => {
    expect(checkCatalogue(CATALOGUE_V1)).toEqual([]);
    const causes = Object.fromEntries(
      CATALOGUE_V1.businessTypes.filter((b) => b.taxation).map((b) => [b.code, b.taxation!.cause]),
    );
    expect(causes).toMatchObject({
      'transfer.inheritance': 'inheritance',
      'transfer.gift': 'gift',
      'transfer.spouseNameChange': 'spouseAddition',
      'transfer.divorceDivision': 'divorceDivision',
    });
    for (const bt of CATALOGUE_V1.businessTypes)
      for (const r of bt.rules ?? []) expect(RULES_BY_CODE.has(r.code)).toBe(true);
  });
});

describe('继承公告', () => {
  const approved = () =>
    transition(
      heirs({ status: 'review', caseNumber: '2026093000001' }),
      { type: 'approve' },
      ctx(system),
    );

  it('is published on approval, 15 working days counted over 国庆, and sent to every party', () => {
    const { next, effects } = approved();
    // 10/1–10/7 off, 10/10 Sat worked: 15 working days after 9/30 end on Tue 10/27
    expect(next.announcement).toMatchObject({ title: '继承公告', endsOn: '2026-10-27' });
    expect(next.announcement!.text).toContain('颜*东');
    expect(next.timeline.at(-1)!.note).toContain('公告期至2026-10-27');
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'deliverMessage', to: ['P009', 'P048'] }),
    );
  });

  it('keeps recording waiting through its last day, and records the day after', () => {
    const { next } = approved();
    expect(machineStepOf(next, '2026-10-27')).toBeUndefined();
    expect(machineStepOf(next)).toBeUndefined();
    expect(machineStepOf(next, '2026-10-28')).toBe('record');
    // a business type without a 公告 records at once
    expect(machineStepOf({ ...next, announcement: undefined }, '2026-10-01')).toBe('record');
  });
});

describe('an heir renounces on their own phone', () => {
  it('is offered to each accepting heir; renouncing changes the role and voids signatures', () => {
    const c = heirs();
    expect(availableActions(c, party('P048'), { businessType: INHERITANCE })).toContain(
      'renounceInheritance',
    );
    const { next, effects } = transition(c, { type: 'renounceInheritance' }, ctx(party('P048')));
    expect(next.parties.map((p) => p.role)).toEqual(['rightHolder', 'renouncingHeir']);
    expect(next.newCoOwnership).toBe('sole');
    expect(effects[0]).toEqual({ type: 'reconcileSignatures' });
    // the last accepting heir may not renounce; the renouncing one may take it back
    expect(() => transition(next, { type: 'renounceInheritance' }, ctx(party('P009')))).toThrow(
      /至少需有一位继承人接受继承/,
    );
    const back = transition(next, { type: 'acceptInheritance' }, ctx(party('P048'))).next;
    expect(back.parties.map((p) => p.role)).toEqual(['rightHolder', 'rightHolder']);
  });

  it('is not offered in other business types or after submission', () => {
    expect(
      availableActions(saleCase(), party('P048'), { businessType: businessType('transfer.gift') }),
    ).not.toContain('renounceInheritance');
    expect(() =>
      transition(
        heirs({ status: 'submitted' }),
        { type: 'renounceInheritance' },
        ctx(party('P048')),
      ),
    ).toThrow(/办件已提交/);
  });
});

describe('the review rules of 继承', () => {
  const check = (code: string, c: CaseRecord) =>
    RULES_BY_CODE.get(code)!.check({
      case: c,
      businessType: INHERITANCE,
      restrictions: [],
      taxPaid: true,
    });

  it('needs every heir 公安 named, and no one else', () => {
    expect(check('inheritance.heirsComplete', heirs()).passed).toBe(true);
    const one = heirs({ parties: [{ personId: 'P009', name: '颜晓东', role: 'rightHolder' }] });
    expect(check('inheritance.heirsComplete', one)).toMatchObject({ passed: false });
    expect(check('inheritance.heirsComplete', heirs({ succession: undefined })).passed).toBe(false);
  });

  it('sends an e-signed renunciation to the counter unless a notarised one is uploaded (电子签名法 §3)', () => {
    const renounced = transition(heirs(), { type: 'renounceInheritance' }, ctx(party('P048'))).next;
    const r = check('inheritance.renunciationConfirmed', renounced);
    expect(r.passed).toBe(false);
    expect(r.explanation).toContain('电子签名法》第三条');
    const notarised = {
      ...renounced,
      materials: [
        ...renounced.materials,
        { code: 'renunciationDeclaration', source: 'scan' as const, status: 'provided' as const },
      ],
    };
    expect(check('inheritance.renunciationConfirmed', notarised).passed).toBe(true);
    expect(RULES_BY_CODE.get('inheritance.renunciationConfirmed')!.basis).toContain('电子签名法');
  });
});
