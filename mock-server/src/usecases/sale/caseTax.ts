/**
 * 核税 and 缴税 as the parties see them. Per taxpayer (docs/registry-facts.md §13): each party sees
 * only the lines naming them, with rule and source, pays only those (after confirming the amount
 * on their own phone), and gets their own sealed 完税证明 naming them; nobody pays another's
 * lines. Paying charges once per case and taxpayer, obtains the receipt from the tax department,
 * verifies it as shared data, and the 缴税 step of the case is recorded once every taxpayer who
 * owes has paid. A case outside every rule waits for manual assessment (待人工核定): nothing can be
 * paid. An assessment made for the whole case before taxes were per taxpayer is paid as before.
 */
import { awaitsTax } from '../../domain/cases/status';
import { AppError } from '../../domain/errors';
import {
  amountOwedBy,
  isPerTaxpayer,
  linesOf,
  taxpayersWhoOwe,
  type TaxAssessment,
} from '../../domain/tax';
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
  receipts: Pick<SharedTaxReceipts, 'of' | 'view' | 'paid'>;
}

/** What the payer confirmed on the confirmation screen (both optional: an older app sends neither). */
export interface TaxPaymentConfirmation {
  /** whose lines are being paid: must be the caller */
  taxpayerId?: string;
  /** the amount shown and confirmed, fen: must be what the caller owes now */
  amountFen?: number;
}

const notYours = (message: string) => new AppError('TAX_NOT_YOURS', message);

/** the caller's own share of a per-taxpayer assessment: their lines and totals only */
function ownView(a: TaxAssessment, personId: string): TaxAssessment {
  const lines = linesOf(a, personId);
  const sum = (p: 'rightHolder' | 'obligor') =>
    lines.filter((l) => l.payer === p).reduce((s, l) => s + l.amountFen, 0);
  const rightHolder = sum('rightHolder');
  const obligor = sum('obligor');
  return { ...a, lines, totals: { rightHolder, obligor, all: rightHolder + obligor } };
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
    const a = stored.assessment;
    const perTaxpayer = isPerTaxpayer(a);
    const payerId = perTaxpayer ? caller.personId : undefined;
    const charge = await this.deps.payments.chargeOf(caseId, payerId);
    const receipt =
      (await this.deps.payments.receiptOf(caseId, payerId)) ??
      (await this.deps.receipts.of(caseId, payerId));
    const mine = perTaxpayer ? ownView(a, caller.personId) : a;
    const owes = perTaxpayer ? linesOf(a, caller.personId).length > 0 : true;
    return {
      caseId,
      status: c.status,
      assessment: mine,
      facts: stored.facts,
      assessedAt: stored.assessedAt,
      canPay: view.availableActions.includes('payTax') && owes && !a.manual && !receipt,
      ...(perTaxpayer ? { perTaxpayer: { ownFen: mine.totals.all, hasLines: owes } } : {}),
      ...(a.manual ? { manualAssessment: a.manual } : {}),
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
  async pay(
    caller: PartyCaller,
    caseId: string,
    confirmation: TaxPaymentConfirmation = {},
  ): Promise<CaseView> {
    const key = `${caseId}/${caller.personId}`;
    const running = this.inflight.get(key);
    if (running) await running.catch(() => undefined);
    const run = this.payOnce(caller, caseId, confirmation);
    this.inflight.set(key, run);
    try {
      await run;
    } finally {
      if (this.inflight.get(key) === run) this.inflight.delete(key);
    }
    return this.deps.cases.getCase(caller, caseId);
  }

  private async payOnce(
    caller: PartyCaller,
    caseId: string,
    confirmation: TaxPaymentConfirmation,
  ): Promise<void> {
    // asking to pay somebody else's lines is refused before anything is read or charged
    if (confirmation.taxpayerId !== undefined && confirmation.taxpayerId !== caller.personId)
      throw notYours('只能缴纳本人名下的税款，其他纳税人的税款须由其本人缴纳');
    const view = await this.deps.cases.getCase(caller, caseId);
    const c = view.case;
    const known = await this.deps.assessment.stored(caseId);
    const perTaxpayer = known ? isPerTaxpayer(known.assessment) : true;
    const payerId = perTaxpayer ? caller.personId : undefined;
    if ((await this.deps.payments.receiptOf(caseId, payerId)) && !awaitsTax(c)) return; // paid already
    if (!view.availableActions.includes('payTax'))
      throw saleError('CONFLICT', awaitsTax(c) ? '您无权缴纳本办件税款' : '办件当前不在缴税环节');
    const stored = known ?? (await this.deps.assessment.ensure(c));
    const a = stored.assessment;
    if (isPerTaxpayer(a)) {
      if (a.manual)
        throw new AppError(
          'TAX_MANUAL_ASSESSMENT',
          `本办件税款待税务部门人工核定：${a.manual.reason}`,
        );
      if (linesOf(a, caller.personId).length === 0) throw notYours('本办件没有您名下的应缴税款');
    }
    const owed = isPerTaxpayer(a) ? amountOwedBy(a, caller.personId) : a.totals.all;
    if (confirmation.amountFen !== undefined && confirmation.amountFen !== owed)
      throw new AppError('TAX_AMOUNT_CHANGED', '应缴金额已变化，请重新查看并确认后再缴纳');
    try {
      await this.deps.taxPayment.payTax({
        caseId,
        payerId: caller.personId,
        assessment: a,
        unitCode: c.unitCode,
        ...(isPerTaxpayer(a) ? { taxpayer: { personId: caller.personId, name: caller.name } } : {}),
      });
    } catch (e) {
      if (e instanceof TaxPaymentError) {
        throw new AppError(e.code, e.message, { cause: e, retryAfterSeconds: 5 });
      }
      throw e;
    }
    // the registry checks payment by shared data (契税法 §11), never by a paper receipt
    const check = await this.deps.taxPayment.verifyTaxPaid(
      caseId,
      isPerTaxpayer(a) ? caller.personId : undefined,
    );
    if (!check.paid || !check.receipt)
      throw saleError('RECEIPT_UNAVAILABLE', check.reason ?? '完税信息尚未共享，请稍后重试');
    const fresh = await this.deps.caseStore.get(caseId);
    if (!fresh || !awaitsTax(fresh)) return;
    // the 缴税 step waits for every taxpayer who owes (each pays on their own phone)
    if (isPerTaxpayer(a) && !(await this.deps.receipts.paid(fresh))) return;
    const others = isPerTaxpayer(a)
      ? taxpayersWhoOwe(a).filter((t) => t.personId !== caller.personId).length
      : 0;
    try {
      await this.deps.recordTaxPaid(caller, caseId, {
        taxReceiptNo: check.receipt.body.receiptNo,
        note:
          others > 0
            ? `各纳税人已分别缴纳本人名下税款，完税证明（税务部门共享，电子印章有效）共${others + 1}份`
            : `完税证明${check.receipt.body.receiptNo}（税务部门共享，电子印章有效）`,
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
