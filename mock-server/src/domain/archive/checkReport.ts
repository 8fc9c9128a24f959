/** The 四性检测 report: the four aspects, one result per item checked, the summary per aspect. */
import { verifySeal, type SealedDocument } from '../documents';

export const ASPECTS = ['authenticity', 'integrity', 'usability', 'security'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const ASPECT_NAMES: Record<Aspect, string> = {
  authenticity: '真实性',
  integrity: '完整性',
  usability: '可用性',
  security: '安全性',
};

export interface CheckResult {
  aspect: Aspect;
  /** stable code, e.g. ITEM_DIGEST */
  code: string;
  /** what was checked, e.g. "package 台不动产档〔2026〕第000001号 item 3 (inquiryRecord)" */
  target: string;
  ok: boolean;
  /** Chinese description; on failure it says what is wrong */
  message: string;
}

export interface CheckReport {
  ok: boolean;
  checkedAt: string;
  scope: 'package' | 'archive';
  summary: Record<Aspect, { passed: number; failed: number }>;
  results: CheckResult[];
  problems: CheckResult[];
}

/** Collects results in the order they are checked; `add` returns whether the item passed. */
export class Results {
  readonly list: CheckResult[] = [];
  add(aspect: Aspect, code: string, target: string, ok: boolean, message: string): boolean {
    this.list.push({ aspect, code, target, ok, message });
    return ok;
  }
}

/** Sealed by one of the trusted keys and unchanged since. */
export const sealOk = (doc: SealedDocument<unknown>, keys: readonly string[]) =>
  keys.some((k) => verifySeal(doc, k).valid);

export function summarise(
  scope: CheckReport['scope'],
  checkedAt: string,
  results: CheckResult[],
): CheckReport {
  const summary = Object.fromEntries(
    ASPECTS.map((a) => [
      a,
      {
        passed: results.filter((x) => x.aspect === a && x.ok).length,
        failed: results.filter((x) => x.aspect === a && !x.ok).length,
      },
    ]),
  ) as CheckReport['summary'];
  const problems = results.filter((x) => !x.ok);
  return { ok: problems.length === 0, checkedAt, scope, summary, results, problems };
}

/** One line per problem, for the CLI and logs. */
export const describeProblem = (p: CheckResult): string =>
  `[${ASPECT_NAMES[p.aspect]}/${p.aspect}] ${p.code} ${p.target}: ${p.message}`;
