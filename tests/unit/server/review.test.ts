import type { ReviewOutcome } from '../../../mock-server/src/domain/catalogue';
import type { CaseRecord } from '../../../mock-server/src/domain/cases';
import type { RestrictionState } from '../../../mock-server/src/domain/register';
import {
  DEFAULT_OUTCOMES,
  NON_TRANSFER_RULES,
  RULE_LIBRARY,
  RULES_BY_CODE,
  rulesOf,
  runIntake,
  runReview,
  type ReviewContext,
} from '../../../mock-server/src/domain/review';
import { reviewContext, SALE, saleCase, seededRegister } from './cases-support';

const register = seededRegister();
const ctx = (c: Partial<CaseRecord> = {}, over: Partial<ReviewContext> = {}) =>
  reviewContext(register, saleCase(c), over);

const seizure: RestrictionState = {
  kind: 'seizure',
  restrictionId: 'X1',
  unitCode: 'u',
  registeredOn: '2026-01-01',
  courtId: 'ORG03',
  rulingNumber: '(2026)浙1004执保1号',
  endsOn: '2029-01-01',
  status: 'current',
};
const objection: RestrictionState = {
  kind: 'objection',
  restrictionId: 'X2',
  unitCode: 'u',
  registeredOn: '2026-01-01',
  objectorId: 'P045',
  reason: '权属争议',
  certificateId: 'C',
  status: 'current',
};
const mortgage: RestrictionState = {
  kind: 'mortgage',
  restrictionId: 'X3',
  unitCode: 'u',
  registeredOn: '2026-01-01',
  mortgageeId: 'ORG01',
  mortgagorIds: ['P001', 'P002'],
  mortgageType: '一般抵押',
  securedAmountYuan: 500000,
  debtStartsOn: '2026-01-01',
  debtEndsOn: '2046-01-01',
  certificateId: 'C2',
  status: 'current',
};
const advanceNotice: RestrictionState = {
  kind: 'advanceNotice',
  restrictionId: 'X4',
  unitCode: 'u',
  registeredOn: '2026-01-01',
  rightHolderIds: ['P046'],
  obligorIds: ['P001'],
  certificateId: 'C3',
  status: 'current',
};

const materials = (status: 'missing' | 'unclear') =>
  saleCase().materials.map((m) => (m.code === 'filedContract' ? { ...m, status } : m));

type Row = [
  code: string,
  passing: ReviewContext,
  failing: ReviewContext,
  outcome: ReviewOutcome,
  decision: string,
  explanation: RegExp,
];

// one row per rule of the second-hand sale: its pass, its fail, the declared notice or queue
const ROWS: Row[] = [
  [
    'unit.inTaizhou',
    ctx(),
    ctx({ unitCode: '330102001001GB00001F00010001' }),
    'nonAcceptanceNotice',
    'notAccept',
    /不在台州市/,
  ],
  [
    'unit.registrable',
    ctx(),
    ctx({ unitCode: '331004001005GB04397F09990001' }),
    'nonAcceptanceNotice',
    'notAccept',
    /登记簿中没有/,
  ],
  [
    'application.complete',
    ctx(),
    ctx({ answers: { truthful: '否', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' } }),
    'correctionNotice',
    'requestCorrection',
    /询问/,
  ],
  [
    'materials.complete',
    ctx(),
    ctx({ materials: materials('missing') }),
    'correctionNotice',
    'requestCorrection',
    /缺少：网签买卖合同/,
  ],
  [
    'materials.complete',
    ctx(),
    ctx({ materials: materials('unclear') }),
    'correctionNotice',
    'requestCorrection',
    /无法辨认：网签买卖合同/,
  ],
  [
    'shares.total',
    ctx({ newCoOwnership: 'shares' }, {}),
    ctx({ newCoOwnership: 'shares' }),
    'correctionNotice',
    'requestCorrection',
    /份额/,
  ],
  [
    'restriction.seizure',
    ctx(),
    ctx({}, { restrictions: [seizure] }),
    'refusalNotice',
    'refuse',
    /查封/,
  ],
  [
    'restriction.objection',
    ctx(),
    ctx({}, { restrictions: [objection] }),
    'manualQueue',
    'queueForStaff',
    /异议登记/,
  ],
  [
    'obligors.areHolders',
    ctx(),
    ctx({}, {}),
    'refusalNotice',
    'refuse',
    /全部共有人都必须作为申请人/,
  ],
  [
    'restriction.mortgageConsent',
    ctx(),
    ctx({}, { restrictions: [mortgage] }),
    'manualQueue',
    'queueForStaff',
    /抵押/,
  ],
  [
    'restriction.advanceNoticeConsent',
    ctx(),
    ctx({}, { restrictions: [advanceNotice] }),
    'refusalNotice',
    'refuse',
    /预告登记/,
  ],
  ['tax.paid', ctx(), ctx({}, { taxPaid: false }), 'refusalNotice', 'awaitTax', /完税/],
];

// the share rows need two buyers (one with 60%, one with 30%: 90%) and the obligor row a missing co-owner
const twoBuyers = (a: number, b: number) => [
  { personId: 'P001', name: '李国平', role: 'obligor' as const },
  { personId: 'P002', name: '叶美华', role: 'obligor' as const },
  { personId: 'P048', name: '应敏', role: 'rightHolder' as const, shareBasisPoints: a },
  { personId: 'P047', name: '陈杰', role: 'rightHolder' as const, shareBasisPoints: b },
];
ROWS[5][1] = reviewContext(
  register,
  saleCase(
    {
      newCoOwnership: 'shares',
      answers: {
        truthful: '是',
        soleOrCoOwned: '共有',
        coOwnershipKind: '按份共有',
        shareDetails: '应敏60%，陈杰40%',
        disputeOrSeizure: '否',
      },
    },
    twoBuyers(6000, 4000),
  ),
);
ROWS[5][2] = reviewContext(
  register,
  saleCase(
    {
      newCoOwnership: 'shares',
      answers: {
        truthful: '是',
        soleOrCoOwned: '共有',
        coOwnershipKind: '按份共有',
        shareDetails: '应敏60%，陈杰30%',
        disputeOrSeizure: '否',
      },
    },
    twoBuyers(6000, 3000),
  ),
);
ROWS[8][2] = reviewContext(
  register,
  saleCase({}, [
    { personId: 'P001', name: '李国平', role: 'obligor' },
    { personId: 'P048', name: '应敏', role: 'rightHolder' },
  ]),
);

/** every rule of the library but those of mortgages and changes of identity */
const TRANSFER_RULE_CODES = RULE_LIBRARY.map((r) => r.code)
  .filter((c) => !NON_TRANSFER_RULES.includes(c))
  .sort();

describe('automatic review: every rule of the sale, pass and fail', () => {
  it('the sale declares every transfer rule of the library, with the default outcomes', () => {
    expect(
      rulesOf(SALE)
        .map((r) => r.code)
        .sort(),
    ).toEqual(TRANSFER_RULE_CODES);
    for (const r of rulesOf(SALE)) expect(r.outcomeOnFail).toBe(DEFAULT_OUTCOMES[r.code]);
  });

  it.each(ROWS)(
    '%s: pass, and fail → %s → %s',
    (code, passing, failing, outcome, decision, explanation) => {
      const rule = RULES_BY_CODE.get(code)!;
      const ok = rule.check(passing);
      expect(ok).toEqual({
        code,
        passed: true,
        explanation: expect.stringMatching(/[\u4e00-\u9fa5]/),
      });
      const bad = rule.check(failing);
      expect(bad.passed).toBe(false);
      expect(bad.explanation).toMatch(explanation);
      expect(rulesOf(SALE).find((r) => r.code === code)?.outcomeOnFail).toBe(outcome);
      const run = rule.stage === 'intake' ? runIntake(failing) : runReview(failing);
      expect(run.decision).toBe(decision);
      expect(run.reasons.map((r) => r.code)).toContain(code);
      // and the passing context, given everything else passes, goes all the way
      expect((rule.stage === 'intake' ? runIntake(passing) : runReview(passing)).decision).toBe(
        rule.stage === 'intake' ? 'accept' : 'approve',
      );
    },
  );

  it('a catalogue without rules (older database) still applies every register check to a transfer', () => {
    const { rules: _rules, ...bare } = SALE;
    expect(
      rulesOf(bare)
        .map((r) => r.code)
        .sort(),
    ).toEqual(TRANSFER_RULE_CODES);
  });

  it('the declared outcome is data: a business type may send a rule to the manual queue instead', () => {
    const bt = {
      ...SALE,
      rules: rulesOf(SALE).map((r) =>
        r.code === 'restriction.seizure' ? { ...r, outcomeOnFail: 'manualQueue' as const } : r,
      ),
    };
    expect(runReview({ ...ctx({}, { restrictions: [seizure] }), businessType: bt }).decision).toBe(
      'queueForStaff',
    );
  });

  it('refusal wins over the queue, and the queue over waiting for tax', () => {
    expect(
      runReview(ctx({}, { restrictions: [seizure, objection], taxPaid: false })).decision,
    ).toBe('refuse');
    expect(runReview(ctx({}, { restrictions: [objection], taxPaid: false })).decision).toBe(
      'queueForStaff',
    );
  });

  it('non-acceptance wins over correction at intake', () => {
    expect(
      runIntake(ctx({ unitCode: '330102001001GB00001F00010001', materials: materials('missing') }))
        .decision,
    ).toBe('notAccept');
  });

  it('the seeded register: seized, objected and mortgaged units of the seed are caught', () => {
    const seized = [...register.restrictions.values()].find(
      (r) => r.kind === 'seizure' && r.status === 'current',
    )!;
    const right = [...register.rights.values()].find(
      (r) => r.unitCode === seized.unitCode && r.status === 'current',
    )!;
    const c = saleCase({ unitCode: seized.unitCode }, [
      ...right.holders.map((h) => ({
        personId: h.personId,
        name: h.personId,
        role: 'obligor' as const,
      })),
      { personId: 'P048', name: '应敏', role: 'rightHolder' },
    ]);
    const out = runReview(reviewContext(register, c));
    expect(out.decision).toBe('refuse');
    expect(out.reasons.map((r) => r.code)).toContain('restriction.seizure');
  });
});
