export const PURPOSES: { value: string; label: string }[] = [
  { value: 'purchase', label: '拟购买该不动产' },
  { value: 'lease', label: '拟租赁该不动产' },
  { value: 'mortgageLending', label: '拟设立抵押、发放贷款' },
  { value: 'litigation', label: '已就该不动产提起诉讼' },
  { value: 'arbitration', label: '已就该不动产申请仲裁' },
];

export const IDENTIFY_BY: {
  value: 'location' | 'certificateNumber' | 'unitCode';
  label: string;
}[] = [
  { value: 'location', label: '坐落' },
  { value: 'certificateNumber', label: '不动产权证书号' },
  { value: 'unitCode', label: '不动产单元号' },
];

export const CO_OWNERSHIP: Record<string, string> = {
  sole: '单独所有',
  joint: '共同共有',
  shares: '按份共有',
};

const yes = (b: unknown) => (b ? '有' : '无');

export interface FactRow {
  key: string;
  label: string;
  value: string;
}

type Facts = Record<string, unknown>;

/** The facts of a sealed 查询结果证明 as rows of plain text (only those present). */
export function factRows(facts: Facts): FactRow[] {
  const rows: FactRow[] = [];
  const n = facts.naturalState as Record<string, unknown> | undefined;
  if (n) {
    rows.push({ key: 'location', label: '坐落', value: String(n.location ?? '') });
    rows.push({ key: 'use', label: '用途', value: String(n.use ?? '') });
    if (n.buildingArea !== undefined)
      rows.push({ key: 'area', label: '建筑面积', value: `${String(n.buildingArea)} 平方米` });
    if (n.structure) rows.push({ key: 'structure', label: '结构', value: String(n.structure) });
    if (n.floor !== undefined)
      rows.push({
        key: 'floor',
        label: '所在层/总层数',
        value: `${String(n.floor)}/${String(n.totalFloors ?? '')}`,
      });
  }
  const c = facts.coOwnership as { coOwned?: boolean; kind?: string | null } | undefined;
  if (c)
    rows.push({
      key: 'coOwnership',
      label: '是否共有',
      value: c.coOwned ? `是（${CO_OWNERSHIP[c.kind ?? ''] ?? '共有'}）` : '否',
    });
  const e = facts.encumbrances as Record<string, boolean> | undefined;
  if (e) {
    rows.push({ key: 'mortgage', label: '抵押登记', value: yes(e.mortgage) });
    rows.push({ key: 'advanceNotice', label: '预告登记', value: yes(e.advanceNotice) });
    rows.push({ key: 'objection', label: '异议登记', value: yes(e.objection) });
  }
  const r = facts.restrictions as { seized?: boolean } | undefined;
  if (r) rows.push({ key: 'seized', label: '查封或其他限制', value: r.seized ? '已查封' : '无' });
  const h = facts.holders as { name: string; idNumberMasked?: string }[] | undefined;
  if (h)
    rows.push({
      key: 'holders',
      label: '权利人',
      value: onceEach(h, (x) => `${x.name}|${x.idNumberMasked ?? ''}`)
        .map((x) => (x.idNumberMasked ? `${x.name}（${x.idNumberMasked}）` : x.name))
        .join('、'),
    });
  if (typeof facts.certificateNumber === 'string')
    rows.push({
      key: 'certificateNumber',
      label: '不动产权证书号',
      value: facts.certificateNumber,
    });
  const hist = facts.registerHistory as unknown[] | undefined;
  if (hist) rows.push({ key: 'history', label: '登记簿记载', value: `${hist.length} 条记录` });
  const files = facts.originalFiles as unknown[] | undefined;
  if (files)
    rows.push({ key: 'files', label: '登记原始资料', value: `${files.length} 个电子档案包` });
  return rows;
}

/**
 * Each record once: the first of those with the same key (a unit listed again, an archive
 * package or a filed file that comes twice). Lists drawn with these keys never repeat an entry.
 */
export function onceEach<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
