/**
 * Accessibility check with axe-core inside chromium. Fails on any serious or critical
 * violation and prints each one readably (rule, impact, help URL, offending nodes).
 *
 * axe runs as `axe.run(document)` in the page, as @axe-core/playwright's legacy mode does, with
 * the axe-core build that package ships. Its default mode cost about five times as much per
 * check on two cores, for nothing this app needs: it evaluated the 500 KB axe source in the page
 * on every check, and opened a second page in the phone (a fresh document to inject axe into
 * again) to assemble results that only matter for cross-origin iframes, which the app has none
 * of. Here the source is evaluated once per document: the app is a single-page app, so tapping
 * a tab or a button keeps the same document and the same axe. Same-origin frames, if a page ever
 * has one, get axe as well and are checked by axe.run through its frame messenger. The rules,
 * their options and what fails are unchanged.
 */
import axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

type Violation = Result;

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

/** The configuration @axe-core/playwright gives axe when it runs axe.run (its legacy mode). */
const CONFIGURE = `;axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } });`;

/** Evaluates axe's source in `frame` unless this document already has it. */
async function injectAxe(frame: Frame): Promise<void> {
  const present = await frame.evaluate('typeof window.axe?.run === "function"');
  if (present) return;
  await frame.evaluate(`${axe.source}\n${CONFIGURE}`);
}

/** Runs axe on the whole document; throws when a serious or critical violation is found. */
export async function checkA11y(page: Page, label: string): Promise<AxeResults> {
  await injectAxe(page.mainFrame());
  for (const frame of page.frames()) {
    // a frame that cannot take the script (cross-origin, detached) is skipped, as in the
    // legacy mode of @axe-core/playwright; the main frame above must take it
    if (frame !== page.mainFrame()) await injectAxe(frame).catch(() => undefined);
  }
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document): Promise<unknown> } };
    try {
      return { results: await w.axe.run(document), error: null };
    } catch (err) {
      return { results: null, error: (err as Error).message };
    }
  });
  if (outcome.error !== null) throw new Error(`axe 运行失败（${label}）：${outcome.error}`);
  const results = outcome.results as AxeResults;
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  if (failing.length > 0) {
    throw new Error(
      `无障碍检查未通过（${label}，${page.url()}）：${failing.length} 项严重问题\n${formatViolations(failing)}`,
    );
  }
  return results;
}
