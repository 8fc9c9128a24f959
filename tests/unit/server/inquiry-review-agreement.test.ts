/**
 * The 询问笔录 and the review rules say the same thing about the same fact, and the rules cite the
 * law that decides them: an honest 是 stops an application only where the review would refuse it
 * anyway (a seizure), never where the law lets it go on to a staff member (a mortgage, 民法典§406; a
 * dispute or an objection, 条例§22(二), 细则§84); a unit held in shares may be disposed of by the
 * owners of two thirds of the shares (民法典§301).
 */
import type { RightState, RestrictionState } from '../../../mock-server/src/domain/register';
import { RULES_BY_CODE, runReview } from '../../../mock-server/src/domain/review';
import { checkInquiry, questionsFor } from '../../../mock-server/src/domain/signing';
import { businessType, reviewContext, SALE, saleCase, seededRegister } from './cases-support';

const register = seededRegister();
const MORTGAGE = businessType('mortgage.first');

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

const SALE_ANSWERS = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };

describe('the sale: what an honest answer leads to is what the review rule leads to', () => {
  it('a mortgaged unit: 是 does not stop the application, and the review sends it to staff', () => {
    const answered = checkInquiry(questionsFor(saleCase(), SALE), {
      ...SALE_ANSWERS,
      mortgaged: '是',
    });
    expect(answered.ok).toBe(true);
    const c = saleCase({ answers: { ...SALE_ANSWERS, mortgaged: '是' } });
    const out = runReview(reviewContext(register, c, { restrictions: [mortgage] }));
    expect(out.decision).toBe('queueForStaff');
    expect(out.reasons.map((r) => r.code)).toEqual(['restriction.mortgageConsent']);
  });

  it('a declared dispute or objection: 是 goes on to staff (条例§22(二), 细则§84), not stopped', () => {
    expect(
      checkInquiry(questionsFor(saleCase(), SALE), { ...SALE_ANSWERS, disputed: '是' }).ok,
    ).toBe(true);
    // declared by the seller in their own 询问笔录, the register showing nothing
    const c = saleCase();
    const seller = { partyId: 'P001', answers: { ...SALE_ANSWERS, disputed: '是' } };
    const out = runReview(reviewContext(register, c, { inquiries: [seller] }));
    expect(out.decision).toBe('queueForStaff');
    expect(out.reasons.map((r) => r.code)).toEqual(['inquiry.disputeDeclared']);
    expect(RULES_BY_CODE.get('inquiry.disputeDeclared')!.basis).toContain('第二十二条第（二）项');
    // an objection on the register goes to staff as well, citing 细则§84
    const o = runReview(reviewContext(register, saleCase(), { restrictions: [objection] }));
    expect(o.decision).toBe('queueForStaff');
    expect(RULES_BY_CODE.get('restriction.objection')!.basis).toContain('实施细则》第八十四条');
  });

  it('a seizure: 是 stops the application, and the review refuses it, both for the same reason', () => {
    const blocked = checkInquiry(questionsFor(saleCase(), SALE), {
      ...SALE_ANSWERS,
      disputeOrSeizure: '是',
    });
    expect(blocked).toMatchObject({ ok: false, code: 'INQUIRY_BLOCKING' });
    expect(SALE.rules!.find((r) => r.code === 'restriction.seizure')!.outcomeOnFail).toBe(
      'refusalNotice',
    );
  });

  it('every blocking question of every business type is about a fact the review refuses or that ends the application', () => {
    // the answers that may stop an application, and why the law stops it there
    // (other co-owners of a unit not held in shares: every co-owner must apply, 民法典§301)
    const mayBlock = new Set([
      'truthful',
      'signedVoluntarily',
      'disputeOrSeizure',
      'otherCoOwners',
    ]);
    for (const bt of [SALE, MORTGAGE])
      for (const q of bt.questions ?? [])
        if (q.blockingAnswer !== undefined)
          expect([bt.code, q.code, mayBlock.has(q.code)]).toEqual([bt.code, q.code, true]);
  });
});

describe('legal bases cite the articles that decide', () => {
  it('the seizure rule cites the law forbidding the transfer or mortgage of a seized unit, not 条例§22(三)', () => {
    const basis = RULES_BY_CODE.get('restriction.seizure')!.basis;
    expect(basis).not.toContain('第二十二条第（三）项');
    expect(basis).toContain('城市房地产管理法》第三十八条第（二）项');
    expect(basis).toContain('《民法典》第三百九十九条第（五）项');
  });
});

describe('按份共有: owners of two thirds of the shares may dispose (民法典§301)', () => {
  const rule = RULES_BY_CODE.get('obligors.areHolders')!;
  const right = (coOwnership: RightState['coOwnership'], a: number, b: number): RightState => ({
    rightId: 'R1',
    unitCode: 'u',
    rightType: '国有建设用地使用权/房屋所有权',
    coOwnership,
    holders: [
      {
        personId: 'P001',
        ...(coOwnership === 'shares' ? { shareBasisPoints: a } : {}),
      },
      {
        personId: 'P002',
        ...(coOwnership === 'shares' ? { shareBasisPoints: b } : {}),
      },
    ],
    registeredOn: '2020-01-01',
    certificateId: 'C1',
    status: 'current',
  });
  const sellerAlone = saleCase({}, [
    { personId: 'P001', name: '李国平', role: 'obligor' },
    { personId: 'P048', name: '应敏', role: 'rightHolder' },
  ]);
  const check = (r: RightState) => rule.check(reviewContext(register, sellerAlone, { right: r }));

  it('a seller holding 70 % sells without the 30 % co-owner', () => {
    expect(check(right('shares', 7000, 3000)).passed).toBe(true);
  });
  it('exactly two thirds is enough; less is not', () => {
    expect(check(right('shares', 6667, 3333)).passed).toBe(true);
    const less = check(right('shares', 6000, 4000));
    expect(less.passed).toBe(false);
    expect(less.explanation).toMatch(/三分之二/);
  });
  it('held jointly, every co-owner must apply', () => {
    expect(check(right('joint', 0, 0)).passed).toBe(false);
  });
  it('the mortgage 询问笔录: other co-owners stop a jointly held unit, not one held in shares', () => {
    const answers = { truthful: '是', signedVoluntarily: '是', otherCoOwners: '是' };
    const asked = (unitCoOwnership: RightState['coOwnership']) =>
      questionsFor(saleCase({ businessTypeCode: MORTGAGE.code, unitCoOwnership }), MORTGAGE);
    expect(checkInquiry(asked('shares'), { ...answers, sharesTwoThirds: '是' }).ok).toBe(true);
    expect(checkInquiry(asked('joint'), answers)).toMatchObject({ code: 'INQUIRY_BLOCKING' });
  });
});
