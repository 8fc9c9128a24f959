/**
 * assessTax / computeTax (核税 / 计税): the taxes of a second-hand home sold by individuals,
 * docs/registry-facts.md §6 (in force 2026). Pure: rates come from the injected TaxConfig, the 核价
 * reference value from the caller (see reference-prices.ts), dates are ISO strings. Every amount is
 * integer fen; every line says in plain Chinese which rule produced it.
 *
 * Payers use the glossary's party names: rightHolder = the buyer, obligor = the seller.
 *
 * Choices the rules leave open (documented, tested):
 * - The tax base of all three taxes is the higher of the contract price and the reference price
 *   (price < reference → reference is the base); the rules' "full price" of VAT is that base.
 * - The gain for 个人所得税 is base − original price, never below zero (other deductible costs
 *   are not modelled).
 * - Spouse / statutory-heir flags exempt 契税 only (契税法 §6); they do not change the
 *   seller's VAT or income tax here.
 * - 140 ㎡ exactly is "≤ 140" (the reduced rate); area is compared in 0.01 ㎡.
 */
import type { TaxCause } from '../catalogue';
import { validationFailed } from '../errors';
import type { IsoDate } from '../calendar/iso-date';
import { isIsoDate, toDayNumber } from '../calendar/iso-date';
import { DEFAULT_TAX_CONFIG, type TaxConfig } from './assumptions';
import { fullYearsHeld, heldAtLeast } from './holding';
import {
  applyRate,
  areaToCentiSqm,
  assertFen,
  formatFen,
  formatRate,
  pricePerSqmTimesArea,
  type BasisPoints,
} from './money';

export type TaxKind =
  | 'deedTax'
  | 'vat'
  | 'incomeTax'
  | 'stampDuty'
  /** 土地增值税 (docs/registry-facts.md §13) */
  | 'landVat'
  /** 城市维护建设税, 教育费附加, 地方教育附加: surcharges on VAT (§13) */
  | 'urbanMaintenanceTax'
  | 'educationSurcharge'
  | 'localEducationSurcharge';
export type TaxPayer = 'rightHolder' | 'obligor';

export const TAX_NAMES: Record<TaxKind, string> = {
  deedTax: '契税',
  vat: '增值税',
  incomeTax: '个人所得税',
  stampDuty: '印花税',
  landVat: '土地增值税',
  urbanMaintenanceTax: '城市维护建设税',
  educationSurcharge: '教育费附加',
  localEducationSurcharge: '地方教育附加',
};
export const PAYER_NAMES: Record<TaxPayer, string> = { rightHolder: '买方', obligor: '卖方' };

export interface TaxInput {
  /** price in the filed contract, fen */
  contractPriceFen: number;
  /** 核价 table value for the unit's district and use, fen per ㎡ */
  referencePriceFenPerSqm: number;
  /** building area in ㎡ as in the register (2 decimals) */
  areaSqm: number;
  /** homes the buyer's family (buyer, spouse, minor children) holds BEFORE this purchase */
  buyerFamilyHomeCount: number;
  /** transfer between spouses during the marriage */
  betweenSpouses?: boolean;
  /** a statutory heir takes the home by inheritance */
  statutoryHeir?: boolean;
  /** the seller's registration date in the register (start of the holding period) */
  sellerRegisteredOn: IsoDate;
  /** the date of the transaction (filing of the contract) */
  transactionDate: IsoDate;
  /** the home is the seller family's only home */
  sellerFamilyOnlyHome: boolean;
  /** the seller's proven original purchase price, fen; absent = cost unproven */
  originalPriceFen?: number;
}

export interface TaxLine {
  tax: TaxKind;
  taxName: string;
  payer: TaxPayer;
  /** fen */
  baseFen: number;
  /** basis points (100 = 1%); 0 when exempt */
  rate: BasisPoints;
  /** fen */
  amountFen: number;
  exempt: boolean;
  /** the rule that produced the line, plain Chinese */
  rule: string;
  /** the taxpayer (纳税人) of this line: a party of the case, by person id (per-taxpayer assessment) */
  taxpayerId?: string;
  /** the taxpayer's name as on the case */
  taxpayerName?: string;
}

export interface TaxBase {
  contractPriceFen: number;
  referencePriceFen: number;
  baseFen: number;
  usesReference: boolean;
  rule: string;
}

export interface TaxAssessment {
  base: TaxBase;
  /** completed years held by the seller on the transaction date */
  yearsHeld: number;
  lines: TaxLine[];
  totals: Record<TaxPayer, number> & { all: number };
  configLabel: string;
  /** what the transfer is for tax (per-taxpayer assessment; absent on a §6-only assessment) */
  cause?: TaxCause;
  /**
   * 待人工核定: the case falls outside every rule (docs/registry-facts.md §13); no line is
   * charged and the case waits for the tax office, with this reason
   */
  manual?: { reason: string };
}

const DEED_SOURCE = '财政部 税务总局公告2024年第16号';

function validate(input: TaxInput): void {
  const fail = (m: string) => {
    throw validationFailed(m);
  };
  try {
    assertFen(input.contractPriceFen, 'contractPriceFen');
    assertFen(input.referencePriceFenPerSqm, 'referencePriceFenPerSqm');
    if (input.originalPriceFen !== undefined) assertFen(input.originalPriceFen, 'originalPriceFen');
    areaToCentiSqm(input.areaSqm);
  } catch {
    fail('计税信息有误：价格须为非负整数（分），面积须大于0');
  }
  if (!Number.isSafeInteger(input.buyerFamilyHomeCount) || input.buyerFamilyHomeCount < 0) {
    fail('计税信息有误：买方家庭住房套数须为非负整数');
  }
  if (!isIsoDate(input.sellerRegisteredOn) || !isIsoDate(input.transactionDate)) {
    fail('计税信息有误：日期格式须为YYYY-MM-DD');
  }
  if (toDayNumber(input.transactionDate) < toDayNumber(input.sellerRegisteredOn)) {
    fail('计税信息有误：交易日期早于卖方登记日期');
  }
}

function taxBase(input: TaxInput): TaxBase {
  const referencePriceFen = pricePerSqmTimesArea(
    input.referencePriceFenPerSqm,
    areaToCentiSqm(input.areaSqm),
  );
  const usesReference = input.contractPriceFen < referencePriceFen;
  const baseFen = usesReference ? referencePriceFen : input.contractPriceFen;
  const rule = usesReference
    ? `合同价格${formatFen(input.contractPriceFen)}低于核价参考价格${formatFen(referencePriceFen)}，以核价参考价格为计税依据`
    : `合同价格${formatFen(input.contractPriceFen)}不低于核价参考价格${formatFen(referencePriceFen)}，以合同价格为计税依据`;
  return {
    contractPriceFen: input.contractPriceFen,
    referencePriceFen,
    baseFen,
    usesReference,
    rule,
  };
}

function line(
  tax: TaxKind,
  payer: TaxPayer,
  baseFen: number,
  rate: BasisPoints,
  rule: string,
  exempt = false,
): TaxLine {
  return {
    tax,
    taxName: TAX_NAMES[tax],
    payer,
    baseFen,
    rate: exempt ? 0 : rate,
    amountFen: exempt ? 0 : applyRate(baseFen, rate),
    exempt,
    rule,
  };
}

/** 契税, paid by the buyer (rightHolder) */
export function deedTaxLine(input: TaxInput, baseFen: number, config: TaxConfig): TaxLine {
  const c = config.deedTax;
  if (input.betweenSpouses) {
    return line(
      'deedTax',
      'rightHolder',
      baseFen,
      0,
      '婚姻关系存续期间夫妻之间变更房屋权属，免征契税（《中华人民共和国契税法》第六条）',
      true,
    );
  }
  if (input.statutoryHeir) {
    return line(
      'deedTax',
      'rightHolder',
      baseFen,
      0,
      '法定继承人通过继承承受房屋权属，免征契税（《中华人民共和国契税法》第六条）',
      true,
    );
  }
  const small = areaToCentiSqm(input.areaSqm) <= c.areaLimitCentiSqm;
  const limit = `${c.areaLimitCentiSqm / 100}㎡`;
  const sizeText = small ? `面积不超过${limit}` : `面积超过${limit}`;
  if (input.buyerFamilyHomeCount === 0) {
    const rate = small ? c.firstHomeSmall : c.firstHomeLarge;
    return line(
      'deedTax',
      'rightHolder',
      baseFen,
      rate,
      `家庭唯一住房且${sizeText}，契税税率${formatRate(rate)}（${DEED_SOURCE}）`,
    );
  }
  if (input.buyerFamilyHomeCount === 1) {
    const rate = small ? c.secondHomeSmall : c.secondHomeLarge;
    return line(
      'deedTax',
      'rightHolder',
      baseFen,
      rate,
      `家庭第二套住房且${sizeText}，契税税率${formatRate(rate)}（${DEED_SOURCE}）`,
    );
  }
  return line(
    'deedTax',
    'rightHolder',
    baseFen,
    c.provincialRate,
    `家庭第三套及以上住房，按浙江省契税适用税率${formatRate(c.provincialRate)}（2021年9月1日起施行）`,
  );
}

/** 增值税, paid by the seller (obligor) */
export function vatLine(input: TaxInput, baseFen: number, config: TaxConfig): TaxLine {
  const years = config.vat.exemptAfterYears;
  if (heldAtLeast(input.sellerRegisteredOn, input.transactionDate, years)) {
    return line(
      'vat',
      'obligor',
      baseFen,
      0,
      `个人将购买${years}年以上（含${years}年）的住房对外销售，免征增值税（自2026年1月1日起）`,
      true,
    );
  }
  return line(
    'vat',
    'obligor',
    baseFen,
    config.vat.shortHoldRate,
    `个人将购买不足${years}年的住房对外销售，按${formatRate(config.vat.shortHoldRate)}征收率全额缴纳增值税（自2026年1月1日起）`,
  );
}

/** 个人所得税, paid by the seller (obligor) */
export function incomeTaxLine(input: TaxInput, baseFen: number, config: TaxConfig): TaxLine {
  const c = config.incomeTax;
  if (
    input.sellerFamilyOnlyHome &&
    heldAtLeast(input.sellerRegisteredOn, input.transactionDate, c.exemptAfterYears)
  ) {
    return line(
      'incomeTax',
      'obligor',
      baseFen,
      0,
      `个人转让自用${c.exemptAfterYears}年以上（含${c.exemptAfterYears}年）且是家庭唯一生活用房（满五唯一），免征个人所得税（财税字〔1999〕278号）`,
      true,
    );
  }
  if (input.originalPriceFen !== undefined) {
    const gain = Math.max(0, baseFen - input.originalPriceFen);
    return line(
      'incomeTax',
      'obligor',
      gain,
      c.gainRate,
      `能提供房屋原值凭证，按转让所得（计税价格${formatFen(baseFen)}－原值${formatFen(input.originalPriceFen)}${gain === 0 ? '，无所得' : ''}）的${formatRate(c.gainRate)}缴纳个人所得税`,
    );
  }
  return line(
    'incomeTax',
    'obligor',
    baseFen,
    c.deemedRate,
    `不能提供房屋原值凭证，按计税价格的${formatRate(c.deemedRate)}核定征收个人所得税（台州核定征收率为假设值，可配置）`,
  );
}

function stampDutyLine(payer: TaxPayer, baseFen: number): TaxLine {
  return line('stampDuty', payer, baseFen, 0, '个人销售或购买住房，免征印花税', true);
}

/** assessTax: all lines and totals for one sale */
export function assessTax(input: TaxInput, config: TaxConfig = DEFAULT_TAX_CONFIG): TaxAssessment {
  validate(input);
  const base = taxBase(input);
  const lines = [
    deedTaxLine(input, base.baseFen, config),
    stampDutyLine('rightHolder', base.baseFen),
    vatLine(input, base.baseFen, config),
    incomeTaxLine(input, base.baseFen, config),
    stampDutyLine('obligor', base.baseFen),
  ];
  const sum = (p: TaxPayer) =>
    lines.filter((l) => l.payer === p).reduce((acc, l) => acc + l.amountFen, 0);
  const rightHolder = sum('rightHolder');
  const obligor = sum('obligor');
  return {
    base,
    yearsHeld: fullYearsHeld(input.sellerRegisteredOn, input.transactionDate),
    lines,
    totals: { rightHolder, obligor, all: rightHolder + obligor },
    configLabel: config.label,
  };
}

/** computeTax: the amount one payer owes (what a payment request charges) */
export function computeTax(assessment: TaxAssessment, payer?: TaxPayer): number {
  return payer ? assessment.totals[payer] : assessment.totals.all;
}

/** the building blocks, for the per-taxpayer assessment (cause.ts) */
export { line as makeTaxLine, taxBase as computeTaxBase, validate as validateTaxInput };
