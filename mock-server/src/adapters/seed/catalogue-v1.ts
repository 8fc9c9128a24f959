/**
 * Business catalogue, version 1.
 *
 * ASSUMPTIONS (also listed in docs/personas.md and in each type's `assumptions`):
 *  - promisedWorkingDays: Taizhou's published promise per business was not found; the values are
 *    our assumptions, all within the statutory ceiling of 30 working days (条例第二十条).
 *  - which materials are obtained by sharing and from which 数源单位 (docs/registry-facts.md §4).
 * jointApplication follows 条例第十四条: a sale or a new mortgage needs both sides; a change of the
 * holder's name/ID and a cancellation after the mortgagee gives up the right may be applied for by
 * one side; a holdings proof is a records query, not a registration.
 */
import { FAMILY_BUSINESS_TYPES } from './catalogue/family';
import type {
  ApplicationSpec,
  BusinessType,
  Catalogue,
  Fee,
  Question,
  RuleSpec,
} from '../../domain/catalogue';
import {
  INTAKE_RULES,
  DISPUTE_DECLARED_RULE,
  NEW_CO_OWNERSHIP,
  PROMISE,
  SPOUSE_RULE,
  applicationForm,
  disputed,
  existingCertificate,
  identity,
  marriage,
  mortgaged,
  other,
  otherCoOwnersConsent,
  registrationFees,
  seized,
  signedVoluntarily,
  truthful,
} from './catalogue/common';
import { LOAN_BUSINESS_TYPES } from './catalogue/loan';

export const CATALOGUE_V1: Catalogue = {
  version: 1,
  publishedAt: '2026-01-01T00:00:00.000Z',
  businessTypes: [
    {
      code: 'transfer.secondHandSale',
      version: 1,
      name: '二手房买卖转移登记',
      description: '买卖存量房屋，由买卖双方共同在线申请办理过户',
      kind: 'transfer',
      promisedWorkingDays: 3,
      jointApplication: true,
      roles: [
        { role: 'obligor', min: 1, description: '卖方（现登记的全部权利人）' },
        { role: 'rightHolder', min: 1, description: '买方' },
        { role: 'consentingSpouse', min: 0, description: '共有财产的配偶' },
        { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
      ],
      materials: [
        applicationForm,
        identity,
        existingCertificate,
        {
          code: 'filedContract',
          name: '网签买卖合同',
          sources: ['sharedData', 'scan'],
          dataSource: '住建',
          required: true,
        },
        {
          code: 'taxReceipt',
          name: '完税证明',
          sources: ['sharedData'],
          dataSource: '税务',
          required: true,
        },
        marriage,
        {
          code: 'cadastralSurvey',
          name: '地籍调查成果',
          sources: ['sharedData'],
          dataSource: '登记机构',
          required: true,
        },
      ],
      assumptions: [PROMISE, '材料的共享来源为假设（台州实际共享哪些材料未见公开依据）'],
      // a resale: docs/registry-facts.md §6 for a home between individuals, §13 otherwise
      taxation: { cause: 'sale' },
    },
    {
      code: 'transfer.newHomeFromAdvanceNotice',
      version: 1,
      name: '新建商品房转移登记（预告转本）',
      description: '已办预告登记的新建商品房交付后，转为正式的不动产权登记',
      kind: 'transfer',
      promisedWorkingDays: 3,
      jointApplication: true,
      roles: [
        { role: 'obligor', min: 1, description: '房地产开发企业' },
        { role: 'rightHolder', min: 1, description: '购房人（预告登记权利人）' },
        { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
      ],
      materials: [
        applicationForm,
        identity,
        {
          code: 'filedContract',
          name: '商品房买卖合同（网签）',
          sources: ['sharedData', 'scan'],
          dataSource: '住建',
          required: true,
        },
        {
          code: 'advanceNoticeProof',
          name: '预告登记证明',
          sources: ['sharedData'],
          dataSource: '登记机构',
          required: true,
        },
        {
          code: 'taxReceipt',
          name: '契税完税证明',
          sources: ['sharedData'],
          dataSource: '税务',
          required: true,
        },
        {
          code: 'completionAcceptance',
          name: '竣工验收备案材料',
          sources: ['sharedData'],
          dataSource: '工程建设项目审批平台',
          required: true,
        },
      ],
      assumptions: [
        PROMISE,
        '按条例第十四条视为买卖，需开发企业与购房人共同申请；开发企业一方通常在预告登记时已预先授权（假设）',
      ],
      // a purchase from a developer: only the buyer's 契税 (docs/registry-facts.md §13)
      taxation: { cause: 'newHomePurchase' },
    },
    {
      code: 'mortgage.first',
      version: 1,
      name: '抵押权首次登记',
      description: '以不动产向银行等设定抵押，由抵押人与抵押权人共同申请',
      kind: 'first',
      promisedWorkingDays: 1,
      jointApplication: true,
      roles: [
        {
          role: 'rightHolder',
          min: 1,
          description: '抵押人（不动产的权利人）',
          label: '抵押人',
        },
        {
          role: 'mortgagee',
          min: 1,
          description: '抵押权人（银行等金融机构）',
          label: '抵押权人',
        },
        { role: 'consentingSpouse', min: 0, description: '共有财产的配偶' },
        { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
      ],
      materials: [
        applicationForm,
        identity,
        existingCertificate,
        {
          code: 'mortgageContract',
          name: '抵押合同及主债权合同',
          sources: ['sharedData', 'scan'],
          dataSource: '银行',
          required: true,
        },
      ],
      assumptions: [PROMISE],
    },
    {
      code: 'mortgage.cancellation',
      version: 1,
      name: '抵押权注销登记',
      description: '贷款还清后注销抵押，可由抵押权人单方申请',
      kind: 'cancellation',
      promisedWorkingDays: 1,
      jointApplication: false,
      roles: [
        {
          role: 'mortgagee',
          min: 1,
          description: '抵押权人（放弃或债权消灭）',
          label: '抵押权人',
        },
        { role: 'rightHolder', min: 0, description: '抵押人', label: '抵押人' },
      ],
      materials: [
        applicationForm,
        {
          code: 'registrationProof',
          name: '不动产登记证明（抵押权）',
          sources: ['sharedData'],
          dataSource: '登记机构',
          required: true,
        },
        {
          code: 'dischargeStatement',
          name: '抵押权消灭或放弃的证明',
          sources: ['sharedData', 'scan'],
          dataSource: '银行',
          required: true,
        },
      ],
      assumptions: [PROMISE],
    },
    {
      code: 'change.holderIdentity',
      version: 1,
      name: '变更登记（权利人姓名或身份证号变更）',
      description: '权利人姓名或身份证号发生变化时，由权利人单方申请变更',
      kind: 'change',
      promisedWorkingDays: 1,
      jointApplication: false,
      roles: [{ role: 'rightHolder', min: 1, description: '权利人' }],
      materials: [
        applicationForm,
        identity,
        existingCertificate,
        {
          code: 'identityChangeProof',
          name: '公安机关出具的姓名或身份证号变更证明',
          sources: ['sharedData', 'scan'],
          dataSource: '公安',
          required: true,
        },
      ],
      assumptions: [PROMISE],
    },
    {
      code: 'query.holdingsProof',
      version: 1,
      name: '不动产权属查询证明',
      description: '查询本人名下不动产登记情况，在线出具带电子印章的证明（有房无房证明）',
      kind: 'query',
      promisedWorkingDays: 0,
      jointApplication: false,
      roles: [{ role: 'applicant', min: 1, description: '查询人（本人）' }],
      materials: [identity],
      assumptions: ['即时出具（0个工作日）为本项目的假设值'],
    },
  ],
};

// ---------------------------------------------------------------- questions, rules, fees

/** 询问记录, general form (docs/registry-facts.md §5). */
const GENERAL_QUESTIONS: Question[] = [truthful, ...NEW_CO_OWNERSHIP, otherCoOwnersConsent, other];

/**
 * Sale variant: §5's one question on 争议、纠纷、查封、冻结、抵押 asked apart (catalogue/common.ts says
 * why); the two later questions are optional so that older clients still submit, and the review
 * reads the register whatever the answer.
 */
const SALE_QUESTIONS: Question[] = [...GENERAL_QUESTIONS, seized, disputed, mortgaged];

/**
 * Mortgage variant (docs/registry-facts.md §5). 除申请人之外还有其他共有人 = 是 stops the application
 * of a unit held solely or jointly (every co-owner must give the mortgage, and the review refuses it
 * otherwise), not of one held in shares: owners of two thirds of the shares may mortgage it
 * (民法典§301), which the review checks against the register (obligors.areHolders). The shares
 * question is asked when the unit is held in shares (condition `whenUnitCoOwnership`).
 */
const MORTGAGE_QUESTIONS: Question[] = [
  truthful,
  signedVoluntarily,
  {
    code: 'otherCoOwners',
    text: '除申请人之外是否还有其他共有人？',
    kind: 'yesNo',
    blockingAnswer: '是',
    blockingWhenUnitCoOwnership: ['sole', 'joint'],
    required: true,
  },
  {
    code: 'sharesTwoThirds',
    text: '是否知悉占份额三分之二以上的按份共有人可处分共有不动产？',
    kind: 'yesNo',
    whenUnitCoOwnership: ['shares'],
    required: true,
  },
];

/** 民法典§1062: a married holder's property acquired during the marriage is common. */
/** Rules of a transfer: every outcome is data. */
const TRANSFER_RULES: RuleSpec[] = [
  ...INTAKE_RULES,
  { code: 'shares.total', outcomeOnFail: 'correctionNotice' },
  { code: 'restriction.seizure', outcomeOnFail: 'refusalNotice' },
  { code: 'restriction.objection', outcomeOnFail: 'manualQueue' },
  { code: 'obligors.areHolders', outcomeOnFail: 'refusalNotice' },
  { code: 'restriction.mortgageConsent', outcomeOnFail: 'manualQueue' },
  DISPUTE_DECLARED_RULE,
  { code: 'restriction.advanceNoticeConsent', outcomeOnFail: 'refusalNotice' },
];

const SALE_RULES: RuleSpec[] = [
  ...TRANSFER_RULES,
  { code: 'tax.paid', outcomeOnFail: 'refusalNotice' },
];

const MORTGAGE_RULES: RuleSpec[] = [
  ...INTAKE_RULES,
  { code: 'restriction.seizure', outcomeOnFail: 'refusalNotice' },
  { code: 'restriction.objection', outcomeOnFail: 'manualQueue' },
  { code: 'obligors.areHolders', outcomeOnFail: 'refusalNotice' },
  { code: 'restriction.advanceNoticeConsent', outcomeOnFail: 'refusalNotice' },
];

/** 登记费 (docs/registry-facts.md §14; the lines in catalogue/common.ts) */
const RESIDENTIAL_FEE: Fee[] = registrationFees('rightHolder');
/** recording waits for the fee as for the tax (the rule waits; its outcome never applies by itself) */
const FEE_RULE: RuleSpec = { code: 'fee.paid', outcomeOnFail: 'refusalNotice' };
const MORTGAGE_FEE: Fee[] = registrationFees('mortgagee', '·抵押权');

const TYPE_EXTRAS: Record<string, { questions: Question[]; rules: RuleSpec[]; fees: Fee[] }> = {
  'transfer.secondHandSale': {
    questions: SALE_QUESTIONS,
    rules: [...SALE_RULES, FEE_RULE, SPOUSE_RULE],
    fees: RESIDENTIAL_FEE,
  },
  'transfer.newHomeFromAdvanceNotice': {
    questions: GENERAL_QUESTIONS,
    rules: [...TRANSFER_RULES, { code: 'tax.paid', outcomeOnFail: 'refusalNotice' }, FEE_RULE],
    fees: RESIDENTIAL_FEE,
  },
  'mortgage.first': {
    questions: MORTGAGE_QUESTIONS,
    rules: [
      ...MORTGAGE_RULES,
      { code: 'mortgage.terms', outcomeOnFail: 'correctionNotice' },
      { code: 'mortgagee.isOrganisation', outcomeOnFail: 'refusalNotice' },
      FEE_RULE,
      SPOUSE_RULE,
    ],
    fees: MORTGAGE_FEE,
  },
  'mortgage.cancellation': {
    questions: [],
    rules: [...INTAKE_RULES, { code: 'mortgage.cancellable', outcomeOnFail: 'refusalNotice' }],
    fees: [],
  },
  'change.holderIdentity': {
    questions: [GENERAL_QUESTIONS[0]],
    rules: [
      ...INTAKE_RULES,
      { code: 'obligors.areHolders', outcomeOnFail: 'refusalNotice' },
      { code: 'restriction.seizure', outcomeOnFail: 'refusalNotice' },
      { code: 'identityChange.valid', outcomeOnFail: 'correctionNotice' },
    ],
    fees: [],
  },
  'query.holdingsProof': { questions: [], rules: [], fees: [] },
};

for (const bt of CATALOGUE_V1.businessTypes) Object.assign(bt, TYPE_EXTRAS[bt.code]);

// ---------------------------------------------------------------- applying online

/**
 * How each business type is applied for from a phone. Naming the unit by certificate number
 * (docs/registry-facts.md §2): the seller of a sale by their 不动产权证书号 (the buyer by the seller's
 * number only at the counter, both present; online the buyer joins by invitation), a mortgagor by their
 * own certificate, a mortgage cancellation by the 不动产登记证明号 of the mortgage, the buyer of a new
 * home by the 预告登记证明号 they hold (the developer is prefilled and signs by e-seal). A change of the
 * holder's name or ID starts from 我的不动产 only; the holdings proof is issued in the wallet.
 */
const APPLICATION: Record<string, ApplicationSpec> = {
  'transfer.secondHandSale': {
    online: true,
    holdersAs: 'obligor',
    byCertificateNumber: { kind: 'titleCertificate', counterpartMayName: true },
    records: 'transfer',
  },
  'transfer.newHomeFromAdvanceNotice': {
    online: true,
    holdersAs: 'obligor',
    byCertificateNumber: { kind: 'registrationProof' },
    records: 'transfer',
  },
  'mortgage.first': {
    online: true,
    holdersAs: 'rightHolder',
    byCertificateNumber: { kind: 'titleCertificate' },
    records: 'mortgage',
  },
  'mortgage.cancellation': {
    online: true,
    mortgageFromRegister: true,
    byCertificateNumber: { kind: 'registrationProof' },
    records: 'mortgageCancellation',
  },
  'change.holderIdentity': {
    online: true,
    holdersAs: 'rightHolder',
    records: 'holderIdentityChange',
  },
  'query.holdingsProof': { online: false },
};

for (const bt of CATALOGUE_V1.businessTypes) bt.application = APPLICATION[bt.code];

// ---------------------------------------------------------------- added business types

/** Business types defined in their own files (adapters/seed/catalogue/), one line each. */
const ADDED_BUSINESS_TYPES: BusinessType[][] = [FAMILY_BUSINESS_TYPES, LOAN_BUSINESS_TYPES];

for (const list of ADDED_BUSINESS_TYPES) CATALOGUE_V1.businessTypes.push(...list);
