import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe-core on the page as it is now (WCAG 2.1 A and AA rules): no serious or critical finding may be left. Soft, so
 * one run lists every state's findings; the test still fails. Each finding names its rule and the elements it hit.
 * `within` scopes the check to a modal dialog: the page behind it is inert and dimmed on purpose (its text under the
 * overlay would count as low contrast), and was checked on its own before the dialog opened.
 */
export async function expectAccessible(page: Page, state: string, { within }: { within?: string } = {}) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  const results = await (within ? builder.include(within) : builder).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes.length}×): ${violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")} ${node.html.slice(0, 160)} — ${node.failureSummary?.split("\n").at(-1)?.trim() ?? ""}`).join(" | ")}`);
  expect.soft(serious, `axe findings on ${state}`).toEqual([]);
}
