/**
 * Buying with a loan (docs/registry-facts.md §15): 转移+抵押 in one case, 带押过户, 预告登记 of a
 * new home and 预购商品房抵押预告. Catalogue data only: the one workflow runs them; the recording
 * plans are in domain/cases/recordingLoan.ts.
 *
 * ASSUMPTIONS (also in each type's `assumptions`): promised working days; which materials Taizhou
 * shares and from which 数源单位; that a new home's buyer may name a developer's unit online (the
 * presale is public and the developer signs by its e-seal).
 */
import type {
  BusinessType,
  Fee,
  MaterialRequirement,
  Question,
  RuleSpec,
} from '../../../domain/catalogue';
import {
  DISPUTE_DECLARED_RULE,
  INTAKE_RULES,
  NEW_CO_OWNERSHIP,
  PROMISE,
  SHARED,
  SPOUSE_RULE,
  applicationForm,
  existingCertificate,
  identity,
  marriage,
  other,
  registrationFees,
  disputed,
  mortgaged,
  seized,
  signedVoluntarily,
  taxReceipt,
  truthful,
} from './common';

// ---------------------------------------------------------------- materials (shared first)

const filedContract: MaterialRequirement = {
  code: 'filedContract',
  name: '网签买卖合同',
  sources: ['sharedData', 'scan'],
  dataSource: '住建',
  required: true,
};
const cadastralSurvey: MaterialRequirement = {
  code: 'cadastralSurvey',
  name: '地籍调查成果',
  sources: ['sharedData'],
  dataSource: '登记机构',
  required: true,
};
const mortgageContract: MaterialRequirement = {
  code: 'mortgageContract',
  name: '抵押合同及主债权合同',
  sources: ['sharedData', 'scan'],
  dataSource: '银行',
  required: true,
};

// ---------------------------------------------------------------- 询问记录 (docs/registry-facts.md §5)

/**
 * 转移+抵押: the sale's questions and the mortgage's. A unit that is already mortgaged is sold with
 * its mortgage by 带押过户 (transfer.mortgagedSale), so here 是 to the mortgage question stops the
 * application.
 */
const SALE_WITH_MORTGAGE_QUESTIONS: Question[] = [
  truthful,
  ...NEW_CO_OWNERSHIP,
  seized,
  disputed,
  { ...mortgaged, blockingAnswer: '是' },
  signedVoluntarily,
  other,
];

/**
 * 带押过户: the unit is mortgaged by definition, so the mortgage question is not asked; the seller's
 * bank's consent is (否 blocks).
 */
const MORTGAGED_SALE_QUESTIONS: Question[] = [
  truthful,
  ...NEW_CO_OWNERSHIP,
  seized,
  disputed,
  {
    code: 'mortgageeConsents',
    text: '原抵押权人是否同意以“带押过户”方式办理（原抵押注销、转移登记与新抵押登记一并办理）？',
    kind: 'yesNo',
    blockingAnswer: '否',
    required: true,
  },
  signedVoluntarily,
  other,
];

const ADVANCE_NOTICE_QUESTIONS: Question[] = [
  truthful,
  ...NEW_CO_OWNERSHIP,
  {
    code: 'knowsLapse',
    text: '是否知悉自能够进行不动产登记之日起九十日内未申请登记的，预告登记失效？',
    kind: 'yesNo',
    required: true,
  },
  other,
];

const MORTGAGE_ADVANCE_NOTICE_QUESTIONS: Question[] = [
  truthful,
  signedVoluntarily,
  {
    code: 'otherCoOwners',
    text: '除申请人之外是否还有其他共有人？',
    kind: 'yesNo',
    blockingAnswer: '是',
    required: true,
  },
  other,
];

// ---------------------------------------------------------------- review rules

const NEW_MORTGAGE_RULES: RuleSpec[] = [
  { code: 'mortgage.terms', outcomeOnFail: 'correctionNotice' },
  { code: 'mortgagee.isOrganisation', outcomeOnFail: 'refusalNotice' },
];
const SALE_RULES: RuleSpec[] = [
  ...INTAKE_RULES,
  { code: 'shares.total', outcomeOnFail: 'correctionNotice' },
  { code: 'restriction.seizure', outcomeOnFail: 'refusalNotice' },
  { code: 'restriction.objection', outcomeOnFail: 'manualQueue' },
  { code: 'obligors.areHolders', outcomeOnFail: 'refusalNotice' },
  { code: 'restriction.advanceNoticeConsent', outcomeOnFail: 'refusalNotice' },
  DISPUTE_DECLARED_RULE,
  ...NEW_MORTGAGE_RULES,
];

// ---------------------------------------------------------------- fees (docs/registry-facts.md §14)

/** 转移 and 抵押 are two registrations of one case: the buyer pays the transfer, the bank the mortgage. */
const TRANSFER_AND_MORTGAGE_FEES: Fee[] = [
  ...registrationFees('rightHolder', '·转移'),
  ...registrationFees('mortgagee', '·抵押权', 'mortgageRegistration'),
];

// ---------------------------------------------------------------- the business types

const sellers = { role: 'obligor', min: 1, description: '卖方（现登记的全部权利人）' } as const;
const buyers = {
  role: 'rightHolder',
  min: 1,
  description: '买方（转移后的权利人，同时为新抵押的抵押人）',
} as const;
const buyersBank = { role: 'mortgagee', min: 1, description: '抵押权人（买方贷款银行）' } as const;
const spouse = { role: 'consentingSpouse', min: 0, description: '共有财产的配偶' } as const;
const agent = { role: 'agent', min: 0, description: '代理人（需授权委托书）' } as const;

export const LOAN_BUSINESS_TYPES: BusinessType[] = [
  {
    code: 'transfer.saleWithMortgage',
    version: 1,
    name: '二手房买卖转移及抵押权首次登记（转移+抵押）',
    description:
      '贷款购买存量房：买卖过户与买方贷款银行的抵押一次申请、一并登簿，同时发放不动产权证书和不动产登记证明',
    kind: 'transfer',
    promisedWorkingDays: 3,
    jointApplication: true,
    roles: [sellers, buyers, buyersBank, spouse, agent],
    materials: [
      applicationForm,
      identity,
      existingCertificate,
      filedContract,
      mortgageContract,
      taxReceipt,
      marriage,
      cadastralSurvey,
    ],
    assumptions: [PROMISE, SHARED, '银行通过机构电子签章签署申请（模拟银行系统，假设）'],
    questions: SALE_WITH_MORTGAGE_QUESTIONS,
    rules: [
      ...SALE_RULES,
      { code: 'restriction.mortgageConsent', outcomeOnFail: 'manualQueue' },
      { code: 'tax.paid', outcomeOnFail: 'refusalNotice' },
      SPOUSE_RULE,
    ],
    fees: TRANSFER_AND_MORTGAGE_FEES,
    taxation: { cause: 'sale' },
    application: {
      online: true,
      holdersAs: 'obligor',
      byCertificateNumber: { kind: 'titleCertificate', counterpartMayName: true },
      records: 'transferWithMortgage',
    },
  },
  {
    code: 'transfer.mortgagedSale',
    version: 1,
    name: '带押过户（抵押注销、转移及抵押权首次登记）',
    description:
      '已抵押的存量房无需先还贷即可出售：原抵押注销、过户和买方新抵押在同一办件中一并登簿，全部成功或全部不办理',
    kind: 'transfer',
    promisedWorkingDays: 3,
    jointApplication: true,
    roles: [
      sellers,
      buyers,
      {
        role: 'releasingMortgagee',
        min: 1,
        description: '原抵押权人（卖方贷款银行，同意带押过户）',
      },
      buyersBank,
      spouse,
      agent,
    ],
    materials: [
      applicationForm,
      identity,
      existingCertificate,
      {
        code: 'registrationProof',
        name: '不动产登记证明（原抵押权）',
        sources: ['sharedData'],
        dataSource: '登记机构',
        required: true,
      },
      {
        code: 'releaseConsent',
        name: '原抵押权人同意带押过户的意见（电子签章）',
        sources: ['sharedData', 'scan'],
        dataSource: '银行',
        required: true,
      },
      filedContract,
      mortgageContract,
      taxReceipt,
      marriage,
      cadastralSurvey,
    ],
    assumptions: [
      PROMISE,
      SHARED,
      '各银行通过机构电子签章签署申请（模拟银行系统，假设）',
      '浙江省带押过户实践（2023年起）：原抵押权人同意即可，不要求先行还贷（假设本地做法与之相同）',
    ],
    questions: MORTGAGED_SALE_QUESTIONS,
    rules: [
      ...SALE_RULES,
      { code: 'mortgage.releasedByItsMortgagee', outcomeOnFail: 'refusalNotice' },
      { code: 'tax.paid', outcomeOnFail: 'refusalNotice' },
      SPOUSE_RULE,
    ],
    fees: TRANSFER_AND_MORTGAGE_FEES,
    taxation: { cause: 'sale' },
    application: {
      online: true,
      holdersAs: 'obligor',
      releasesMortgages: true,
      byCertificateNumber: { kind: 'titleCertificate', counterpartMayName: true },
      records: 'mortgagedTransfer',
    },
  },
  {
    code: 'advanceNotice.newHomePurchase',
    version: 1,
    name: '预告登记（预购商品房）',
    description:
      '购买新建商品房后办理预告登记，保障将来取得所有权；自能够办理不动产登记之日起九十日内未申请登记的，预告登记失效',
    kind: 'advanceNotice',
    promisedWorkingDays: 1,
    jointApplication: true,
    roles: [
      { role: 'obligor', min: 1, description: '房地产开发企业（预告登记义务人）' },
      { role: 'rightHolder', min: 1, description: '购房人（预告登记权利人）' },
      agent,
    ],
    materials: [
      applicationForm,
      identity,
      {
        code: 'filedContract',
        name: '商品房预售合同（网签备案）',
        sources: ['sharedData', 'scan'],
        dataSource: '住建',
        required: true,
      },
    ],
    assumptions: [
      PROMISE,
      SHARED,
      '购房人可在线选择开发企业名下的新建商品房单元发起申请，开发企业以机构电子签章签署（假设）',
    ],
    questions: ADVANCE_NOTICE_QUESTIONS,
    rules: [
      ...INTAKE_RULES,
      { code: 'shares.total', outcomeOnFail: 'correctionNotice' },
      { code: 'restriction.seizure', outcomeOnFail: 'refusalNotice' },
      { code: 'obligors.areHolders', outcomeOnFail: 'refusalNotice' },
      { code: 'restriction.advanceNoticeConsent', outcomeOnFail: 'refusalNotice' },
    ],
    // 预告登记 pays no registration fee (财税〔2016〕79号); the deed tax is due at 预告转本
    fees: [],
    taxation: { cause: 'none' },
    application: { online: true, holdersAs: 'obligor', records: 'advanceNotice' },
  },
  {
    code: 'advanceNotice.newHomeMortgage',
    version: 1,
    name: '预购商品房抵押预告登记',
    description:
      '贷款购买新建商品房：以已办预告登记的预购商品房向银行设定抵押预告，由购房人（抵押人）与银行（抵押权人）共同申请',
    kind: 'advanceNotice',
    promisedWorkingDays: 1,
    jointApplication: true,
    roles: [
      { role: 'mortgagor', min: 1, description: '抵押人（购房人，预告登记权利人）' },
      { role: 'mortgagee', min: 1, description: '抵押权人（贷款银行）' },
      agent,
    ],
    materials: [
      applicationForm,
      identity,
      {
        code: 'advanceNoticeProof',
        name: '预告登记证明',
        sources: ['sharedData'],
        dataSource: '登记机构',
        required: true,
      },
      mortgageContract,
    ],
    assumptions: [PROMISE, SHARED, '银行通过机构电子签章签署申请（模拟银行系统，假设）'],
    questions: MORTGAGE_ADVANCE_NOTICE_QUESTIONS,
    rules: [
      ...INTAKE_RULES,
      { code: 'restriction.seizure', outcomeOnFail: 'refusalNotice' },
      { code: 'advanceNotice.heldByMortgagors', outcomeOnFail: 'refusalNotice' },
      ...NEW_MORTGAGE_RULES,
    ],
    // 预告登记 pays no registration fee (财税〔2016〕79号)
    fees: [],
    taxation: { cause: 'none' },
    application: {
      online: true,
      advanceNoticeHoldersAs: 'mortgagor',
      byCertificateNumber: { kind: 'registrationProof' },
      records: 'mortgageAdvanceNotice',
    },
  },
];
