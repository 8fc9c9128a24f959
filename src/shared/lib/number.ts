/**
 * Numbers with thousands separators, 1860000 → "1,860,000", 1860000.5 → "1,860,000.5". Written out
 * rather than toLocaleString so that ESLint can forbid toLocale* (a date formatter in disguise) in
 * src/ and the output does not depend on the locale data of the device (some mini-program runtimes
 * ship none).
 */
export function groupThousands(n: number): string {
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
