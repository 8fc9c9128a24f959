/**
 * 财政电子票据 (electronic fiscal receipt) of a registration fee, and the 退付凭证 (refund record)
 * of a case withdrawn or refused after payment (docs/registry-facts.md §14). Both are sealed by the
 * FINANCE DEPARTMENT's own SM2 key (the treasury receives fees and pays refunds, 国库退库), never the
 * registry's: SM2 (default user id) over the UTF-8 canonical JSON of the body; `digest` is SM3 of
 * that JSON. Anyone checks them with the finance key published at GET /api/v1/keys.
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

/** Assumption: the wording of the finance department's seal. */
export const FINANCE_DEPARTMENT_NAME = '台州市财政局（模拟）';

export interface FinanceSeal {
  algorithm: 'SM2-with-SM3';
  userId: string;
  keyId: string;
  publicKey: string;
  digest: string;
  signature: string;
}

export interface FiscalReceiptItem {
  /** 收费项目, e.g. 不动产登记费（住宅） */
  name: string;
  amountFen: number;
}

export interface FiscalReceiptBody {
  /** 票据代码 and 票据号码 */
  billCode: string;
  billNo: string;
  /** 校验码 printed on the receipt */
  checkCode: string;
  caseId: string;
  /** 交款人 */
  payerId: string;
  payerName: string;
  /** 收款单位 */
  payee: string;
  items: FiscalReceiptItem[];
  totalFen: number;
  chargeId: string;
  paidAt: string;
  issuedAt: string;
  issuer: string;
}

export interface FiscalReceipt {
  body: FiscalReceiptBody;
  seal: FinanceSeal;
}

export type RefundKind = 'fee' | 'tax';
export type RefundReason = 'withdrawn' | 'refused' | 'notAccepted';

export const REFUND_REASON_NAMES: Record<RefundReason, string> = {
  withdrawn: '申请人撤回申请',
  refused: '不予登记',
  notAccepted: '不予受理',
};

export interface RefundRecordBody {
  refundNo: string;
  caseId: string;
  kind: RefundKind;
  /** 退付对象: who paid (and gets the money back) */
  payerId: string;
  amountFen: number;
  /** the payment refunded and the receipt it reverses (财政电子票据 or 完税证明 number) */
  chargeId: string;
  receiptNo?: string;
  /** the gateway's refund */
  refundId: string;
  reason: RefundReason;
  refundedAt: string;
  issuedAt: string;
  issuer: string;
}

export interface RefundRecord {
  body: RefundRecordBody;
  seal: FinanceSeal;
}

export const financeDigestHex = (body: object): string =>
  bytesToHex(sm3(utf8(canonicalJson(body))));

function seal(body: object, key: { keyId: string; privateKey: bigint }, k: KSource): FinanceSeal {
  const signature = sm2Sign(key.privateKey, utf8(canonicalJson(body)), k);
  return {
    algorithm: 'SM2-with-SM3',
    userId: SM2_DEFAULT_USER_ID,
    keyId: key.keyId,
    publicKey: encodePublicKeyHex(publicKeyFromPrivateKey(key.privateKey)),
    digest: financeDigestHex(body),
    signature: encodeSignatureHex(signature),
  };
}

export const sealFiscalReceipt = (
  body: FiscalReceiptBody,
  key: { keyId: string; privateKey: bigint },
  kSource: KSource,
): FiscalReceipt => ({ body, seal: seal(body, key, kSource) });

export const sealRefundRecord = (
  body: RefundRecordBody,
  key: { keyId: string; privateKey: bigint },
  kSource: KSource,
): RefundRecord => ({ body, seal: seal(body, key, kSource) });

/**
 * True only when the seal was made over exactly this body by the key whose public half is
 * `trustedPublicKeyHex` (the finance department's as published — never the one inside the
 * document) and the printed digest matches.
 */
export function verifyFinanceSeal(
  doc: { body: object; seal: FinanceSeal },
  trustedPublicKeyHex: string,
): boolean {
  try {
    if (doc.seal.publicKey.toLowerCase() !== trustedPublicKeyHex.toLowerCase()) return false;
    if (doc.seal.digest !== financeDigestHex(doc.body)) return false;
    return sm2Verify(
      decodePublicKeyHex(trustedPublicKeyHex),
      utf8(canonicalJson(doc.body)),
      decodeSignatureHex(doc.seal.signature),
    );
  } catch {
    return false;
  }
}
