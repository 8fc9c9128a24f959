import type { WalletItem } from '@contract';

export const DETAIL_PAGE = '/pages/wallet/detail';
export const PRESENT_PAGE = '/pages/wallet/present';

/** The watermark of a certificate that is no longer current (docs/registry-facts.md §3). */
export function watermarkOf(item: Pick<WalletItem, 'status'>): string | null {
  if (item.status.certificate === 'cancelled') return '已注销';
  if (item.status.certificate === 'void') return '已作废';
  return null;
}

export const FORM_LABELS: Record<string, string> = {
  electronic: '电子证照',
  paper: '纸质证书',
  'paper+electronic': '纸质证书（已制作电子证照）',
};

/** 不动产权证书 fields in the order of the national form (docs/registry-facts.md §3). */
export const TITLE_FIELDS: [string, string][] = [
  ['registeredOn', '登记日期'],
  ['number', '证号'],
  ['rightHolders', '权利人'],
  ['coOwnership', '共有情况'],
  ['location', '坐落'],
  ['unitCode', '不动产单元号'],
  ['rightType', '权利类型'],
  ['rightNature', '权利性质'],
  ['use', '用途'],
  ['area', '面积'],
  ['term', '使用期限'],
  ['otherState', '权利其他状况'],
  ['remarks', '附记'],
];

export const PROOF_FIELDS: [string, string][] = [
  ['number', '证明编号'],
  ['subjectName', '查询对象'],
  ['subjectIdNumber', '证件号码'],
  ['result', '查询结果'],
  ['holdings', '名下不动产'],
  ['queriedAt', '查询时间'],
  ['scope', '查询范围'],
  ['text', '说明'],
];

export function fieldText(value: unknown): string {
  if (Array.isArray(value)) {
    return value
      .map((v) =>
        v && typeof v === 'object'
          ? Object.values(v as Record<string, unknown>).join(' ')
          : String(v),
      )
      .join('、');
  }
  if (value === undefined || value === null || value === '') return '—';
  return String(value);
}
