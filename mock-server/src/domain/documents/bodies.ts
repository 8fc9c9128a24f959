/**
 * The content of the registry's documents: the four notices and the two certificates
 * (docs/registry-facts.md §3). Pure builders; the result is what gets sealed (canonical JSON of
 * it).
 */
import { formatUnitCode } from '../identifiers';
import type { CertificateStatus, CoOwnership, Holder, Unit } from '../register';
import { NOTICE_TITLES, type NoticeKind } from './numbering';
import { certificateVerifyPath } from './verifyAddress';

export const REGISTRY_NAME = '台州市自然资源和规划局';

export interface NoticeReason {
  code: string;
  explanation: string;
}

export interface NoticeBody {
  documentType: NoticeKind;
  title: string;
  number: string;
  issuer: string;
  issuedAt: string;
  issuedOn: string;
  caseNumber: string;
  businessTypeName: string;
  unitCode: string;
  location: string;
  /** names of all parties, in the order of the application */
  addressees: string[];
  text: string;
  reasons: NoticeReason[];
  basis: string[];
  promisedDueOn?: string;
  statutoryDueOn?: string;
  /** 补正通知书: 补正期限, the last day (YYYY-MM-DD) to answer it */
  correctionDueOn?: string;
  remedy?: string;
}

/** 补正通知书: the period set and what follows when it passes unanswered. */
export interface CorrectionDue {
  dueOn: string;
  /** asked at 受理: 不予受理 (条例第十七条); after acceptance: 不予登记 (条例第二十二条) */
  stage: 'intake' | 'review';
}

/** The sentence of a 补正通知书 on its 补正期限. */
export const correctionDueText = (d: CorrectionDue): string =>
  `补正期限：请于${d.dueOn}（含当日）前补正；逾期未补正的，本机构将依法${
    d.stage === 'review'
      ? '不予登记（《不动产登记暂行条例》第二十二条）'
      : '不予受理（《不动产登记暂行条例》第十七条）'
  }并书面告知。`;
/** The platform named as where results are delivered unless the deployment names another. */
export const DEFAULT_DELIVERY_CHANNEL = '浙里办「掌上不动产」';

const TEXTS: Record<NoticeKind, string> = {
  acceptanceReceipt:
    '您的不动产登记申请材料齐全、符合法定形式，本机构已予受理。登记结果将通过{channel}送达。',
  nonAcceptanceNotice:
    '经审查，您的不动产登记申请不属于本机构受理范围或不符合受理条件，决定不予受理，理由如下。',
  correctionNotice:
    '经审查，您的不动产登记申请材料不齐全或不符合法定形式，请按以下内容补正后重新提交。',
  refusalNotice: '经审核，您申请的不动产登记存在下列不予登记的情形，决定不予登记，理由如下。',
};

const REMEDY =
  '如不服本决定，可自收到本通知书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。';

export function noticeBody(p: {
  kind: NoticeKind;
  number: string;
  issuedAt: string;
  issuedOn: string;
  caseNumber: string;
  businessTypeName: string;
  unitCode: string;
  location: string;
  addressees: string[];
  reasons: NoticeReason[];
  basis: string[];
  promisedDueOn?: string;
  statutoryDueOn?: string;
  /** 补正通知书 only */
  correctionDue?: CorrectionDue;
  /** where the results are delivered, as the deployment is configured (config DELIVERY_CHANNEL) */
  deliveryChannel?: string;
}): NoticeBody {
  const due = p.kind === 'correctionNotice' ? p.correctionDue : undefined;
  return {
    documentType: p.kind,
    title: NOTICE_TITLES[p.kind],
    number: p.number,
    issuer: REGISTRY_NAME,
    issuedAt: p.issuedAt,
    issuedOn: p.issuedOn,
    caseNumber: p.caseNumber,
    businessTypeName: p.businessTypeName,
    unitCode: formatUnitCode(p.unitCode),
    location: p.location,
    addressees: p.addressees,
    text: `${TEXTS[p.kind].replace('{channel}', p.deliveryChannel ?? DEFAULT_DELIVERY_CHANNEL)}${
      due ? correctionDueText(due) : ''
    }`,
    reasons: p.reasons,
    basis: p.basis,
    ...(p.promisedDueOn ? { promisedDueOn: p.promisedDueOn } : {}),
    ...(p.statutoryDueOn ? { statutoryDueOn: p.statutoryDueOn } : {}),
    ...(due ? { correctionDueOn: due.dueOn } : {}),
    ...(p.kind === 'nonAcceptanceNotice' || p.kind === 'refusalNotice' ? { remedy: REMEDY } : {}),
  };
}

/** The fields of a 不动产权证书 (docs/registry-facts.md §3). */
export interface TitleCertificateBody {
  documentType: 'titleCertificate';
  title: '不动产权证书';
  issuer: string;
  issuedAt: string;
  /** 登记日期 */
  registeredOn: string;
  /** 证号 */
  number: string;
  /** 证照标识 */
  licenceId: string;
  /** 权利人 */
  rightHolders: string[];
  /** 共有情况 */
  coOwnership: string;
  /** 坐落 */
  location: string;
  /** 不动产单元号 (display form) */
  unitCode: string;
  /** 权利类型 */
  rightType: string;
  /** 权利性质 */
  rightNature: string;
  /** 用途 */
  use: string;
  /** 面积 */
  area: string;
  /** 使用期限 */
  term: string;
  /** 权利其他状况 */
  otherState: string;
  /** 附记 */
  remarks: string;
  /** content of the QR code: the verify page's address of this certificate (verifyAddress.ts) */
  qrCode: string;
  caseNumber: string;
}

/**
 * 权利其他状况 as the national form prints it: structure, storeys, floor and, where the register
 * holds them, the 专有 and 分摊 建筑面积 (docs/registry-facts.md §3).
 */
export function otherStateOf(u: Unit): string {
  return [
    `房屋结构：${u.structure}`,
    `房屋总层数：${u.totalFloors}层`,
    `所在层：${u.floor}层`,
    ...(u.exclusiveArea !== undefined && u.apportionedArea !== undefined
      ? [
          `专有建筑面积：${u.exclusiveArea.toFixed(2)}㎡`,
          `分摊建筑面积：${u.apportionedArea.toFixed(2)}㎡`,
        ]
      : []),
  ].join('；');
}

/** 附记's word for the replaced certificate, from the register's status (docs/registry-facts.md §3) */
const ENDED_WORDS: Record<CertificateStatus, string> = {
  current: '',
  cancelled: '（已注销）',
  void: '（已作废）',
};

const pct = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

export function coOwnershipText(
  coOwnership: CoOwnership,
  holders: Holder[],
  nameOf: (personId: string) => string,
): string {
  switch (coOwnership) {
    case 'sole':
      return '单独所有';
    case 'joint':
      return '共同共有';
    case 'shares':
      return `按份共有（${holders.map((h) => `${nameOf(h.personId)}${pct(h.shareBasisPoints ?? 0)}`).join('，')}）`;
  }
}

/** What the QR field of a certificate needs: its id and a check value from a fresh random id. */
export interface CertificateQr {
  certificateId: string;
  qrCheck: string;
}

export function titleCertificateBody(
  p: CertificateQr & {
    number: string;
    licenceId: string;
    issuedAt: string;
    registeredOn: string;
    unit: Unit;
    rightType: string;
    coOwnership: CoOwnership;
    holders: Holder[];
    nameOf: (personId: string) => string;
    caseNumber: string;
    /** the certificate this one replaces, with its status as the register holds it once recorded */
    previousCertificate?: { number: string; status: CertificateStatus };
    /** what 附记 says of the issue itself: 补发 / 换发 (细则 §22), 更正 (细则 §79) */
    issueRemark?: string;
  },
): TitleCertificateBody {
  const u = p.unit;
  return {
    documentType: 'titleCertificate',
    title: '不动产权证书',
    issuer: REGISTRY_NAME,
    issuedAt: p.issuedAt,
    registeredOn: p.registeredOn,
    number: p.number,
    licenceId: p.licenceId,
    rightHolders: p.holders.map((h) => p.nameOf(h.personId)),
    coOwnership: coOwnershipText(p.coOwnership, p.holders, p.nameOf),
    location: u.location,
    unitCode: formatUnitCode(u.unitCode),
    rightType: p.rightType,
    rightNature: u.nature,
    use: `${u.use === '住宅' ? '城镇住宅用地' : '商务金融用地'}/${u.use}`,
    area: `共用宗地面积${u.sharedLandArea.toFixed(2)}㎡/房屋建筑面积${u.buildingArea.toFixed(2)}㎡`,
    term: `国有建设用地使用权至${u.landUseEndsOn}止`,
    otherState: otherStateOf(u),
    remarks: [
      // the 业务号 of the case that issued it; none (no label either) when no case did
      p.caseNumber ? `业务号：${p.caseNumber}` : '',
      p.issueRemark ?? '',
      p.previousCertificate
        ? `原证号：${p.previousCertificate.number}${ENDED_WORDS[p.previousCertificate.status]}`
        : '',
      '本证书为电子证书，与纸质证书具有同等法律效力，使用前请在线核验',
    ]
      .filter(Boolean)
      .join('；'),
    qrCode: certificateVerifyPath(p.certificateId, p.qrCheck),
    caseNumber: p.caseNumber,
  };
}

/** 不动产登记证明 (docs/registry-facts.md §3): 证明权利或事项, 权利人, 义务人, 坐落, 不动产单元号, 其他, 附记. */
export interface RegistrationProofBody {
  documentType: 'registrationProof';
  title: '不动产登记证明';
  issuer: string;
  issuedAt: string;
  registeredOn: string;
  number: string;
  licenceId: string;
  /** 证明权利或事项, e.g. 抵押权 */
  proves: string;
  /** 权利人: the mortgagee */
  rightHolders: string[];
  /** 义务人: the mortgagors */
  obligors: string[];
  location: string;
  unitCode: string;
  /** 其他: the mortgage's terms */
  other: string;
  remarks: string;
  qrCode: string;
  caseNumber: string;
}

export function mortgageProofBody(
  p: CertificateQr & {
    number: string;
    licenceId: string;
    issuedAt: string;
    registeredOn: string;
    unit: Unit;
    mortgagee: string;
    mortgagors: string[];
    mortgageType: string;
    securedAmountYuan: number;
    debtStartsOn: string;
    debtEndsOn: string;
    caseNumber: string;
    titleCertificateNumber?: string;
  },
): RegistrationProofBody {
  return {
    documentType: 'registrationProof',
    title: '不动产登记证明',
    issuer: REGISTRY_NAME,
    issuedAt: p.issuedAt,
    registeredOn: p.registeredOn,
    number: p.number,
    licenceId: p.licenceId,
    proves: '抵押权',
    rightHolders: [p.mortgagee],
    obligors: p.mortgagors,
    location: p.unit.location,
    unitCode: formatUnitCode(p.unit.unitCode),
    other: `抵押方式：${p.mortgageType}；${p.mortgageType === '最高额抵押' ? '最高债权额' : '被担保主债权数额'}：${p.securedAmountYuan}元；债务履行期限：${p.debtStartsOn}起${p.debtEndsOn}止`,
    remarks: [
      // the 业务号 of the case that issued it; none (no label either) when no case did
      p.caseNumber ? `业务号：${p.caseNumber}` : '',
      p.titleCertificateNumber ? `不动产权证书号：${p.titleCertificateNumber}` : '',
      '本证明为电子证明，使用前请在线核验',
    ]
      .filter(Boolean)
      .join('；'),
    qrCode: certificateVerifyPath(p.certificateId, p.qrCheck),
    caseNumber: p.caseNumber,
  };
}

/**
 * The 不动产登记证明 of an advance notice (预告登记): of a purchase (the buyers hold it, the
 * developer is 义务人) or of a mortgage on a home bought in advance (the bank holds it, the buyers
 * are 抵押人). 附记 names the 90-day lapse (民法典 §221).
 */
export function advanceNoticeProofBody(
  p: CertificateQr & {
    number: string;
    licenceId: string;
    issuedAt: string;
    registeredOn: string;
    unit: Unit;
    secures: 'purchase' | 'mortgage';
    rightHolders: string[];
    obligors: string[];
    mortgage?: {
      mortgageType: string;
      securedAmountYuan: number;
      debtStartsOn: string;
      debtEndsOn: string;
    };
    caseNumber: string;
  },
): RegistrationProofBody {
  const m = p.mortgage;
  return {
    documentType: 'registrationProof',
    title: '不动产登记证明',
    issuer: REGISTRY_NAME,
    issuedAt: p.issuedAt,
    registeredOn: p.registeredOn,
    number: p.number,
    licenceId: p.licenceId,
    proves: p.secures === 'purchase' ? '预告登记' : '预购商品房抵押预告登记',
    rightHolders: p.rightHolders,
    obligors: p.obligors,
    location: p.unit.location,
    unitCode: formatUnitCode(p.unit.unitCode),
    other:
      p.secures === 'purchase'
        ? '预告登记种类：预购商品房预告登记'
        : `预告登记种类：预购商品房抵押预告登记；抵押方式：${m?.mortgageType ?? ''}；被担保主债权数额：${m?.securedAmountYuan ?? ''}元；债务履行期限：${m?.debtStartsOn ?? ''}起${m?.debtEndsOn ?? ''}止`,
    remarks: [
      p.caseNumber ? `业务号：${p.caseNumber}` : '',
      '自能够进行不动产登记之日起九十日内未申请登记的，预告登记失效（《民法典》第二百二十一条）',
      '本证明为电子证明，使用前请在线核验',
    ]
      .filter(Boolean)
      .join('；'),
    qrCode: certificateVerifyPath(p.certificateId, p.qrCheck),
    caseNumber: p.caseNumber,
  };
}

/**
 * 异议登记证明 (细则 §83): the 不动产登记证明 of an objection, to its applicant. 权利人 is the
 * objector, 义务人 the register's holders; 其他 names the matter, 附记 the 15-day lapse.
 */
export function objectionProofBody(
  p: CertificateQr & {
    number: string;
    licenceId: string;
    issuedAt: string;
    registeredOn: string;
    unit: Unit;
    objector: string;
    holders: string[];
    matter: string;
    lastDay: string;
    caseNumber: string;
  },
): RegistrationProofBody {
  return {
    documentType: 'registrationProof',
    title: '不动产登记证明',
    issuer: REGISTRY_NAME,
    issuedAt: p.issuedAt,
    registeredOn: p.registeredOn,
    number: p.number,
    licenceId: p.licenceId,
    proves: '异议登记',
    rightHolders: [p.objector],
    obligors: p.holders,
    location: p.unit.location,
    unitCode: formatUnitCode(p.unit.unitCode),
    other: `异议事项：${p.matter}`,
    remarks: [
      p.caseNumber ? `业务号：${p.caseNumber}` : '',
      `异议登记申请人应于${p.lastDay}（含当日）前提交人民法院或仲裁委员会的受理通知书，逾期未提交的，异议登记失效（《民法典》第二百二十条第二款、《不动产登记暂行条例实施细则》第八十三条）`,
      '本证明为电子证明，使用前请在线核验',
    ]
      .filter(Boolean)
      .join('；'),
    qrCode: certificateVerifyPath(p.certificateId, p.qrCheck),
    caseNumber: p.caseNumber,
  };
}
