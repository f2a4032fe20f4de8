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
/** The board's announcer: the server's answer to each move, for screen readers. */
const announcer = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
/** A card: the list item holding the ticket's title link. */
const card = (page: Page, title: string) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });

/** What each column says a card entering it goes through (components/board/board-scope.ts). */
const COLUMN_MEANINGS = {
  Backlog: "Waits to be run",
  Analyzing: "Claimed for an agent",
  Building: "The agent works on the ticket's branch",
  Testing: "The project's tests run",
  Review: "Accepted work waits for a reviewer",
  Done: "Delivered: merged into the spec branch",
} as const;

test("[BOARD]: columns say what they mean and, during a drag, which ones refuse the card and why; moves by keyboard and mouse are announced as the server answered them, past a WIP limit on request; assign from the card; moves survive a reload; filters live in the URL", async ({
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
  for (const [name, meaning] of Object.entries(COLUMN_MEANINGS)) {
    await expect(column(page, name).getByText(meaning)).toBeVisible();
    await expect(column(page, name)).toHaveAccessibleDescription(new RegExp(meaning.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  }
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
  await expect(announcer(page, `Moved ${first.key} to Analyzing.`)).toHaveCount(1);

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
  // Before the drop, the columns the card cannot enter are dimmed with the server's reasons, in words and in their
  // descriptions; the ones it can enter are not.
  await expect(column(page, "Analyzing")).toHaveAttribute("data-refused", "true");
  await expect(column(page, "Analyzing")).toContainText("Can't move here: WIP limit reached (1/1). Drop it here, then choose Move anyway");
  await expect(column(page, "Done")).toHaveAttribute("data-refused", "true");
  await expect(column(page, "Done")).toHaveAccessibleDescription(/^Can't move here: From Backlog, a card moves forward only to Analyzing, one column at a time\./);
  await expect(column(page, "Done").getByText("Can't move here: From Backlog")).toBeVisible();
  await expect(column(page, "Backlog")).not.toHaveAttribute("data-refused", "true");
  await expectAccessible(page, "the board during a drag");
  await page.screenshot({ path: test.info().outputPath("board-drag.png") });
  await page.mouse.up();
  expect((await refused).status()).toBe(409);
  // The refusal is what is announced and shown — never "Dropped in Analyzing" — and the card is back.
  await expect(announcer(page, `Could not move ${second.key} to Analyzing: The analyzing column is at its WIP limit (1)`)).toContainText("Move anyway");
  const notice = page.getByRole("group", { name: `Could not move ${second.key} to Analyzing` });
  await expect(notice).toContainText(/WIP limit/i);
  await expect(column(page, "Backlog").getByRole("link", { name: second.title })).toBeVisible();
  await expect(column(page, "Done")).not.toHaveAttribute("data-refused", "true");
  await expectAccessible(page, "a refused move");
  const forced = page.waitForResponse((response) => isMoveRequest(response.url(), response.request().method()));
  await notice.getByRole("button", { name: "Move anyway" }).click();
  expect((await forced).status()).toBe(200);
  await expect(notice).toHaveCount(0);
  await expect(announcer(page, `Moved ${second.key} to Analyzing.`)).toHaveCount(1);

  // Keyboard, into a column the status machine refuses: the column's reason is spoken on the way, the drop is sent,
  // and the server's refusal is announced while the card stays in the backlog.
  await moveHandle(page, third.key).focus();
  await page.keyboard.press("Space");
  await expect(liveRegion).toContainText(`Picked up ${third.key}`);
  await expect(async () => {
    await page.keyboard.press("ArrowRight");
    await expect(liveRegion).toContainText("Analyzing", { timeout: 1_500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press("ArrowRight");
  await expect(liveRegion).toContainText(/is over Building\b.*\. Can't move here: From Backlog, a card moves forward only to Analyzing/);
  const refusedByKeyboard = page.waitForResponse((response) => isMoveRequest(response.url(), response.request().method()));
  await page.keyboard.press("Space");
  expect((await refusedByKeyboard).status()).toBe(409);
  await expect(announcer(page, `Could not move ${third.key} to Building: A ticket cannot move from Backlog to Building.`)).toHaveCount(1);
  await expect(column(page, "Backlog").getByRole("link", { name: third.title })).toBeVisible();
  await page.getByRole("group", { name: `Could not move ${third.key} to Building` }).getByRole("button", { name: "Dismiss" }).click();

  // Assign from the card: its avatar button opens a menu of the organization's members.
  const assignButton = card(page, third.title).getByRole("button", { name: `Assign ${third.key}`, exact: true });
  await assignButton.click();
  const menu = page.getByRole("menu", { name: `Assign ${third.key}` });
  await expect(menu.getByRole("menuitemradio", { name: "Grace Hopper (you)" })).toBeVisible();
  // By keyboard too: Escape closes it onto its button, Enter opens it on its first choice.
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(assignButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: "Assign to me" })).toBeFocused();
  await expect(menu.getByRole("menuitem", { name: "Unassign" })).toHaveAttribute("aria-disabled", "true");
  await expectAccessible(page, "the assign menu");
  await page.screenshot({ path: test.info().outputPath("board-assign-menu.png") });
  await menu.getByRole("menuitem", { name: "Assign to me" }).click();
  await expect(menu).toHaveCount(0);
  await expect(card(page, third.title)).toContainText("Assigned to Grace Hopper");
  await expect(assignButton).toBeFocused();

  // After a reload the server's order is what shows.
  await page.reload();
  const analyzing = column(page, "Analyzing");
  await expect(analyzing.getByRole("link", { name: first.title })).toBeVisible();
  await expect(analyzing.getByRole("link", { name: second.title })).toBeVisible();
  await expect(analyzing).toContainText("2 / 1");
  await expect(column(page, "Backlog").getByRole("link", { name: third.title })).toBeVisible();
  await expect(column(page, "Backlog").getByRole("link", { name: first.title })).toHaveCount(0);
  await expect(card(page, third.title)).toContainText("Assigned to Grace Hopper");
  await expect(card(page, third.title).getByRole("button", { name: `Assign ${third.key}`, exact: true })).toHaveAccessibleDescription("Assigned to Grace Hopper");
  await expect(card(page, first.title)).toContainText("Unassigned");
  // Cards link to their ticket page.
  await expect(analyzing.getByRole("link", { name: first.title })).toHaveAttribute("href", `/projects/${project.id}/tickets/${first.id}`);
  await page.screenshot({ path: test.info().outputPath("board.png") });

  // Filters are kept in ?scope= and survive a reload. Unassigned leaves out the card just assigned.
  await page.getByRole("button", { name: "Unassigned", exact: true }).click();
  await expect(page).toHaveURL(/[?&]scope=unassigned\b/);
  await expect(column(page, "Analyzing").getByRole("link", { name: first.title })).toBeVisible();
  await expect(page.getByRole("link", { name: third.title })).toHaveCount(0);
  // The counts stay the whole columns' (what the WIP limits count): the backlog shows no card but counts one.
  await expect(column(page, "Backlog")).toContainText("No tickets");
  await expect(column(page, "Backlog")).toHaveAccessibleDescription(/^1 ticket Waits to be run/);
  await expect(column(page, "Analyzing")).toContainText("2 / 1");
  await expectAccessible(page, "the board filtered to unassigned tickets");

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
