/**
 * Masking of personal data shown to someone who is not its owner (docs/registry-facts.md §8: an
 * interested party never sees the holders' identities). Pure; works on Unicode code points.
 */

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/**
 * `331002199001011234` → `331002********1234` (the first 6 — the area — and the last 4
 * shown); shorter numbers keep at most their last 2.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.trim());
  if (chars.length >= 15) {
    return chars.slice(0, 6).join('') + stars(chars.length - 10) + chars.slice(-4).join('');
  }
  if (chars.length <= 2) return stars(chars.length);
  return stars(chars.length - 2) + chars.slice(-2).join('');
}

/** `13812345678` → `138****5678`; `+86 138…` and separators are ignored. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (digits.length === 11 && digits.startsWith('1'))
    return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length >= 7) return stars(digits.length - 4) + digits.slice(-4);
  return stars(digits.length);
}

/**
 * Masks a natural person's name: `张三丰` → `张*丰`, `王五` → `王*`, `欧阳娜娜` → `欧**娜`,
 * `李` → `*`. Do not use it for organisations, whose names are public.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return stars(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + stars(chars.length - 2) + chars[chars.length - 1];
}
