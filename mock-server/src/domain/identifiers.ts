/**
 * Identifiers of the registry and their checks (docs/registry-facts.md §2). Pure functions, no I/O.
 *
 *  - 公民身份号码 (GB 11643-1999): citizenId
 *  - 统一社会信用代码 (GB 32100-2015): uscc
 *  - 不动产单元号 (GB/T 37346-2019): unitCode — structure only, the standard has no check digit
 *  - 不动产权证书号 / 不动产证明号: certificate numbers
 *  - 证照标识 (GB/T 36904-2018): licenceId, check character ISO/IEC 7064 MOD 37,36
 */
import { isTaizhouCounty } from './counties';

export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };
const fail = (reason: string) => ({ ok: false as const, reason });

// ---------------------------------------------------------------- 公民身份号码 (citizenId)

const CITIZEN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CITIZEN_ID_CHECK = '10X98765432';

/** Check character for the first 17 digits of a 公民身份号码. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('first17 must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CITIZEN_ID_WEIGHTS[i];
  return CITIZEN_ID_CHECK[sum % 11];
}

/** Proleptic Gregorian check of a YYYYMMDD date without touching a clock. */
export function isCalendarDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

export interface CitizenIdInfo {
  idNumber: string;
  areaCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
}

/**
 * Validates an 18-character 公民身份号码. A lowercase x is accepted and normalised to X.
 * `today` (YYYY-MM-DD), when given, rejects birth dates in the future.
 */
export function checkCitizenId(input: string, today?: string): Check<CitizenIdInfo> {
  const id = input.trim().toUpperCase();
  if (id.length !== 18) return fail('公民身份号码应为18位');
  if (!/^\d{17}[\dX]$/.test(id)) return fail('公民身份号码前17位应为数字，末位为数字或X');
  if (!/^[1-9]\d{5}/.test(id)) return fail('公民身份号码地址码不正确');
  const birth = id.slice(6, 14);
  const year = Number(birth.slice(0, 4));
  if (!isCalendarDate(birth) || year < 1900) return fail('公民身份号码出生日期不正确');
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (today !== undefined && birthDate > today) return fail('公民身份号码出生日期不正确');
  if (citizenIdCheckChar(id.slice(0, 17)) !== id[17]) return fail('公民身份号码校验码不正确');
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber: id, areaCode: id.slice(0, 6), birthDate, sex } };
}

export const isValidCitizenId = (id: string): boolean => checkCitizenId(id).ok;

// ---------------------------------------------------------------- 统一社会信用代码 (uscc)

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

/** Check character for the first 17 characters of a 统一社会信用代码. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('first17 must be 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`character ${first17[i]} is not in the USCC alphabet`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

export function checkUscc(input: string): Check<string> {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return fail('统一社会信用代码应为18位');
  for (const ch of code) {
    if (!USCC_ALPHABET.includes(ch)) return fail('统一社会信用代码含有不允许的字符');
  }
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return fail('统一社会信用代码校验码不正确');
  return { ok: true, value: code };
}

export const isValidUscc = (code: string): boolean => checkUscc(code).ok;

// ---------------------------------------------------------------- 不动产单元号 (unitCode)

export interface UnitCodeParts {
  unitCode: string;
  countyCode: string;
  cadastralDistrict: string;
  subDistrict: string;
  /** G state / J collective / Z disputed */
  landOwnership: string;
  /** A, B, S, X, C, D, E, F, H, G, W, Y */
  parcelType: string;
  parcelNumber: string;
  /** F building, L forest, Q other, W none */
  attachmentCode: string;
  attachmentUnitNumber: string;
}

/** Removes spaces (e.g. from the display form) and upper-cases. */
export const normaliseUnitCode = (input: string): string => input.replace(/\s+/g, '').toUpperCase();

/**
 * Structural check of a 28-character 不动产单元号. With `taizhouOnly` the county code must be one
 * of the nine Taizhou counties. Accepts the display form with spaces.
 */
export function checkUnitCode(
  input: string,
  opts: { taizhouOnly?: boolean } = {},
): Check<UnitCodeParts> {
  const code = normaliseUnitCode(input);
  if (code.length !== 28) return fail('不动产单元号应为28位');
  const countyCode = code.slice(0, 6);
  if (!/^[1-9]\d{5}$/.test(countyCode)) return fail('不动产单元号的县级行政区划代码不正确');
  if (opts.taizhouOnly && !isTaizhouCounty(countyCode)) return fail('不动产单元不在台州市辖区内');
  if (!/^\d{3}$/.test(code.slice(6, 9))) return fail('不动产单元号的地籍区代码不正确');
  if (!/^\d{3}$/.test(code.slice(9, 12))) return fail('不动产单元号的地籍子区代码不正确');
  if (!/^[GJZ]$/.test(code[12])) return fail('不动产单元号的土地所有权类型代码不正确');
  if (!/^[ABSXCDEFHGWY]$/.test(code[13])) return fail('不动产单元号的宗地特征码不正确');
  const parcelNumber = code.slice(14, 19);
  if (!/^\d{5}$/.test(parcelNumber) || parcelNumber === '00000') {
    return fail('不动产单元号的宗地顺序号应为00001–99999');
  }
  const attachmentCode = code[19];
  if (!/^[FLQW]$/.test(attachmentCode)) return fail('不动产单元号的定着物特征码不正确');
  const attachmentUnitNumber = code.slice(20, 28);
  if (!/^\d{8}$/.test(attachmentUnitNumber)) return fail('不动产单元号的定着物单元编号应为8位数字');
  if (attachmentCode === 'W' && attachmentUnitNumber !== '00000000') {
    return fail('无定着物的不动产单元号，定着物单元编号应为00000000');
  }
  return {
    ok: true,
    value: {
      unitCode: code,
      countyCode,
      cadastralDistrict: code.slice(6, 9),
      subDistrict: code.slice(9, 12),
      landOwnership: code[12],
      parcelType: code[13],
      parcelNumber,
      attachmentCode,
      attachmentUnitNumber,
    },
  };
}

export const isValidUnitCode = (code: string, opts: { taizhouOnly?: boolean } = {}): boolean =>
  checkUnitCode(code, opts).ok;

/** Display grouping: `331002001001 GB00029 F00010002`. */
export function formatUnitCode(code: string): string {
  const c = normaliseUnitCode(code);
  if (c.length !== 28) throw new RangeError('unit code must have 28 characters');
  return `${c.slice(0, 12)} ${c.slice(12, 19)} ${c.slice(19)}`;
}

// ---------------------------------------------------------------- certificate numbers

export const PROVINCE_ABBREVIATIONS =
  '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

export type CertificateNumberKind = 'titleCertificate' | 'registrationProof';

export interface CertificateNumberParts {
  province: string;
  year: number;
  /** 市县 part, e.g. 台州市 or 温岭市 */
  registryName: string;
  kind: CertificateNumberKind;
  /** digits as printed, leading zeros kept */
  serial: string;
}

/** Default serial length (assumption: 7 digits is common; configurable per call). */
export const DEFAULT_SERIAL_LENGTH = 7;

/**
 * Prints `浙(2026)台州市不动产权第0001234号` (title certificate) or `浙(2026)台州市不动产证明第0001234号`
 * (registration proof), always with half-width brackets.
 */
export function formatCertificateNumber(p: {
  province: string;
  year: number;
  registryName: string;
  kind: CertificateNumberKind;
  serial: number | string;
  serialLength?: number;
}): string {
  const len = p.serialLength ?? DEFAULT_SERIAL_LENGTH;
  const serial = String(p.serial).padStart(len, '0');
  if (!/^\d+$/.test(serial) || serial.length !== len) {
    throw new RangeError(`serial must fit in ${len} digits`);
  }
  if (!Number.isInteger(p.year) || p.year < 1000 || p.year > 9999) throw new RangeError('bad year');
  const word = p.kind === 'titleCertificate' ? '不动产权' : '不动产证明';
  return `${p.province}(${p.year})${p.registryName}${word}第${serial}号`;
}

const CERTIFICATE_NUMBER_RE = new RegExp(
  `^([${PROVINCE_ABBREVIATIONS}])[(（](\\d{4})[)）]([\\u4e00-\\u9fa5]{1,20}?)(不动产权|不动产证明)第(\\d{1,12})号$`,
);

/** Parses a certificate number; half- and full-width brackets are both accepted. */
export function parseCertificateNumber(input: string): Check<CertificateNumberParts> {
  const m = CERTIFICATE_NUMBER_RE.exec(input.trim());
  if (!m) return fail('不动产权证书号或证明号格式不正确');
  return {
    ok: true,
    value: {
      province: m[1],
      year: Number(m[2]),
      registryName: m[3],
      kind: m[4] === '不动产权' ? 'titleCertificate' : 'registrationProof',
      serial: m[5],
    },
  };
}

/** The one printed form of a certificate number (half-width brackets). */
export function canonicalCertificateNumber(input: string): string | null {
  const r = parseCertificateNumber(input);
  if (!r.ok) return null;
  const v = r.value;
  return formatCertificateNumber({ ...v, serialLength: v.serial.length });
}

// ---------------------------------------------------------------- 证照标识 (licenceId)

export const LICENCE_ID_PREFIX = '1.2.156.3005.2';
/** 不动产权证 licence type code (GB/T 36902 catalogue) */
export const LICENCE_TYPE_TITLE_CERTIFICATE = '11100000MB03271699001';
/** 不动产登记证明 licence type code */
export const LICENCE_TYPE_REGISTRATION_PROOF = '11100000MB03271699022';

const MOD36_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO/IEC 7064 MOD 37,36 (hybrid) check character over alphanumerics. */
export function mod3736CheckChar(data: string): string {
  let p = 36;
  for (const ch of data.toUpperCase()) {
    const v = MOD36_ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`character ${ch} is not alphanumeric`);
    p = (p + v) % 36;
    if (p === 0) p = 36;
    p = (2 * p) % 37;
  }
  return MOD36_ALPHABET[(37 - p) % 36];
}

export interface LicenceIdParts {
  type: string;
  issuerCode: string;
  serial: string;
  version: string;
}

export function licenceIdCheckChar(p: LicenceIdParts): string {
  return mod3736CheckChar(`${p.type}${p.issuerCode}${p.serial}${p.version}`);
}

export function formatLicenceId(p: LicenceIdParts): string {
  for (const part of [p.type, p.issuerCode, p.serial, p.version]) {
    if (!/^[0-9A-Z]+$/.test(part)) throw new RangeError('licence id parts must be [0-9A-Z]+');
  }
  return `${LICENCE_ID_PREFIX}.${p.type}.${p.issuerCode}.${p.serial}.${p.version}.${licenceIdCheckChar(p)}`;
}

export function checkLicenceId(input: string): Check<LicenceIdParts & { check: string }> {
  const id = input.trim().toUpperCase();
  if (!id.startsWith(`${LICENCE_ID_PREFIX}.`)) return fail('证照标识前缀应为1.2.156.3005.2');
  const parts = id.slice(LICENCE_ID_PREFIX.length + 1).split('.');
  if (parts.length !== 5 || parts.some((x) => !/^[0-9A-Z]+$/.test(x))) {
    return fail('证照标识应由类型、颁发机构、流水号、版本和校验位五段组成');
  }
  const [type, issuerCode, serial, version, check] = parts;
  if (check.length !== 1) return fail('证照标识校验位应为1位');
  const value = { type, issuerCode, serial, version, check };
  if (licenceIdCheckChar(value) !== check) return fail('证照标识校验位不正确');
  return { ok: true, value };
}

export const isValidLicenceId = (id: string): boolean => checkLicenceId(id).ok;
