/**
 * Pure domain: the recording plans of a mortgage, its cancellation and a change of the
 * holder's identity applied to the seeded register (the projection accepts them and ends up in
 * the right state), the new rules with pass and fail, and the application spec of an older
 * catalogue.
 */
import { applicationOf } from '../../../mock-server/src/domain/catalogue';
import {
  draftProblems,
  planHolderIdentityChange,
  planMortgageCancellation,
  planMortgageRecording,
} from '../../../mock-server/src/domain/cases';
import {
  applyRegisterEvent,
  currentRightOf,
  type RestrictionState,
} from '../../../mock-server/src/domain/register';
import { RULES_BY_CODE, type ReviewContext } from '../../../mock-server/src/domain/review';
import { businessType, saleCase, seededRegister } from './cases-support';

const UNIT = '331023001008GB05261F00040001'; // 潘晓东 P035, sole, nothing registered against it
const MORTGAGE = businessType('mortgage.first');
const TERMS = {
  mortgageType: '一般抵押' as const,
  securedAmountYuan: 800_000,
  debtStartsOn: '2026-12-01',
  debtEndsOn: '2046-12-01',
};
const mortgageCase = () =>
  saleCase({
    businessTypeCode: MORTGAGE.code,
    unitCode: UNIT,
    newCoOwnership: undefined,
    mortgage: TERMS,
    parties: [
      { personId: 'ORG02', name: '中国建设银行股份有限公司台州分行', role: 'mortgagee' },
      { personId: 'P035', name: '潘晓东', role: 'rightHolder' },
    ],
    answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' },
  });

describe('recording plans', () => {
  it('a mortgage becomes a current restriction with its registration proof; its cancellation ends both', () => {
    const state = seededRegister();
    const right = currentRightOf(state, UNIT)!;
    const plan = planMortgageRecording({
      case: mortgageCase(),
      unit: state.units.get(UNIT)!,
      currentRight: right,
      ids: { eventId: 'EV-M', restrictionId: 'RES-M', certificateId: 'CERT-M' },
      number: '浙(2026)天台县不动产证明第0000001号',
      licenceId: '1.2.156.3005.2.11100000MB03271699022.331023.20260000001.001.X',
      recordedAt: '2026-11-29T02:00:00.000Z',
      registeredOn: '2026-11-29',
    });
    for (const e of plan.events) applyRegisterEvent(state, e);
    const m = state.restrictions.get('RES-M') as RestrictionState;
    expect(m).toMatchObject({
      kind: 'mortgage',
      status: 'current',
      mortgageeId: 'ORG02',
      mortgagorIds: ['P035'],
      securedAmountYuan: 800_000,
    });
    expect(state.certificates.get('CERT-M')).toMatchObject({
      kind: 'registrationProof',
      proves: '抵押权',
      status: 'current',
    });
    // the title is untouched
    expect(currentRightOf(state, UNIT)?.rightId).toBe(right.rightId);

    const cancel = planMortgageCancellation({
      mortgage: m,
      eventId: 'EV-C',
      recordedAt: '2026-11-30T02:00:00.000Z',
      registeredOn: '2026-11-30',
    });
    expect(cancel.certificate).toBeUndefined();
    for (const e of cancel.events) applyRegisterEvent(state, e);
    expect(state.restrictions.get('RES-M')).toMatchObject({ status: 'cancelled' });
    expect(state.certificates.get('CERT-M')?.status).toBe('cancelled');
    // a cancelled mortgage cannot be cancelled again
    expect(() =>
      planMortgageCancellation({
        mortgage: state.restrictions.get('RES-M')!,
        eventId: 'EV-C2',
        recordedAt: '2026-11-30T03:00:00.000Z',
        registeredOn: '2026-11-30',
      }),
    ).toThrow();
  });

  it('cancelling a mortgage whose registration proof is paper announces the proof void (工作细则 三(五))', () => {
    const state = seededRegister();
    const m = [...state.restrictions.values()].find(
      (r) =>
        r.kind === 'mortgage' &&
        r.status === 'current' &&
        state.certificates.get(r.certificateId)?.form === 'paper',
    )!;
    expect(m).toBeDefined();
    const proof = state.certificates.get((m as { certificateId: string }).certificateId)!;
    const cancel = planMortgageCancellation({
      mortgage: m,
      proof,
      eventId: 'EV-P',
      recordedAt: '2026-11-30T02:00:00.000Z',
      registeredOn: '2026-11-30',
    });
    expect(cancel.voidAnnouncement).toEqual({
      certificateId: proof.certificateId,
      certificateNumber: proof.number,
    });
    for (const e of cancel.events) applyRegisterEvent(state, e);
    expect(state.certificates.get(proof.certificateId)?.status).toBe('void');
  });

  it('a change of identity re-issues the title with the same holders and cancels the old certificate', () => {
    const state = seededRegister();
    const right = currentRightOf(state, UNIT)!;
    const old = state.certificates.get(right.certificateId)!;
    const plan = planHolderIdentityChange({
      unit: state.units.get(UNIT)!,
      currentRight: right,
      currentCertificate: old,
      ids: { eventId: 'EV-X', rightId: 'RIGHT-X', certificateId: 'CERT-X' },
      number: '浙(2026)天台县不动产权第0000001号',
      licenceId: '1.2.156.3005.2.11100000MB03271699001.331023.20260000001.001.X',
      recordedAt: '2026-11-29T02:00:00.000Z',
      registeredOn: '2026-11-29',
    });
    for (const e of plan.events) applyRegisterEvent(state, e);
    const now = currentRightOf(state, UNIT)!;
    expect(now).toMatchObject({ rightId: 'RIGHT-X', coOwnership: right.coOwnership });
    expect(now.holders).toEqual(right.holders);
    expect(state.certificates.get(old.certificateId)?.status).toBe('cancelled');
    expect(plan.voidAnnouncement).toBeUndefined(); // the old one was electronic
  });
});

describe('rules of the other business types', () => {
  const ctx = (over: Partial<ReviewContext>): ReviewContext => ({
    case: mortgageCase(),
    businessType: MORTGAGE,
    restrictions: [],
    taxPaid: false,
    ...over,
  });

  it('spouse.consent fails while a spouse whose consent is needed is not a party', () => {
    const rule = RULES_BY_CODE.get('spouse.consent')!;
    const need = [{ personId: 'P014', name: '徐彩云' }];
    expect(rule.check(ctx({ spouseConsentFrom: need })).passed).toBe(false);
    expect(rule.check(ctx({ spouseConsentFrom: need })).explanation).toContain('徐彩云');
    const withSpouse = mortgageCase();
    withSpouse.parties.push({ personId: 'P014', name: '徐彩云', role: 'consentingSpouse' });
    expect(rule.check(ctx({ case: withSpouse, spouseConsentFrom: need })).passed).toBe(true);
    expect(rule.check(ctx({ spouseConsentFrom: [] })).passed).toBe(true);
  });

  it('mortgagee.isOrganisation and mortgage.terms', () => {
    const org = RULES_BY_CODE.get('mortgagee.isOrganisation')!;
    const people = (kind: 'natural' | 'legal') => ({
      ORG02: { kind, name: '中国建设银行股份有限公司台州分行', idNumber: '9133100089D72YUU7K' },
    });
    expect(org.check(ctx({ people: people('legal') })).passed).toBe(true);
    expect(org.check(ctx({ people: people('natural') })).passed).toBe(false);
    const terms = RULES_BY_CODE.get('mortgage.terms')!;
    expect(terms.check(ctx({})).passed).toBe(true);
    const bad = { ...mortgageCase(), mortgage: { ...TERMS, debtEndsOn: '2026-01-01' } };
    expect(terms.check(ctx({ case: bad })).explanation).toContain('结束日期必须晚于开始日期');
    expect(draftProblems({ ...mortgageCase(), mortgage: undefined }, MORTGAGE)).toContain(
      '请填写抵押信息（抵押方式、被担保债权数额、债务履行期限）',
    );
  });

  it('identityChange.valid needs a valid, different identity', () => {
    const rule = RULES_BY_CODE.get('identityChange.valid')!;
    const change = businessType('change.holderIdentity');
    const c = (newIdNumber: string, newName = '潘晓冬') => ({
      ...mortgageCase(),
      businessTypeCode: change.code,
      identityChange: { personId: 'P035', newName, newIdNumber },
    });
    const people = {
      P035: { kind: 'natural' as const, name: '潘晓东', idNumber: '331083197105287272' },
    };
    const run = (x: ReturnType<typeof c>) =>
      rule.check({ case: x, businessType: change, restrictions: [], taxPaid: false, people });
    expect(run(c('331003197508046527')).passed).toBe(true);
    expect(run(c('331003197508046528')).passed).toBe(false);
    expect(run(c('331083197105287272', '潘晓东')).explanation).toContain('无需变更');
  });
});

describe('application spec', () => {
  it('a catalogue published before specs were data keeps transfers online and nothing else', () => {
    expect(applicationOf({ kind: 'transfer' })).toEqual({
      online: true,
      holdersAs: 'obligor',
      records: 'transfer',
    });
    expect(applicationOf({ kind: 'first' })).toEqual({ online: false });
    expect(applicationOf(MORTGAGE)).toMatchObject({ online: true, records: 'mortgage' });
  });
});
