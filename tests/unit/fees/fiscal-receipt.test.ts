/** 财政电子票据 and refund records: sealed by the finance department's key, verified with it only. */
import { randomBytes } from 'node:crypto';
import { generateFinanceDepartmentKey } from '../../../mock-server/src/adapters/finance-sim';
import {
  encodePublicKeyHex,
  kSourceFromRandomBytes,
  publicKeyFromPrivateKey,
} from '../../../mock-server/src/domain/crypto';
import {
  sealFiscalReceipt,
  verifyFinanceSeal,
  type FiscalReceiptBody,
} from '../../../mock-server/src/domain/fees';

const k = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));
const body: FiscalReceiptBody = {
  billCode: '33010126',
  billNo: '0000000001',
  checkCode: 'abc123',
  caseId: 'CASE-1',
  payerId: 'B',
  payerName: '买方',
  payee: '台州市自然资源和规划局',
  items: [{ name: '不动产登记费（住宅）', amountFen: 8000 }],
  totalFen: 8000,
  chargeId: 'CHG-1',
  paidAt: '2026-03-20T02:00:00.000Z',
  issuedAt: '2026-03-20T02:00:01.000Z',
  issuer: '台州市财政局（模拟）',
};

it('verifies with the finance key; not with another key, nor after a change', () => {
  const key = generateFinanceDepartmentKey();
  const other = generateFinanceDepartmentKey();
  const pub = encodePublicKeyHex(publicKeyFromPrivateKey(key.privateKey));
  const r = sealFiscalReceipt(body, key, k);
  expect(verifyFinanceSeal(r, pub)).toBe(true);
  expect(verifyFinanceSeal(r, encodePublicKeyHex(publicKeyFromPrivateKey(other.privateKey)))).toBe(
    false,
  );
  expect(verifyFinanceSeal({ ...r, body: { ...r.body, totalFen: 1 } }, pub)).toBe(false);
});
