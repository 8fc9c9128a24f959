/**
 * Business types about the register's own entries and certificates (docs/registry-facts.md §15):
 * 更正登记 (民法典 §220 ¶1; 细则 §79), 异议登记 (民法典 §220 ¶2; 细则 §82–84, lapsing after 15 days
 * without a lawsuit), 遗失补证 and 换证 (细则 §22). Catalogue data through the one workflow; their
 * recording plans are domain/cases/recordingRegisterErrors.ts.
 *
 * ASSUMPTIONS (also in each type's `assumptions`): the promised working days; which materials are
 * shared; the 证书工本费 of 10 元 for a re-issued certificate (§14 names 10 元 per certificate; that a
 * 补证 or 换证 pays it is local practice, not read in the notice itself); that online a correction
 * covers how the holders hold the unit (共有方式, 份额) and nothing else; that a paper certificate
 * exchanged online is announced void (工作细则 三(五)) instead of being collected.
 */
import type { BusinessType, Fee, Question, RuleSpec } from '../../../domain/catalogue';
import {
  FEE_BASIS,
  INTAKE_RULES,
  NEW_CO_OWNERSHIP,
  PROMISE,
  SHARED,
  applicationForm,
  existingCertificate,
  identity,
  other,
  truthful,
} from './common';

// ---------------------------------------------------------------- 询问笔录 variants

/** 更正登记: what the register says wrongly, and how the holders really hold the unit. */
const CORRECTION_QUESTIONS: Question[] = [
  truthful,
  {
    code: 'registerError',
    text: '登记簿记载的错误事项及应更正的内容？',
    kind: 'text',
    required: true,
  },
  ...NEW_CO_OWNERSHIP,
  other,
];

/** 异议登记: docs/registry-facts.md §5 questions 5 and 6, with the matter objected to. */
const OBJECTION_QUESTIONS: Question[] = [
  truthful,
  {
    code: 'holderRefusedCorrection',
    text: '申请异议登记时，权利人是否不同意办理更正登记？',
    kind: 'yesNo',
    // the holder agreeing: that is a 更正登记, not an objection (民法典 §220 ¶2)
    blockingAnswer: '否',
    required: true,
  },
  {
    code: 'knowsLiability',
    text: '申请异议登记时，是否已知悉异议不当应承担的责任？',
    kind: 'yesNo',
    blockingAnswer: '否',
    required: true,
  },
  {
    code: 'objectionMatter',
    text: '异议事项及理由？',
    kind: 'text',
    required: true,
  },
  other,
];

/** 遗失补证: how the certificate was lost (published in the 遗失声明 without the holder's name). */
const LOSS_QUESTIONS: Question[] = [
  truthful,
  {
    code: 'lossCircumstances',
    text: '不动产权证书遗失、灭失的经过？',
    kind: 'text',
    required: true,
  },
  {
    code: 'certificateHeldByOthers',
    text: '该证书是否交由他人保管或用于借款担保？',
    kind: 'yesNo',
    // a certificate someone else holds is not lost: the holder asks for it back, or staff decide
    blockingAnswer: '是',
    required: true,
  },
  other,
];

/** 换证: what is wrong with the certificate. */
const DAMAGE_QUESTIONS: Question[] = [
  truthful,
  {
    code: 'damage',
    text: '不动产权证书污损、破损的情况？',
    kind: 'text',
    required: true,
  },
  other,
];

// ---------------------------------------------------------------- review rules and fees

const CORRECTION_RULES: RuleSpec[] = [
  ...INTAKE_RULES,
  { code: 'shares.total', outcomeOnFail: 'correctionNotice' },
  { code: 'correction.byAllHolders', outcomeOnFail: 'refusalNotice' },
  { code: 'correction.noLaterEntries', outcomeOnFail: 'manualQueue' },
  { code: 'correction.errorVerified', outcomeOnFail: 'manualQueue' },
];

const OBJECTION_RULES: RuleSpec[] = [
  ...INTAKE_RULES,
  { code: 'objection.applicantNotHolder', outcomeOnFail: 'nonAcceptanceNotice' },
  { code: 'objection.interestVerified', outcomeOnFail: 'manualQueue' },
];

const REISSUE_RULES: RuleSpec[] = [
  ...INTAKE_RULES,
  { code: 'reissue.paperCertificate', outcomeOnFail: 'nonAcceptanceNotice' },
  { code: 'obligors.areHolders', outcomeOnFail: 'refusalNotice' },
  { code: 'fee.paid', outcomeOnFail: 'refusalNotice' },
];

/** 证书工本费 of the re-issued certificate: 10 元 (an assumption, see the file's header). */
const CERTIFICATE_COST: Fee[] = [
  {
    code: 'certificateCost',
    name: '不动产权证书工本费',
    amountYuan: 10,
    payer: 'rightHolder',
    basis: FEE_BASIS,
    certificateCost: true,
    exemptPayers: ['smallMicroEnterprise', 'individualBusiness'],
  },
];
const CERTIFICATE_COST_ASSUMPTION =
  '补发、换发证书收取证书工本费每本10元为本项目的假设值（发改价格规〔2016〕2559号规定每增加一本证书收取10元工本费，补证、换证按此收取系各地通行做法）';

/** 遗失声明 (细则 §22): published on the registry's portal for 15 working days before re-issue. */
export const LOSS_NOTICE_WORKING_DAYS = 15;

/** 异议登记 at the counter: why it is not online. */
export const OBJECTION_COUNTER_REASON =
  '异议登记由利害关系人申请，须当面核验其与该不动产的利害关系和证实登记错误的材料（《不动产登记暂行条例实施细则》第八十二条）；网上只能选择本人名下的不动产';

export const REGISTER_ERROR_BUSINESS_TYPES: BusinessType[] = [
  {
    code: 'correction.byRightHolder',
    version: 1,
    name: '更正登记',
    description:
      '权利人认为登记簿记载的共有方式或共有份额有错误，全体权利人凭证实登记确有错误的材料申请更正，更正后换发不动产权证书',
    kind: 'correction',
    promisedWorkingDays: 5,
    jointApplication: false,
    roles: [
      { role: 'rightHolder', min: 1, description: '登记簿记载的全部权利人' },
      { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
    ],
    materials: [
      applicationForm,
      identity,
      existingCertificate,
      {
        code: 'errorProof',
        name: '证实不动产登记簿记载确有错误的材料',
        sources: ['scan'],
        required: true,
      },
    ],
    assumptions: [
      PROMISE,
      SHARED,
      '在线更正限于共有方式和共有份额；其他事项（面积、坐落、权利人本身）的更正到登记窗口办理',
      '更正登记不改变原登记日期（登簿日期仍为原登记之日），只换发记载更正后内容的证书',
    ],
    questions: CORRECTION_QUESTIONS,
    rules: CORRECTION_RULES,
    application: { online: true, holdersAs: 'rightHolder', records: 'rightCorrection' },
    taxation: { cause: 'none' },
  },
  {
    code: 'objection.byInterestedParty',
    version: 1,
    name: '异议登记',
    description:
      '利害关系人认为登记簿记载错误、权利人不同意更正的，可申请异议登记；异议登记之日起15日内未提起诉讼或申请仲裁的，异议登记失效',
    kind: 'objection',
    promisedWorkingDays: 1,
    jointApplication: false,
    roles: [
      { role: 'applicant', min: 1, description: '异议申请人（利害关系人）', label: '异议申请人' },
      { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
    ],
    materials: [
      applicationForm,
      identity,
      {
        code: 'interestProof',
        name: '证实对登记的不动产权利有利害关系的材料',
        sources: ['scan'],
        required: true,
      },
      {
        code: 'errorProof',
        name: '证实不动产登记簿记载的事项错误的材料',
        sources: ['scan'],
        required: true,
      },
      {
        code: 'lawsuitNotice',
        name: '人民法院或仲裁委员会受理通知书（异议登记后15日内提交）',
        sources: ['sharedData', 'scan'],
        dataSource: '法院',
        required: false,
      },
    ],
    assumptions: [
      PROMISE,
      '异议登记在登记窗口受理（须当面核验利害关系），不在网上办理',
      '异议期间按自然日计算，自登簿次日起算，末日为法定休假日的顺延至休假日结束的次日（《民法典》第二百零一条、第二百零三条）',
    ],
    questions: OBJECTION_QUESTIONS,
    rules: OBJECTION_RULES,
    application: {
      online: false,
      counterReason: OBJECTION_COUNTER_REASON,
      records: 'objection',
    },
    taxation: { cause: 'none' },
  },
  {
    code: 'certificate.lostReplacement',
    version: 1,
    name: '遗失补证',
    description:
      '纸质不动产权证书遗失、灭失的，权利人在线申请补发；登记机构在门户网站刊发遗失声明15个工作日，期满后补发电子证书，原证书作废',
    kind: 'certificateReissue',
    promisedWorkingDays: 1,
    jointApplication: false,
    roles: [
      { role: 'rightHolder', min: 1, description: '登记簿记载的权利人' },
      { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
    ],
    materials: [applicationForm, identity],
    assumptions: [PROMISE, CERTIFICATE_COST_ASSUMPTION],
    questions: LOSS_QUESTIONS,
    rules: REISSUE_RULES,
    fees: CERTIFICATE_COST,
    application: {
      online: true,
      holdersAs: 'rightHolder',
      reissue: 'lost',
      records: 'certificateReissue',
    },
    taxation: { cause: 'none' },
    announcement: {
      title: '遗失声明',
      workingDays: LOSS_NOTICE_WORKING_DAYS,
      basis: '《不动产登记暂行条例实施细则》第二十二条',
    },
  },
  {
    code: 'certificate.damagedExchange',
    version: 1,
    name: '换证',
    description:
      '纸质不动产权证书污损、破损的，权利人在线申请换发电子证书；原纸质证书公告作废，不再收回',
    kind: 'certificateReissue',
    promisedWorkingDays: 1,
    jointApplication: false,
    roles: [
      { role: 'rightHolder', min: 1, description: '登记簿记载的权利人' },
      { role: 'agent', min: 0, description: '代理人（需授权委托书）' },
    ],
    materials: [
      applicationForm,
      identity,
      {
        code: 'damagedCertificate',
        name: '污损、破损的不动产权证书（照片）',
        sources: ['scan'],
        required: true,
      },
    ],
    assumptions: [
      PROMISE,
      CERTIFICATE_COST_ASSUMPTION,
      '细则第二十二条规定换发时收回原证书；在线换证时原纸质证书公告作废（工作细则三（五）），不再收回',
    ],
    questions: DAMAGE_QUESTIONS,
    rules: REISSUE_RULES,
    fees: CERTIFICATE_COST,
    application: {
      online: true,
      holdersAs: 'rightHolder',
      reissue: 'damaged',
      records: 'certificateReissue',
    },
    taxation: { cause: 'none' },
  },
];
