/**
 * The registration fee of a case (不动产登记费, docs/registry-facts.md §14): assessed from the
 * business type's catalogue `fees`, never from a price or an area (per case, 发改价格规〔2016〕2559号).
 * 住宅类 and 非住宅类 lines are chosen by the register's 用途; the fee includes one certificate and
 * each further certificate of the case (e.g. each 按份共有人 holding their own) adds the 工本费;
 * 注销/预告/查封/异议/更正/查询 pay nothing; 小微企业, 个体工商户 and a garage registered with its
 * home are exempt as the catalogue says. Pure: the facts about the payers are given.
 */
import {
  FEE_FREE_KINDS,
  type BusinessType,
  type Fee,
  type FeeExemptPayer,
  type FeeUnitUse,
  type PartyRole,
} from '../catalogue';
import type { CoOwnership, UnitUse } from '../register';

export interface FeeParty {
  personId: string;
  role: PartyRole;
  name: string;
}

export interface FeeFacts {
  businessType: Pick<BusinessType, 'kind' | 'fees'>;
  parties: readonly FeeParty[];
  /** the register's 用途 of the unit */
  unitUse: UnitUse;
  /** how the new right is held (a transfer): 按份共有 issues one certificate per holder */
  newCoOwnership?: CoOwnership;
  /** what 市场监管 says of each payer (小微企业, 个体工商户) */
  payerCategories?: Readonly<Record<string, readonly FeeExemptPayer[]>>;
  /** a garage or storage room registered with its home, without its own certificate */
  ancillaryWithHome?: boolean;
}

export interface FeeLine {
  code: string;
  name: string;
  payerRole: PartyRole;
  /** the parties who may pay it (any one of them pays once for the case) */
  payerIds: string[];
  /** the per-case amount of the catalogue, fen */
  baseFen: number;
  /** certificates beyond the first */
  extraCertificates: number;
  extraFen: number;
  /** what is due: 0 when exempt */
  amountFen: number;
  /** the rule in words, as the payer sees it */
  rule: string;
  basis: string;
  /** why nothing is due, when exempt */
  exemption?: string;
}

export interface FeeAssessment {
  lines: FeeLine[];
  totalFen: number;
  /** the parties who may pay the case's fee */
  payerIds: string[];
  /** why the case pays no fee at all (a fee-free kind, or no fee in the catalogue) */
  noFeeReason?: string;
}

export const PAYER_CATEGORY_NAMES: Record<FeeExemptPayer, string> = {
  smallMicroEnterprise: '小微企业',
  individualBusiness: '个体工商户',
};

const KIND_NAMES: Partial<Record<BusinessType['kind'], string>> = {
  cancellation: '注销登记',
  advanceNotice: '预告登记',
  seizure: '查封登记',
  objection: '异议登记',
  correction: '更正登记',
  query: '查询',
};

/** 统一社会信用代码: registered by 工商 (9) as 个体工商户 (2) — GB 32100-2015 登记管理部门/机构类别代码. */
export const isIndividualBusinessUscc = (uscc: string): boolean => /^92/.test(uscc);

export const feeUnitUseOf = (use: UnitUse): FeeUnitUse =>
  use === '住宅' ? 'residential' : 'nonResidential';

/**
 * Certificates the case issues: 按份共有 — one per new holder (each may hold their own; an
 * assumption that every 按份共有人 asks for one); otherwise one (共同共有 and sole holders share
 * one certificate, a mortgage one 不动产登记证明).
 */
export function certificatesOf(f: Pick<FeeFacts, 'parties' | 'newCoOwnership'>): number {
  if (f.newCoOwnership !== 'shares') return 1;
  return Math.max(1, f.parties.filter((p) => p.role === 'rightHolder').length);
}

const yuan = (fen: number) => `${(fen / 100).toFixed(fen % 100 === 0 ? 0 : 2)}元`;

function ruleText(fee: Fee): string {
  if (fee.certificateCost) return `${fee.name}每本${fee.amountYuan}元，由权利人缴纳`;
  const scope =
    fee.unitUse === 'residential' ? '住宅类' : fee.unitUse === 'nonResidential' ? '非住宅类' : '';
  const extra = fee.extraCertificateYuan
    ? `，每增加一本证书加收工本费${fee.extraCertificateYuan}元`
    : '';
  return `${scope}不动产登记费每件${fee.amountYuan}元（含一本证书）${extra}，由登记为权利人的一方缴纳`;
}

/** The fee lines of a case; `noFeeReason` when the case pays nothing by its kind. */
export function assessFees(f: FeeFacts): FeeAssessment {
  const freeKind = KIND_NAMES[f.businessType.kind];
  if (FEE_FREE_KINDS.includes(f.businessType.kind))
    return {
      lines: [],
      totalFen: 0,
      payerIds: [],
      noFeeReason: `${freeKind ?? '本业务'}不收取不动产登记费（发改价格规〔2016〕2559号）`,
    };
  const use = feeUnitUseOf(f.unitUse);
  const fees = (f.businessType.fees ?? []).filter((x) => !x.unitUse || x.unitUse === use);
  if (fees.length === 0)
    return { lines: [], totalFen: 0, payerIds: [], noFeeReason: '本业务不收取不动产登记费' };
  const lines = fees.map((fee): FeeLine => {
    const payers = f.parties.filter((p) => p.role === fee.payer);
    const extraCertificates = fee.extraCertificateYuan ? certificatesOf(f) - 1 : 0;
    const baseFen = Math.round(fee.amountYuan * 100);
    const extraFen = extraCertificates * Math.round((fee.extraCertificateYuan ?? 0) * 100);
    const exemption = exemptionOf(fee, f, payers);
    return {
      code: fee.code,
      name: fee.name,
      payerRole: fee.payer,
      payerIds: payers.map((p) => p.personId),
      baseFen,
      extraCertificates,
      extraFen,
      amountFen: exemption ? 0 : baseFen + extraFen,
      rule:
        ruleText(fee) +
        (extraCertificates ? `；本件另发${extraCertificates}本证书，工本费${yuan(extraFen)}` : ''),
      basis: fee.basis,
      ...(exemption ? { exemption } : {}),
    };
  });
  const payerIds = [...new Set(lines.flatMap((l) => l.payerIds))];
  return { lines, totalFen: lines.reduce((s, l) => s + l.amountFen, 0), payerIds };
}

function exemptionOf(fee: Fee, f: FeeFacts, payers: FeeParty[]): string | undefined {
  if (fee.exemptAncillaryWithHome && f.ancillaryWithHome)
    return '车库、车位、储藏室随住宅一并登记且不单独发证，免收登记费';
  const exempt = fee.exemptPayers ?? [];
  if (exempt.length === 0 || payers.length === 0) return undefined;
  // exempt only when every payer of the line is: one fee per case, nobody pays another's share
  const categories = payers.map((p) =>
    exempt.find((c) => (f.payerCategories?.[p.personId] ?? []).includes(c)),
  );
  if (categories.some((c) => !c)) return undefined;
  const names = [...new Set(categories.map((c) => PAYER_CATEGORY_NAMES[c!]))].join('、');
  return `权利人为${names}，免收不动产登记费（财税〔2016〕79号）`;
}

/** A party who may pay the case's fee (the right holder; the mortgagee for a mortgage). */
export const owesFee = (a: FeeAssessment, personId: string): boolean =>
  a.totalFen > 0 && a.payerIds.includes(personId);
