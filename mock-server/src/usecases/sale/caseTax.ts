/**
 * 核税 and 缴税 as the parties see them: every line of the assessment with its rule and source,
 * the payment and the receipt; paying charges once per case, obtains the sealed 完税证明 from the
 * tax department, verifies it as shared data and only then records the 缴税 step of the case.
 */
import { awaitsTax } from '../../domain/cases/status';
import { AppError } from '../../domain/errors';
import type { CaseStore, TaxPaymentStore } from '../../ports';
import type { CaseView, PartyCaller } from '../cases/types';
import { TaxPaymentError, type TaxPayment } from '../tax/payTax';
import { saleError, type PartyCaseReads, type RecordTaxPaid } from './saleCase';
import type { SaleTaxAssessment } from './taxAssessment';
import type { SharedTaxReceipts } from './taxReceipts';

export interface CaseTaxDeps {
  cases: PartyCaseReads;
  caseStore: Pick<CaseStore, 'get'>;
  recordTaxPaid: RecordTaxPaid;
  assessment: Pick<SaleTaxAssessment, 'stored' | 'ensure'>;
  taxPayment: Pick<TaxPayment, 'payTax' | 'verifyTaxPaid'>;
  payments: Pick<TaxPaymentStore, 'chargeOf' | 'receiptOf'>;
  receipts: Pick<SharedTaxReceipts, 'of' | 'view'>;
}

export class CaseTax {
  /**
   * One payment run per case at a time IN THIS PROCESS: a double tap waits for the first and
   * reuses it. This only saves work; exactly-once does not depend on it: across nodes the
   * gateway charges once per key (its ledger is shared), the store records one charge and one
   * receipt per case, the department issues one receipt per case, and the 缴税 step is taken
   * once (a case no longer awaiting tax is left as it is).
   */
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: CaseTaxDeps) {}

  /** What the app shows under 缴税: every line with its rule, the payment and the receipt. */
  async tax(caller: PartyCaller, caseId: string) {
    const view = await this.deps.cases.getCase(caller, caseId);
    const c = view.case;
    let stored = await this.deps.assessment.stored(caseId);
    if (!stored) {
      if (!awaitsTax(c)) throw saleError('CONFLICT', '办件尚未进入缴税环节');
      stored = await this.deps.assessment.ensure(c);
    }
    const charge = await this.deps.payments.chargeOf(caseId);
    const receipt =
      (await this.deps.payments.receiptOf(caseId)) ?? (await this.deps.receipts.of(caseId));
    return {
      caseId,
      status: c.status,
      assessment: stored.assessment,
      facts: stored.facts,
      assessedAt: stored.assessedAt,
      canPay: view.availableActions.includes('payTax'),
      ...(charge
        ? {
            payment: {
              chargeId: charge.chargeId,
              amountFen: charge.amountFen,
              chargedAt: charge.chargedAt,
            },
          }
        : {}),
      ...(receipt ? this.deps.receipts.view(receipt) : {}),
    };
  }

  /**
   * 缴税: charge once (concurrent taps share one run; retries reuse the case's key), obtain the
   * sealed receipt, verify it as shared data, then record the 缴税 step. Safe to call again.
   * Answers the case as the caller now sees it.
   */
  async pay(caller: PartyCaller, caseId: string): Promise<CaseView> {
    const running = this.inflight.get(caseId);
    if (running) await running.catch(() => undefined);
    const run = this.payOnce(caller, caseId);
    this.inflight.set(caseId, run);
    try {
      await run;
    } finally {
      if (this.inflight.get(caseId) === run) this.inflight.delete(caseId);
    }
    return this.deps.cases.getCase(caller, caseId);
  }

  private async payOnce(caller: PartyCaller, caseId: string): Promise<void> {
    const view = await this.deps.cases.getCase(caller, caseId);
    const c = view.case;
    if ((await this.deps.payments.receiptOf(caseId)) && !awaitsTax(c)) return; // paid already
    if (!view.availableActions.includes('payTax'))
      throw saleError('CONFLICT', awaitsTax(c) ? '您无权缴纳本办件税款' : '办件当前不在缴税环节');
    const stored = await this.deps.assessment.ensure(c);
    try {
      await this.deps.taxPayment.payTax({
        caseId,
        payerId: caller.personId,
        assessment: stored.assessment,
        unitCode: c.unitCode,
      });
    } catch (e) {
      if (e instanceof TaxPaymentError) {
        throw new AppError(e.code, e.message, { cause: e, retryAfterSeconds: 5 });
      }
      throw e;
    }
    // the registry checks payment by shared data (契税法 §11), never by a paper receipt
    const check = await this.deps.taxPayment.verifyTaxPaid(caseId);
    if (!check.paid || !check.receipt)
      throw saleError('RECEIPT_UNAVAILABLE', check.reason ?? '完税信息尚未共享，请稍后重试');
    const fresh = await this.deps.caseStore.get(caseId);
    if (!fresh || !awaitsTax(fresh)) return;
    try {
      await this.deps.recordTaxPaid(caller, caseId, {
        taxReceiptNo: check.receipt.body.receiptNo,
        note: `完税证明${check.receipt.body.receiptNo}（税务部门共享，电子印章有效）`,
      });
    } catch (e) {
      // a tap that reached another node took the 缴税 step between the read above and this
      // one: the case is paid, and this tap answers it as it now is
      const now = await this.deps.caseStore.get(caseId);
      if (now && !awaitsTax(now)) return;
      throw e;
    }
  }
}
