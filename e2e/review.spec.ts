import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createSampleRepo } from "../test/fixtures/sample-repo";
import { expectAccessible } from "./axe";
import { signUpThroughUi, uniqueEmail } from "./fixtures";

// Manual review through the browser: a spec ticket's delivered work waits in Review, a person comments on a line and
// requests changes, the agent (the scripted fake model of test/e2e-server.ts) revises the commented file, the comment
// shows addressed, the person approves, the server merges and tests the work, and the spec branch holds it.

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const column = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const ticketStatus = (page: Page, label: string) => page.getByRole("main").getByText(label, { exact: true }).first();

test("[REVIEW]: manual review — comment on a line, request changes, the agent revises, the comment is addressed, approve, the spec branch holds the work", async ({
  page,
}) => {
  // Planning, two agent runs and an integration with its test run, each in a local sandbox.
  test.setTimeout(300_000);
  const repo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-e2e-repo-")));
  await signUpThroughUi(page, { name: "Margaret Hamilton", email: uniqueEmail("margaret"), password: "priority-displays" });

  const created = await page.request.post("/api/v1/projects", {
    data: { name: "Reviewed greeter", repoUrl: repo, reviewMode: "manual", testCommand: "node --test" },
  });
  expect(created.status()).toBe(201);
  const { project } = (await created.json()) as { project: { id: string } };
  const launched = await page.request.post("/api/v1/specs", {
    data: { projectId: project.id, description: "Greet people in their own language, every change read by a person", approvalMode: "auto", autoExecute: true },
  });
  expect(launched.status()).toBe(201);
  const { spec } = (await launched.json()) as { spec: { id: string } };

  // The first ticket (no dependencies) runs as soon as planning syncs it; its accepted work waits in Review.
  await page.goto(`/projects/${project.id}/board`);
  const handle = column(page, "Review").getByRole("button", { name: /^Move / });
  await expect(handle).toBeVisible({ timeout: 120_000 });
  const key = (await handle.getAttribute("aria-label"))!.slice("Move ".length);
  const file = `notes/${key}.md`;
  await shot(page, "review-1-board-in-review");

  await column(page, "Review").locator(`a[href^="/projects/${project.id}/tickets/"]`).click();
  await expect(page).toHaveURL(/\/tickets\/[^/]+$/);
  const changes = page.getByRole("region", { name: "Changes", exact: true });
  await expect(changes).toContainText("Waiting for review");
  const fileView = changes.getByRole("article", { name: file, exact: true });
  await expect(fileView).toContainText("Done.");
  await expect(fileView).toContainText(`# ${key}`);
  await expectAccessible(page, "a ticket waiting for review, with its diff");

  // A comment on the added line 3 ("Done."), new side.
  await fileView.getByRole("button", { name: `Comment on ${file} line 3`, exact: true }).click();
  await page.getByLabel("Comment", { exact: true }).fill("Say what was done, not just that it was.");
  await page.getByRole("button", { name: "Add comment" }).click();
  const lineComments = fileView.getByRole("list", { name: `Comments on ${file} line 3`, exact: true });
  await expect(lineComments).toContainText("Say what was done, not just that it was.");
  await expect(lineComments).toContainText("Open");
  const reviewPanel = page.getByRole("region", { name: "Review", exact: true });
  await expect(reviewPanel).toContainText("1 comment is not sent yet");
  await shot(page, "review-2-line-comment");
  await expectAccessible(page, "the review panel with a comment");

  await reviewPanel.getByLabel("Summary").fill("Describe the greeting table in the notes.");
  await reviewPanel.getByRole("button", { name: "Request changes" }).click();
  // Back to its agent: the review panel goes, the agent's new attempt carries the summary.
  await expect(reviewPanel).toHaveCount(0);
  await expect(changes).toContainText("What the agent was asked to fix");
  await expect(changes).toContainText("Describe the greeting table in the notes.");

  // The new delivery changed the commented file: the comment is addressed, the diff shows the revision.
  await expect(changes).toContainText("Waiting for review", { timeout: 120_000 });
  await expect(fileView).toContainText("revised after review");
  const addressed = reviewPanel.getByText(/^Addressed in [0-9a-f]{7}$/);
  await expect(addressed).toBeVisible();
  await expect(reviewPanel).toContainText("(1, 0 open)");
  await shot(page, "review-3-comment-addressed");
  await expectAccessible(page, "a revised ticket back in review, its comment addressed");

  // Approve: merged into the spec branch, tested there, done.
  await reviewPanel.getByRole("button", { name: "Approve" }).click();
  await expect(reviewPanel).toHaveCount(0);
  await expect(changes).toContainText(/Integrated into \S+ at [0-9a-f]{7}/, { timeout: 90_000 });
  await expect(ticketStatus(page, "Done")).toBeVisible();
  // The merge was tested in a sandbox of its own, the ticket's latest; its timeline has the run.
  await expect(page.getByRole("region", { name: "Agent timeline" })).toContainText("Integration tests passed: node --test");
  await shot(page, "review-4-ticket-done");
  await expectAccessible(page, "an approved ticket, integrated");

  await page.goto(`/projects/${project.id}/specs/${spec.id}`);
  await page.getByRole("tab", { name: "Changes" }).click();
  const specChanges = page.getByRole("tabpanel");
  const specFile = specChanges.getByRole("article", { name: file, exact: true });
  await expect(specFile).toContainText("Done, revised after review.");
  await shot(page, "review-5-spec-changes");
  await expectAccessible(page, "the spec's Changes tab");
});
