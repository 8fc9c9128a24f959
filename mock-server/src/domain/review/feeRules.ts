/**
 * The registration fee (docs/registry-facts.md §14): recording waits until the party who becomes
 * the right holder (the mortgagee for a mortgage) has paid it and the finance department's sealed
 * 财政电子票据 checks out, as it waits for the tax. A case that owes nothing passes.
 */
import { fail, pass, type ReviewRule } from './rule';

export const FEE_RULES: readonly ReviewRule[] = [
  {
    code: 'fee.paid',
    stage: 'review',
    title: '不动产登记费已缴纳',
    basis: '《不动产登记暂行条例》第二十一条、发改价格规〔2016〕2559号',
    waits: 'taxPending',
    check(ctx) {
      return ctx.feePaid === false
        ? fail(
            this.code,
            '尚未缴纳不动产登记费。请登记为权利人的一方（抵押登记为抵押权人）在线缴纳，缴纳后登记将自动继续。',
          )
        : pass(this.code, '不动产登记费已缴纳，或本件免收、不收登记费');
    },
  },
];
