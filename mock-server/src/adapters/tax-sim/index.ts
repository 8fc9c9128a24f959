/**
 * The tax department simulator (税务): issues the sealed electronic 完税证明
 * (taxReceipt) for a paid case, at most one per case and taxpayer (asking again returns the same
 * receipt; each names its taxpayer),
 * with ITS OWN SM2 key (loadTaxDepartmentKey: the key its shared-data answers are sealed with) —
 * not the registry's seal key nor the signature CA's. It can be made
 * unavailable by a fault plan ('transient' / 'timeout…' faults → PaymentFailure('unavailable')).
 * Receipts are kept in the registry's database (tax_department_receipts, migration 0009).
 */
import { randomBytes } from 'node:crypto';
import {
  bytesToBigint,
  encodePublicKeyHex,
  kSourceFromRandomBytes,
  publicKeyFromPrivateKey,
  SM2_CURVE,
  type KSource,
} from '../../domain/crypto';
import { sealTaxReceipt, TAX_DEPARTMENT_NAME, type TaxReceipt } from '../../domain/tax';
import {
  PaymentFailure,
  type Clock,
  type IdGenerator,
  type ReceiptRequest,
  type TaxDepartment,
} from '../../ports';
import type { KeyStore } from '../../ports/keys';
import { publishInDatabase } from '../keys/databaseKeys';
import { dataSourceKeyName } from '../keys/keyNames';
import { noFaults, type FaultPlan } from '../payment-sim/faults';
import type { SqlDb } from '../sql/types';

/** where the department keeps what it issued: one receipt per case, first one wins */
export interface IssuedReceipts {
  get(caseId: string, payerId?: string): Promise<TaxReceipt | undefined>;
  putIfAbsent(caseId: string, receipt: TaxReceipt, payerId?: string): Promise<TaxReceipt>;
}

const ISSUED_SQL =
  'SELECT receipt_json FROM tax_department_receipts WHERE case_id = ? AND payer_id = ?';

/**
 * The department's receipts in the registry's database (tax_department_receipts, migration
 * 0009): every node asking for a case's receipt finds the one issued, by whichever node asked
 * first; the primary key keeps the first of two issued at once.
 */
export class SqlIssuedReceipts implements IssuedReceipts {
  constructor(private readonly db: SqlDb) {}
  async get(caseId: string, payerId = ''): Promise<TaxReceipt | undefined> {
    const row = await this.db.get<{ receipt_json: string }>(ISSUED_SQL, [caseId, payerId]);
    return row && (JSON.parse(row.receipt_json) as TaxReceipt);
  }
  async putIfAbsent(caseId: string, receipt: TaxReceipt, payerId = ''): Promise<TaxReceipt> {
    await this.db.run(
      `INSERT INTO tax_department_receipts (case_id, payer_id, receipt_no, receipt_json, issued_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, payer_id) DO NOTHING`,
      [caseId, payerId, receipt.body.receiptNo, JSON.stringify(receipt), receipt.body.issuedAt],
    );
    return (await this.get(caseId, payerId)) as TaxReceipt;
  }
}

export interface SimulatedTaxDepartmentOptions {
  keyId: string;
  privateKey: bigint;
  clock: Clock;
  ids: IdGenerator;
  issued: IssuedReceipts;
  faults?: FaultPlan;
  kSource?: KSource;
}

export class SimulatedTaxDepartment implements TaxDepartment {
  readonly name = TAX_DEPARTMENT_NAME;
  readonly keyId: string;
  readonly publicKeyHex: string;
  private readonly issued: IssuedReceipts;
  private readonly faults: FaultPlan;
  private readonly kSource: KSource;

  constructor(private readonly opts: SimulatedTaxDepartmentOptions) {
    this.keyId = opts.keyId;
    this.publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(opts.privateKey));
    this.issued = opts.issued;
    this.faults = opts.faults ?? noFaults;
    this.kSource = opts.kSource ?? kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));
  }

  async issueReceipt(request: ReceiptRequest): Promise<TaxReceipt> {
    await Promise.resolve();
    if ((await this.faults.next()) !== 'ok') {
      throw new PaymentFailure('unavailable', '税务系统暂时不可用');
    }
    const payerId = request.taxpayer?.personId;
    const existing = await this.issued.get(request.caseId, payerId);
    if (existing) return existing;
    const receipt = sealTaxReceipt(
      {
        receiptNo: this.opts.ids.next('WSZM'),
        caseId: request.caseId,
        ...(request.taxpayer ? { taxpayer: { ...request.taxpayer } } : {}),
        ...(request.unitCode ? { unitCode: request.unitCode } : {}),
        lines: request.lines.map((l) => ({ ...l })),
        totalFen: request.totalFen,
        chargeId: request.chargeId,
        paidAt: request.paidAt,
        issuedAt: this.opts.clock.now().toISOString(),
        issuer: TAX_DEPARTMENT_NAME,
      },
      { keyId: this.keyId, privateKey: this.opts.privateKey },
      this.kSource,
    );
    return this.issued.putIfAbsent(request.caseId, receipt, payerId);
  }

  async receiptOf(caseId: string, payerId?: string): Promise<TaxReceipt | undefined> {
    return this.issued.get(caseId, payerId);
  }
}

/** A fresh random key (tests, in-memory demo). */
export function generateTaxDepartmentKey(): { keyId: string; privateKey: bigint } {
  let d = 0n;
  while (d < 1n || d > SM2_CURVE.n - 2n) d = bytesToBigint(new Uint8Array(randomBytes(32)));
  const pub = encodePublicKeyHex(publicKeyFromPrivateKey(d));
  return { keyId: `TAX-${pub.slice(2, 18).toUpperCase()}`, privateKey: d };
}

/**
 * The department's key: the key store's 'data-source.tax', the one key that seals both 税务's
 * shared-data answers and its 完税证明 (so a receipt verifies with the key published at
 * GET /api/v1/data-sources); its public halves also published in tax_department_keys.
 */
export async function loadTaxDepartmentKey(
  db: SqlDb,
  keys: KeyStore,
): Promise<{ keyId: string; privateKey: bigint }> {
  const name = dataSourceKeyName('tax');
  const key = await keys.current(name);
  await publishInDatabase(db, name, keys);
  return { keyId: key.keyId, privateKey: key.privateKey };
}
