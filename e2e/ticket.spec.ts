import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { signUpThroughUi, uniqueEmail } from "./fixtures";

// The ticket page of a quick ticket in a project that does not run tickets by itself: its markdown description, the
// sentence saying it waits for Run, "Assign to me" (kept after a reload), and a done ticket reopened to the backlog.

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const isTicketWrite = (page: Page, ticketId: string, method: string, suffix = "") =>
  page.waitForResponse((response) => response.request().method() === method && new URL(response.url()).pathname === `/api/v1/tickets/${ticketId}${suffix}`);

test("[TICKET]: a quick ticket waits for Run; Assign to me holds after a reload; a done ticket is reopened to the backlog", async ({ page }) => {
  await signUpThroughUi(page, { name: "Ada Lovelace", email: uniqueEmail("ada"), password: "analytical-engine" });
  const created = await page.request.post("/api/v1/projects", { data: { name: "Ticket page e2e", autoExecuteTickets: false } });
  expect(created.status()).toBe(201);
  const { project } = (await created.json()) as { project: { id: string } };
  const made = await page.request.post("/api/v1/tickets", {
    data: { projectId: project.id, title: "Fix the typo", description: "## Goal\n\nFix **the typo** in `README.md`.\n\n- keep the title", priority: "HIGH" },
  });
  expect(made.status()).toBe(201);
  const { ticket } = (await made.json()) as { ticket: { id: string; key: string } };

  await page.goto(`/projects/${project.id}/tickets/${ticket.id}`);
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fix the typo");
  // Markdown, rendered: the description's heading sits under the page's own, its emphasis is emphasis.
  const description = page.getByRole("region", { name: "Description" });
  await expect(description.getByRole("heading", { name: "Goal" })).toBeVisible();
  await expect(description.locator("strong")).toHaveText("the typo");
  const runBar = page.getByRole("region", { name: "Run", exact: true });
  await expect(runBar).toContainText("Waits for Run: the project's auto-run is off");
  await expect(runBar.getByRole("button", { name: "Run", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Verified by the server" })).toContainText("Nothing delivered yet");
  await expect(page.getByRole("region", { name: "The agent says" })).toContainText("No report from the agent yet");
  await expectAccessible(page, "a quick ticket waiting for Run");

  // Assign to me: the picker names the caller, and a reload keeps it.
  const assignee = page.getByLabel("Assignee", { exact: true });
  await expect(assignee.locator("option:checked")).toHaveText("Unassigned");
  const assigned = isTicketWrite(page, ticket.id, "PATCH");
  await main.getByRole("button", { name: "Assign to me" }).click();
  expect((await assigned).status()).toBe(200);
  await page.reload();
  await expect(assignee.locator("option:checked")).toHaveText("Ada Lovelace (you)");
  await expect(main.getByRole("button", { name: "Assign to me" })).toHaveCount(0);
  await expect(main.getByRole("button", { name: "Unassign" })).toBeVisible();
  await shot(page, "ticket-1-assigned");
  await expectAccessible(page, "a ticket assigned to the caller");

  // Done (moved there by hand, column by column): no Run, but Reopen and Re-run.
  for (const toStatus of ["analyzing", "building", "testing", "review", "done"]) {
    const moved = await page.request.post("/api/v1/board/move", { data: { ticketId: ticket.id, toStatus } });
    expect(moved.status(), toStatus).toBe(200);
  }
  await page.reload();
  await expect(main.getByText("Done", { exact: true }).first()).toBeVisible();
  await expect(runBar.getByRole("button", { name: "Run", exact: true })).toHaveCount(0);
  await expect(runBar.getByRole("button", { name: "Re-run" })).toBeVisible();
  await shot(page, "ticket-2-done");
  await expectAccessible(page, "a done ticket");

  await runBar.getByRole("button", { name: "Reopen" }).click();
  const dialog = page.getByRole("dialog", { name: `Reopen ${ticket.key}?` });
  await expect(dialog).toContainText("It goes back to the Backlog");
  await expectAccessible(page, "the reopen dialog", { within: "dialog[open]" });
  const reopened = isTicketWrite(page, ticket.id, "POST", "/reopen");
  await dialog.getByRole("button", { name: "Reopen" }).click();
  expect((await reopened).status()).toBe(200);
  await expect(dialog).toHaveCount(0);
  await expect(runBar.getByRole("button", { name: "Run", exact: true })).toBeVisible();
  await page.reload();
  await expect(main.getByText("Backlog", { exact: true }).first()).toBeVisible();
  await expect(runBar).toContainText("Waits for Run");
  await expectAccessible(page, "a reopened ticket back in the backlog");
});
