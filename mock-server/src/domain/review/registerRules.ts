/** Review rules on what the register says: seizures, objections, holders, mortgages, advance notices. */
import { answersTo, fail, pass, partyIds, type ReviewRule } from './rule';

/**
 * 民法典§301: disposing of a unit held in shares needs the owners of at least two thirds of the
 * shares (unless the co-owners agreed otherwise); held jointly, every co-owner. Shares are basis
 * points, so two thirds is 3 × held ≥ 2 × 10000.
 */
export const holdsTwoThirds = (heldBasisPoints: number): boolean =>
  3 * heldBasisPoints >= 2 * 10000;

/** A transfer: the register lets these parties dispose of the unit now. */
export const REGISTER_RULES: readonly ReviewRule[] = [
  {
    code: 'restriction.seizure',
    stage: 'review',
    title: '不动产未被查封',
    // a seized unit may not be transferred (城市房地产管理法§38(二)) nor mortgaged (民法典§399(五)):
    // law that forbids the registration, so 不予登记 under 条例§22(四) (§22(三) is about a right
    // whose term has expired, not about seizure)
    basis:
      '《中华人民共和国城市房地产管理法》第三十八条第（二）项；《民法典》第三百九十九条第（五）项；《不动产登记暂行条例》第二十二条第（四）项',
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
    // 细则§84: during an objection the registry tells the applicant and registers only on a
    // written statement that they know of it and bear the risk: a staff member takes it
    basis: '《民法典》第二百二十条；《不动产登记暂行条例实施细则》第八十四条',
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
    title: '申请人有权处分：登记簿记载的全部权利人，按份共有时占份额三分之二以上的共有人',
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
      if (extra.length)
        return fail(this.code, '申请人中有人不是登记簿记载的权利人，不能处分该不动产。');
      if (!missing.length) return pass(this.code, '申请人与登记簿记载的全部权利人一致');
      if (ctx.right.coOwnership === 'shares') {
        const held = ctx.right.holders
          .filter((h) => applicants.has(h.personId))
          .reduce((sum, h) => sum + (h.shareBasisPoints ?? 0), 0);
        if (holdsTwoThirds(held))
          return pass(
            this.code,
            `申请人合计持有${(held / 100).toFixed(2)}%的份额，占份额三分之二以上的按份共有人可以处分共有不动产（民法典第三百零一条）`,
          );
        return fail(
          this.code,
          `申请人合计只持有${(held / 100).toFixed(2)}%的份额：处分按份共有的不动产须由占份额三分之二以上的按份共有人申请（民法典第三百零一条）。`,
        );
      }
      return fail(
        this.code,
        '申请人与登记簿记载的权利人不一致：共同共有的不动产，全部共有人都必须作为申请人共同申请（民法典第三百零一条）。',
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
    code: 'inquiry.disputeDeclared',
    stage: 'review',
    title: '当事人未申报权属争议',
    // 条例§22(二): a registration with an unresolved dispute over the right is refused; whether
    // what a party declared is such a dispute is for a staff member to find out, not the machine
    basis: '《不动产登记暂行条例》第二十二条第（二）项',
    check(ctx) {
      return answersTo(ctx, 'disputed').includes('是')
        ? fail(
            this.code,
            '当事人在询问笔录中申报该不动产存在争议或纠纷，需要登记机构工作人员核实是否属于尚未解决的权属争议。',
          )
        : pass(this.code, '当事人未申报争议或纠纷');
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
