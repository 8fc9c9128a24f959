/**
 * Wallet documents the registry makes besides the certificates issued by a case:
 * the 不动产权属查询证明 (有房/无房证明) and the electronic twin of a certificate that has no
 * sealed document yet (seeded electronic certificates; pre-reform paper certificates, which the
 * reform gives an electronic twin unless they are old-style — docs/registry-facts.md §3). Pure
 * builders.
 */
import {
  certificateIdentifiers,
  certificateVerifyPath,
  REGISTRY_NAME,
  titleCertificateBody,
  type TitleCertificateBody,
} from '../documents';
import { formatUnitCode, parseCertificateNumber } from '../identifiers';
import { maskIdNumber } from '../masking';
import type { CertificateState, CoOwnership, Holder, Unit } from '../register';

export interface HoldingsProofBody {
  documentType: 'holdingsProof';
  title: '不动产权属查询证明';
  issuer: string;
  number: string;
  issuedAt: string;
  subjectName: string;
  /** masked even on the proof: its purpose needs no full number */
  subjectIdNumber: string;
  /** 有房 / 无房 in words */
  result: string;
  hasHoldings: boolean;
  holdings: { location: string; certificateNumber: string; coOwnership: string }[];
  queriedAt: string;
  scope: string;
  text: string;
}

/** Assumption (wording not found): 台不动产查〔2026〕第0000001号. */
export const formatHoldingsProofNumber = (year: number, serial: number) =>
  `台不动产查〔${year}〕第${String(serial).padStart(7, '0')}号`;

export const HOLDINGS_SCOPE =
  '台州市（椒江区、黄岩区、路桥区、临海市、温岭市、玉环市、三门县、天台县、仙居县）';

export function holdingsProofBody(p: {
  number: string;
  issuedAt: string;
  subjectName: string;
  subjectIdNumber: string;
  holdings: HoldingsProofBody['holdings'];
}): HoldingsProofBody {
  const has = p.holdings.length > 0;
  return {
    documentType: 'holdingsProof',
    title: '不动产权属查询证明',
    issuer: REGISTRY_NAME,
    number: p.number,
    issuedAt: p.issuedAt,
    subjectName: p.subjectName,
    subjectIdNumber: maskIdNumber(p.subjectIdNumber),
    result: has ? `名下有不动产登记记录（现势 ${p.holdings.length} 处）` : '名下无不动产登记记录',
    hasHoldings: has,
    holdings: p.holdings,
    queriedAt: p.issuedAt,
    scope: HOLDINGS_SCOPE,
    text: `经查询不动产登记簿，截至查询时间，查询对象在${HOLDINGS_SCOPE}范围内${has ? '有' : '无'}现势不动产权利登记。本证明为电子证明，加盖不动产登记电子印章，使用前请在线核验。`,
  };
}

/**
 * 证照标识 of an electronic twin: the one the certificate has, else the certificate number's
 * year and serial under the licence type of its kind (不动产权证书 or 不动产登记证明), version 001,
 * by the same rule as a certificate issued by a case (certificateIdentifiers).
 */
export function twinLicenceId(certificate: CertificateState): string | undefined {
  if (certificate.licenceId) return certificate.licenceId;
  const p = parseCertificateNumber(certificate.number);
  if (!p.ok) return undefined;
  if (certificate.kind !== 'titleCertificate' && certificate.kind !== 'registrationProof')
    return undefined;
  return certificateIdentifiers({
    kind: certificate.kind,
    unitCode: certificate.unitCode,
    year: Number(p.value.year),
    serial: Number(p.value.serial),
  }).licenceId;
}

/** What an electronic twin made from a pre-reform paper certificate says of its origin. */
export interface TwinOrigin {
  /** the paper certificate's number */
  electronicTwinOf?: string;
  /** the day the paper certificate was issued */
  paperIssuedOn?: string;
}

const TWIN_REMARK_PAPER =
  '本电子证照由登记机构依据改革前核发的纸质证书制作，与纸质证书具有同等法律效力，使用前请在线核验';

const originOf = (c: CertificateState): TwinOrigin =>
  c.form === 'paper' ? { electronicTwinOf: c.number, paperIssuedOn: c.issuedOn } : {};

/**
 * The sealed body of a current 不动产权证书 that has no sealed document yet: a seeded electronic
 * one, or the electronic twin of a pre-reform paper one. Its 附记 names no 业务号: no case of
 * this registry issued it.
 */
export function twinCertificateBody(p: {
  certificate: CertificateState;
  unit: Unit;
  rightType: string;
  coOwnership: CoOwnership;
  holders: Holder[];
  nameOf: (personId: string) => string;
  madeAt: string;
  /** the QR field's check value, from a fresh random id (documents/verifyAddress.ts) */
  qrCheck: string;
}): (TitleCertificateBody & TwinOrigin) | undefined {
  const licenceId = twinLicenceId(p.certificate);
  if (!licenceId || p.certificate.kind !== 'titleCertificate') return undefined;
  const body = titleCertificateBody({
    certificateId: p.certificate.certificateId,
    qrCheck: p.qrCheck,
    number: p.certificate.number,
    licenceId,
    issuedAt: p.madeAt,
    registeredOn: p.certificate.issuedOn,
    unit: p.unit,
    rightType: p.rightType,
    coOwnership: p.coOwnership,
    holders: p.holders,
    nameOf: p.nameOf,
    caseNumber: '',
  });
  const paper = p.certificate.form === 'paper';
  return {
    ...body,
    remarks: paper
      ? TWIN_REMARK_PAPER
      : '本证书为电子证书，与纸质证书具有同等法律效力，使用前请在线核验',
    ...originOf(p.certificate),
  };
}

/** The electronic twin of a pre-reform paper 不动产登记证明 (e.g. of a mortgage). */
export interface RegistrationProofTwinBody extends TwinOrigin {
  documentType: 'registrationProof';
  title: '不动产登记证明';
  issuer: string;
  number: string;
  licenceId: string;
  issuedAt: string;
  registeredOn: string;
  /** 证明权利或事项 */
  proves: string;
  location: string;
  unitCode: string;
  remarks: string;
  /** the verify page's address of this certificate (documents/verifyAddress.ts) */
  qrCode: string;
}

export function twinProofBody(p: {
  certificate: CertificateState;
  unit: Unit;
  madeAt: string;
  /** the QR field's check value, from a fresh random id (documents/verifyAddress.ts) */
  qrCheck: string;
}): RegistrationProofTwinBody | undefined {
  const licenceId = twinLicenceId(p.certificate);
  if (!licenceId || p.certificate.kind !== 'registrationProof') return undefined;
  return {
    documentType: 'registrationProof',
    title: '不动产登记证明',
    issuer: REGISTRY_NAME,
    number: p.certificate.number,
    licenceId,
    issuedAt: p.madeAt,
    registeredOn: p.certificate.issuedOn,
    proves: p.certificate.proves ?? '',
    location: p.unit.location,
    unitCode: formatUnitCode(p.certificate.unitCode),
    remarks: TWIN_REMARK_PAPER,
    qrCode: certificateVerifyPath(p.certificate.certificateId, p.qrCheck),
    ...originOf(p.certificate),
  };
}
export * from './print';
