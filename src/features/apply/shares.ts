/**
 * Shares editor maths: percentages typed with up to two decimals ↔ basis points (万分之一), and
 * the rule that 按份共有 shares total exactly 100% (10000 bp).
 */
export const FULL_BP = 10000;

/** '33.33' → 3333; '' or invalid → null */
export function percentToBp(input: string): number | null {
  const t = input.trim().replace(/[%％]$/, '');
  if (!/^\d{1,3}(\.\d{0,2})?$/.test(t)) return null;
  const bp = Math.round(parseFloat(t) * 100);
  return bp >= 0 && bp <= FULL_BP ? bp : null;
}

export function bpToPercent(bp: number): string {
  const s = (bp / 100).toFixed(2);
  return s.replace(/\.?0+$/, '');
}

export interface SharesCheck {
  ok: boolean;
  totalBp: number;
  /** Chinese problem, '' when ok */
  message: string;
  /** per-row problems by index */
  rows: (string | null)[];
}

export function checkShares(percents: string[]): SharesCheck {
  const rows = percents.map((p) => {
    if (p.trim() === '') return '请填写份额';
    const bp = percentToBp(p);
    if (bp === null) return '份额为0到100之间的数，最多两位小数';
    if (bp === 0) return '份额必须大于0';
    return null;
  });
  const totalBp = percents.reduce((s, p) => s + (percentToBp(p) ?? 0), 0);
  let message = '';
  if (rows.some(Boolean)) message = '请填写每位权利人的份额';
  else if (totalBp !== FULL_BP) {
    const diff = FULL_BP - totalBp;
    message = `份额合计 ${bpToPercent(totalBp)}%，必须正好等于 100%（${diff > 0 ? '还差' : '多了'} ${bpToPercent(Math.abs(diff))}%）`;
  }
  return { ok: message === '', totalBp, message, rows };
}

/** Splits 100% evenly, the remainder to the first rows: 3 → 33.34 / 33.33 / 33.33. */
export function evenShares(n: number): string[] {
  if (n <= 0) return [];
  const base = Math.floor(FULL_BP / n);
  const rest = FULL_BP - base * n;
  return Array.from({ length: n }, (_, i) => bpToPercent(base + (i < rest ? 1 : 0)));
}
