/**
 * Is a draft complete enough to be signed? Pure checks of the parties, the new holders' shares
 * and the 询问记录 answers against the business type. Missing or unclear materials do not
 * stop a draft: the automatic intake answers them with a 补正通知书.
 */
import type { BusinessType, Question } from '../catalogue';
import { checkHolders, FULL_SHARE_BASIS_POINTS, type Holder } from '../register';
import type { CaseRecord } from './model';

/** The questions a case must answer, after their conditions. */
export function applicableQuestions(c: CaseRecord, bt: BusinessType): Question[] {
  return (bt.questions ?? [])
    .filter(
      (q) =>
        (!q.whenNewCoOwnership ||
          (c.newCoOwnership !== undefined && q.whenNewCoOwnership.includes(c.newCoOwnership))) &&
        (!q.whenUnitCoOwnership ||
          (c.unitCoOwnership !== undefined && q.whenUnitCoOwnership.includes(c.unitCoOwnership))),
    )
    .map((q) => {
      // the answer blocks only where the unit is held one of these ways (known from the register)
      const only = q.blockingWhenUnitCoOwnership;
      if (!only || c.unitCoOwnership === undefined || only.includes(c.unitCoOwnership)) return q;
      const { blockingAnswer: _blocks, ...rest } = q;
      return rest;
    });
}

/** The new right holders of a transfer as register holders (shares only with `shares`). */
export function newHolders(c: CaseRecord): Holder[] {
  return c.parties
    .filter((p) => p.role === 'rightHolder')
    .map((p) => ({
      personId: p.personId,
      ...(p.shareBasisPoints !== undefined ? { shareBasisPoints: p.shareBasisPoints } : {}),
    }));
}

/** Sum of the new holders' shares in basis points (10000 = 100%). */
export const sharesTotal = (c: CaseRecord): number =>
  c.parties
    .filter((p) => p.role === 'rightHolder')
    .reduce((s, p) => s + (p.shareBasisPoints ?? 0), 0);

/** Chinese problems that keep the draft from signing; empty when it may be signed. */
export function draftProblems(c: CaseRecord, bt: BusinessType): string[] {
  const problems: string[] = [];
  for (const r of bt.roles) {
    const n = c.parties.filter((p) => p.role === r.role).length;
    if (n < r.min) problems.push(`缺少${r.description}`);
  }
  const known = new Set(bt.roles.map((r) => r.role));
  for (const p of c.parties) {
    if (!known.has(p.role)) problems.push(`该业务没有“${p.role}”这一当事人角色`);
  }
  const seen = new Set<string>();
  for (const p of c.parties) {
    const key = `${p.role}|${p.personId}`;
    if (seen.has(key)) problems.push(`${p.name}在同一角色中重复出现`);
    seen.add(key);
  }
  if (bt.kind === 'transfer') {
    const holders = newHolders(c);
    const coOwnership = c.newCoOwnership ?? (holders.length === 1 ? 'sole' : undefined);
    if (!coOwnership) problems.push('请选择共有方式（共同共有或按份共有）');
    else if (holders.length) {
      const why = checkHolders(coOwnership, holders);
      if (why) problems.push(why);
    }
    if (coOwnership === 'shares' && sharesTotal(c) !== FULL_SHARE_BASIS_POINTS) {
      if (!problems.includes('按份共有的份额合计必须等于100%')) {
        problems.push('按份共有的份额合计必须等于100%');
      }
    }
  }
  problems.push(...termsProblems(c, bt));
  for (const q of applicableQuestions(c, bt)) {
    const a = c.answers[q.code];
    if (q.required && (a === undefined || a.trim() === '')) {
      problems.push(`请回答询问：${q.text}`);
    } else if (q.blockingAnswer !== undefined && a === q.blockingAnswer) {
      problems.push(
        `询问“${q.text}”的回答为“${a}”，依规不能提交此登记申请（如有疑问请咨询登记机构）`,
      );
    } else if (q.kind === 'choice' && a !== undefined && q.choices && !q.choices.includes(a)) {
      problems.push(`询问“${q.text}”的回答不在可选范围内`);
    }
  }
  return problems;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the business type's own terms lack: the mortgage, the mortgage to cancel, the new identity. */
export function termsProblems(c: CaseRecord, bt: BusinessType): string[] {
  switch (bt.application?.records) {
    case 'mortgage':
    case 'transferWithMortgage':
    case 'mortgagedTransfer':
    case 'mortgageAdvanceNotice': {
      const m = c.mortgage;
      if (!m) return ['请填写抵押信息（抵押方式、被担保债权数额、债务履行期限）'];
      const out: string[] = [];
      if (!Number.isInteger(m.securedAmountYuan) || m.securedAmountYuan <= 0)
        out.push('被担保债权数额必须是大于0的整数（元）');
      if (!DATE.test(m.debtStartsOn) || !DATE.test(m.debtEndsOn))
        out.push('债务履行期限的日期格式应为YYYY-MM-DD');
      else if (m.debtEndsOn <= m.debtStartsOn) out.push('债务履行期限的结束日期必须晚于开始日期');
      return out;
    }
    case 'mortgageCancellation':
      return c.cancelsRestrictionId ? [] : ['请选择要注销的抵押权'];
    case 'holderIdentityChange': {
      const x = c.identityChange;
      if (!x) return ['请填写变更后的姓名和公民身份号码'];
      return c.parties.some((p) => p.personId === x.personId && p.role === 'rightHolder')
        ? []
        : ['变更的必须是本不动产的权利人'];
    }
    default:
      return [];
  }
}
