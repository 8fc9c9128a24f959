/** Review rules on what the register says: seizures, objections, holders, mortgages, advance notices. */
import { fail, pass, partyIds, type ReviewRule } from './rule';

/** A transfer: the register lets these parties dispose of the unit now. */
export const REGISTER_RULES: readonly ReviewRule[] = [
  {
    code: 'restriction.seizure',
    stage: 'review',
    title: '不动产未被查封',
    basis: '《不动产登记暂行条例》第二十二条第（三）项',
    check(ctx) {
      const s = ctx.restrictions.find((r) => r.kind === 'seizure' && r.status === 'current');
      return s
        ? fail(
            this.code,
            '该不动产已被人民法院查封，查封期间不能办理转移、抵押等登记。请在查封解除后再申请。',
          )
        : pass(this.code, '不动产未被查封');
    },
  },
  {
    code: 'restriction.objection',
    stage: 'review',
    title: '不动产无异议登记',
    basis: '《民法典》第二百二十条',
    check(ctx) {
      const o = ctx.restrictions.find((r) => r.kind === 'objection' && r.status === 'current');
      return o
        ? fail(
            this.code,
            '该不动产存在异议登记，需要登记机构工作人员进一步审核。我们会尽快处理并通知您。',
          )
        : pass(this.code, '不动产无异议登记');
    },
  },
  {
    code: 'obligors.areHolders',
    stage: 'review',
    title: '义务人是登记簿记载的全部权利人',
    basis: '《不动产登记暂行条例》第十四条；《民法典》第三百零一条',
    check(ctx) {
      if (!ctx.right) return fail(this.code, '登记簿中没有现势权利，无法核对义务人。');
      // the role the register's holders apply in (预告登记: the developer as 义务人)
      const role =
        ctx.businessType.application?.holdersAs ??
        (ctx.businessType.kind === 'transfer' ? 'obligor' : 'rightHolder');
      const applicants = partyIds(ctx, role);
      const holders = ctx.right.holders.map((h) => h.personId);
      const missing = holders.filter((id) => !applicants.has(id));
      const extra = [...applicants].filter((id) => !holders.includes(id));
      if (!missing.length && !extra.length) {
        return pass(this.code, '申请人与登记簿记载的全部权利人一致');
      }
      return fail(
        this.code,
        missing.length
          ? '申请人与登记簿记载的权利人不一致：该不动产的全部共有人都必须作为申请人共同申请。'
          : '申请人中有人不是登记簿记载的权利人，不能处分该不动产。',
      );
    },
  },
  {
    code: 'restriction.mortgageConsent',
    stage: 'review',
    title: '抵押权人已同意',
    basis: '《民法典》第四百零六条',
    check(ctx) {
      if (ctx.businessType.code === 'mortgage.cancellation')
        return pass(this.code, '注销抵押无需另行同意');
      const mortgagees = partyIds(ctx, 'mortgagee');
      const open = ctx.restrictions.filter(
        (r) => r.kind === 'mortgage' && r.status === 'current' && !mortgagees.has(r.mortgageeId),
      );
      return open.length
        ? fail(
            this.code,
            '该不动产设有抵押，抵押权人尚未作为当事人同意本次登记，需要工作人员审核。',
          )
        : pass(this.code, '不动产无未经同意的抵押');
    },
  },
  {
    code: 'restriction.advanceNoticeConsent',
    stage: 'review',
    title: '预告登记权利人已同意',
    basis: '《民法典》第二百二十一条',
    check(ctx) {
      const everyone = partyIds(ctx);
      const open = ctx.restrictions.filter(
        (r) =>
          r.kind === 'advanceNotice' &&
          r.status === 'current' &&
          !r.rightHolderIds.every((id) => everyone.has(id)),
      );
      return open.length
        ? fail(this.code, '该不动产已办理预告登记，未经预告登记权利人同意，不能处分该不动产。')
        : pass(this.code, '不动产无未经同意的预告登记');
    },
  },
];
