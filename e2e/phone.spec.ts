import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createSampleRepo } from "../test/fixtures/sample-repo";
import { expectAccessible } from "./axe";
import { signUpThroughUi, uniqueEmail } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** The page fits the phone: nothing makes the document wider than the screen. */
async function expectNoSidewaysScroll(page: Page, name: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect.soft(width, `${name} is ${width} px wide on a ${PHONE.width} px screen`).toBeLessThanOrEqual(PHONE.width);
}

/** One main page on the phone (fits, accessible, screenshot), then the same page on a laptop for comparison. */
async function visit(page: Page, name: string, url: string, ready: (page: Page) => Promise<void> = async () => undefined) {
  await page.setViewportSize(PHONE);
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await ready(page);
  await expectNoSidewaysScroll(page, name);
  await expectAccessible(page, `${name} at ${PHONE.width} px`);
  await page.screenshot({ path: test.info().outputPath(`phone-${name}.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: test.info().outputPath(`desktop-${name}.png`), fullPage: true });
  await page.setViewportSize(PHONE);
}

test("[UI]: a phone (390×844) — every main page fits the screen, the navigation and search are at hand, tabs wrap, event details read as words", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize(PHONE);
  const repo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-e2e-phone-")));
  await signUpThroughUi(page, { name: "Evelyn Boyd Granville", email: uniqueEmail("evelyn"), password: "orbit-computations" });

  // A project on a real repository; its tickets wait for a person (no agent picks the quick ticket up).
  const created = await page.request.post("/api/v1/projects", { data: { name: "Pocket greeter", repoUrl: repo, autoExecuteTickets: false } });
  expect(created.status()).toBe(201);
  const { project } = (await created.json()) as { project: { id: string } };
  const ticketResponse = await page.request.post("/api/v1/tickets", { data: { projectId: project.id, title: "Greet in Portuguese", priority: "HIGH" } });
  expect(ticketResponse.status()).toBe(201);
  const { ticket } = (await ticketResponse.json()) as { ticket: { id: string } };
  // A spec that plans until its requirements wait for approval: a sandbox, events and a cost to show.
  const specResponse = await page.request.post("/api/v1/specs", {
    data: { projectId: project.id, title: "Greet in French", description: "Greet people in French when they ask for it", approvalMode: "manual", autoExecute: false },
  });
  expect(specResponse.status()).toBe(201);
  const { spec } = (await specResponse.json()) as { spec: { id: string } };
  let sandboxId = "";
  await expect(async () => {
    const detail = (await (await page.request.get(`/api/v1/specs/${spec.id}`)).json()) as { spec: { generationStatus: string }; sandboxes: { id: string }[] };
    expect(detail.spec.generationStatus).toBe("awaiting_approval");
    sandboxId = detail.sandboxes[0]!.id;
  }).toPass({ timeout: 120_000 });

  // The shell: the main links along the bottom, every label whole; search opens the palette without a keyboard.
  await page.goto("/projects");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Command", "Projects", "Board", "Settings"]) {
    const link = nav.getByRole("link", { name: label });
    await expect(link).toBeInViewport({ ratio: 1 });
    expect(await link.evaluate((element) => element.scrollWidth <= element.clientWidth), `${label} is not clipped`).toBe(true);
  }
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await visit(page, "command", "/command");
  await visit(page, "projects", "/projects", async (p) => {
    await expect(p.getByText("Repository reachable").first()).toBeVisible();
  });
  await visit(page, "project-overview", `/projects/${project.id}`, async (p) => {
    await expect(p.getByRole("heading", { name: "Recent activity" })).toBeVisible();
    await expect(p.getByRole("link", { name: "Greet in French" }).first()).toBeVisible();
  });
  await visit(page, "project-settings", `/projects/${project.id}/settings`);
  await visit(page, "board", `/projects/${project.id}/board`);
  await visit(page, "ticket", `/projects/${project.id}/tickets/${ticket.id}`);
  await visit(page, "spec", `/projects/${project.id}/specs/${spec.id}`, async (p) => {
    // The tabs wrap onto the screen instead of running off its edge.
    const tabs = p.getByRole("tab");
    for (let i = 0; i < (await tabs.count()); i++) await expect(tabs.nth(i)).toBeInViewport({ ratio: 1 });
  });

  // The Cost tab's table scrolls inside its own focusable region, not the page.
  await page.getByRole("tab", { name: "Cost" }).click();
  await expectNoSidewaysScroll(page, "spec-cost");
  await expectAccessible(page, `the Cost tab at ${PHONE.width} px`);
  await page.screenshot({ path: test.info().outputPath("phone-spec-cost.png"), fullPage: true });

  // An event's details: a title and its fields in words, the JSON one toggle away.
  const timeline = page.getByRole("region", { name: "Event timeline" });
  await timeline.getByRole("button", { name: /^Details of event/ }).first().click();
  const details = timeline.locator("[id^=event-detail-]").first();
  await expect(details.getByRole("heading", { level: 3 })).toBeVisible();
  await expect(details.getByRole("definition").first()).toBeVisible();
  await expect(details.getByText("When", { exact: true })).toBeVisible();
  await expectAccessible(page, "an event's details");
  await page.screenshot({ path: test.info().outputPath("phone-event-details.png"), fullPage: true });
  await details.getByRole("button", { name: /^Raw/ }).click();
  await expect(details.getByRole("button", { name: /^Raw/ })).toHaveAttribute("aria-pressed", "true");
  await expect(details.locator("pre")).toContainText('"type"');

  await visit(page, "settings", "/settings");
  await visit(page, "sandbox", `/sandboxes/${sandboxId}`);
});

test("[UI]: members see no Delete project; owners do", async ({ page, browser }) => {
  await page.setViewportSize(PHONE);
  const owner = { name: "Dorothy Hodgkin", email: uniqueEmail("dorothy"), password: "crystallography" };
  const member = { name: "Rosalind Franklin", email: uniqueEmail("rosalind"), password: "photo-fifty-one" };
  const memberContext = await browser.newContext({ viewport: PHONE });
  const memberPage = await memberContext.newPage();
  await signUpThroughUi(memberPage, member);
  await signUpThroughUi(page, owner);

  const org = await page.request.post("/api/v1/orgs", { data: { name: `Lab ${Date.now()}` } });
  const { organization } = (await org.json()) as { organization: { id: string } };
  expect((await page.request.post(`/api/v1/orgs/${organization.id}/members`, { data: { email: member.email, role: "member" } })).status()).toBe(201);
  const created = await page.request.post("/api/v1/projects", { data: { orgId: organization.id, name: "Shared lab" } });
  const { project } = (await created.json()) as { project: { id: string } };

  await page.goto(`/projects/${project.id}/settings`);
  await expect(page.getByRole("button", { name: "Delete project" })).toBeVisible();
  await memberPage.goto(`/projects/${project.id}/settings`);
  await expect(memberPage.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Save changes" })).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Delete project" })).toHaveCount(0);
  await expect(memberPage.getByLabel("Repository")).toHaveAttribute("readonly", "");
  await expectAccessible(memberPage, "a project's settings for a member");
  await memberPage.screenshot({ path: test.info().outputPath("phone-project-settings-member.png"), fullPage: true });
  await memberContext.close();
});
