import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createSampleRepo } from "../test/fixtures/sample-repo";
import { expectAccessible } from "./axe";
import { signUpThroughUi, uniqueEmail } from "./fixtures";

test("[UI]: Quick mode — a prompt becomes a ticket whose agent runs it to done on a branch; the ticket page shows the run live", async ({ page }) => {
  test.setTimeout(120_000);
  const repo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-e2e-repo-")));
  await signUpThroughUi(page, { name: "Katherine Johnson", email: uniqueEmail("katherine"), password: "orbital-mechanics" });
  const created = await page.request.post("/api/v1/projects", { data: { name: "Quick greeter", repoUrl: repo } });
  expect(created.status()).toBe(201);
  await page.reload(); // the project was made behind the page's back (API), not through its cache

  // The palette's Quick task command opens the command page in Quick mode, prompt focused.
  await page.keyboard.press("ControlOrMeta+k");
  await page.keyboard.type("quick");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/command\?mode=quick/);
  await expect(page.getByRole("radio", { name: /^Quick/ })).toBeChecked();
  await expect(page.getByRole("textbox", { name: "Task" })).toBeFocused();
  await page.keyboard.type("Add a note about greetings\nKeep it short.");
  await page.keyboard.press("ControlOrMeta+Enter");

  await expect(page).toHaveURL(/\/projects\/[^/]+\/tickets\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Add a note about greetings");
  await expect(page.getByText("Done", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  // The server's branch name: omoi/<project namespace>/<key>.
  await expect(page.getByText(/omoi\/[a-z0-9-]+\/OMOI-1/).first()).toBeVisible();
  const runs = page.getByRole("region", { name: "Runs" });
  await expect(runs).toContainText("completed");
  // The agent's words are its claims; the commits are what the server counted when it delivered the branch.
  await expect(page.getByRole("region", { name: /The agent says/ })).toContainText("Implemented OMOI-1");
  await expect(page.getByRole("region", { name: /Verified by the server/ })).toContainText(/1 commit/);
  await expect(page.getByRole("region", { name: "Event timeline" })).toContainText(/task/i);
  await page.screenshot({ path: test.info().outputPath("quick-ticket-done.png"), fullPage: true });
});

test("[UI]: the command page says plainly why agents cannot run on a project, and will not launch", async ({ page }) => {
  await signUpThroughUi(page, { name: "Annie Easley", email: uniqueEmail("annie"), password: "centaur-upper-stage" });
  // A repository that went away after the project was made (a missing one is refused when the project is saved).
  const missing = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-lost-repo-")));
  const created = await page.request.post("/api/v1/projects", { data: { name: "Lost repo", repoUrl: missing } });
  expect(created.status()).toBe(201);
  fs.rmSync(missing, { recursive: true, force: true });
  await page.goto("/command");
  const alert = page.locator("main [role=alert]");
  await expect(alert).toContainText("Agents cannot run on this project right now");
  await expect(alert).toContainText(`The repository ${missing} cannot be read by OmoiOS (it does not exist, or this server has no access to it).`);
  await page.getByLabel("Idea").fill("Greet people in French, please");
  await expect(page.getByRole("button", { name: "Launch spec" })).toBeDisabled();
  await expectAccessible(page, "the command page refusing a project");
});

test("[UI]: pages stay usable 768 px wide — no sideways scrolling of the page itself", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 900 });
  await signUpThroughUi(page, { name: "Mary Jackson", email: uniqueEmail("mary"), password: "wind-tunnel-expert" });
  const created = await page.request.post("/api/v1/projects", { data: { name: "Narrow" } });
  const { project } = (await created.json()) as { project: { id: string } };
  for (const url of ["/command", "/projects", `/projects/${project.id}`, `/projects/${project.id}/board`, `/projects/${project.id}/specs`, "/settings"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, `${url} at 768 px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${url} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
  }
});
