/**
 * Money is integer fen (分) everywhere; rates are integer basis points (1% = 100 bp). No float
 * ever touches an amount: products are taken in BigInt and rounded half up to the fen.
 */

/** 1% = 100 basis points (万分之一). */
export type BasisPoints = number;

export class MoneyError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function assertFen(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MoneyError(`${what} must be a non-negative integer number of fen, got ${value}`);
  }
}

/** round(numerator / denominator) half up, for non-negative BigInts */
function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** base × rate, in fen, rounded half up (0.5 分 → 1 分). */
export function applyRate(baseFen: number, rate: BasisPoints): number {
  assertFen(baseFen, 'base');
  if (!Number.isSafeInteger(rate) || rate < 0) throw new MoneyError(`bad rate ${rate}`);
  return Number(divRoundHalfUp(BigInt(baseFen) * BigInt(rate), 10000n));
}

/** Area in ㎡ (up to 2 decimals, as printed in the register) → integer centi-㎡ (0.01 ㎡). */
export function areaToCentiSqm(areaSqm: number): number {
  if (!Number.isFinite(areaSqm) || areaSqm <= 0) throw new MoneyError(`bad area ${areaSqm}`);
  return Math.round(areaSqm * 100);
}

/** fen per ㎡ × area (centi-㎡) → fen, rounded half up. */
export function pricePerSqmTimesArea(fenPerSqm: number, centiSqm: number): number {
  assertFen(fenPerSqm, 'price per ㎡');
  return Number(divRoundHalfUp(BigInt(fenPerSqm) * BigInt(centiSqm), 100n));
}

/** "1.5%" from 150 bp */
export function formatRate(rate: BasisPoints): string {
  return `${(rate / 100).toString()}%`;
}

/**
 * 1860000 → "1,860,000" (whole numbers; a minus sign kept). Written out rather than toLocaleString
 * so that the output never depends on the host's locale data and ESLint can forbid toLocale*.
 */
export function groupThousands(n: number): string {
  const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}`;
}

/** "¥12,345.67" from 1234567 fen (display only) */
export function formatFen(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `¥${groupThousands(yuan)}.${cents}`;
}
