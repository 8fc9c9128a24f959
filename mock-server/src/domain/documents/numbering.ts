/**
 * Numbers of the registry's documents. Certificate numbers and licence identifiers follow
 * docs/registry-facts.md §2; the notice numbers' wording is an ASSUMPTION (Taizhou's own format was
 * not found) kept here as data.
 */
import { TAIZHOU_CITY_CODE, findCounty } from '../counties';
import {
  formatCertificateNumber,
  formatLicenceId,
  LICENCE_TYPE_REGISTRATION_PROOF,
  LICENCE_TYPE_TITLE_CERTIFICATE,
  type CertificateNumberKind,
} from '../identifiers';

export const NOTICE_KINDS = [
  'acceptanceReceipt',
  'nonAcceptanceNotice',
  'correctionNotice',
  'refusalNotice',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type DocumentKind = NoticeKind | CertificateNumberKind;

export const NOTICE_TITLES: Record<NoticeKind, string> = {
  acceptanceReceipt: '不动产登记受理凭证',
  nonAcceptanceNotice: '不动产登记不予受理通知书',
  correctionNotice: '不动产登记补正材料通知书',
  refusalNotice: '不动产登记不予登记通知书',
};

/** Assumption: word of each notice kind in its number, e.g. 台不动产受〔2026〕第0000001号. */
export const NOTICE_NUMBER_WORDS: Record<NoticeKind, string> = {
  acceptanceReceipt: '台不动产受',
  nonAcceptanceNotice: '台不动产不受',
  correctionNotice: '台不动产补',
  refusalNotice: '台不动产不登',
};

export const NOTICE_SERIAL_LENGTH = 7;

export function formatNoticeNumber(kind: NoticeKind, year: number, serial: number): string {
  return `${NOTICE_NUMBER_WORDS[kind]}〔${year}〕第${String(serial).padStart(NOTICE_SERIAL_LENGTH, '0')}号`;
}

export const NOTICE_NUMBER_RE = /^台不动产(受|不受|补|不登)〔(\d{4})〕第(\d{7})号$/;

/** Counter key of a serial that runs per year and kind (and, for certificates, per registry). */
export const serialKey = (kind: DocumentKind, year: number, registryName = '') =>
  `${kind}|${registryName}|${year}`;

/** The registry that numbers a unit's certificates (registryName of its county). */
export function registryNameOf(unitCode: string): string {
  return findCounty(unitCode.slice(0, 6))?.registryName ?? '台州市';
}

/**
 * The issuer code (颁发机构代码) of a licence identifier: the GB/T 2260 code of the registration
 * body that numbers the unit's certificates, the body its certificate number names — 台州市
 * (331000) for the three districts the city registry serves, the county or county-level city's
 * own code for the others. One rule for new certificates, seeded ones and electronic twins
 * (docs/registry-facts.md §2, §9; docs/architecture.md, "Who issues what").
 */
export function licenceIssuerCode(unitCode: string): string {
  return registryNameOf(unitCode) === '台州市' ? TAIZHOU_CITY_CODE : unitCode.slice(0, 6);
}

export interface CertificateIdentifiers {
  number: string;
  licenceId: string;
}

/** `浙(2026)台州市不动产权第0000001号` and its GB/T 36904 licence identifier. */
export function certificateIdentifiers(p: {
  kind: CertificateNumberKind;
  unitCode: string;
  year: number;
  serial: number;
}): CertificateIdentifiers {
  const registryName = registryNameOf(p.unitCode);
  const number = formatCertificateNumber({
    province: '浙',
    year: p.year,
    registryName,
    kind: p.kind,
    serial: p.serial,
  });
  const licenceId = formatLicenceId({
    type:
      p.kind === 'titleCertificate'
        ? LICENCE_TYPE_TITLE_CERTIFICATE
        : LICENCE_TYPE_REGISTRATION_PROOF,
    issuerCode: licenceIssuerCode(p.unitCode),
    serial: `${p.year}${String(p.serial).padStart(7, '0')}`,
    version: '001',
  });
  return { number, licenceId };
}

/** 业务号: date (Beijing) + 5-digit daily serial, e.g. 2026112900001 (assumption). */
export const formatCaseNumber = (date: string, serial: number): string =>
  `${date.replace(/-/g, '')}${String(serial).padStart(5, '0')}`;
