/**
 * Shared data (共享数据, 条例§24, 细则 二): which department shares which checklist item, the
 * sources' seals, the decision per material (shared → else scan upload → else commitment, in the
 * catalogue's order), the recheck deadline (校核, 1 working day) and the states of a recheck and
 * of a party's objection to a shared record (细则 二(五)).
 *
 * Pure: keys, nonces, clocks and calendars are passed in.
 */
import type { MaterialRequirement, MaterialSource } from '../catalogue';
import {
  bytesToHex,
  canonicalJson,
  decodePublicKeyHex,
  decodeSignatureHex,
  encodeSignatureHex,
  sm2Sign,
  sm2Verify,
  sm3,
  utf8,
  type KSource,
} from '../crypto';
import { chinaWorkingDayCalendar, type WorkingDayCalendar } from '../calendar';
import { beijingDate } from '../cases/deadlines';
import type {
  DataSourceCode,
  SharedDataFailureKind,
  SharedDataKind,
  SharedDataQuery,
  SharedRecord,
  SourceSeal,
} from '../../ports/sharedData';

// ---------------------------------------------------------------- sources

/** The departments' names as a citizen reads them (assumption: the exact bureau names). */
export const DATA_SOURCE_NAMES: Record<DataSourceCode, string> = {
  publicSecurity: '台州市公安局',
  civilAffairs: '台州市民政局',
  housing: '台州市住房和城乡建设局',
  courts: '台州市中级人民法院',
  banks: '银行业金融机构（抵押权人）',
  tax: '国家税务总局台州市税务局',
  planning: '台州市自然资源和规划局（规划）',
};

/** Short names used in sentences such as 「民政数据暂不可用」. */
export const DATA_SOURCE_SHORT_NAMES: Record<DataSourceCode, string> = {
  publicSecurity: '公安',
  civilAffairs: '民政',
  housing: '住建',
  courts: '法院',
  banks: '银行',
  tax: '税务',
  planning: '规划',
};

/** Which source answers each query kind. */
export const SOURCE_OF_KIND: Record<SharedDataKind, DataSourceCode> = {
  identity: 'publicSecurity',
  household: 'publicSecurity',
  marriage: 'civilAffairs',
  filedContract: 'housing',
  familyHousing: 'housing',
  completion: 'housing',
  seizures: 'courts',
  mortgages: 'banks',
  taxPayments: 'tax',
  planning: 'planning',
  heirs: 'publicSecurity',
};

/**
 * The catalogue names a material's 数源单位 in Chinese (`dataSource`). '登记机构' is the registry
 * itself (its own register, no outside seal); '工程建设项目审批平台' carries completion records,
 * which 住建 answers here.
 */
export const CATALOGUE_DATA_SOURCES: Record<string, DataSourceCode | 'registry'> = {
  公安: 'publicSecurity',
  民政: 'civilAffairs',
  住建: 'housing',
  法院: 'courts',
  银行: 'banks',
  税务: 'tax',
  规划: 'planning',
  工程建设项目审批平台: 'housing',
  登记机构: 'registry',
};

/** What a case needs to ask the sources for one checklist item. */
export interface MaterialQueryContext {
  caseId: string;
  unitCode: string;
  /** natural persons among the parties (ID numbers), by role */
  parties: { idNumber: string; role: string; natural: boolean }[];
  /** 继承: the deceased holder's ID number (the case's succession) */
  deceasedIdNumber?: string;
}

/**
 * The queries each shareable material code needs. A code not listed here is not fetched from an
 * outside source (the registry's own data, or the application itself).
 */
export function queriesForMaterial(code: string, ctx: MaterialQueryContext): SharedDataQuery[] {
  const natural = [...new Set(ctx.parties.filter((p) => p.natural).map((p) => p.idNumber))];
  switch (code) {
    case 'identity':
    case 'identityChangeProof':
      return natural.map((idNumber) => ({ kind: 'identity', idNumber }));
    case 'marriage':
    case 'marriageCertificate':
    case 'divorceRecord':
      return natural.map((idNumber) => ({ kind: 'marriage', idNumber }));
    case 'deathProof':
    case 'kinshipProof':
      return ctx.deceasedIdNumber ? [{ kind: 'heirs', idNumber: ctx.deceasedIdNumber }] : [];
    case 'filedContract':
      return [{ kind: 'filedContract', caseId: ctx.caseId }];
    case 'taxReceipt':
      return [{ kind: 'taxPayments', caseId: ctx.caseId }];
    case 'completionAcceptance':
      return [{ kind: 'completion', unitCode: ctx.unitCode }];
    // 带押过户's releaseConsent: the seller's bank shares its consent with its mortgage records
    case 'mortgageContract':
    case 'dischargeStatement':
    case 'releaseConsent':
      return [{ kind: 'mortgages', unitCode: ctx.unitCode }];
    default:
      return [];
  }
}

/**
 * Queries a case asks in the background for review (not checklist items): seizures (法院) and
 * mortgages (银行) on the unit, and the buyers' family housing count (住建) for tax.
 */
export function reviewQueries(ctx: MaterialQueryContext): SharedDataQuery[] {
  const buyers = ctx.parties.filter((p) => p.natural && p.role === 'rightHolder');
  return [
    { kind: 'seizures', unitCode: ctx.unitCode },
    { kind: 'mortgages', unitCode: ctx.unitCode },
    ...buyers.map((b): SharedDataQuery => ({ kind: 'familyHousing', idNumber: b.idNumber })),
  ];
}

// ---------------------------------------------------------------- seals

export type UnsealedRecord<T = unknown> = Omit<SharedRecord<T>, 'seal'>;

/** The bytes a source signs: canonical JSON of { source, query, data, retrievedAt }. */
export const sealedMessage = (r: UnsealedRecord): Uint8Array =>
  utf8(
    canonicalJson({ source: r.source, query: r.query, data: r.data, retrievedAt: r.retrievedAt }),
  );

export const sharedRecordDigestHex = (r: UnsealedRecord): string =>
  bytesToHex(sm3(sealedMessage(r)));

export function sealSharedRecord<T>(
  record: UnsealedRecord<T>,
  key: { keyId: string; privateKey: bigint },
  kSource: KSource,
): SharedRecord<T> {
  const signature = sm2Sign(key.privateKey, sealedMessage(record), kSource);
  return {
    ...record,
    seal: { algorithm: 'SM2-SM3', keyId: key.keyId, signature: encodeSignatureHex(signature) },
  };
}

export type SourceSealCheck =
  { valid: true } | { valid: false; reason: 'malformed' | 'wrongKey' | 'badSignature' };

/** Checks a shared record's seal against its source's published key (and key id when given). */
export function verifySourceSeal(
  record: SharedRecord,
  source: { publicKeyHex: string; keyId?: string },
): SourceSealCheck {
  const s: SourceSeal | undefined = record?.seal;
  if (!s || s.algorithm !== 'SM2-SM3' || typeof s.signature !== 'string') {
    return { valid: false, reason: 'malformed' };
  }
  if (source.keyId !== undefined && s.keyId !== source.keyId) {
    return { valid: false, reason: 'wrongKey' };
  }
  try {
    const ok = sm2Verify(
      decodePublicKeyHex(source.publicKeyHex),
      sealedMessage(record),
      decodeSignatureHex(s.signature),
    );
    return ok ? { valid: true } : { valid: false, reason: 'badSignature' };
  } catch {
    return { valid: false, reason: 'malformed' };
  }
}

// ---------------------------------------------------------------- per-material decision

/** 'pending': not answerable yet (the tax receipt before payment, a contract filed at submission) */
export type ResolutionMode = 'shared' | 'registry' | 'application' | 'fallback' | 'pending';

/** Why a shareable material could not be shared. */
export type FallbackReason = SharedDataFailureKind | 'sealInvalid' | 'noSource';

export interface FetchOutcome {
  query: SharedDataQuery;
  ok: boolean;
  /** when !ok */
  reason?: FallbackReason;
  /** when ok: the source holds a record (data !== null); null data is a valid "none" answer */
  hasData?: boolean;
}

export interface MaterialDecision {
  code: string;
  mode: ResolutionMode;
  /** outside source when shared or fallen back */
  source?: DataSourceCode;
  /** fallback only */
  reason?: FallbackReason;
  /** what the applicant may give instead (catalogue order, sharedData removed) */
  allowed?: MaterialSource[];
  /** Chinese sentence shown to the applicant, e.g. 民政数据暂不可用（超时），请签署承诺书 */
  message?: string;
}

const REASON_TEXT: Record<FallbackReason, string> = {
  timeout: '暂不可用（超时）',
  unavailable: '暂不可用（系统维护）',
  notFound: '未查到相关记录',
  sealInvalid: '印章校验未通过',
  noSource: '暂未接入',
};

/** Query kinds whose `null` answer means "nothing to share" rather than "none exists". */
const NULL_MEANS_NOT_FOUND: readonly SharedDataKind[] = [
  'identity',
  'heirs',
  'filedContract',
  'completion',
  'taxPayments',
];

export function fallbackMessage(
  material: Pick<MaterialRequirement, 'name'>,
  source: DataSourceCode,
  reason: FallbackReason,
  allowed: readonly MaterialSource[],
): string {
  const offers: string[] = [];
  if (allowed.includes('scan')) offers.push(`上传${material.name}照片`);
  if (allowed.includes('commitment')) offers.push('签署承诺书');
  const offer = offers.length ? `请${offers.join('或')}` : '请稍后重试或联系登记窗口';
  return `${DATA_SOURCE_SHORT_NAMES[source]}数据${REASON_TEXT[reason]}，${offer}`;
}

/**
 * Decides how one checklist item is supplied from the outcomes of its queries: shared when every
 * query answered with a valid seal (and, for kinds where null means "not found", held data);
 * otherwise the catalogue's next sources, with the reason.
 */
export function decideMaterial(
  m: MaterialRequirement,
  outcomes: readonly FetchOutcome[],
): MaterialDecision {
  if (m.code === 'applicationForm') return { code: m.code, mode: 'application' };
  if (!m.sources.includes('sharedData') || !m.dataSource) {
    return { code: m.code, mode: 'fallback', allowed: [...m.sources] };
  }
  const target = CATALOGUE_DATA_SOURCES[m.dataSource];
  if (target === 'registry') return { code: m.code, mode: 'registry' };
  const allowed = m.sources.filter((s) => s !== 'sharedData');
  if (!target) {
    return { code: m.code, mode: 'fallback', reason: 'noSource', allowed };
  }
  const failed = outcomes.find(
    (o) => !o.ok || (o.hasData === false && NULL_MEANS_NOT_FOUND.includes(o.query.kind)),
  );
  if (outcomes.length === 0 || failed) {
    const reason: FallbackReason = failed ? (failed.reason ?? 'notFound') : 'noSource';
    const source = failed ? SOURCE_OF_KIND[failed.query.kind] : target;
    return {
      code: m.code,
      mode: 'fallback',
      source,
      reason,
      allowed,
      message: fallbackMessage(m, source, reason, allowed),
    };
  }
  return { code: m.code, mode: 'shared', source: SOURCE_OF_KIND[outcomes[0].query.kind] };
}

// ---------------------------------------------------------------- recheck and objection

/** 细则 二(五): the source answers a recheck within 1 working day. */
export const RECHECK_WORKING_DAYS = 1;

export function recheckDueOn(
  requestedAt: string,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): { dueOn: string; estimated: boolean } {
  const r = calendar.addWorkingDays(beijingDate(requestedAt), RECHECK_WORKING_DAYS);
  return { dueOn: r.date, estimated: !r.calendarComplete };
}

export type RecheckStatus = 'pending' | 'errorConfirmed' | 'upheld';
export type RecheckAnswer = 'errorConfirmed' | 'upheld';
export type ObjectionStatus = 'open' | 'sustained' | 'rejected';

/** An objection follows its recheck: the source confirms the error → the party prevails. */
export function objectionStatusAfter(answer: RecheckAnswer): ObjectionStatus {
  return answer === 'errorConfirmed' ? 'sustained' : 'rejected';
}

export const RECHECK_ANSWER_TEXT: Record<RecheckAnswer, string> = {
  errorConfirmed: '数源单位确认数据有误，以当事人提交的材料为准',
  upheld: '数源单位核实数据无误，维持原共享数据',
};

/** A shared record that is under recheck (or was found wrong) cannot be relied on. */
export const recordUsable = (status: 'current' | 'underRecheck' | 'wrong' | 'superseded') =>
  status === 'current';
