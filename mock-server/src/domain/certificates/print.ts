/**
 * The printable rendition of a 不动产权证书 (ADR 0003): what the PDF says, the
 * QR's verify URL and the detached SM2 signature over the file. Pure: keys and nonces injected.
 *
 * The QR on paper must not be a token that discloses everything forever. It carries the certificate's
 * id and a 128-bit check value derived from the certificate's seal (only someone who has seen the
 * sealed certificate can make it); the /verify page asks the registry for the status *now* and
 * shows only the certificate number and that status — the paper already shows the rest.
 */
import { beijingMinute, dateText } from '../time';
import {
  bytesToHex,
  decodePublicKeyHex,
  decodeSignatureHex,
  encodePublicKeyHex,
  encodeSignatureHex,
  publicKeyFromPrivateKey,
  sm2Sign,
  sm2Verify,
  sm3,
  utf8,
  SM2_DEFAULT_USER_ID,
  type KSource,
} from '../crypto';
import {
  certificateVerifyPath,
  qrCheckIn,
  REGISTRY_SEAL_NAME,
  SEAL_ALGORITHM,
  type TitleCertificateBody,
} from '../documents';

export const ONLINE_AUTHORITATIVE = '本文件为电子证书的打印版，证书状态以在线核验结果为准。';

export type PrintWatermark = '已注销' | '已作废';

export interface CertificatePrint {
  title: string;
  number: string;
  /** the national form's rows, in its order (docs/registry-facts.md §3) */
  rows: { label: string; value: string }[];
  remarks: string;
  issuer: string;
  sealName: string;
  registeredOn: string;
  licenceId: string;
  sealDigest: string;
  statusLine: string;
  watermark?: PrintWatermark;
  verifyUrl: string;
  printedAt: string;
  notice: string;
}

/** 2026-03-05 → 2026年3月5日; an instant → its Beijing day (the time module). */
export const chineseDate = (isoDate: string) => dateText(isoDate);

/** An instant as Beijing time, 2026-03-05 14:07 (the time module). */
export { beijingMinute };

/** The QR's check value: SM3 of the seal signature, 128 bits in hex. */
export const printCheckValue = (sealSignatureHex: string) =>
  bytesToHex(sm3(utf8(`HE-PRINT-1|${sealSignatureHex.toLowerCase()}`))).slice(0, 32);

/** The public verify page with the certificate's id and check value (no personal data). */
export const printVerifyUrl = (origin: string, certificateId: string, check: string) =>
  `${origin.replace(/\/+$/, '')}${certificateVerifyPath(certificateId, check)}`;

/**
 * The check value a certificate's QR carries, on screen, in its sealed body and on its PDF
 * alike: the one in the sealed body's QR field, or (sealed before that field verified) the one
 * derived from its seal.
 */
export const qrCheckOf = (
  document: { body: unknown; seal: { signature: string } },
  certificateId: string,
): string => qrCheckIn(document.body, certificateId) ?? printCheckValue(document.seal.signature);

/**
 * Whether `check` is a valid QR check of the certificate: the one its QR carries, or the
 * seal-derived one (PDFs printed before the sealed QR field verified carry that one).
 */
export const isQrCheckOf = (
  document: { body: unknown; seal: { signature: string } },
  certificateId: string,
  check: string,
): boolean =>
  check === qrCheckIn(document.body, certificateId) ||
  check === printCheckValue(document.seal.signature);

export function certificatePrint(p: {
  body: TitleCertificateBody;
  sealDigest: string;
  status: { certificate: string; summary: string };
  verifyUrl: string;
  printedAt: string;
}): CertificatePrint {
  const b = p.body;
  const watermark: PrintWatermark | undefined =
    p.status.certificate === 'void'
      ? '已作废'
      : p.status.certificate === 'current'
        ? undefined
        : '已注销';
  return {
    title: b.title,
    number: b.number,
    rows: [
      { label: '权利人', value: b.rightHolders.join('、') },
      { label: '共有情况', value: b.coOwnership },
      { label: '坐落', value: b.location },
      { label: '不动产单元号', value: b.unitCode },
      { label: '权利类型', value: b.rightType },
      { label: '权利性质', value: b.rightNature },
      { label: '用途', value: b.use },
      { label: '面积', value: b.area },
      { label: '使用期限', value: b.term },
      { label: '权利其他状况', value: b.otherState },
    ],
    remarks: b.remarks,
    issuer: b.issuer,
    sealName: REGISTRY_SEAL_NAME,
    registeredOn: chineseDate(b.registeredOn),
    licenceId: b.licenceId,
    sealDigest: p.sealDigest,
    statusLine: `打印时登记状态：${p.status.summary}（${beijingMinute(p.printedAt)}）`,
    ...(watermark ? { watermark } : {}),
    verifyUrl: p.verifyUrl,
    printedAt: beijingMinute(p.printedAt),
    notice: ONLINE_AUTHORITATIVE,
  };
}

// ------------------------------------------------------------------ detached signature

export const DETACHED_SIGNATURE_TYPE = 'estate-detached-signature';

/** `certificate.pdf.sig`: the registry's SM2 signature (SM3 inside) over the file's bytes. */
export interface DetachedSignature {
  type: typeof DETACHED_SIGNATURE_TYPE;
  algorithm: typeof SEAL_ALGORITHM;
  userId: string;
  keyId: string;
  /** 04‖x‖y hex */
  publicKey: string;
  /** SM3 of the exact file bytes, hex */
  digest: string;
  /** r‖s hex */
  signature: string;
  file: string;
  size: number;
}

export function signDetached(
  file: Uint8Array,
  fileName: string,
  key: { keyId: string; privateKey: bigint },
  kSource: KSource,
): DetachedSignature {
  return {
    type: DETACHED_SIGNATURE_TYPE,
    algorithm: SEAL_ALGORITHM,
    userId: SM2_DEFAULT_USER_ID,
    keyId: key.keyId,
    publicKey: encodePublicKeyHex(publicKeyFromPrivateKey(key.privateKey)),
    digest: bytesToHex(sm3(file)),
    signature: encodeSignatureHex(sm2Sign(key.privateKey, file, kSource)),
    file: fileName,
    size: file.length,
  };
}

export type DetachedCheck =
  | { valid: true; digest: string }
  | {
      valid: false;
      digest: string;
      reason: 'malformed' | 'untrustedKey' | 'digestMismatch' | 'badSignature';
    };

/** Checks a file against a detached signature with the registry's published key only. */
export function checkDetached(
  file: Uint8Array,
  sig: unknown,
  trustedPublicKeyHex: string,
): DetachedCheck {
  const digest = bytesToHex(sm3(file));
  const s = sig as Partial<DetachedSignature> | null;
  if (
    !s ||
    typeof s !== 'object' ||
    s.algorithm !== SEAL_ALGORITHM ||
    typeof s.signature !== 'string' ||
    typeof s.publicKey !== 'string' ||
    typeof s.digest !== 'string'
  ) {
    return { valid: false, digest, reason: 'malformed' };
  }
  if (s.publicKey.toLowerCase() !== trustedPublicKeyHex.toLowerCase()) {
    return { valid: false, digest, reason: 'untrustedKey' };
  }
  if (s.digest.toLowerCase() !== digest) return { valid: false, digest, reason: 'digestMismatch' };
  try {
    const ok = sm2Verify(
      decodePublicKeyHex(trustedPublicKeyHex),
      file,
      decodeSignatureHex(s.signature),
      {
        userId: typeof s.userId === 'string' && s.userId ? s.userId : SM2_DEFAULT_USER_ID,
      },
    );
    return ok ? { valid: true, digest } : { valid: false, digest, reason: 'badSignature' };
  } catch {
    return { valid: false, digest, reason: 'malformed' };
  }
}

export const DETACHED_CHECK_MESSAGES: Record<
  Exclude<DetachedCheck, { valid: true }>['reason'],
  string
> = {
  malformed: '签名文件格式不正确，无法核验',
  untrustedKey: '签名不是台州市不动产登记机构作出的',
  digestMismatch: '文件已被改动，与登记机构的签名不符',
  badSignature: '签名无效，文件可能已被改动',
};
