import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { INVITE_BASE_URL } from "../playwright.config";
import { uniqueEmail } from "./fixtures";

// Against the second e2e server: sign-up as shipped (SIGNUP=invite), a new instance each run.
test.use({ baseURL: INVITE_BASE_URL });

const ADMIN = { name: "Ada Lovelace", email: "ada@invite-e2e.test", password: "analytical-engine" };
const REFUSAL = "Sign-up is by invitation: ask an admin of your organization for a link";

/** A fresh browser (no cookies) on the invite server. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: INVITE_BASE_URL });
  return context.newPage();
}

async function signUpOrSignIn(page: Page) {
  // The instance's first account can always sign up (it becomes the instance admin); on a rerun it exists already.
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create account" }).click();
  const signedUp = await Promise.race([
    // The loser of the race is left waiting until the page closes; its failure then means nothing.
    page.waitForURL(/\/projects$/).then(() => true, () => false),
    page.locator("main [role=alert]").waitFor().then(() => false, () => false),
  ]);
  if (signedUp) return;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

/** Settings, with a team organization of the admin's selected (created the first time). */
async function openTeam(page: Page, team: string) {
  await page.goto("/settings");
  const orgs = page.getByRole("list", { name: "Your organizations" });
  // The list loads after the page: wait for it (the personal organization is always there) before asking whether
  // the team exists, or a second team of the same name gets created.
  await expect(orgs.getByRole("button").first()).toBeVisible();
  const orgButton = orgs.getByRole("button", { name: new RegExp(team) });
  if ((await orgButton.count()) === 0) {
    await page.getByLabel("Organization name").fill(team);
    await page.getByRole("button", { name: "Create organization" }).click();
  }
  await orgButton.click();
  await expect(page.getByRole("heading", { name: `Members of ${team}` })).toBeVisible();
}

async function createInvitationLink(page: Page, email: string, role: "Member" | "Admin"): Promise<string> {
  const form = page.getByRole("form", { name: "Invite by link" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Create link" }).click();
  const link = (await page.getByTestId("new-invitation-link").textContent())?.trim() ?? "";
  expect(link).toMatch(new RegExp(`^${INVITE_BASE_URL}/invite/[A-Za-z0-9_-]{43}$`));
  return link;
}

test("[INVITE]: an admin invites a person by link, who joins with the invited role; the link works once; withdrawn links stop", async ({
  page,
  browser,
}) => {
  const team = "Analytical Society";
  await signUpOrSignIn(page);
  await openTeam(page, team);

  const newcomerEmail = uniqueEmail("grace");
  const link = await createInvitationLink(page, newcomerEmail, "Admin");
  const pending = page.getByRole("list", { name: `Pending invitations to ${team}` });
  await expect(pending.getByText(newcomerEmail)).toBeVisible();
  await expectAccessible(page, "settings: a team with a pending invitation");

  // The newcomer opens the link in a browser of their own and creates their account there.
  const newcomer = await newPage(browser);
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { name: `Join ${team}` })).toBeVisible();
  await expect(newcomer.getByLabel("Email")).toHaveValue(newcomerEmail);
  await expectAccessible(newcomer, "an invitation to join");
  await newcomer.getByLabel("Name").fill("Grace Hopper");
  await newcomer.getByLabel("Password").fill("cobol-compiler");
  await newcomer.getByRole("button", { name: `Create account and join ${team}` }).click();
  await expect(newcomer).toHaveURL(/\/projects$/);
  // They are in the team, with the role they were invited with.
  await newcomer.goto("/settings");
  await expect(newcomer.getByRole("list", { name: "Your organizations" }).getByRole("button", { name: new RegExp(`${team}.*Admin`) })).toBeVisible();

  // The admin sees them among the members, and the invitation is no longer pending.
  await openTeam(page, team);
  await expect(page.getByRole("list", { name: `Members of ${team}` }).getByText(newcomerEmail)).toBeVisible();
  await expect(pending.getByText(newcomerEmail)).toHaveCount(0);

  // The link worked once.
  const latecomer = await newPage(browser);
  await latecomer.goto(link);
  await expect(latecomer.getByText("This invitation has already been used.")).toBeVisible();
  await expectAccessible(latecomer, "a used invitation");
  await expect(latecomer.getByRole("button", { name: /Create account/ })).toHaveCount(0);

  // A withdrawn link stops working at once.
  const withdrawnEmail = uniqueEmail("mallory");
  const withdrawnLink = await createInvitationLink(page, withdrawnEmail, "Member");
  await page.getByRole("button", { name: "Done" }).click();
  await pending.getByRole("listitem").filter({ hasText: withdrawnEmail }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(pending.getByText(withdrawnEmail)).toHaveCount(0);
  await latecomer.goto(withdrawnLink);
  await expect(latecomer.getByText("This invitation was withdrawn.")).toBeVisible();

  await Promise.all([newcomer.context().close(), latecomer.context().close()]);
});

test("[INVITE]: with SIGNUP=invite a plain sign-up is refused with a clear message", async ({ page, browser }) => {
  // The instance has its first account (the admin), so a stranger's sign-up is past the first-account exemption.
  const admin = await newPage(browser);
  await signUpOrSignIn(admin);
  await admin.context().close();

  const email = uniqueEmail("stranger");
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Stranger");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("let-me-in-please");
  await page.getByRole("button", { name: "Create account" }).click();
  // Next's route announcer is also an alert: look inside the page content.
  await expect(page.locator("main [role=alert]")).toHaveText(REFUSAL);
  await expect(page).toHaveURL(/\/sign-up$/);

  // Nobody was created: that email cannot sign in.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("let-me-in-please");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("main [role=alert]")).toContainText(/incorrect/i);
});
