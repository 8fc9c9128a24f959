/**
 * Accessibility check with axe-core inside chromium. Fails on any serious or critical
 * violation and prints each one readably (rule, impact, help URL, offending nodes).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

export const FAILING_IMPACTS = new Set(['serious', 'critical']);

export function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => {
          const summary = (n.failureSummary ?? '').replace(/\n/g, '\n        ');
          return `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n        ${summary}`;
        })
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    …以及另外 ${v.nodes.length - 5} 个元素` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/** Runs axe on the whole document; throws when a serious or critical violation is found. */
export async function checkA11y(page: Page, label: string): Promise<AxeResults> {
  const results = await new AxeBuilder({ page }).analyze();
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  if (failing.length > 0) {
    throw new Error(
      `无障碍检查未通过（${label}，${page.url()}）：${failing.length} 项严重问题\n${formatViolations(failing)}`,
    );
  }
  return results;
}
