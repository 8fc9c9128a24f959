/**
 * taxReceipt (电子完税证明): the tax department's sealed statement that a case's taxes were paid.
 * Sealed with the TAX DEPARTMENT's own SM2 key (not the registry's): SM2 (default user id) over
 * the UTF-8 canonical JSON of the body; `digest` is SM3 of that JSON. The registry verifies it
 * with the department's public key (shared data, 契税法 §11) and never asks for paper.
 * Pure: the private key and the nonce source are injected.
 */
import {
  bytesToHex,
  canonicalJson,
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
import type { TaxKind, TaxPayer } from './assess';

/** Assumption: the wording of the department's seal. */
export const TAX_DEPARTMENT_NAME = '国家税务总局台州市税务局（模拟）';

export interface TaxReceiptLine {
  tax: TaxKind;
  payer: TaxPayer;
  baseFen: number;
  rate: number;
  amountFen: number;
}

export interface TaxReceiptBody {
  receiptNo: string;
  caseId: string;
  /** the taxpayer (纳税人) this receipt is for: they paid exactly the lines listed */
  taxpayer?: { personId: string; name: string };
  unitCode?: string;
  lines: TaxReceiptLine[];
  totalFen: number;
  /** the payment gateway's charge that paid it */
  chargeId: string;
  paidAt: string;
  issuedAt: string;
  issuer: string;
}

export interface TaxReceiptSeal {
  algorithm: 'SM2-with-SM3';
  userId: string;
  keyId: string;
  publicKey: string;
  digest: string;
  signature: string;
}

export interface TaxReceipt {
  body: TaxReceiptBody;
  seal: TaxReceiptSeal;
}

export const taxReceiptDigestHex = (body: TaxReceiptBody): string =>
  bytesToHex(sm3(utf8(canonicalJson(body))));

export function sealTaxReceipt(
  body: TaxReceiptBody,
  key: { keyId: string; privateKey: bigint },
  kSource: KSource,
): TaxReceipt {
  const signature = sm2Sign(key.privateKey, utf8(canonicalJson(body)), kSource);
  return {
    body,
    seal: {
      algorithm: 'SM2-with-SM3',
      userId: SM2_DEFAULT_USER_ID,
      keyId: key.keyId,
      publicKey: encodePublicKeyHex(publicKeyFromPrivateKey(key.privateKey)),
      digest: taxReceiptDigestHex(body),
      signature: encodeSignatureHex(signature),
    },
  };
}

/**
 * True only when the seal was made over exactly this body by the key whose public half is
 * `trustedPublicKeyHex` (the department's, obtained out of band — never the one inside the
 * receipt) and the printed digest matches.
 */
export function verifyTaxReceipt(receipt: TaxReceipt, trustedPublicKeyHex: string): boolean {
  try {
    if (receipt.seal.publicKey.toLowerCase() !== trustedPublicKeyHex.toLowerCase()) return false;
    if (receipt.seal.digest !== taxReceiptDigestHex(receipt.body)) return false;
    return sm2Verify(
      decodePublicKeyHex(trustedPublicKeyHex),
      utf8(canonicalJson(receipt.body)),
      decodeSignatureHex(receipt.seal.signature),
    );
  } catch {
    return false;
  }
}
