/**
 * 登记费 as the parties see and pay it (docs/registry-facts.md §14): the fee card (every line with
 * its rule and basis, who pays, exemptions), the payment by the party who becomes the right
 * holder (the mortgagee for a mortgage) after confirming the amount shown, the finance
 * department's sealed 财政电子票据 shown to the payer, and the case moved on when it waited for
 * the fee. The review asks `feePaid` (recording waits for the fee as it waits for tax).
 */
import type { BusinessType, FeeExemptPayer } from '../../domain/catalogue';
import { acceptsFeePayment, awaitsPayment, type CaseRecord } from '../../domain/cases';
import { paysFee } from '../../domain/cases/lifecycle';
import { AppError, notFound } from '../../domain/errors';
import {
  assessFees,
  isIndividualBusinessUscc,
  REFUND_REASON_NAMES,
  verifyFinanceSeal,
  type FeeAssessment,
} from '../../domain/fees';
import { feeReceiptData, renderFeeReceipt } from '../../domain/documents/renderers';
import { maskName } from '../../domain/masking';
import type { CaseStore, PartyDirectory, RefundStore, RegisterRepository } from '../../ports';
import type { CaseView, PartyCaller } from '../cases/types';
import type { FeePayment } from './payFee';

export interface CaseFeeDeps {
  /** a case as its party sees it (404 unless a party) */
  cases: { getCase(caller: PartyCaller, caseId: string): Promise<CaseView> };
  businessType(code: string): Promise<BusinessType>;
  caseStore: Pick<CaseStore, 'get'>;
  register: Pick<RegisterRepository, 'unit'>;
  parties: Pick<PartyDirectory, 'person'>;
  /** 市场监管's 小微企业名录: is the organisation with this USCC a small or micro enterprise */
  isSmallMicroEnterprise: (uscc: string) => Promise<boolean>;
  payment: Pick<FeePayment, 'payFee' | 'verifiedReceipt'>;
  refunds: Pick<RefundStore, 'ofCase'>;
  financePublicKeyHex: string;
  /** the workflow's payFee step (a case waiting in 待缴税费 moves on to 审核) */
  recordFeePaid: (
    caller: PartyCaller,
    caseId: string,
    billNo: string,
    note: string,
  ) => Promise<unknown>;
}

const yuanText = (fen: number) => `${(fen / 100).toFixed(2)}元`;

const ROLE_NAMES: Record<string, string> = {
  rightHolder: '权利人',
  mortgagee: '抵押权人',
  obligor: '义务人',
};

export class CaseFee {
  constructor(private readonly deps: CaseFeeDeps) {}

  /** The case's fee from the catalogue and the facts the registry holds (use, payers). */
  async assess(c: CaseRecord, bt?: BusinessType): Promise<FeeAssessment> {
    const type = bt ?? (await this.deps.businessType(c.businessTypeCode));
    const unit = await this.deps.register.unit(c.unitCode);
    const payerCategories: Record<string, FeeExemptPayer[]> = {};
    const names: Record<string, string> = {};
    for (const p of c.parties) {
      const person = await this.deps.parties.person(p.personId);
      names[p.personId] = person?.name ?? p.name;
      if (person?.kind !== 'legal') continue;
      const cats: FeeExemptPayer[] = [];
      if (isIndividualBusinessUscc(person.idNumber)) cats.push('individualBusiness');
      if (await this.deps.isSmallMicroEnterprise(person.idNumber))
        cats.push('smallMicroEnterprise');
      payerCategories[p.personId] = cats;
    }
    return assessFees({
      businessType: type,
      parties: c.parties.map((p) => ({
        personId: p.personId,
        role: p.role,
        name: names[p.personId] ?? p.name,
      })),
      unitUse: unit?.unit.use ?? '住宅',
      ...(c.newCoOwnership ? { newCoOwnership: c.newCoOwnership } : {}),
      payerCategories,
    });
  }

  /** For the review: nothing owed, or the 财政电子票据 of the amount due checks out. */
  async feePaid(c: CaseRecord, bt: BusinessType): Promise<boolean> {
    const a = await this.assess(c, bt);
    if (a.totalFen === 0) return true;
    const r = await this.deps.payment.verifiedReceipt(c.caseId);
    return Boolean(r && r.body.totalFen === a.totalFen);
  }

  /** The fee card. */
  async fee(caller: PartyCaller, caseId: string) {
    const view = await this.deps.cases.getCase(caller, caseId);
    const c = view.case;
    const bt = await this.deps.businessType(c.businessTypeCode);
    const a = await this.assess(c, bt);
    const mine = a.payerIds.includes(caller.personId);
    const receipt = await this.deps.payment.verifiedReceipt(caseId);
    const paid = Boolean(receipt) || a.totalFen === 0;
    const refunds = (await this.deps.refunds.ofCase(caseId))
      .filter((r) => r.body.payerId === caller.personId)
      .map((r) => ({
        ...r,
        sealValid: verifyFinanceSeal(r, this.deps.financePublicKeyHex),
        reasonText: `${REFUND_REASON_NAMES[r.body.reason]}，${r.body.kind === 'fee' ? '登记费' : '税款'}${yuanText(r.body.amountFen)}原路退回`,
      }));
    return {
      caseId,
      lines: a.lines.map((l) => ({
        code: l.code,
        name: l.name,
        payerRole: l.payerRole,
        baseFen: l.baseFen,
        extraCertificates: l.extraCertificates,
        extraFen: l.extraFen,
        amountFen: l.amountFen,
        amountText: yuanText(l.amountFen),
        rule: l.rule,
        basis: l.basis,
        ...(l.exemption ? { exemption: l.exemption } : {}),
      })),
      totalFen: a.totalFen,
      totalText: yuanText(a.totalFen),
      ...(a.noFeeReason ? { noFeeReason: a.noFeeReason } : {}),
      payerNames: c.parties
        .filter((p) => a.payerIds.includes(p.personId))
        .map(
          (p) =>
            `${ROLE_NAMES[p.role] ?? ''}${p.personId === caller.personId ? p.name : maskName(p.name)}`,
        ),
      mine,
      canPay: mine && !paid && acceptsFeePayment(c),
      paid: Boolean(receipt),
      // the receipt names the payer: shown to the payers only, sealed and readable (the same
      // renderer as its PDF copy among the case's copies)
      ...(receipt && mine
        ? {
            receipt,
            sealValid: true,
            receiptRendering: renderFeeReceipt(feeReceiptData(receipt.body, c.caseNumber), {
              personId: caller.personId,
              name: caller.name,
            }),
          }
        : {}),
      refunds,
    };
  }

  /**
   * 缴纳登记费 after the payer confirmed `confirmAmountFen` (the amount the fee card showed):
   * charge once, one sealed 财政电子票据, then the payFee step when the case waits for it. Safe to
   * call again; answers the fee card.
   */
  async pay(caller: PartyCaller, caseId: string, confirmAmountFen: number) {
    const view = await this.deps.cases.getCase(caller, caseId);
    const c = view.case;
    const bt = await this.deps.businessType(c.businessTypeCode);
    const a = await this.assess(c, bt);
    const me = c.parties.filter((p) => p.personId === caller.personId);
    if (!a.payerIds.includes(caller.personId) || !paysFee(bt, me)) {
      if (me.length === 0) throw notFound('办件不存在');
      throw new AppError(
        'FEE_NOT_YOURS',
        '不动产登记费由登记为权利人的一方（抵押登记为抵押权人）缴纳',
      );
    }
    if (a.totalFen === 0) throw new AppError('NO_FEE_DUE', a.noFeeReason ?? '本件免收不动产登记费');
    const paidAlready = await this.deps.payment.verifiedReceipt(caseId);
    if (!paidAlready && !acceptsFeePayment(c))
      throw new AppError('CONFLICT', '办件当前不在缴费环节');
    if (confirmAmountFen !== a.totalFen)
      throw new AppError('FEE_CHANGED', `应缴登记费为${yuanText(a.totalFen)}，请核对后重新确认`);
    const payer = c.parties.find((p) => p.personId === caller.personId)!;
    const { receipt } = await this.deps.payment.payFee({
      caseId,
      payerId: caller.personId,
      payerName: payer.name,
      items: a.lines
        .filter((l) => l.amountFen > 0)
        .map((l) => ({ name: l.name, amountFen: l.amountFen })),
      amountFen: a.totalFen,
    });
    const fresh = await this.deps.caseStore.get(caseId);
    if (fresh && awaitsPayment(fresh) && !fresh.feePaidAt) {
      try {
        await this.deps.recordFeePaid(
          caller,
          caseId,
          receipt.body.billNo,
          `财政电子票据${receipt.body.billNo}（财政部门电子印章有效）`,
        );
      } catch (e) {
        // another tap (or node) took the step meanwhile: the case is paid and moved on
        const now = await this.deps.caseStore.get(caseId);
        if (!now || awaitsPayment(now)) throw e;
      }
    }
    return this.fee(caller, caseId);
  }
}
