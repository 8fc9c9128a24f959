/**
 * assessCaseTax (按纳税人、按规则核税): the taxes of any transfer the catalogue declares a tax cause
 * for, docs/registry-facts.md §6 and §13. Pure: a function of (cause, the register's 用途, the
 * parties with their kinds and relations, price, reference price, holding data) and the injected
 * configuration. Every line names its taxpayer (one party of the case) and the rule with its legal
 * basis; a party sees and pays only the lines naming them.
 *
 * When the case falls outside every rule (a company buyer, a use the rules do not know, a
 * division on divorce, a gift of a shop to a non-relative, …) the answer is 待人工核定 (`manual`)
 * with the reason and no line: a rule that does not fit is never applied (§13, last point).
 *
 * Choices the rules leave open (documented, tested):
 * - A tax owed by one side and several parties on it is split among them by their shares
 *   (按份共有, when every party on that side has one) or equally, to the fen, the remainder to
 *   the first; the side's total is the one computed on the whole base.
 * - Surcharges on VAT (§13) are own lines of the VAT's taxpayer whenever an individual's VAT is
 *   not zero, on a resale of a home too.
 * - 土地增值税 with a PROVEN cost needs the deductions of the progressive scale, which the case
 *   does not hold: 待人工核定.
 * - Inheritance under a will by someone who is not a close relative, and a gift of a
 *   non-residential unit to a non-relative, raise taxes the rules do not set out: 待人工核定.
 */
import type { TaxCause } from '../catalogue';
import { validationFailed } from '../errors';
import type { IsoDate } from '../calendar/iso-date';
import {
  deedTaxLine,
  incomeTaxLine,
  makeTaxLine,
  computeTaxBase,
  validateTaxInput,
  vatLine,
  type TaxAssessment,
  type TaxInput,
  type TaxKind,
  type TaxLine,
  type TaxPayer,
} from './assess';
import {
  DEFAULT_CAUSE_TAX_CONFIG,
  DEFAULT_TAX_CONFIG,
  type CauseTaxConfig,
  type TaxConfig,
} from './assumptions';
import { fullYearsHeld } from './holding';
import { formatFen, formatRate } from './money';

/** a recipient's relation to the transferor, as shared data (公安/民政) shows it */
export type TaxRelation =
  | 'spouse'
  | 'parent'
  | 'child'
  | 'grandparent'
  | 'grandchild'
  | 'sibling'
  | 'dependant'
  | 'supporter'
  | 'none';

/** 近亲属 and 抚养/赡养人 of 财税〔2009〕78号 and 财税〔2016〕36号 附件3 */
export const CLOSE_RELATIONS: readonly TaxRelation[] = [
  'spouse',
  'parent',
  'child',
  'grandparent',
  'grandchild',
  'sibling',
  'dependant',
  'supporter',
];

export interface TaxPartyFacts {
  personId: string;
  name: string;
  /** rightHolder = the one who acquires (buyer, recipient, heir), obligor = the one who transfers */
  role: TaxPayer;
  /** natural person or organisation (a developer, a company) */
  kind: 'natural' | 'legal';
  shareBasisPoints?: number;
  /** an acquiring party's relation to the transferor; absent = not shown by shared data */
  relation?: TaxRelation;
  /** inheritance: a statutory heir (法定继承) or an heir under a will who is not one */
  heir?: 'statutory' | 'will';
}

export interface CaseTaxInput {
  /** the business type's declared cause; absent = not declared, which no rule fits */
  cause?: TaxCause;
  /** the register's 用途 (住宅, 商业/商铺, 办公, 车位, 厂房, …) */
  use: string;
  parties: TaxPartyFacts[];
  contractPriceFen: number;
  referencePriceFenPerSqm: number;
  areaSqm: number;
  buyerFamilyHomeCount: number;
  sellerRegisteredOn: IsoDate;
  transactionDate: IsoDate;
  sellerFamilyOnlyHome: boolean;
  originalPriceFen?: number;
}

export type UseClass = 'residential' | 'nonResidential';

const RESIDENTIAL = ['住宅'];
const NON_RESIDENTIAL = ['商业', '商铺', '商服', '办公', '车位', '车库', '厂房', '工业', '仓储'];

/** the register's 用途 as the tax rules tell them apart; undefined = no rule knows it */
export function useClass(use: string): UseClass | undefined {
  if (RESIDENTIAL.includes(use)) return 'residential';
  if (NON_RESIDENTIAL.includes(use)) return 'nonResidential';
  return undefined;
}

const isClose = (r: TaxRelation | undefined): boolean =>
  r !== undefined && CLOSE_RELATIONS.includes(r);

const DEED_LAW = '《中华人民共和国契税法》';
const STAMP_LAW = '《中华人民共和国印花税法》税目税率表（产权转移书据）';
const GIFT_IIT = '财税〔2009〕78号';
const GIFT_VAT = '财税〔2016〕36号附件3';

class Manual extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
const manual = (reason: string): never => {
  throw new Manual(reason);
};

/**
 * One line per taxpayer: the side's line split by shares (or equally), to the fen, the
 * remainder to the first; each names its taxpayer.
 */
export function perTaxpayer(whole: TaxLine, payers: readonly TaxPartyFacts[]): TaxLine[] {
  if (payers.length === 0) return [];
  if (payers.length === 1) {
    return [{ ...whole, taxpayerId: payers[0].personId, taxpayerName: payers[0].name }];
  }
  const byShare =
    payers.every((p) => p.shareBasisPoints !== undefined && p.shareBasisPoints > 0) &&
    payers.reduce((s, p) => s + (p.shareBasisPoints ?? 0), 0) > 0;
  const weights = payers.map((p) => (byShare ? (p.shareBasisPoints ?? 0) : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const split = (value: number): number[] => {
    const parts = weights.map((w) => Number((BigInt(value) * BigInt(w)) / BigInt(total)));
    let rest = value - parts.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i]++;
    return parts;
  };
  const amounts = split(whole.amountFen);
  const bases = split(whole.baseFen);
  const how = byShare ? '按各自份额分摊' : `由${payers.length}人均摊`;
  return payers.map((p, i) => ({
    ...whole,
    baseFen: bases[i],
    amountFen: amounts[i],
    rule: `${whole.rule}；${how}`,
    taxpayerId: p.personId,
    taxpayerName: p.name,
  }));
}

function surchargeLines(
  vat: TaxLine,
  payers: readonly TaxPartyFacts[],
  config: CauseTaxConfig,
): TaxLine[] {
  if (vat.amountFen === 0) return [];
  const s = config.surcharges;
  const half = s.halvedForIndividuals;
  const rate = (r: number) => (half ? Math.round(r / 2) : r);
  const relief = half ? '，个人减半征收（2023–2027年六税两费减免，假设值可配置）' : '';
  const one = (tax: TaxKind, r: number, name: string): TaxLine =>
    makeTaxLine(
      tax,
      vat.payer,
      vat.amountFen,
      rate(r),
      `按增值税税额${formatFen(vat.amountFen)}的${formatRate(r)}缴纳${name}${relief}`,
    );
  return [
    one('urbanMaintenanceTax', s.urbanMaintenance, '城市维护建设税（市区7%，县城5%）'),
    one('educationSurcharge', s.education, '教育费附加'),
    one('localEducationSurcharge', s.localEducation, '地方教育附加'),
  ].flatMap((l) => perTaxpayer(l, payers));
}

function stampLine(payer: TaxPayer, baseFen: number, config: CauseTaxConfig, why: string): TaxLine {
  return makeTaxLine(
    'stampDuty',
    payer,
    baseFen,
    config.stampDutyRate,
    `${why}，产权转移书据按价款的${formatRate(config.stampDutyRate)}缴纳印花税，双方各自缴纳（${STAMP_LAW}）`,
  );
}

function sideOf(input: CaseTaxInput) {
  return {
    acquirers: input.parties.filter((p) => p.role === 'rightHolder'),
    transferors: input.parties.filter((p) => p.role === 'obligor'),
  };
}

function legacyInput(input: CaseTaxInput, extra: Partial<TaxInput> = {}): TaxInput {
  return {
    contractPriceFen: input.contractPriceFen,
    referencePriceFenPerSqm: input.referencePriceFenPerSqm,
    areaSqm: input.areaSqm,
    buyerFamilyHomeCount: input.buyerFamilyHomeCount,
    sellerRegisteredOn: input.sellerRegisteredOn,
    transactionDate: input.transactionDate,
    sellerFamilyOnlyHome: input.sellerFamilyOnlyHome,
    ...(input.originalPriceFen !== undefined ? { originalPriceFen: input.originalPriceFen } : {}),
    ...extra,
  };
}

/** 买卖 and 预告转本 (a purchase): §6 for a home between individuals, §13 otherwise */
function saleLines(
  input: CaseTaxInput,
  baseFen: number,
  config: TaxConfig,
  extra: CauseTaxConfig,
): TaxLine[] {
  const { acquirers: buyers, transferors: sellers } = sideOf(input);
  if (buyers.length === 0 || sellers.length === 0) manual('办件缺少买方或卖方，无法按买卖规则核税');
  if (buyers.some((p) => p.kind === 'legal'))
    manual('买方为单位，单位承受不动产的税费不在本规则范围内，须由税务部门人工核定');
  const companySeller = sellers.every((p) => p.kind === 'legal');
  if (!companySeller && sellers.some((p) => p.kind === 'legal'))
    manual('卖方既有单位又有个人，不在本规则范围内，须由税务部门人工核定');
  const use = useClass(input.use) ?? manual(`登记用途“${input.use}”不在核税规则范围内`);
  const betweenSpouses = buyers.every((b) => b.relation === 'spouse');
  const lines: TaxLine[] = [];
  if (use === 'residential') {
    const legacy = legacyInput(input, betweenSpouses ? { betweenSpouses: true } : {});
    lines.push(...perTaxpayer(deedTaxLine(legacy, baseFen, config), buyers));
    lines.push(
      ...perTaxpayer(
        makeTaxLine('stampDuty', 'rightHolder', baseFen, 0, '个人购买住房，免征印花税', true),
        buyers,
      ),
    );
    // a company's own taxes are settled by the company with the tax office, never here (§13)
    if (companySeller) return lines;
    const vat = vatLine(legacy, baseFen, config);
    lines.push(...perTaxpayer(vat, sellers), ...surchargeLines(vat, sellers, extra));
    lines.push(...perTaxpayer(incomeTaxLine(legacy, baseFen, config), sellers));
    lines.push(
      ...perTaxpayer(
        makeTaxLine('stampDuty', 'obligor', baseFen, 0, '个人销售住房，免征印花税', true),
        sellers,
      ),
    );
    return lines;
  }
  const n = extra.nonResidential;
  const why = `非住房（登记用途${input.use}）不适用家庭住房优惠`;
  lines.push(
    ...perTaxpayer(
      makeTaxLine(
        'deedTax',
        'rightHolder',
        baseFen,
        n.deedRate,
        `${why}，按浙江省契税适用税率${formatRate(n.deedRate)}缴纳契税（${DEED_LAW}第三条，浙江省2021年9月1日起施行）`,
      ),
      buyers,
    ),
    ...perTaxpayer(stampLine('rightHolder', baseFen, extra, '非住房买卖不适用住房免征'), buyers),
  );
  if (companySeller) return lines;
  if (input.originalPriceFen !== undefined)
    manual('卖方能提供原值凭证，土地增值税须按扣除项目累进计算，须由税务部门人工核定');
  const vat = makeTaxLine(
    'vat',
    'obligor',
    baseFen,
    n.vatRate,
    `个人销售非住房，未能提供购房原值凭证，按计税价格全额的${formatRate(n.vatRate)}征收率缴纳增值税（${GIFT_VAT}）`,
  );
  lines.push(...perTaxpayer(vat, sellers), ...surchargeLines(vat, sellers, extra));
  lines.push(
    ...perTaxpayer(
      makeTaxLine(
        'landVat',
        'obligor',
        baseFen,
        n.landVatDeemedRate,
        `个人转让非住房，不能提供扣除项目凭证，按转让价格的${formatRate(n.landVatDeemedRate)}核定征收土地增值税（台州核定征收率为假设值，可配置）`,
      ),
      sellers,
    ),
    ...perTaxpayer(
      makeTaxLine(
        'incomeTax',
        'obligor',
        baseFen,
        n.incomeTaxDeemedRate,
        `个人转让非住房，不能提供房屋原值凭证，按转让价格的${formatRate(n.incomeTaxDeemedRate)}核定征收个人所得税（核定征收率为假设值，可配置）`,
      ),
      sellers,
    ),
    ...perTaxpayer(stampLine('obligor', baseFen, extra, '非住房买卖不适用住房免征'), sellers),
  );
  return lines;
}

/** a recipient's own lines: 契税 (spouses exempt) and 个人所得税 (close relatives exempt), §13 */
function recipientLines(
  input: CaseTaxInput,
  baseFen: number,
  extra: CauseTaxConfig,
  r: TaxPartyFacts,
): TaxLine[] {
  const deed =
    r.relation === 'spouse'
      ? makeTaxLine(
          'deedTax',
          'rightHolder',
          baseFen,
          0,
          `婚姻关系存续期间夫妻之间变更房屋权属，免征契税（${DEED_LAW}第六条）`,
          true,
        )
      : makeTaxLine(
          'deedTax',
          'rightHolder',
          baseFen,
          extra.gift.deedRate,
          `赠与不是买卖，不适用家庭住房优惠，受赠人按${formatRate(extra.gift.deedRate)}缴纳契税（${DEED_LAW}第一条、第三条）`,
        );
  const gain = Math.max(0, baseFen - (input.originalPriceFen ?? 0));
  const iit = isClose(r.relation)
    ? makeTaxLine(
        'incomeTax',
        'rightHolder',
        baseFen,
        0,
        `房屋无偿赠与配偶、父母、子女、祖父母、外祖父母、孙子女、外孙子女、兄弟姐妹或直接抚养、赡养人，不征收个人所得税（${GIFT_IIT}）`,
        true,
      )
    : makeTaxLine(
        'incomeTax',
        'rightHolder',
        gain,
        extra.gift.incomeTaxRate,
        `受赠人（非近亲属）按受赠房屋核定价值${formatFen(baseFen)}${input.originalPriceFen !== undefined ? `减除赠与人原值${formatFen(input.originalPriceFen)}` : ''}后的${formatRate(extra.gift.incomeTaxRate)}缴纳个人所得税（${GIFT_IIT}）`,
      );
  return [...perTaxpayer(deed, [r]), ...perTaxpayer(iit, [r])];
}

/** 赠与 (and 夫妻加名, a gift between spouses): §13 */
function giftLines(
  input: CaseTaxInput,
  baseFen: number,
  config: TaxConfig,
  extra: CauseTaxConfig,
  recipients: TaxPartyFacts[],
  donors: TaxPartyFacts[],
): TaxLine[] {
  if (recipients.length === 0 || donors.length === 0)
    manual('办件缺少赠与人或受赠人，无法按赠与规则核税');
  if ([...recipients, ...donors].some((p) => p.kind === 'legal'))
    manual('赠与一方为单位，不在本规则范围内，须由税务部门人工核定');
  const use = useClass(input.use) ?? manual(`登记用途“${input.use}”不在核税规则范围内`);
  if (recipients.some((r) => r.relation === undefined))
    manual(
      '受赠人与赠与人的亲属关系未能由共享数据确认，个人所得税和增值税能否免征须由税务部门人工核定',
    );
  const close = recipients.map((r) => isClose(r.relation));
  if (close.some(Boolean) && !close.every(Boolean))
    manual('受赠人中既有近亲属又有非近亲属，增值税能否免征须由税务部门人工核定');
  const allClose = close.every(Boolean);
  if (!allClose && use === 'nonResidential')
    manual('非住房赠与非近亲属，土地增值税等不在本规则范围内，须由税务部门人工核定');
  const lines: TaxLine[] = recipients.flatMap((r) => recipientLines(input, baseFen, extra, r));
  if (allClose) {
    lines.push(
      ...perTaxpayer(
        makeTaxLine(
          'vat',
          'obligor',
          baseFen,
          0,
          `个人无偿赠与近亲属或抚养、赡养人，免征增值税（${GIFT_VAT}）`,
          true,
        ),
        donors,
      ),
    );
  } else {
    // residential to a non-relative: VAT as on a sale (§6), with its surcharges
    const vat = vatLine(legacyInput(input), baseFen, config);
    lines.push(...perTaxpayer(vat, donors), ...surchargeLines(vat, donors, extra));
  }
  const why = '赠与不是买卖，不适用个人买卖住房免征印花税';
  lines.push(
    ...perTaxpayer(stampLine('rightHolder', baseFen, extra, why), recipients),
    ...perTaxpayer(stampLine('obligor', baseFen, extra, why), donors),
  );
  return lines;
}

/** 继承: a statutory heir is exempt (契税法 §6, 个税); an heir under a will as a gift (§13) */
function inheritanceLines(input: CaseTaxInput, baseFen: number, extra: CauseTaxConfig): TaxLine[] {
  const { acquirers: heirs } = sideOf(input);
  if (heirs.length === 0) manual('办件没有继承人，无法核税');
  const lines: TaxLine[] = [];
  for (const h of heirs) {
    if (h.kind === 'legal') manual('受遗赠人为单位，不在本规则范围内，须由税务部门人工核定');
    if (h.heir === undefined) manual('未能确认继承人是否为法定继承人，须由税务部门人工核定');
    if (h.heir === 'statutory') {
      lines.push(
        ...perTaxpayer(
          makeTaxLine(
            'deedTax',
            'rightHolder',
            baseFen,
            0,
            `法定继承人通过继承承受房屋权属，免征契税（${DEED_LAW}第六条）`,
            true,
          ),
          [h],
        ),
        ...perTaxpayer(
          makeTaxLine(
            'incomeTax',
            'rightHolder',
            baseFen,
            0,
            `房屋产权所有人死亡，法定继承人依法取得房屋产权，不征收个人所得税（${GIFT_IIT}）`,
            true,
          ),
          [h],
        ),
      );
      continue;
    }
    // under a will, not a statutory heir: as a gift; the estate's own VAT is not a party's to pay
    if (!isClose(h.relation))
      manual('非近亲属的遗嘱继承人（受遗赠）的税费不在本规则范围内，须由税务部门人工核定');
    lines.push(
      ...recipientLines(input, baseFen, extra, h),
      ...perTaxpayer(
        stampLine('rightHolder', baseFen, extra, '遗嘱继承（非法定继承人）按赠与处理'),
        [h],
      ),
    );
  }
  return lines;
}

function causeLines(
  input: CaseTaxInput,
  baseFen: number,
  config: TaxConfig,
  extra: CauseTaxConfig,
): TaxLine[] {
  const { acquirers, transferors } = sideOf(input);
  switch (input.cause) {
    case 'none':
      return [];
    case 'sale':
    case 'newHomePurchase':
      return saleLines(input, baseFen, config, extra);
    case 'gift':
      return giftLines(input, baseFen, config, extra, acquirers, transferors);
    case 'spouseAddition': {
      // the holder who stays is not a recipient; the spouse added receives (a gift between spouses)
      const holderIds = new Set(transferors.map((p) => p.personId));
      const added = acquirers.filter((p) => !holderIds.has(p.personId));
      if (added.length === 0) return [];
      if (added.some((p) => p.relation !== 'spouse'))
        manual('未能确认加名人与原权利人为夫妻，须由税务部门人工核定');
      return giftLines(input, baseFen, config, extra, added, transferors);
    }
    case 'inheritance':
      return inheritanceLines(input, baseFen, extra);
    case 'divorceDivision':
      return manual(
        '离婚析产的税收规则未列入本系统核税规则（docs/registry-facts.md §13），须由税务部门人工核定',
      );
    case undefined:
      return manual('该业务类型未声明计税原因，须由税务部门人工核定');
  }
}

/** assessCaseTax: every line of a case with its taxpayer and rule, or 待人工核定 with the reason */
export function assessCaseTax(
  input: CaseTaxInput,
  config: TaxConfig = DEFAULT_TAX_CONFIG,
  extra: CauseTaxConfig = DEFAULT_CAUSE_TAX_CONFIG,
): TaxAssessment {
  const legacy = legacyInput(input);
  validateTaxInput(legacy);
  if (input.parties.some((p) => !p.personId))
    throw validationFailed('计税信息有误：当事人缺少身份标识');
  const base = computeTaxBase(legacy);
  const yearsHeld = fullYearsHeld(input.sellerRegisteredOn, input.transactionDate);
  let lines: TaxLine[];
  let manualReason: string | undefined;
  try {
    lines = causeLines(input, base.baseFen, config, extra);
  } catch (e) {
    if (!(e instanceof Manual)) throw e;
    lines = [];
    manualReason = e.reason;
  }
  const sum = (p: TaxPayer) =>
    lines.filter((l) => l.payer === p).reduce((acc, l) => acc + l.amountFen, 0);
  const rightHolder = sum('rightHolder');
  const obligor = sum('obligor');
  return {
    base,
    yearsHeld,
    lines,
    totals: { rightHolder, obligor, all: rightHolder + obligor },
    configLabel: config.label,
    ...(input.cause ? { cause: input.cause } : {}),
    ...(manualReason !== undefined ? { manual: { reason: manualReason } } : {}),
  };
}

/** the lines one taxpayer owes (what they see and pay) */
export const linesOf = (a: TaxAssessment, personId: string): TaxLine[] =>
  a.lines.filter((l) => l.taxpayerId === personId);

/** the amount one taxpayer owes, fen */
export const amountOwedBy = (a: TaxAssessment, personId: string): number =>
  linesOf(a, personId).reduce((s, l) => s + l.amountFen, 0);

/** every taxpayer named by a line, in order of first appearance */
export function taxpayersOf(a: TaxAssessment): { personId: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const l of a.lines)
    if (l.taxpayerId && !seen.has(l.taxpayerId)) seen.set(l.taxpayerId, l.taxpayerName ?? '');
  return [...seen].map(([personId, name]) => ({ personId, name }));
}

/** an assessment made per taxpayer (every line names one), as opposed to one for the whole case */
export const isPerTaxpayer = (a: TaxAssessment): boolean =>
  a.cause !== undefined || a.manual !== undefined || a.lines.some((l) => l.taxpayerId);

/**
 * The taxpayers who must pay before registration: everyone owing more than zero. A taxpayer
 * whose lines are all exempt owes nothing and waits for nobody (they may still ask for their
 * 完税证明, which states the exemption).
 */
export const taxpayersWhoOwe = (a: TaxAssessment): { personId: string; name: string }[] =>
  taxpayersOf(a).filter((t) => amountOwedBy(a, t.personId) > 0);
