/**
 * The home sale as one online flow (一件事), on top of the case and signing
 * use cases:
 * - 在线签约: buyer and seller fill the contract terms; the terms are a document of the signing
 *   bundle (a change voids signatures); once every party has signed, the contract is filed with
 *   the housing department (ContractFiling, idempotent, 网签备案号) just before the submission
 *   fetches the case's shared data, so the filed contract is a sealed 住建 record of the case.
 * - 核税: when the case waits for tax, the assessment is made from the filed contract's price,
 *   the register (area, holding period), the buyer family's housing count (shared), the sellers'
 *   only-home status and the 核价 table, and stored on the case (the first one stands).
 * - 缴税: payTax charges once per case; the sealed 完税证明 is issued by the tax department and
 *   the registry verifies it (shared data, seal checked with the trusted key) before it lets the
 *   case move on; no paper receipt is ever asked for.
 * - 水电气网联动过户: the buyer opts in while applying; after recording every chosen provider is
 *   notified, retried on failure, and its confirmation kept and told to the parties.
 */
import { beijingDate, type CaseRecord, type TimelineEntry } from '../../domain/cases';
import { AppError, notFound } from '../../domain/errors';
import {
  checkContractTerms,
  checkUtilityChoices,
  contractTermsView,
  UTILITY_NAMES,
  type UtilityChoice,
  type UtilityKind,
} from '../../domain/sale';
import {
  assessTax,
  DEFAULT_TAX_CONFIG,
  formatFen,
  referencePricePerSqm,
  verifyTaxReceipt,
  type PropertyUse,
  type TaxConfig,
  type TaxInput,
  type TaxReceipt,
} from '../../domain/tax';
import type {
  CaseStore,
  Clock,
  PartyDirectory,
  RegisterRepository,
  TaxDepartment,
  TaxPaymentStore,
} from '../../ports';
import { digestOf } from '../../domain/signing';
import type { ContractFiling, ContractTerms, FiledContract } from '../../ports/contracts';
import {
  UtilityFailure,
  type ContractTermsStore,
  type FamilyHousingLookup,
  type StoredTaxAssessment,
  type TaxAssessmentStore,
  type TaxFactSource,
  type UtilityProvider,
  type UtilityRequest,
  type UtilityStore,
} from '../../ports/sale';
import type { CaseService, CaseView, PartyCaller } from '../cases/service';
import type { TrackChanges } from '../signing/changeTracking';
import { TaxPaymentError, type TaxPayment } from '../tax/payTax';

export interface SaleDeps {
  cases: CaseService;
  caseStore: CaseStore;
  /** signing: change tracking (voids signatures over old terms) and whether everybody signed */
  signing: { tracking: TrackChanges; signedByAll: (caseId: string) => boolean };
  register: RegisterRepository;
  parties: PartyDirectory;
  terms: ContractTermsStore;
  filing: ContractFiling;
  familyHousing: FamilyHousingLookup;
  /** 民政 marriages: the spouses of a person (person ids) */
  spousesOf: (personId: string) => string[];
  assessments: TaxAssessmentStore;
  taxPayment: TaxPayment;
  taxDepartment: TaxDepartment;
  /** the department's key as the registry trusts it */
  taxDepartmentPublicKeyHex: string;
  /** the tax department's issued receipts, read synchronously (shared data, seal checked) */
  sharedReceiptOf: (caseId: string) => TaxReceipt | undefined;
  payments: TaxPaymentStore;
  utilities: UtilityStore;
  providers: Record<UtilityKind, UtilityProvider>;
  clock: Clock;
  taxConfig?: TaxConfig;
  utilityRetry?: { maxAttempts: number; backoffMs: number };
  sleep?: (ms: number) => Promise<void>;
  /** told of failures of background work (utility notifications); never personal data */
  onBackgroundError?: (e: unknown) => void;
}

/** The business type that has an online contract (docs/registry-facts.md §6: second-hand homes). */
export const SALE_BUSINESS_TYPE = 'transfer.secondHandSale';

const EDITABLE = ['draft', 'signing'];
const AFTER_RECORDING = ['recorded', 'issued', 'archived'];
const USE: Record<string, PropertyUse> = {
  住宅: 'residential',
  商业: 'commercial',
  办公: 'office',
};

const err = (code: ConstructorParameters<typeof AppError>[0], message: string) =>
  new AppError(code, message);

export class SaleService {
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly notifying = new Map<string, Promise<UtilityRequest[]>>();

  constructor(readonly deps: SaleDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private open(caller: PartyCaller, caseId: string): CaseView {
    return this.deps.cases.getCase(caller, caseId);
  }

  private saleOf(caller: PartyCaller, caseId: string): CaseRecord {
    const c = this.open(caller, caseId).case;
    if (c.businessTypeCode !== SALE_BUSINESS_TYPE) throw notFound('该办件没有网签买卖合同');
    return c;
  }

  private idNumbersOf(c: CaseRecord, role: 'obligor' | 'rightHolder'): string[] {
    const ids = c.parties
      .filter((p) => p.role === role)
      .map((p) => this.deps.parties.person(p.personId)?.idNumber)
      .filter((x): x is string => Boolean(x));
    return [...new Set(ids)];
  }

  // ------------------------------------------------------------ 在线签约

  /** The terms for the signing bundle (undefined until someone filled them). */
  termsOf(caseId: string): ContractTerms | undefined {
    return this.deps.terms.get(caseId)?.terms;
  }

  /** The contract document body as the parties read and sign it. */
  contractDocument(c: CaseRecord): Record<string, unknown> | undefined {
    const t = this.termsOf(c.caseId);
    return t ? contractTermsView(t) : undefined;
  }

  async contract(caller: PartyCaller, caseId: string) {
    const c = this.saleOf(caller, caseId);
    const stored = this.deps.terms.get(caseId);
    const filed = await this.deps.filing.byCase(caseId);
    const me = c.parties.filter((p) => p.personId === caller.personId);
    return {
      caseId,
      editable:
        EDITABLE.includes(c.status) &&
        !filed &&
        me.some((p) => p.role === 'obligor' || p.role === 'rightHolder'),
      ...(stored
        ? {
            terms: stored.terms,
            view: contractTermsView(stored.terms),
            updatedAt: stored.updatedAt,
            updatedByName: c.parties.find((p) => p.personId === stored.updatedBy)?.name ?? '',
          }
        : {}),
      ...(filed
        ? {
            filing: {
              contractNumber: filed.contractNumber,
              filedAt: filed.filedAt,
              termsDigest: filed.termsDigest,
              filedBy: '台州市住房和城乡建设局',
            },
          }
        : {}),
      sellers: c.parties.filter((p) => p.role === 'obligor').map((p) => p.name),
      buyers: c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.name),
    };
  }

  /**
   * Only the case's buyer or seller may fill the terms, and only before submission. A change
   * while signing voids the signatures that covered the old terms (signing's change tracking).
   */
  async putTerms(caller: PartyCaller, caseId: string, input: ContractTerms) {
    const c = this.saleOf(caller, caseId);
    const me = c.parties.filter((p) => p.personId === caller.personId);
    if (!me.some((p) => p.role === 'obligor' || p.role === 'rightHolder'))
      throw err('FORBIDDEN', '只有买卖双方可以填写合同条款');
    if (!EDITABLE.includes(c.status))
      throw err('CONTRACT_LOCKED', '合同已随申请提交并网签备案，条款不能再修改');
    // filed just before a submission that did not go through: the filing stands (it is what
    // 住建 shares and a re-submission reuses), so its terms cannot change either
    if (await this.deps.filing.byCase(caseId))
      throw err('CONTRACT_LOCKED', '合同已网签备案，条款不能再修改');
    const check = checkContractTerms(input, beijingDate(this.now()));
    if (!check.ok) throw err('CONTRACT_TERMS_INVALID', check.message);
    const terms = check.terms;
    const prior = this.deps.terms.get(caseId)?.terms;
    const same = prior && JSON.stringify(prior) === JSON.stringify(terms);
    if (!same) {
      this.deps.signing.tracking(caseId, () => {
        this.deps.terms.put({ caseId, terms, updatedBy: caller.personId, updatedAt: this.now() });
        // the application states the same price as the contract
        const fresh = this.deps.caseStore.get(caseId) as CaseRecord;
        const priceYuan = terms.priceFen / 100;
        if (fresh.priceYuan !== priceYuan) {
          this.deps.caseStore.update(
            { ...fresh, priceYuan, updatedAt: this.now(), version: fresh.version + 1 },
            fresh.version,
          );
        }
      });
    }
    return this.contract(caller, caseId);
  }

  /**
   * Before a party's submission: once every party has signed the current terms,
   * the contract is filed with 住建 (once per case), so that the shared-data step right after
   * fetches the filed contract and the submission references its sealed record. Undefined when
   * there is nothing to file: not a sale, no online terms (the item then falls back to upload per
   * the catalogue), or a signature missing (the submission is refused anyway).
   *
   * A filing made for a submission that was then refused stands: the terms are locked from then
   * on (putTerms) and a re-submission reuses it. If the case's buyers or sellers changed since
   * (a decline and an edit), the filed contract is not this application's: 409 CONTRACT_LOCKED.
   */
  async fileBeforeSubmission(caseId: string): Promise<FiledContract | undefined> {
    const c = this.deps.caseStore.get(caseId);
    if (!c || c.businessTypeCode !== SALE_BUSINESS_TYPE || !this.termsOf(caseId)) return undefined;
    const filed = await this.deps.filing.byCase(caseId);
    if (filed) {
      const same = (a: string[], b: string[]) =>
        JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
      if (
        !same(filed.sellerIdNumbers, this.idNumbersOf(c, 'obligor')) ||
        !same(filed.buyerIdNumbers, this.idNumbersOf(c, 'rightHolder'))
      )
        throw err(
          'CONTRACT_LOCKED',
          '网签备案的合同与本申请的买卖双方不一致：合同备案后买卖双方不能变更，请先向住建部门申请撤销备案',
        );
      return filed;
    }
    if (!this.deps.signing.signedByAll(caseId)) return undefined;
    return this.fileOnSubmission(c);
  }

  /**
   * Files the contract once (网签备案; idempotent per case). Called before a party's submission
   * (fileBeforeSubmission) and again after any submission, where it returns the first filing.
   */
  fileOnSubmission(c: CaseRecord): Promise<FiledContract | undefined> {
    const terms = this.termsOf(c.caseId);
    if (!terms || c.businessTypeCode !== SALE_BUSINESS_TYPE) return Promise.resolve(undefined);
    return this.deps.filing.file({
      caseId: c.caseId,
      unitCode: c.unitCode,
      sellerIdNumbers: this.idNumbersOf(c, 'obligor'),
      buyerIdNumbers: this.idNumbersOf(c, 'rightHolder'),
      terms,
      termsDigest: digestOf(contractTermsView(terms)),
    });
  }

  // ------------------------------------------------------------ 核税

  /** The case's assessment, made once when the case reaches tax. */
  async ensureAssessment(c: CaseRecord): Promise<StoredTaxAssessment> {
    const stored = this.deps.assessments.get(c.caseId);
    if (stored) return stored;
    const view = this.deps.register.unit(c.unitCode);
    if (!view?.right) throw err('TAX_NOT_ASSESSABLE', '登记簿中没有该房屋的现势权利，无法核税');
    const facts: TaxFactSource[] = [];
    const filed = await this.deps.filing.byCase(c.caseId);
    let contractPriceFen: number;
    if (filed) {
      contractPriceFen = filed.terms.priceFen;
      facts.push({
        fact: 'price',
        source: `住建网签备案（${filed.contractNumber}）`,
        detail: `合同成交价格${formatFen(contractPriceFen)}`,
      });
    } else if (c.priceYuan !== undefined && c.priceYuan > 0) {
      contractPriceFen = Math.round(c.priceYuan * 100);
      facts.push({
        fact: 'price',
        source: '申请书申报价格（本件未在线网签）',
        detail: `申报成交价格${formatFen(contractPriceFen)}`,
      });
    } else {
      // nothing declared (a case keyed in without a price): the 核价 reference is the base
      contractPriceFen = 0;
      facts.push({
        fact: 'price',
        source: '无网签合同、未申报价格',
        detail: '按核价参考价格核定计税依据',
      });
    }
    const unit = view.unit;
    const use = USE[unit.use] ?? 'residential';
    const perSqm = referencePricePerSqm(unit.countyCode, use);
    if (perSqm === undefined)
      throw err('TAX_NOT_ASSESSABLE', '该房屋所在区县没有核价标准，请联系税务部门');
    facts.push({
      fact: 'area',
      source: '不动产登记簿',
      detail: `房屋建筑面积${unit.buildingArea}㎡，用途${unit.use}`,
    });
    facts.push({
      fact: 'referencePrice',
      source: '核价参考价格表（假设值）',
      detail: `${formatFen(perSqm)}/㎡`,
    });
    const housing = async (ids: string[]) => {
      try {
        return await this.deps.familyHousing.homeCount(ids);
      } catch (e) {
        throw new AppError(
          'TAX_FACTS_UNAVAILABLE',
          '核税所需的家庭住房信息暂时无法从住建部门获取，请稍后重试',
          { cause: e, retryAfterSeconds: 5 },
        );
      }
    };
    const buyers = await housing(this.idNumbersOf(c, 'rightHolder'));
    facts.push({
      fact: 'familyHousing',
      source: buyers.source,
      detail: `买方家庭（本人、配偶、未成年子女）购房前已有住房${buyers.homeCount}套`,
    });
    const sellers = await housing(this.idNumbersOf(c, 'obligor'));
    const onlyHome = sellers.homeCount <= 1;
    facts.push({
      fact: 'onlyHome',
      source: sellers.source,
      detail: onlyHome ? '该房屋是卖方家庭唯一住房' : `卖方家庭共有住房${sellers.homeCount}套`,
    });
    const sellerIds = new Set(c.parties.filter((p) => p.role === 'obligor').map((p) => p.personId));
    const betweenSpouses = c.parties
      .filter((p) => p.role === 'rightHolder')
      .some((b) => this.deps.spousesOf(b.personId).some((s) => sellerIds.has(s)));
    if (betweenSpouses)
      facts.push({ fact: 'spouses', source: '民政婚姻登记信息', detail: '买卖双方为夫妻' });
    const transactionDate = beijingDate(filed?.filedAt ?? this.now());
    facts.push({
      fact: 'holding',
      source: '不动产登记簿',
      detail: `卖方登记日期${view.right.registeredOn}，交易日期${transactionDate}`,
    });
    const input: TaxInput = {
      contractPriceFen,
      referencePriceFenPerSqm: perSqm,
      areaSqm: unit.buildingArea,
      buyerFamilyHomeCount: buyers.homeCount,
      ...(betweenSpouses ? { betweenSpouses: true } : {}),
      sellerRegisteredOn: view.right.registeredOn,
      transactionDate,
      sellerFamilyOnlyHome: onlyHome,
    };
    const assessment = assessTax(input, this.deps.taxConfig ?? DEFAULT_TAX_CONFIG);
    return this.deps.assessments.putIfAbsent({
      caseId: c.caseId,
      input,
      assessment,
      facts,
      assessedAt: this.now(),
    });
  }

  private receiptView(r: TaxReceipt) {
    return {
      receipt: r,
      sealValid:
        verifyTaxReceipt(r, this.deps.taxDepartmentPublicKeyHex) && r.body.caseId !== undefined,
    };
  }

  /** What the app shows under 缴税: every line with its rule, the payment and the receipt. */
  async tax(caller: PartyCaller, caseId: string) {
    const view = this.open(caller, caseId);
    const c = view.case;
    let stored = this.deps.assessments.get(caseId);
    if (!stored) {
      if (c.status !== 'taxPending') throw err('CONFLICT', '办件尚未进入缴税环节');
      stored = await this.ensureAssessment(c);
    }
    const charge = this.deps.payments.chargeOf(caseId);
    const receipt = this.deps.payments.receiptOf(caseId) ?? this.deps.sharedReceiptOf(caseId);
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
      ...(receipt ? this.receiptView(receipt) : {}),
    };
  }

  /**
   * 缴税: charge once (concurrent taps share one run; retries reuse the case's key), obtain the
   * sealed receipt, verify it as shared data, then record the 缴税 step. Safe to call again.
   */
  async pay(caller: PartyCaller, caseId: string) {
    const running = this.inflight.get(caseId);
    if (running) await running.catch(() => undefined);
    const run = this.payOnce(caller, caseId);
    this.inflight.set(caseId, run);
    try {
      await run;
    } finally {
      if (this.inflight.get(caseId) === run) this.inflight.delete(caseId);
    }
    return this.tax(caller, caseId);
  }

  private async payOnce(caller: PartyCaller, caseId: string): Promise<void> {
    const view = this.open(caller, caseId);
    const c = view.case;
    if (this.deps.payments.receiptOf(caseId) && c.status !== 'taxPending') return; // paid already
    if (!view.availableActions.includes('payTax'))
      throw err(
        'CONFLICT',
        c.status === 'taxPending' ? '您无权缴纳本办件税款' : '办件当前不在缴税环节',
      );
    const stored = await this.ensureAssessment(c);
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
      throw err('RECEIPT_UNAVAILABLE', check.reason ?? '完税信息尚未共享，请稍后重试');
    const fresh = this.deps.caseStore.get(caseId) as CaseRecord;
    if (fresh.status !== 'taxPending') return;
    this.deps.cases.act(caller, caseId, 'payTax', {
      taxReceiptNo: check.receipt.body.receiptNo,
      note: `完税证明${check.receipt.body.receiptNo}（税务部门共享，电子印章有效）`,
    });
  }

  /** For the review's `tax.paid` rule: the tax department shares a valid receipt of the case. */
  taxPaidByShared(c: CaseRecord): boolean {
    const r = this.deps.sharedReceiptOf(c.caseId);
    return Boolean(
      r && r.body.caseId === c.caseId && verifyTaxReceipt(r, this.deps.taxDepartmentPublicKeyHex),
    );
  }

  // ------------------------------------------------------------ 水电气网联动过户

  utilities(caller: PartyCaller, caseId: string) {
    const c = this.saleOf(caller, caseId);
    const me = c.parties.filter((p) => p.personId === caller.personId);
    const buyer = me.some((p) => p.role === 'rightHolder');
    const items = this.deps.utilities.requestsOf(caseId);
    return {
      caseId,
      editable: buyer && !AFTER_RECORDING.includes(c.status) && isOpen(c),
      canRetry: items.some((r) => r.status === 'failed') && AFTER_RECORDING.includes(c.status),
      items: items.map((r) => ({
        ...r,
        name: UTILITY_NAMES[r.kind],
        provider: this.deps.providers[r.kind].name,
      })),
    };
  }

  optIn(caller: PartyCaller, caseId: string, choices: UtilityChoice[]) {
    const c = this.saleOf(caller, caseId);
    const me = c.parties.filter((p) => p.personId === caller.personId);
    if (!me.some((p) => p.role === 'rightHolder'))
      throw err('FORBIDDEN', '只有买方可以申请水电气网联动过户');
    if (AFTER_RECORDING.includes(c.status) || !isOpen(c))
      throw err('CONFLICT', '办件已登簿或已办结，不能再更改联动过户');
    const check = checkUtilityChoices(choices);
    if (!check.ok) throw err('UTILITIES_INVALID', check.message);
    this.deps.utilities.replaceOptIn(caseId, check.choices, this.now());
    return this.utilities(caller, caseId);
  }

  /** Told when a case completes: after recording, notify the chosen providers (in background). */
  onCaseCompleted(caseId: string): void {
    const c = this.deps.caseStore.get(caseId);
    if (!c?.recording || !AFTER_RECORDING.includes(c.status)) return;
    if (!this.deps.utilities.requestsOf(caseId).some((r) => r.status !== 'confirmed')) return;
    this.notify(caseId).catch((e: unknown) => this.deps.onBackgroundError?.(e));
  }

  /**
   * After a restart: a recorded case whose companies were not all told (a stop mid-way, or a
   * request left pending) is notified again; idempotent at the companies (same reference).
   */
  resumeUtilities(): number {
    const ids = this.deps.utilities.unconfirmedCaseIds();
    for (const id of ids) this.onCaseCompleted(id);
    return ids.length;
  }

  /** Notifies every unconfirmed provider of a recorded case; one run per case at a time. */
  notify(caseId: string): Promise<UtilityRequest[]> {
    const running = this.notifying.get(caseId);
    if (running) return running;
    const run = this.notifyAll(caseId).finally(() => this.notifying.delete(caseId));
    this.notifying.set(caseId, run);
    return run;
  }

  async retryUtilities(caller: PartyCaller, caseId: string) {
    const c = this.saleOf(caller, caseId);
    if (!AFTER_RECORDING.includes(c.status))
      throw err('CONFLICT', '登簿后才会通知供水、供电、燃气、宽带单位');
    await this.notify(caseId);
    return this.utilities(caller, caseId);
  }

  /** Appends a timeline entry that does not change the case's status (read fresh, no await). */
  private timelineNote(
    caseId: string,
    action: string,
    actor: TimelineEntry['actor'],
    note: string,
  ): void {
    const c = this.deps.caseStore.get(caseId);
    if (!c) return;
    const last = c.timeline.at(-1);
    const entry: TimelineEntry = {
      seq: (last?.seq ?? 0) + 1,
      action,
      step: last?.step ?? '发证',
      from: c.status,
      to: c.status,
      actor,
      at: this.now(),
      note,
    };
    this.deps.caseStore.update(
      { ...c, timeline: [...c.timeline, entry], updatedAt: entry.at, version: c.version + 1 },
      c.version,
    );
  }

  private async notifyAll(caseId: string): Promise<UtilityRequest[]> {
    const c = this.deps.caseStore.get(caseId);
    const recording = c?.recording;
    if (!c || !recording) return [];
    const { maxAttempts, backoffMs } = this.deps.utilityRetry ?? { maxAttempts: 3, backoffMs: 200 };
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const location = this.deps.register.unit(c.unitCode)?.unit.location ?? '';
    const buyers = c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.name);
    const results: UtilityRequest[] = [];
    for (const r of this.deps.utilities.requestsOf(caseId)) {
      if (r.status === 'confirmed') {
        results.push(r);
        continue;
      }
      let current: UtilityRequest = { ...r, status: 'pending', notifiedAt: this.now() };
      this.deps.utilities.save(current);
      const provider = this.deps.providers[r.kind];
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        current = { ...current, attempts: current.attempts + 1 };
        try {
          const conf = await provider.transfer({
            reference: `${caseId}:${r.kind}`,
            kind: r.kind,
            unitCode: c.unitCode,
            location,
            ...(r.accountNumber ? { accountNumber: r.accountNumber } : {}),
            newHolderNames: buyers,
            certificateNumber: recording.certificateNumber ?? '',
          });
          current = {
            ...current,
            status: 'confirmed',
            confirmedAt: conf.confirmedAt,
            confirmationNo: conf.confirmationNo,
          };
          delete current.lastError;
          break;
        } catch (e) {
          if (!(e instanceof UtilityFailure)) throw e;
          current = { ...current, status: 'failed', lastError: e.message };
          if (attempt < maxAttempts) await sleep(backoffMs * 2 ** (attempt - 1));
        }
      }
      this.deps.utilities.save(current);
      const name = UTILITY_NAMES[r.kind];
      // the confirmation (or the failure) is a note in the case's timeline, by the company
      this.timelineNote(
        caseId,
        current.status === 'confirmed' ? 'utilityTransferConfirmed' : 'utilityTransferFailed',
        { kind: 'system', id: `utility:${r.kind}`, displayName: provider.name },
        current.status === 'confirmed'
          ? `${name}联动过户已确认（确认编号${current.confirmationNo ?? ''}）`
          : `${name}联动过户暂未成功（${current.lastError ?? ''}，已尝试${current.attempts}次）`,
      );
      this.deps.cases.deliver(
        c,
        current.status === 'confirmed'
          ? `${name}联动过户已确认（${current.confirmationNo ?? ''}）`
          : `${name}联动过户暂未成功`,
        current.status === 'confirmed'
          ? `${provider.name}已确认将${location}的${name}户过户给新权利人。`
          : `${provider.name}暂时没有答复（${current.lastError ?? ''}），登记机构已重试${current.attempts}次，可在办件详情中点“重试”。`,
      );
      results.push(current);
    }
    return results;
  }
}

const isOpen = (c: CaseRecord) => !['notAccepted', 'refused', 'withdrawn'].includes(c.status);
