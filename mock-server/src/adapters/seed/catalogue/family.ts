/**
 * Business types of a family's home (docs/registry-facts.md §15): 继承, 赠与, 夫妻加名/更名 and
 * 离婚析产. Each is a transfer of the whole right to new holders, recorded with the transfer plan
 * (a new right and its electronic 不动产权证书; the old certificate cancelled, a paper one announced
 * void) and taxed under its own cause (§13; the tax assessment implements the rules).
 *
 * ASSUMPTIONS (also in each type's `assumptions`): the promised working days; the 继承公告 of 15
 * working days (§15: the registry *may* publish one; the period is not published for Taizhou);
 * which materials are shared and by which 数源单位.
 *
 * 电子签名法 §3: documents on inheritance are excluded from electronic signature. The heirs' e-signed
 * registration application stands (an heir applies alone, 条例 §14), and accepting needs no
 * declaration (民法典 §1124: silence is acceptance); a 放弃继承声明 is an inheritance document, so a
 * renouncing heir's in-app signature does not make it effective: the review sends the case to the
 * counter unless a notarised 放弃继承声明 is uploaded (rule inheritance.renunciationConfirmed;
 * docs/adr on family business types).
 */
import type { BusinessType, Fee, Question, RuleSpec } from '../../../domain/catalogue';
import {
  DISPUTE_DECLARED_RULE,
  INTAKE_RULES,
  NEW_CO_OWNERSHIP,
  PROMISE,
  SHARED,
  applicationForm,
  disputed,
  existingCertificate,
  identity,
  other,
  registrationFees,
  seized,
  taxReceipt,
  truthful,
} from './common';

// ---------------------------------------------------------------- 询问笔录 variants

/** §5's disposal question asked apart (catalogue/common.ts), as in a sale */
const DISPOSAL_QUESTIONS: Question[] = [seized, disputed, other];

/**
 * 继承 (法定继承, first order only online): whether every first-order heir is listed, whether a will
 * or a 遗赠扶养协议 exists (then the case is not statutory succession: the counter), and whether
 * the heirs dispute the division. Every heir answers their own.
 */
const INHERITANCE_QUESTIONS: Question[] = [
  truthful,
  {
    code: 'allHeirsListed',
    text: '被继承人的第一顺序法定继承人（配偶、子女、父母）是否已全部列明？',
    kind: 'yesNo',
    blockingAnswer: '否',
    required: true,
  },
  {
    code: 'willOrAgreement',
    text: '被继承人是否留有遗嘱或遗赠扶养协议？',
    kind: 'yesNo',
    blockingAnswer: '是',
    required: true,
  },
  {
    code: 'heirsDispute',
    text: '继承人之间对遗产继承是否存在争议？',
    kind: 'yesNo',
    blockingAnswer: '是',
    required: true,
  },
  ...NEW_CO_OWNERSHIP,
  ...DISPOSAL_QUESTIONS,
];

/** 赠与: the gift is unpaid and unconditional (民法典 §657), and not disputed. */
const GIFT_QUESTIONS: Question[] = [
  truthful,
  {
    code: 'giftWithoutPayment',
    text: '本次转移是否为无偿赠与（受赠人不支付任何对价）？',
    kind: 'yesNo',
    blockingAnswer: '否',
    required: true,
  },
  {
    code: 'donorRelation',
    text: '赠与人与受赠人的关系？',
    kind: 'choice',
    choices: ['配偶', '父母子女', '祖孙', '兄弟姐妹', '抚养或赡养关系', '其他'],
    required: true,
  },
  ...NEW_CO_OWNERSHIP,
  ...DISPOSAL_QUESTIONS,
];

/** 夫妻加名/更名: the spouses agree the unit is (or becomes) held as the application says. */
const SPOUSE_QUESTIONS: Question[] = [
  truthful,
  {
    code: 'marriedToEachOther',
    text: '申请人之间是否为合法有效的夫妻关系？',
    kind: 'yesNo',
    blockingAnswer: '否',
    required: true,
  },
  ...NEW_CO_OWNERSHIP,
  ...DISPOSAL_QUESTIONS,
];

/** 离婚析产: by the registered divorce agreement or a court's judgment or mediation. */
const DIVORCE_QUESTIONS: Question[] = [
  truthful,
  {
    code: 'divisionBasis',
    text: '不动产分割的依据是？',
    kind: 'choice',
    choices: ['离婚协议', '人民法院判决书或调解书'],
    required: true,
  },
  {
    code: 'divisionAsAgreed',
    text: '本次申请登记的权利人及份额是否与离婚协议或生效法律文书的约定一致？',
    kind: 'yesNo',
    blockingAnswer: '否',
    required: true,
  },
  ...NEW_CO_OWNERSHIP,
  ...DISPOSAL_QUESTIONS,
];

// ---------------------------------------------------------------- review rules

const REGISTER_CHECKS: RuleSpec[] = [
  { code: 'shares.total', outcomeOnFail: 'correctionNotice' },
  { code: 'restriction.seizure', outcomeOnFail: 'refusalNotice' },
  { code: 'restriction.objection', outcomeOnFail: 'manualQueue' },
  { code: 'restriction.advanceNoticeConsent', outcomeOnFail: 'refusalNotice' },
  DISPUTE_DECLARED_RULE,
];
/** a disposal by the holders (gift, division): they are the register's holders; a mortgagee consents */
const DISPOSAL_RULES: RuleSpec[] = [
  ...INTAKE_RULES,
  ...REGISTER_CHECKS,
  { code: 'obligors.areHolders', outcomeOnFail: 'refusalNotice' },
  { code: 'restriction.mortgageConsent', outcomeOnFail: 'manualQueue' },
];

/** 登记费 (docs/registry-facts.md §14): paid by who becomes the right holder, 住宅 or 非住宅. */
const REGISTRATION_FEE: Fee[] = registrationFees('rightHolder');

/** 继承公告 (docs/registry-facts.md §15): the period is an assumption, catalogue data. */
export const INHERITANCE_ANNOUNCEMENT_WORKING_DAYS = 15;

export const FAMILY_BUSINESS_TYPES: BusinessType[] = [
  {
    code: 'transfer.inheritance',
    version: 1,
    name: '继承转移登记',
    description:
      '被继承人死亡后，由第一顺序法定继承人（配偶、子女、父母）申请将其不动产登记到接受继承的继承人名下；每位继承人在自己的手机上接受或放弃继承，公告期满无异议后登簿',
    kind: 'transfer',
    promisedWorkingDays: 5,
    jointApplication: false,
    roles: [
      { role: 'rightHolder', min: 1, description: '接受继承的法定继承人' },
      {
        role: 'renouncingHeir',
        min: 0,
        description: '放弃继承的法定继承人（放弃继承声明须公证或到窗口当面签署）',
      },
      { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
    ],
    materials: [
      applicationForm,
      identity,
      existingCertificate,
      {
        code: 'deathProof',
        name: '被继承人死亡证明（死亡医学证明或户籍注销证明）',
        sources: ['sharedData', 'scan'],
        dataSource: '公安',
        required: true,
      },
      {
        code: 'kinshipProof',
        name: '继承人与被继承人的亲属关系证明',
        sources: ['sharedData', 'scan'],
        dataSource: '公安',
        required: true,
      },
      {
        code: 'renunciationDeclaration',
        name: '经公证的放弃继承声明（无公证的，到登记窗口当面签署）',
        sources: ['scan'],
        required: false,
      },
      taxReceipt,
    ],
    assumptions: [
      PROMISE,
      SHARED,
      `继承公告期${INHERITANCE_ANNOUNCEMENT_WORKING_DAYS}个工作日为本项目的假设值（登记机构可以公告，期限未见台州公开规定）`,
      '在线仅办理第一顺序法定继承；有遗嘱、遗赠扶养协议或继承人有争议的，到登记窗口办理',
      '电子签名法第三条：放弃继承声明不适用电子签名，须公证或到窗口当面签署；接受继承无需声明（民法典第一千一百二十四条）',
    ],
    questions: INHERITANCE_QUESTIONS,
    rules: [
      ...INTAKE_RULES,
      ...REGISTER_CHECKS,
      { code: 'inheritance.heirsComplete', outcomeOnFail: 'manualQueue' },
      { code: 'inheritance.renunciationConfirmed', outcomeOnFail: 'manualQueue' },
      { code: 'tax.paid', outcomeOnFail: 'refusalNotice' },
    ],
    fees: REGISTRATION_FEE,
    application: { online: true, heirsOfDeceasedHolder: true, records: 'transfer' },
    taxation: { cause: 'inheritance' },
    announcement: {
      title: '继承公告',
      workingDays: INHERITANCE_ANNOUNCEMENT_WORKING_DAYS,
      basis:
        '《不动产登记暂行条例实施细则》第十七条（参照）；公告期为本项目假设值（docs/registry-facts.md §15）',
    },
  },
  {
    code: 'transfer.gift',
    version: 1,
    name: '赠与转移登记',
    description: '权利人将不动产无偿赠与他人，赠与人与受赠人在线签订赠与合同并共同申请',
    kind: 'transfer',
    promisedWorkingDays: 3,
    jointApplication: true,
    roles: [
      { role: 'obligor', min: 1, description: '赠与人（现登记的全部权利人）' },
      { role: 'rightHolder', min: 1, description: '受赠人' },
      { role: 'consentingSpouse', min: 0, description: '共有财产的配偶' },
      { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
    ],
    materials: [
      applicationForm,
      identity,
      existingCertificate,
      {
        code: 'giftContract',
        name: '赠与合同（双方在线签署）',
        sources: ['scan'],
        required: false,
      },
      {
        code: 'marriage',
        name: '婚姻状况证明',
        sources: ['sharedData', 'commitment'],
        dataSource: '民政',
        required: false,
      },
      taxReceipt,
    ],
    assumptions: [
      PROMISE,
      SHARED,
      '赠与合同在线生成，由赠与人与受赠人以电子签名签署（随申请书一并签署）',
    ],
    questions: GIFT_QUESTIONS,
    rules: [
      ...DISPOSAL_RULES,
      { code: 'spouse.consent', outcomeOnFail: 'correctionNotice' },
      { code: 'tax.paid', outcomeOnFail: 'refusalNotice' },
    ],
    fees: REGISTRATION_FEE,
    application: { online: true, holdersAs: 'obligor', records: 'transfer' },
    taxation: { cause: 'gift' },
  },
  {
    code: 'transfer.spouseNameChange',
    version: 1,
    name: '夫妻加名、更名转移登记',
    description:
      '婚姻关系存续期间，夫妻约定将一方名下的不动产变更为双方共有，或变更为另一方所有（加名、减名、更名），双方共同申请',
    kind: 'transfer',
    promisedWorkingDays: 1,
    jointApplication: true,
    roles: [
      { role: 'obligor', min: 1, description: '现登记的权利人' },
      { role: 'rightHolder', min: 1, description: '变更后的权利人（夫妻一方或双方）' },
      { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
    ],
    materials: [
      applicationForm,
      identity,
      existingCertificate,
      {
        code: 'marriageCertificate',
        name: '结婚证（婚姻登记信息）',
        sources: ['sharedData', 'scan'],
        dataSource: '民政',
        required: true,
      },
      {
        code: 'spouseAgreement',
        name: '夫妻财产约定（在线签署的申请书即为约定）',
        sources: ['scan'],
        required: false,
      },
      taxReceipt,
    ],
    assumptions: [
      PROMISE,
      SHARED,
      '夫妻间变更权属免征契税（财税〔2014〕4号；契税法第六条授权的免征情形），税务仍出具减免税证明',
    ],
    questions: SPOUSE_QUESTIONS,
    rules: [...DISPOSAL_RULES, { code: 'tax.paid', outcomeOnFail: 'refusalNotice' }],
    fees: REGISTRATION_FEE,
    application: { online: true, holdersAs: 'obligor', records: 'transfer' },
    taxation: { cause: 'spouseAddition' },
  },
  {
    code: 'transfer.divorceDivision',
    version: 1,
    name: '离婚析产转移登记',
    description:
      '离婚后按离婚协议或人民法院判决、调解书分割夫妻共有的不动产，由原权利人共同申请；依生效法律文书的，取得权利的一方可单方申请（窗口办理）',
    kind: 'transfer',
    promisedWorkingDays: 3,
    jointApplication: true,
    roles: [
      { role: 'obligor', min: 1, description: '现登记的权利人（离婚双方）' },
      { role: 'rightHolder', min: 1, description: '分割后取得不动产的一方' },
      { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
    ],
    materials: [
      applicationForm,
      identity,
      existingCertificate,
      {
        code: 'divorceRecord',
        name: '离婚证及离婚协议（婚姻登记信息）',
        sources: ['sharedData', 'scan'],
        dataSource: '民政',
        required: true,
      },
      {
        code: 'courtDocument',
        name: '人民法院判决书或调解书及生效证明（依判决分割时）',
        sources: ['sharedData', 'scan'],
        dataSource: '法院',
        required: false,
      },
      taxReceipt,
    ],
    assumptions: [
      PROMISE,
      SHARED,
      '因离婚分割共同财产变更权属免征契税（财税〔2014〕4号），税务仍出具减免税证明',
      '依判决单方申请（条例第十四条）需核验生效法律文书，本期到窗口办理',
    ],
    questions: DIVORCE_QUESTIONS,
    rules: [...DISPOSAL_RULES, { code: 'tax.paid', outcomeOnFail: 'refusalNotice' }],
    fees: REGISTRATION_FEE,
    application: { online: true, holdersAs: 'obligor', records: 'transfer' },
    taxation: { cause: 'divorceDivision' },
  },
];
