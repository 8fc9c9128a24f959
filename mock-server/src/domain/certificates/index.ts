/**
 * Wallet documents the registry makes besides the certificates issued by a case:
 * the 不动产权属查询证明 (有房/无房证明) and the electronic twin of a certificate that has no
 * sealed document yet (seeded electronic certificates; pre-reform paper certificates, which the
 * reform gives an electronic twin unless they are old-style — docs/registry-facts.md §3). Pure
 * builders.
 */
import { REGISTRY_NAME, titleCertificateBody, type TitleCertificateBody } from '../documents';
import {
  formatLicenceId,
  LICENCE_TYPE_TITLE_CERTIFICATE,
  parseCertificateNumber,
} from '../identifiers';
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

/** 证照标识 of an electronic twin: the certificate number's year and serial, version 001. */
export function twinLicenceId(certificate: CertificateState): string | undefined {
  if (certificate.licenceId) return certificate.licenceId;
  const p = parseCertificateNumber(certificate.number);
  if (!p.ok) return undefined;
  return formatLicenceId({
    type: LICENCE_TYPE_TITLE_CERTIFICATE,
    issuerCode: certificate.unitCode.slice(0, 6),
    serial: `${p.value.year}${p.value.serial}`,
    version: '001',
  });
}

/** The sealed body of a current certificate that has no sealed document yet. */
export function twinCertificateBody(p: {
  certificate: CertificateState;
  unit: Unit;
  rightType: string;
  coOwnership: CoOwnership;
  holders: Holder[];
  nameOf: (personId: string) => string;
  madeAt: string;
}): TitleCertificateBody | undefined {
  const licenceId = twinLicenceId(p.certificate);
  if (!licenceId) return undefined;
  const body = titleCertificateBody({
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
      ? '本电子证照由登记机构依据改革前核发的纸质证书制作，与纸质证书具有同等法律效力，使用前请在线核验'
      : '本证书为电子证书，与纸质证书具有同等法律效力，使用前请在线核验',
  };
}
export * from './print';
