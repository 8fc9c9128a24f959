/** Review rules of buying with a loan: 带押过户's consenting banks, the buyers' advance notice. */
import { fail, pass, partyIds, type ReviewRule } from './rule';

export const LOAN_RULES: readonly ReviewRule[] = [
  {
    code: 'mortgage.releasedByItsMortgagee',
    stage: 'review',
    title: '原抵押权人均已同意带押过户',
    basis:
      '《民法典》第四百零六条；《自然资源部 中国银行保险监督管理委员会关于协同做好不动产“带押过户”便民利企服务的通知》（自然资发〔2023〕29号）',
    check(ctx) {
      const releasing = partyIds(ctx, 'releasingMortgagee');
      const mortgages = ctx.restrictions.filter(
        (r) => r.kind === 'mortgage' && r.status === 'current',
      );
      if (!mortgages.length)
        return fail(
          this.code,
          '登记簿中该不动产没有现势的抵押权，无需带押过户，请改为办理二手房买卖。',
        );
      const open = mortgages.filter((r) => r.kind === 'mortgage' && !releasing.has(r.mortgageeId));
      const extra = [...releasing].filter(
        (id) => !mortgages.some((r) => r.kind === 'mortgage' && r.mortgageeId === id),
      );
      if (open.length)
        return fail(
          this.code,
          '该不动产的全部抵押权人都须作为原抵押权人同意带押过户并签章，尚有抵押权人未参与申请。',
        );
      if (extra.length) return fail(this.code, '原抵押权人中有机构不是登记簿记载的抵押权人。');
      return pass(this.code, '登记簿记载的全部抵押权人均已签章同意带押过户');
    },
  },
  {
    code: 'advanceNotice.heldByMortgagors',
    stage: 'review',
    title: '抵押人持有该商品房的预告登记',
    basis: '《不动产登记暂行条例实施细则》第八十五条、第八十六条',
    check(ctx) {
      const mortgagors = [...partyIds(ctx, 'mortgagor')];
      const held = ctx.restrictions.some(
        (r) =>
          r.kind === 'advanceNotice' &&
          r.status === 'current' &&
          r.secures !== 'mortgage' &&
          mortgagors.length > 0 &&
          r.rightHolderIds.length === mortgagors.length &&
          mortgagors.every((id) => r.rightHolderIds.includes(id)),
      );
      return held
        ? pass(this.code, '抵押人为该预购商品房现势预告登记的全部权利人')
        : fail(
            this.code,
            '预购商品房抵押预告须由该商品房预告登记的全部权利人作为抵押人申请，登记簿中没有相应的预告登记。',
          );
    },
  },
];
