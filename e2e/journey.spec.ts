import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createSampleRepo } from "../test/fixtures/sample-repo";
import { expectAccessible } from "./axe";
import { signUpThroughUi, uniqueEmail } from "./fixtures";

// The whole product through the browser: the server is npm start's path (embedded PostgreSQL, worker, local
// sandboxes running the real agent bundle) with the scripted fake model (test/e2e-server.ts) behind the LLM proxy,
// and a real git repository on this machine as the project's repository.

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

async function createProjectThroughUi(page: Page, name: string, repo: string) {
  await page.goto("/projects");
  await page.getByRole("button", { name: "New project" }).first().click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Repository").fill(repo);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText(name).first()).toBeVisible();
  await expectAccessible(page, "projects, with a project");
}

// Each step names its phase and its state ("explore passed · 0.91"); no step mentions another phase.
const phaseItem = (page: Page, phase: string) => page.getByRole("list", { name: "Phases" }).getByRole("listitem").filter({ hasText: phase });

// The spec page's one status line, and its Plan and Build bars (components/specs/spec-story.ts).
const statusLine = (page: Page) => page.getByRole("status", { name: "Spec status" });
const bar = (page: Page, name: "Plan" | "Build") => page.getByRole("progressbar", { name, exact: true });

/** The header and the stepper tell one story: no status badges side by side, never "completed" beside "running". */
async function expectOneStory(page: Page) {
  const text = `${await page.locator("header").filter({ has: statusLine(page) }).innerText()}\n${await page.getByRole("list", { name: "Phases" }).innerText()}`;
  expect(text).not.toMatch(/Spec: |Execution: /);
  expect(/\bcompleted\b/i.test(text) && /\brunning\b/i.test(text), text).toBe(false);
}

async function launchFromPalette(page: Page, idea: string, { manual = false } = {}) {
  await page.keyboard.press("ControlOrMeta+k");
  const palette = page.getByRole("dialog");
  await expect(palette).toBeVisible();
  await page.keyboard.type("New spec");
  await expect(palette.getByRole("option", { name: /New spec from an idea/ })).toBeVisible();
  await expectAccessible(page, "the command palette", { within: "[role=dialog]" });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/command\?mode=spec/);
  const prompt = page.getByLabel("Idea");
  await expect(prompt).toBeFocused();
  await expectAccessible(page, "the command page");
  await page.keyboard.type(idea);
  if (manual) await page.getByLabel("Approval").selectOption("manual");
  await page.getByRole("button", { name: "Launch spec" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/specs\/[^/]+$/);
}

test("[UI]: the full journey — sign up, project on a local repository, Cmd+K new spec, phases and events live, tickets run to done, spec completed", async ({ page }) => {
  test.setTimeout(240_000);
  const repo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-e2e-repo-")));
  await signUpThroughUi(page, { name: "Grace Hopper", email: uniqueEmail("grace"), password: "compiler-first" });
  await createProjectThroughUi(page, "Greeter", repo);

  const idea = "Greet people in their own language\nSupport French and German, fall back to English.";
  await launchFromPalette(page, idea);
  const specUrl = page.url();
  // The idea arrives as typed: nothing of the palette's query leaks into it.
  const stored = await page.request.get(`/api/v1/specs/${specUrl.split("/").at(-1)}`);
  expect(((await stored.json()) as { spec: { description: string } }).spec.description).toBe(idea);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Greet people in their own language");
  // Planning: the line names the phase (and the agent's attempt once it runs); the plan counts phases, no build yet.
  await expect(statusLine(page)).toHaveText(/^Planning: (explore|requirements|design|tasks)/, { timeout: 30_000 });
  await expect(bar(page, "Plan")).toHaveAttribute("aria-valuetext", /^[0-4] of 5 phases passed$/);
  await expect(bar(page, "Build")).toHaveCount(0);
  await expectOneStory(page);

  // Phases advance on their own while the page polls; events stream into the timeline.
  const timeline = page.getByRole("region", { name: "Event timeline" });
  await expect(timeline.getByText(/phase/i).first()).toBeVisible({ timeout: 30_000 });
  await expect(phaseItem(page, "explore")).toContainText(/passed/i, { timeout: 60_000 });
  await shot(page, "journey-1-spec-running");
  await expectAccessible(page, "a spec while it plans");
  await expect(phaseItem(page, "tasks")).toContainText(/passed/i, { timeout: 60_000 });

  // Building: SYNC made three tickets; the line says what the build does, the Build bar counts integrated tickets.
  await expect(statusLine(page)).toHaveText(/^(Building [1-3] of 3 tickets|Merging OMOI-\d+ into omoi\/\S+\/spec-\d+( next)?|[1-3] tickets? queued for an agent)$/, { timeout: 30_000 });
  await expect(bar(page, "Plan")).toHaveAttribute("aria-valuetext", "5 of 5 phases passed");
  await expect(bar(page, "Build")).toHaveAttribute("aria-valuetext", /^[0-2] of 3 tickets integrated$/);
  await expect(phaseItem(page, "complete")).toContainText("building");
  await expectOneStory(page);
  await shot(page, "journey-1b-spec-building");
  await expectAccessible(page, "a spec while its tickets are built");

  // The palette finds the spec by a word of its title.
  await page.keyboard.press("ControlOrMeta+k");
  await page.keyboard.type("language");
  const hit = page.getByRole("dialog").getByRole("option", { name: /Greet people in their own language/ });
  await expect(hit).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // SYNC made tickets; they appear on the project's board and run to done.
  const projectId = /\/projects\/([^/]+)\/specs\//.exec(specUrl)![1];
  await page.goto(`/projects/${projectId}/board`);
  const cards = page.locator(`a[href^="/projects/${projectId}/tickets/"]`);
  await expect(cards.first()).toBeVisible({ timeout: 30_000 });
  await shot(page, "journey-2-board");
  await expectAccessible(page, "the board with the spec's tickets");
  const done = page.getByRole("region", { name: /^Done/ });
  await expect(done.locator(`a[href^="/projects/${projectId}/tickets/"]`)).toHaveCount(3, { timeout: 120_000 });
  await shot(page, "journey-3-board-done");

  // The spec is done: its line names the spec branch it was merged into, both bars are full, the stepper agrees.
  await page.goto(specUrl);
  await expect(statusLine(page)).toHaveText(/^Done — merged into omoi\/\S+\/spec-\d+$/, { timeout: 30_000 });
  await expect(bar(page, "Plan")).toHaveAttribute("aria-valuetext", "5 of 5 phases passed");
  await expect(bar(page, "Build")).toHaveAttribute("aria-valuetext", "3 of 3 tickets integrated");
  await expect(phaseItem(page, "complete")).toContainText("done");
  await expectOneStory(page);
  await expect(page.getByRole("button", { name: "Stop all agents" })).toHaveCount(0);
  await page.getByRole("tab", { name: "Tickets" }).click();
  await expect(page.getByRole("tabpanel")).toContainText(/done/i);
  await shot(page, "journey-4-spec-completed");
  const tabs = page.getByRole("tab");
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await expect(tabs.nth(i)).toHaveAttribute("aria-selected", "true");
    const name = (await tabs.nth(i).textContent()) ?? "";
    await expectAccessible(page, `a completed spec, ${name} tab`);
    if (/Explore|Revisions/.test(name)) await shot(page, `journey-5-spec-${name.toLowerCase()}`);
  }

  // Each ticket shows its run: a branch of the real repository and the agent's timeline.
  await page.goto(`/projects/${projectId}/board`);
  await cards.first().click();
  await expect(page.getByText(/omoi\//).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Event timeline" })).toBeVisible();
  await expectAccessible(page, "a done ticket");
});

test("[UI]: manual approval — the spec waits at requirements and design until approved on its page", async ({ page }) => {
  test.setTimeout(180_000);
  const repo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-e2e-repo-")));
  await signUpThroughUi(page, { name: "Barbara Liskov", email: uniqueEmail("barbara"), password: "substitution-principle" });
  await createProjectThroughUi(page, "Greeter", repo);
  await launchFromPalette(page, "Greet people in their own language, reviewed by a person", { manual: true });

  await expect(phaseItem(page, "requirements")).toContainText(/awaiting approval/i, { timeout: 60_000 });
  await expect(phaseItem(page, "design")).toContainText(/pending/i);
  await expect(statusLine(page)).toHaveText("Waiting for your approval of the requirements");
  await expect(bar(page, "Plan")).toHaveAttribute("aria-valuetext", "2 of 5 phases passed");
  await expectOneStory(page);
  await shot(page, "approval-1-waiting");
  await expectAccessible(page, "a spec waiting for approval");
  // Approving with context: what EXPLORE found, and the requirements' assumptions and what is out of scope.
  await page.getByRole("tab", { name: "Explore" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("src/greet.js");
  await expectAccessible(page, "what EXPLORE found, while the requirements wait for approval");
  await page.getByRole("tab", { name: "Requirements" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("THE SYSTEM SHALL");
  await expect(page.getByRole("tabpanel")).toContainText("Language codes are ISO 639-1");
  await expect(page.getByRole("tabpanel")).toContainText("Right-to-left scripts");
  await expectAccessible(page, "requirements waiting for approval");

  // Requested changes redo the requirements; the earlier output is kept and the two can be compared.
  await page.getByRole("button", { name: "Request changes" }).click();
  const changes = page.getByRole("dialog", { name: "Request changes" });
  await changes.getByLabel("Phase").selectOption("requirements");
  await changes.getByLabel("Feedback").fill("Name the fallback language explicitly");
  await changes.getByRole("button", { name: "Send feedback" }).click();
  await expect(changes).toHaveCount(0);
  await expect(statusLine(page)).toHaveText(/^Planning: requirements|^Waiting for your approval of the requirements$/);
  await expect(statusLine(page)).toHaveText("Waiting for your approval of the requirements", { timeout: 60_000 });
  await page.getByRole("tab", { name: "Revisions" }).click();
  const panel = page.getByRole("tabpanel");
  await expect(panel.getByLabel("Phase")).toHaveValue("requirements");
  await expect(panel.getByLabel("Compare").locator("option:checked")).toContainText("replaced");
  await expect(panel.getByLabel("with", { exact: true }).locator("option:checked")).toContainText("current");
  await expect(panel).toContainText("Redone with the feedback: Name the fallback language explicitly");
  await expect(panel.getByRole("region", { name: /^Changes in requirements from attempt \d+ to attempt \d+$/ })).toBeVisible();
  await shot(page, "approval-1b-revisions");
  await expectAccessible(page, "the requirements' revisions compared");
  await page.getByRole("button", { name: "Approve requirements" }).click();

  await expect(phaseItem(page, "design")).toContainText(/awaiting approval/i, { timeout: 60_000 });
  await expect(statusLine(page)).toHaveText("Waiting for your approval of the design");
  await page.getByRole("button", { name: "Approve design" }).click();
  await expect(phaseItem(page, "tasks")).toContainText(/passed/i, { timeout: 60_000 });
  await shot(page, "approval-2-approved");

  // Stop all agents: every ticket's queued or running task is cancelled; the build waits for a person.
  const stop = page.getByRole("button", { name: "Stop all agents" });
  await expect(stop).toBeVisible({ timeout: 30_000 });
  await stop.click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Stop all agents of this spec?");
  await expectAccessible(page, "stopping all agents of a spec", { within: "[role=alertdialog]" });
  await dialog.getByRole("button", { name: "Stop all agents" }).click();
  await expect(dialog).toHaveCount(0);
  // Work already accepted may still be merged; then nothing of the spec runs.
  await expect(statusLine(page)).toHaveText(/^Stopped — [1-3] of 3 tickets wait; run them from their pages$/, { timeout: 60_000 });
  await expect(stop).toHaveCount(0);
  await expect(phaseItem(page, "complete")).toContainText("stopped");
  await expectOneStory(page);
  await shot(page, "approval-3-stopped");
  await expectAccessible(page, "a spec whose agents were stopped");
});
