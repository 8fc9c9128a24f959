/** Intake rules on the application itself: complete, clear, in Taizhou, on the register, shares right. */
import { draftProblems, newHolders } from '../cases/draft';
import { checkUnitCode } from '../identifiers';
import { checkHolders } from '../register';
import { fail, pass, type ReviewRule } from './rule';

/** Every business type: the application can be accepted as filed. */
export const APPLICATION_RULES: readonly ReviewRule[] = [
  {
    code: 'materials.complete',
    stage: 'intake',
    title: '申请材料齐全、清晰',
    basis: '《不动产登记暂行条例》第十六条、第十七条',
    check(ctx) {
      const missing: string[] = [];
      const unclear: string[] = [];
      for (const m of ctx.businessType.materials) {
        // what the registry obtains by sharing it must not ask for again (条例§24): only
        // items the applicant supplies can be the subject of a correction
        if (!m.required || m.sources.every((s) => s === 'sharedData')) continue;
        const got = ctx.case.materials.find((x) => x.code === m.code);
        if (!got || got.status === 'missing') missing.push(m.name);
        else if (got.status === 'unclear') unclear.push(m.name);
      }
      if (!missing.length && !unclear.length) return pass(this.code, '申请材料齐全、清晰');
      const parts = [
        missing.length ? `缺少：${missing.join('、')}` : '',
        unclear.length ? `无法辨认：${unclear.join('、')}` : '',
      ].filter(Boolean);
      return fail(
        this.code,
        `申请材料需要补正（${parts.join('；')}）。请在补正期限内上传或授权共享后重新提交。`,
      );
    },
  },
  {
    code: 'unit.inTaizhou',
    stage: 'intake',
    title: '不动产位于台州市辖区',
    basis: '《不动产登记暂行条例》第七条（属地登记）',
    check(ctx) {
      const r = checkUnitCode(ctx.case.unitCode, { taizhouOnly: true });
      return r.ok
        ? pass(this.code, '不动产位于台州市辖区内')
        : fail(
            this.code,
            `该不动产不在台州市登记机构的管辖范围内（${r.reason}），请向不动产所在地的登记机构申请。`,
          );
    },
  },
  {
    code: 'unit.registrable',
    stage: 'intake',
    title: '不动产已登记且可办理本业务',
    basis: '《不动产登记暂行条例》第二十二条',
    check(ctx) {
      if (!ctx.unit) {
        return fail(
          this.code,
          '登记簿中没有这个不动产单元，无法办理本业务。请核对不动产单元号或到窗口咨询。',
        );
      }
      if (!ctx.right) {
        return fail(this.code, '该不动产在登记簿中没有现势的权利，无法办理本业务。');
      }
      return pass(this.code, '不动产已登记，可以办理本业务');
    },
  },
  {
    code: 'shares.total',
    stage: 'intake',
    title: '共有方式与份额正确',
    basis: '《民法典》第二百九十八条、第三百零八条',
    check(ctx) {
      if (ctx.businessType.kind !== 'transfer') return pass(this.code, '本业务不涉及新的共有份额');
      const holders = newHolders(ctx.case);
      const coOwnership = ctx.case.newCoOwnership ?? (holders.length === 1 ? 'sole' : undefined);
      const why = coOwnership ? checkHolders(coOwnership, holders) : '未选择共有方式';
      return why
        ? fail(this.code, `申请的共有情况不正确：${why}。请修改后重新提交。`)
        : pass(this.code, '共有方式与份额正确，份额合计100%');
    },
  },
  {
    code: 'application.complete',
    stage: 'intake',
    title: '申请书与询问记录完整',
    basis: '《不动产登记暂行条例》第十六条',
    check(ctx) {
      const problems = draftProblems(ctx.case, ctx.businessType);
      return problems.length
        ? fail(this.code, `申请书或询问记录需要补正：${problems.join('；')}`)
        : pass(this.code, '申请书与询问记录完整');
    },
  },
];
