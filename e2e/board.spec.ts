import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { signUpThroughUi, uniqueEmail } from "./fixtures";

interface CreatedTicket {
  id: string;
  key: string;
  title: string;
}

/** A column of the board: a region named by its heading ("Backlog", "Analyzing", …). */
const column = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const moveHandle = (page: Page, key: string) => page.getByRole("button", { name: `Move ${key}`, exact: true });
const isMoveRequest = (url: string, method: string) => method === "POST" && new URL(url).pathname === "/api/v1/board/move";

test("[BOARD]: move cards by keyboard and by mouse, past a WIP limit on request; moves survive a reload; filters live in the URL", async ({
  page,
}) => {
  await signUpThroughUi(page, { name: "Grace Hopper", email: uniqueEmail("grace"), password: "cobol-compiler" });

  // A project whose tickets stay put (no agent picks them up) and whose Analyzing column takes one ticket.
  const created = await page.request.post("/api/v1/projects", {
    data: { name: "Board e2e", autoExecuteTickets: false, wipLimits: { analyzing: 1 } },
  });
  expect(created.status()).toBe(201);
  const { project } = (await created.json()) as { project: { id: string } };

  const tickets: CreatedTicket[] = [];
  for (const title of ["Parse the manifest", "Render the timeline", "Archive old runs"]) {
    const response = await page.request.post("/api/v1/tickets", { data: { projectId: project.id, title, priority: "HIGH" } });
    expect(response.status()).toBe(201);
    tickets.push(((await response.json()) as { ticket: CreatedTicket }).ticket);
  }
  const [first, second, third] = tickets as [CreatedTicket, CreatedTicket, CreatedTicket];

  // A spec to filter by (manual approval: it stops at its first gate and syncs no tickets).
  const specResponse = await page.request.post("/api/v1/specs", {
    data: { projectId: project.id, title: "Billing spec", description: "Add invoices to the billing page", approvalMode: "manual", autoExecute: false },
  });
  expect(specResponse.status()).toBe(201);
  const { spec } = (await specResponse.json()) as { spec: { id: string } };

  await page.goto(`/projects/${project.id}/board`);
  await expect(page.getByRole("heading", { level: 1, name: "Board" })).toBeVisible();
  for (const ticket of tickets) {
    await expect(column(page, "Backlog").getByRole("link", { name: ticket.title })).toBeVisible();
  }
  await expect(column(page, "Analyzing")).toContainText("0 / 1");
  await expectAccessible(page, "the board");

  // Keyboard: Space picks the card up, ArrowRight carries it to Analyzing, Space drops it.
  const liveRegion = page.locator('[id^="DndLiveRegion"]');
  await moveHandle(page, first.key).focus();
  await page.keyboard.press("Space");
  await expect(liveRegion).toContainText(`Picked up ${first.key}`);
  // dnd-kit measures the columns after the pick-up; an arrow pressed before that (seen once on a cold build) moves
  // nothing, so it is pressed again until the move is announced.
  await expect(async () => {
    await page.keyboard.press("ArrowRight");
    await expect(liveRegion).toContainText("Analyzing", { timeout: 1_500 });
  }).toPass({ timeout: 10_000 });
  const keyboardMove = page.waitForResponse((response) => isMoveRequest(response.url(), response.request().method()));
  await page.keyboard.press("Space");
  expect((await keyboardMove).status()).toBe(200);
  await expect(column(page, "Analyzing").getByRole("link", { name: first.title })).toBeVisible();

  // Mouse: drag the second card by its handle into Analyzing, below the first. The column is full, so the server
  // refuses; the card goes back and "Move anyway" forces it.
  const handle = moveHandle(page, second.key);
  const from = (await handle.boundingBox())!;
  const target = (await column(page, "Analyzing").boundingBox())!;
  const refused = page.waitForResponse((response) => isMoveRequest(response.url(), response.request().method()));
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 3 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height - 24, { steps: 15 });
  await page.mouse.move(target.x + target.width / 2 + 2, target.y + target.height - 22, { steps: 2 });
  await page.mouse.up();
  expect((await refused).status()).toBe(409);
  const alert = page.locator("main [role=alert]").filter({ hasText: `Could not move ${second.key}` });
  await expect(alert).toContainText(/WIP limit/i);
  await expect(column(page, "Backlog").getByRole("link", { name: second.title })).toBeVisible();
  const forced = page.waitForResponse((response) => isMoveRequest(response.url(), response.request().method()));
  await alert.getByRole("button", { name: "Move anyway" }).click();
  expect((await forced).status()).toBe(200);
  await expect(alert).toHaveCount(0);

  // After a reload the server's order is what shows.
  await page.reload();
  const analyzing = column(page, "Analyzing");
  await expect(analyzing.getByRole("link", { name: first.title })).toBeVisible();
  await expect(analyzing.getByRole("link", { name: second.title })).toBeVisible();
  await expect(analyzing).toContainText("2 / 1");
  await expect(column(page, "Backlog").getByRole("link", { name: third.title })).toBeVisible();
  await expect(column(page, "Backlog").getByRole("link", { name: first.title })).toHaveCount(0);
  // Cards link to their ticket page.
  await expect(analyzing.getByRole("link", { name: first.title })).toHaveAttribute("href", `/projects/${project.id}/tickets/${first.id}`);
  await page.screenshot({ path: test.info().outputPath("board.png") });

  // Filters are kept in ?scope= and survive a reload.
  await page.getByRole("button", { name: "Mine", exact: true }).click();
  await expect(page).toHaveURL(/[?&]scope=mine\b/);
  await page.reload();
  await expect(page.getByRole("button", { name: "Mine", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(column(page, "Analyzing").getByRole("link", { name: first.title })).toBeVisible();

  await page.getByLabel("Spec", { exact: true }).selectOption({ label: "Billing spec" });
  await expect(page).toHaveURL(new RegExp(`[?&]scope=spec%3A${spec.id}\\b|[?&]scope=spec:${spec.id}\\b`));
  await expect(page.getByText("No tickets match this filter.")).toBeVisible();
  await expect(page.getByRole("link", { name: first.title })).toHaveCount(0);

  await page.getByRole("button", { name: "All", exact: true }).click();
  await expect(page).not.toHaveURL(/scope=/);
  await expect(column(page, "Backlog").getByRole("link", { name: third.title })).toBeVisible();
});
