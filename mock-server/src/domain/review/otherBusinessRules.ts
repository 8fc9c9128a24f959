/** Rules of the other business types: mortgage, mortgage cancellation, change of identity. */
import { termsProblems } from '../cases/draft';
import { checkCitizenId } from '../identifiers';
import { fail, pass, partyIds, type ReviewRule } from './rule';

/** Mortgage terms and mortgagee, the mortgage being cancelled, the new name and ID number. */
export const OTHER_BUSINESS_RULES: readonly ReviewRule[] = [
  {
    code: 'mortgage.terms',
    stage: 'intake',
    title: '抵押信息完整',
    basis: '《民法典》第四百条',
    check(ctx) {
      const problems = termsProblems(ctx.case, ctx.businessType);
      return problems.length
        ? fail(this.code, `抵押信息需要补正：${problems.join('；')}`)
        : pass(this.code, '抵押方式、债权数额和履行期限完整');
    },
  },
  {
    code: 'mortgagee.isOrganisation',
    stage: 'review',
    title: '抵押权人为金融机构等组织',
    basis: '《不动产登记暂行条例实施细则》第六十五条',
    check(ctx) {
      const ids = [...partyIds(ctx, 'mortgagee')];
      const ok = ids.length > 0 && ids.every((id) => ctx.people?.[id]?.kind === 'legal');
      return ok
        ? pass(this.code, '抵押权人为依法登记的金融机构')
        : fail(this.code, '在线办理的抵押权人须为银行等金融机构，个人之间的抵押请到窗口办理。');
    },
  },
  {
    code: 'mortgage.cancellable',
    stage: 'review',
    title: '注销的抵押权现势且由其抵押权人申请',
    basis: '《不动产登记暂行条例实施细则》第七十条',
    check(ctx) {
      const m = ctx.restrictions.find(
        (r) =>
          r.restrictionId === ctx.case.cancelsRestrictionId &&
          r.kind === 'mortgage' &&
          r.status === 'current',
      );
      if (!m || m.kind !== 'mortgage')
        return fail(this.code, '登记簿中没有这项现势的抵押权，可能已经注销。');
      return partyIds(ctx, 'mortgagee').has(m.mortgageeId)
        ? pass(this.code, '抵押权现势，抵押权人已作为当事人申请注销')
        : fail(this.code, '注销抵押权须由登记簿记载的抵押权人申请或同意。');
    },
  },
  {
    code: 'identityChange.valid',
    stage: 'intake',
    title: '变更后的姓名和身份证号有效',
    basis: '《不动产登记暂行条例实施细则》第二十六条',
    check(ctx) {
      const x = ctx.case.identityChange;
      if (!x) return fail(this.code, '没有填写变更后的姓名和公民身份号码。');
      const id = checkCitizenId(x.newIdNumber);
      if (!id.ok) return fail(this.code, `变更后的公民身份号码不正确：${id.reason}`);
      const now = ctx.people?.[x.personId];
      if (now && now.name === x.newName.trim() && now.idNumber === x.newIdNumber)
        return fail(this.code, '变更后的姓名和公民身份号码与登记簿记载的相同，无需变更。');
      return pass(this.code, '变更后的姓名和公民身份号码有效');
    },
  },
];
