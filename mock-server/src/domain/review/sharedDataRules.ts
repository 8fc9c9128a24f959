/** Rules resting on what other departments say: tax paid (税务), spouses' consent and pledges (民政). */
import { fail, pass, partyIds, type ReviewRule } from './rule';

/** A transfer: the tax is paid and every spouse who must consent has. */
export const SHARED_DATA_RULES: readonly ReviewRule[] = [
  {
    code: 'tax.paid',
    stage: 'review',
    title: '税款已缴纳',
    basis: '《契税法》第十一条',
    waits: 'taxPending',
    check(ctx) {
      return ctx.taxPaid
        ? pass(this.code, '税务部门已确认本次交易的税款缴纳')
        : fail(
            this.code,
            '尚未查到本次交易的完税信息。请买卖双方按税务部门核定的金额缴纳税款，缴纳后登记将自动继续。',
          );
    },
  },
  {
    code: 'spouse.consent',
    stage: 'intake',
    title: '共有财产的配偶已同意',
    basis: '《民法典》第一千零六十二条、第一千零六十四条',
    check(ctx) {
      const spouses = partyIds(ctx, 'consentingSpouse');
      const missing = (ctx.spouseConsentFrom ?? []).filter((s) => !spouses.has(s.personId));
      return missing.length
        ? fail(
            this.code,
            `婚姻登记信息显示该不动产为夫妻共同财产，需配偶${missing.map((m) => m.name).join('、')}作为当事人同意并签名。`,
          )
        : pass(this.code, '无需配偶同意，或配偶已同意并签名');
    },
  },
];

/**
 * 婚姻状况承诺 (告知承诺): a holder pledged their marital status because 民政 could
 * not answer; when 民政 answers later and contradicts the pledge, staff decide (manual queue) —
 * the pledge is neither trusted nor silently overridden. Not a catalogue rule: it applies to every
 * case that has such a pledge (`rulesFor`).
 */
export const MARRIAGE_COMMITMENT_RULE: ReviewRule = {
  code: 'marriage.commitmentMatches',
  stage: 'intake',
  title: '婚姻状况承诺与民政登记一致',
  basis: '《国务院办公厅关于全面推行证明事项告知承诺制的指导意见》',
  check(ctx) {
    const names = (id: string) => ctx.case.parties.find((p) => p.personId === id)?.name ?? '';
    const off = (ctx.case.marriageCheck?.holders ?? []).filter(
      (h) => h.commitment && h.laterAnswer?.contradicts,
    );
    return off.length
      ? fail(
          this.code,
          `${off.map((h) => names(h.personId)).join('、')}的婚姻状况承诺与民政随后提供的婚姻登记信息不一致，需人工核实是否需要配偶同意。`,
        )
      : pass(this.code, '婚姻状况承诺未见与民政婚姻登记信息不一致');
  },
};
