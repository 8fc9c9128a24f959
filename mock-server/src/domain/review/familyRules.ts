/**
 * Rules of the family business types (docs/registry-facts.md §15): who inherits, and how a
 * renunciation is made effective.
 */
import { fail, pass, partyIds, type ReviewRule } from './rule';

/** 继承: the heirs as 公安 shared them, and the renunciations made in the legal form. */
export const FAMILY_RULES: readonly ReviewRule[] = [
  {
    code: 'inheritance.heirsComplete',
    stage: 'review',
    title: '继承人为被继承人的全部第一顺序法定继承人',
    basis: '《民法典》第一千一百二十七条；《不动产登记暂行条例实施细则》第十四条',
    check(ctx) {
      const s = ctx.case.succession;
      if (!s)
        return fail(
          this.code,
          '未能通过共享数据核实被继承人死亡及第一顺序法定继承人，需登记机构工作人员核验上传的死亡证明和亲属关系证明。',
        );
      const heirs = new Set([...partyIds(ctx, 'rightHolder'), ...partyIds(ctx, 'renouncingHeir')]);
      const missing = s.heirs.filter((h) => !heirs.has(h.personId));
      const known = new Set(s.heirs.map((h) => h.personId));
      const extra = [...heirs].filter((id) => !known.has(id));
      if (missing.length)
        return fail(
          this.code,
          `第一顺序法定继承人${missing.map((h) => h.name).join('、')}未参加申请（接受或放弃继承），需工作人员核实。`,
        );
      if (extra.length)
        return fail(
          this.code,
          '申请人中有共享数据未显示为第一顺序法定继承人的人员，需工作人员核实。',
        );
      return pass(this.code, '全部第一顺序法定继承人均已参加申请（接受或放弃继承）');
    },
  },
  {
    code: 'inheritance.renunciationConfirmed',
    stage: 'review',
    title: '放弃继承声明经公证或当面签署',
    basis: '《中华人民共和国电子签名法》第三条；《民法典》第一千一百二十四条',
    check(ctx) {
      const renouncing = ctx.case.parties.filter((p) => p.role === 'renouncingHeir');
      if (!renouncing.length) return pass(this.code, '没有继承人放弃继承');
      const notarised = ctx.case.materials.some(
        (m) =>
          m.code === 'renunciationDeclaration' && m.source === 'scan' && m.status === 'provided',
      );
      return notarised
        ? pass(this.code, '已提交经公证的放弃继承声明，由工作人员核对')
        : fail(
            this.code,
            `${renouncing.map((p) => p.name).join('、')}声明放弃继承。放弃继承声明属于涉及继承的文书，依《电子签名法》第三条不适用电子签名：请放弃继承的继承人本人到登记窗口当面签署确认，或上传经公证的放弃继承声明。`,
          );
    },
  },
];
