/**
 * What a presentation discloses. 'full' is the certificate as the national form
 * prints it; 'minimal' shows only location, right type, use and the holders' masked names —
 * areas, the unit number, shares, the certificate number and everything else stay hidden.
 * The registry decides the field list when it seals the token; the verify answer is built from
 * that list only, so a hidden field can never leak into it. Pure.
 */
import { looksLikeOrganisation, maskName } from '../masking';
import type { PresentationView, PresentedKind } from './token';

export interface DisclosedField {
  key: string;
  label: string;
  value: string;
}

interface FieldDef {
  label: string;
  full: boolean;
  minimal: false | 'plain' | 'masked';
}

/** 不动产权证书 in the order of the national form (docs/registry-facts.md §3). */
export const TITLE_CERTIFICATE_FIELDS: Record<string, FieldDef> = {
  number: { label: '证号', full: true, minimal: false },
  registeredOn: { label: '登记日期', full: true, minimal: false },
  rightHolders: { label: '权利人', full: true, minimal: 'masked' },
  coOwnership: { label: '共有情况', full: true, minimal: false },
  location: { label: '坐落', full: true, minimal: 'plain' },
  unitCode: { label: '不动产单元号', full: true, minimal: false },
  rightType: { label: '权利类型', full: true, minimal: 'plain' },
  rightNature: { label: '权利性质', full: true, minimal: false },
  use: { label: '用途', full: true, minimal: 'plain' },
  area: { label: '面积', full: true, minimal: false },
  term: { label: '使用期限', full: true, minimal: false },
  otherState: { label: '权利其他状况', full: true, minimal: false },
  remarks: { label: '附记', full: true, minimal: false },
  licenceId: { label: '证照标识', full: true, minimal: false },
  issuer: { label: '登记机构', full: true, minimal: 'plain' },
};

/** 不动产权属查询证明（有房/无房证明）. */
export const HOLDINGS_PROOF_FIELDS: Record<string, FieldDef> = {
  number: { label: '证明编号', full: true, minimal: false },
  subjectName: { label: '查询对象', full: true, minimal: 'masked' },
  subjectIdNumber: { label: '证件号码', full: true, minimal: false },
  result: { label: '查询结果', full: true, minimal: 'plain' },
  holdings: { label: '名下不动产', full: true, minimal: false },
  queriedAt: { label: '查询时间', full: true, minimal: 'plain' },
  scope: { label: '查询范围', full: true, minimal: 'plain' },
  issuer: { label: '出具机构', full: true, minimal: 'plain' },
};

export const FIELDS_OF: Record<PresentedKind, Record<string, FieldDef>> = {
  titleCertificate: TITLE_CERTIFICATE_FIELDS,
  holdingsProof: HOLDINGS_PROOF_FIELDS,
};

/** The field names a presentation of this kind and view discloses, in display order. */
export function disclosedFieldNames(kind: PresentedKind, view: PresentationView): string[] {
  return Object.entries(FIELDS_OF[kind])
    .filter(([, d]) => (view === 'full' ? d.full : d.minimal !== false))
    .map(([k]) => k);
}

/** Organisations' names are public; a natural person's is masked. */
const maskHolder = (name: string) => (looksLikeOrganisation(name) ? name : maskName(name));

function text(value: unknown, masked: boolean): string {
  if (Array.isArray(value)) {
    return value
      .map((v) =>
        typeof v === 'string'
          ? masked
            ? maskHolder(v)
            : v
          : v && typeof v === 'object'
            ? Object.values(v as Record<string, unknown>)
                .filter((x) => typeof x === 'string' && x)
                .join(' ')
            : String(v),
      )
      .join('、');
  }
  if (typeof value === 'string') return masked ? maskHolder(value) : value;
  if (value === undefined || value === null) return '';
  return String(value);
}

/**
 * The disclosed fields of a sealed body: only the names in `fields` that the view allows,
 * masked as the view says. Unknown names are ignored.
 */
export function discloseFields(
  kind: PresentedKind,
  view: PresentationView,
  fields: readonly string[],
  body: Record<string, unknown>,
): DisclosedField[] {
  const defs = FIELDS_OF[kind];
  const allowed = new Set(disclosedFieldNames(kind, view));
  const out: DisclosedField[] = [];
  for (const key of fields) {
    const d = defs[key];
    if (!d || !allowed.has(key)) continue;
    const masked = view === 'minimal' && d.minimal === 'masked';
    out.push({ key, label: d.label, value: text(body[key], masked) });
  }
  return out;
}

// ---------------------------------------------------------------- status

export type CertificateStatusNow = 'current' | 'cancelled' | 'void';
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatusNow, string> = {
  current: '现势',
  cancelled: '已注销',
  void: '已作废',
};
export const RESTRICTION_LABELS: Record<string, string> = {
  mortgage: '已抵押',
  seizure: '已查封',
  objection: '存在异议登记',
  advanceNotice: '存在预告登记',
};

export function statusSummary(status: CertificateStatusNow, restrictions: readonly string[]) {
  const labels = status === 'current' ? restrictions.map((k) => RESTRICTION_LABELS[k] ?? k) : [];
  return [CERTIFICATE_STATUS_LABELS[status], ...labels].join('；');
}
