/**
 * 核税: when a sale case reaches tax, the assessment is made from the filed contract's price (or
 * the declared price), the register (area, holding period), the buyer family's housing count
 * (shared by 住建), the sellers' only-home status and the 核价 table, with the source of every
 * figure; stored on the case, the first one stands.
 */
import { beijingDate, type CaseRecord } from '../../domain/cases';
import { AppError } from '../../domain/errors';
import type { TaxCause } from '../../domain/catalogue';
import {
  assessCaseTax,
  DEFAULT_TAX_CONFIG,
  formatFen,
  referencePricePerSqm,
  type PropertyUse,
  type TaxConfig,
  type TaxInput,
  type TaxPartyFacts,
  type TaxRelation,
} from '../../domain/tax';
import type { Clock, PartyDirectory, RegisterRepository } from '../../ports';
import type { ContractFiling } from '../../ports/contracts';
import type {
  FamilyHousingLookup,
  StoredTaxAssessment,
  TaxAssessmentStore,
  TaxFactSource,
} from '../../ports/sale';
import { idNumbersOf, saleError } from './saleCase';

export interface TaxAssessmentDeps {
  register: Pick<RegisterRepository, 'unit'>;
  parties: Pick<PartyDirectory, 'person'>;
  filing: Pick<ContractFiling, 'byCase'>;
  familyHousing: FamilyHousingLookup;
  /** 民政 marriages: the spouses of a person (person ids) */
  spousesOf: (personId: string) => Promise<string[]>;
  assessments: TaxAssessmentStore;
  clock: Clock;
  taxConfig?: TaxConfig;
  /** the case's tax cause, as its business type declares it (catalogue `taxation.cause`) */
  taxCauseOf: (c: CaseRecord) => Promise<TaxCause | undefined>;
  /**
   * kinship and inheritance facts shared by 公安/民政 (beyond marriage): an acquiring party's
   * relation to the transferors, and whether an heir is a statutory one; absent = not shown,
   * and the rules that need them send the case to manual assessment
   */
  relations?: {
    relation(personId: string, transferorIds: string[]): Promise<TaxRelation | undefined>;
    heir?(caseId: string, personId: string): Promise<'statutory' | 'will' | undefined>;
  };
}

const USE: Record<string, PropertyUse> = {
  住宅: 'residential',
  商业: 'commercial',
  办公: 'office',
};

export class SaleTaxAssessment {
  constructor(private readonly deps: TaxAssessmentDeps) {}

  /** The case's stored assessment, if made. */
  stored(caseId: string): Promise<StoredTaxAssessment | undefined> {
    return this.deps.assessments.get(caseId);
  }

  /** The case's assessment, made once when the case reaches tax. */
  async ensure(c: CaseRecord): Promise<StoredTaxAssessment> {
    const stored = await this.deps.assessments.get(c.caseId);
    if (stored) return stored;
    const view = await this.deps.register.unit(c.unitCode);
    if (!view?.right)
      throw saleError('TAX_NOT_ASSESSABLE', '登记簿中没有该房屋的现势权利，无法核税');
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
      throw saleError('TAX_NOT_ASSESSABLE', '该房屋所在区县没有核价标准，请联系税务部门');
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
    const buyers = await this.housing(await idNumbersOf(this.deps.parties, c, 'rightHolder'));
    facts.push({
      fact: 'familyHousing',
      source: buyers.source,
      detail: `买方家庭（本人、配偶、未成年子女）购房前已有住房${buyers.homeCount}套`,
    });
    const sellers = await this.housing(await idNumbersOf(this.deps.parties, c, 'obligor'));
    const onlyHome = sellers.homeCount <= 1;
    facts.push({
      fact: 'onlyHome',
      source: sellers.source,
      detail: onlyHome ? '该房屋是卖方家庭唯一住房' : `卖方家庭共有住房${sellers.homeCount}套`,
    });
    const sellerIds = new Set(c.parties.filter((p) => p.role === 'obligor').map((p) => p.personId));
    let betweenSpouses = false;
    for (const b of c.parties.filter((p) => p.role === 'rightHolder')) {
      if ((await this.deps.spousesOf(b.personId)).some((s) => sellerIds.has(s)))
        betweenSpouses = true;
    }
    if (betweenSpouses)
      facts.push({ fact: 'spouses', source: '民政婚姻登记信息', detail: '买卖双方为夫妻' });
    const now = this.deps.clock.now().toISOString();
    const transactionDate = beijingDate(filed?.filedAt ?? now);
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
    const cause = await this.deps.taxCauseOf(c);
    const parties = await this.partyFacts(c, [...sellerIds]);
    const assessment = assessCaseTax(
      { ...input, ...(cause ? { cause } : {}), use: unit.use, parties },
      this.deps.taxConfig ?? DEFAULT_TAX_CONFIG,
    );
    facts.push({
      fact: 'taxpayers',
      source: '不动产登记申请（当事人）与公安、民政共享信息',
      detail:
        '每一税目由其纳税人缴纳：契税由受让方、增值税及附加、个人所得税、土地增值税由转让方、印花税由各方各自缴纳',
    });
    return this.deps.assessments.putIfAbsent({
      caseId: c.caseId,
      input,
      assessment,
      facts,
      assessedAt: now,
    });
  }

  /** Each party's kind (person or organisation) and, for the acquiring side, relation and heirship. */
  private async partyFacts(c: CaseRecord, transferorIds: string[]): Promise<TaxPartyFacts[]> {
    const out: TaxPartyFacts[] = [];
    for (const p of c.parties) {
      if (p.role !== 'rightHolder' && p.role !== 'obligor') continue;
      const person = await this.deps.parties.person(p.personId);
      const facts: TaxPartyFacts = {
        personId: p.personId,
        name: p.name,
        role: p.role,
        kind: person?.kind === 'legal' ? 'legal' : 'natural',
        ...(p.shareBasisPoints !== undefined ? { shareBasisPoints: p.shareBasisPoints } : {}),
      };
      if (p.role === 'rightHolder') {
        const spouses = await this.deps.spousesOf(p.personId);
        const relation = spouses.some((s) => transferorIds.includes(s))
          ? 'spouse'
          : await this.deps.relations?.relation(p.personId, transferorIds);
        if (relation) facts.relation = relation;
        const heir = await this.deps.relations?.heir?.(c.caseId, p.personId);
        if (heir) facts.heir = heir;
      }
      out.push(facts);
    }
    return out;
  }

  /** A family's homes from 住建; when 住建 cannot answer, the assessment waits (TAX_FACTS_UNAVAILABLE: retry later). */
  private async housing(ids: string[]) {
    try {
      return await this.deps.familyHousing.homeCount(ids);
    } catch (e) {
      throw new AppError(
        'TAX_FACTS_UNAVAILABLE',
        '核税所需的家庭住房信息暂时无法从住建部门获取，请稍后重试',
        { cause: e, retryAfterSeconds: 5 },
      );
    }
  }
}
