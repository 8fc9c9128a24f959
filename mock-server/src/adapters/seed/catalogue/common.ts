/**
 * What the business types of the catalogue share: the materials every registration asks for, the
 * questions of the 询问笔录 as docs/registry-facts.md §5 words them, the intake rules and the
 * registration fees (§14). Each business type file takes them from here, so one question, one
 * material or one fee reads the same in every type that asks for it.
 */
import type { Fee, MaterialRequirement, Question, RuleSpec } from '../../../domain/catalogue';

export const PROMISE =
  '承诺办结时限为本项目的假设值（未查到台州公开承诺时限），不超过法定30个工作日';
export const SHARED = '材料的共享来源为假设（台州实际共享哪些材料未见公开依据）';

// ---------------------------------------------------------------- materials (shared first)

export const identity: MaterialRequirement = {
  code: 'identity',
  name: '申请人身份证明',
  sources: ['sharedData', 'scan'],
  dataSource: '公安',
  required: true,
};
export const applicationForm: MaterialRequirement = {
  code: 'applicationForm',
  name: '不动产登记申请书（含询问记录）',
  sources: ['scan'],
  required: true,
};
export const existingCertificate: MaterialRequirement = {
  code: 'existingCertificate',
  name: '不动产权证书',
  sources: ['sharedData', 'scan'],
  dataSource: '登记机构',
  required: true,
};
/** 婚姻状况: shared by 民政, else the holder's own 告知承诺 */
export const marriage: MaterialRequirement = {
  code: 'marriage',
  name: '婚姻状况证明',
  sources: ['sharedData', 'commitment'],
  dataSource: '民政',
  required: false,
};
/** 完税 or 减免税 (a gift to a child, an inheritance): shared by 税务 once the lines are settled */
export const taxReceipt: MaterialRequirement = {
  code: 'taxReceipt',
  name: '完税或减免税证明',
  sources: ['sharedData'],
  dataSource: '税务',
  required: true,
};

// ---------------------------------------------------------------- 询问笔录 (docs/registry-facts.md §5)

export const truthful: Question = {
  code: 'truthful',
  text: '申请登记事项是否为申请人的真实意思表示？',
  kind: 'yesNo',
  blockingAnswer: '否',
  required: true,
};
/** how the new holders hold the unit (general form) */
export const NEW_CO_OWNERSHIP: Question[] = [
  {
    code: 'soleOrCoOwned',
    text: '申请登记的不动产是共有，还是单独所有？',
    kind: 'choice',
    choices: ['单独所有', '共有'],
    required: true,
  },
  {
    code: 'coOwnershipKind',
    text: '申请登记的不动产是按份共有，还是共同共有？',
    kind: 'choice',
    choices: ['按份共有', '共同共有'],
    whenNewCoOwnership: ['joint', 'shares'],
    required: true,
  },
  {
    code: 'shareDetails',
    text: '申请登记的不动产共有份额情况？（按份共有时填写）',
    kind: 'text',
    whenNewCoOwnership: ['shares'],
    required: true,
  },
];
export const otherCoOwnersConsent: Question = {
  code: 'otherCoOwnersConsent',
  text: '申请本次转移登记时，其他按份共有人是否同意？',
  kind: 'yesNo',
  required: false,
};
export const signedVoluntarily: Question = {
  code: 'signedVoluntarily',
  text: '提交的有关材料及本表是否为你本人或代理人自愿签署的？',
  kind: 'yesNo',
  blockingAnswer: '否',
  required: true,
};
export const other: Question = {
  code: 'other',
  text: '其他需要询问的有关事项',
  kind: 'text',
  required: false,
};

/**
 * §5 asks one question of a disposal: 争议、纠纷或是被查封、冻结、抵押. Asked apart, so that each
 * answer leads where the review rule on the same fact leads, and an honest answer is never stopped
 * where the law lets the disposal go on:
 *  - 查封、冻结: a seized unit may not be transferred (城市房地产管理法§38(二)); the review refuses it
 *    (restriction.seizure), so 是 stops the application. The code `disputeOrSeizure` is kept from
 *    the combined question, so stored answers and clients keep working.
 *  - 争议、纠纷 (an 异议登记 among them): not a bar by itself; staff find out whether it is an
 *    unresolved dispute over the right (条例§22(二)) or take the applicant's statement that they
 *    know of the objection (细则§84): 是 sends the case to staff (rule inquiry.disputeDeclared).
 */
export const seized: Question = {
  code: 'disputeOrSeizure',
  text: '申请登记的不动产是否被查封、冻结？',
  kind: 'yesNo',
  blockingAnswer: '是',
  required: true,
};
export const disputed: Question = {
  code: 'disputed',
  text: '申请登记的不动产是否有争议、纠纷（含异议登记）？',
  kind: 'yesNo',
  required: false,
};
/** 抵押: the mortgagor may dispose during the mortgage (民法典§406); staff check the mortgagee's consent */
export const mortgaged: Question = {
  code: 'mortgaged',
  text: '申请登记的不动产是否设有抵押？',
  kind: 'yesNo',
  required: false,
};

// ---------------------------------------------------------------- review rules

export const INTAKE_RULES: RuleSpec[] = [
  { code: 'unit.inTaizhou', outcomeOnFail: 'nonAcceptanceNotice' },
  { code: 'unit.registrable', outcomeOnFail: 'nonAcceptanceNotice' },
  { code: 'application.complete', outcomeOnFail: 'correctionNotice' },
  { code: 'materials.complete', outcomeOnFail: 'correctionNotice' },
];
/** what a party declared in the 询问笔录 about a dispute goes to staff (see `disputed`) */
export const DISPUTE_DECLARED_RULE: RuleSpec = {
  code: 'inquiry.disputeDeclared',
  outcomeOnFail: 'manualQueue',
};
export const SPOUSE_RULE: RuleSpec = { code: 'spouse.consent', outcomeOnFail: 'correctionNotice' };

// ---------------------------------------------------------------- fees (docs/registry-facts.md §14)

/**
 * Registration fees per case (民法典§223; 发改价格规〔2016〕2559号, 财税〔2016〕79号): 住宅类 80 元/件,
 * 非住宅类 550 元/件, one certificate included and 10 元 工本费 per further certificate; paid by the
 * party who becomes the right holder (the mortgagee for a mortgage). Exempt: 小微企业 and 个体工商户
 * (an assumption kept as data), a garage or storage room registered with its home without its own
 * certificate. 注销/预告/查封/异议/更正/查询 pay nothing.
 */
export const FEE_BASIS = '发改价格规〔2016〕2559号、财税〔2016〕79号';
const FEE_EXEMPTIONS: Pick<Fee, 'exemptPayers' | 'exemptAncillaryWithHome'> = {
  exemptPayers: ['smallMicroEnterprise', 'individualBusiness'],
  exemptAncillaryWithHome: true,
};

/**
 * The two lines of one registration that makes a right holder: 住宅 or 非住宅 by the register's
 * 用途. `what` names the registration in the line (·抵押权); `code` tells two registrations of one
 * case apart (转移 and 抵押 together).
 */
export const registrationFees = (
  payer: 'rightHolder' | 'mortgagee',
  what = '',
  code = 'registration',
): Fee[] => [
  {
    code,
    name: `不动产登记费（住宅${what}）`,
    amountYuan: 80,
    unitUse: 'residential',
    extraCertificateYuan: 10,
    payer,
    basis: FEE_BASIS,
    ...FEE_EXEMPTIONS,
  },
  {
    code,
    name: `不动产登记费（非住宅${what}）`,
    amountYuan: 550,
    unitUse: 'nonResidential',
    extraCertificateYuan: 10,
    payer,
    basis: FEE_BASIS,
    ...FEE_EXEMPTIONS,
  },
];
