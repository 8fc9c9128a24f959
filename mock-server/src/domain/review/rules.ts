/**
 * Automatic review (自动审核): rules as data plus pure functions. Each rule looks at the case,
 * its business type and what the register (and shared data) say, and yields pass or fail with a
 * reason code and an explanation a citizen understands. What a failure leads to is declared by
 * the business type (`BusinessType.rules`, catalogue data), falling back to DEFAULT_OUTCOMES.
 */
import type { BusinessType, ReviewOutcome, RuleSpec } from '../catalogue';
import { checkCitizenId, checkUnitCode } from '../identifiers';
import type { RestrictionState, RightState, Unit } from '../register';
import { draftProblems, newHolders, termsProblems } from '../cases/draft';
import type { CaseRecord } from '../cases/model';
import { checkHolders } from '../register';

export type ReviewStage = 'intake' | 'review';

/** What the register and the data sources say about the case's unit. */
export interface ReviewContext {
  case: CaseRecord;
  businessType: BusinessType;
  unit?: Unit;
  right?: RightState;
  restrictions: RestrictionState[];
  /** 税务: tax of this case paid (shared data) */
  taxPaid: boolean;
  /**
   * 民政 (or the register's marriage data): spouses whose consent the case needs — married holders
   * disposing of common property (民法典§1062, §1092). Absent = not looked up.
   */
  spouseConsentFrom?: { personId: string; name: string }[];
  /** the parties as the population register / organisation directory knows them */
  people?: Record<string, { kind: 'natural' | 'legal'; name: string; idNumber: string }>;
}

export interface RuleResult {
  code: string;
  passed: boolean;
  /** citizen-readable Chinese explanation (why it passed or failed) */
  explanation: string;
}

export interface ReviewRule {
  code: string;
  stage: ReviewStage;
  title: string;
  /** legal basis shown in notices */
  basis: string;
  /** the rule waits rather than decides: failing parks the case (e.g. 待缴税) */
  waits?: 'taxPending';
  check(ctx: ReviewContext): RuleResult;
}

const pass = (code: string, explanation: string): RuleResult => ({
  code,
  passed: true,
  explanation,
});
const fail = (code: string, explanation: string): RuleResult => ({
  code,
  passed: false,
  explanation,
});

const partyIds = (ctx: ReviewContext, role?: string) =>
  new Set(ctx.case.parties.filter((p) => !role || p.role === role).map((p) => p.personId));

export const RULE_LIBRARY: readonly ReviewRule[] = [
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
      const role = ctx.businessType.kind === 'transfer' ? 'obligor' : 'rightHolder';
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

/** Rules of the other business types (mortgage, cancellation, change of identity). */
export const NON_TRANSFER_RULES: readonly string[] = [
  'mortgage.terms',
  'mortgagee.isOrganisation',
  'mortgage.cancellable',
  'identityChange.valid',
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

export const RULES_BY_CODE: ReadonlyMap<string, ReviewRule> = new Map(
  [...RULE_LIBRARY, MARRIAGE_COMMITMENT_RULE].map((r) => [r.code, r]),
);

/** Default outcome of each rule when a business type declares none. */
export const DEFAULT_OUTCOMES: Readonly<Record<string, ReviewOutcome>> = {
  'materials.complete': 'correctionNotice',
  'unit.inTaizhou': 'nonAcceptanceNotice',
  'unit.registrable': 'nonAcceptanceNotice',
  'shares.total': 'correctionNotice',
  'application.complete': 'correctionNotice',
  'restriction.seizure': 'refusalNotice',
  'restriction.objection': 'manualQueue',
  'obligors.areHolders': 'refusalNotice',
  'restriction.mortgageConsent': 'manualQueue',
  'restriction.advanceNoticeConsent': 'refusalNotice',
  'tax.paid': 'refusalNotice',
  'spouse.consent': 'correctionNotice',
  'mortgage.terms': 'correctionNotice',
  'mortgagee.isOrganisation': 'refusalNotice',
  'mortgage.cancellable': 'refusalNotice',
  'identityChange.valid': 'correctionNotice',
};

/**
 * The rules a business type applies, with their declared outcomes. A catalogue published before
 * rules were data (an older database) falls back to every rule that fits its kind, so that no
 * transfer is ever approved without the register checks.
 */
export function rulesOf(bt: BusinessType): RuleSpec[] {
  if (bt.rules) return bt.rules;
  const codes = [
    'unit.inTaizhou',
    'unit.registrable',
    'application.complete',
    'materials.complete',
    ...(bt.kind === 'transfer'
      ? [
          'shares.total',
          'restriction.seizure',
          'restriction.objection',
          'obligors.areHolders',
          'restriction.mortgageConsent',
          'restriction.advanceNoticeConsent',
          'tax.paid',
          'spouse.consent',
        ]
      : []),
  ];
  return codes.map((code) => ({ code, outcomeOnFail: DEFAULT_OUTCOMES[code] }));
}
