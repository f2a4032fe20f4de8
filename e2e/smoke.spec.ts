import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { signUpThroughUi, uniqueEmail } from "./fixtures";

test("[FOUNDATION]: sign up, create a project and an API key; the key lists it; another user cannot see it", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  await signUpThroughUi(page, { name: "Ada Lovelace", email: uniqueEmail("ada"), password: "analytical-engine" });

  // Create a project through the form.
  await page.getByRole("button", { name: "New project" }).first().click();
  await page.getByLabel("Name").fill("Difference Engine");
  await page.getByLabel("Repository").fill("https://github.com/example/difference-engine.git");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Difference Engine").first()).toBeVisible();

  // Create an API key in settings; it is shown once.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Key name").fill("e2e");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^omoi_/);

  // The key alone (no cookies) lists the project over HTTP.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  const listed = await api.get("/api/v1/projects");
  expect(listed.status()).toBe(200);
  const { projects } = (await listed.json()) as { projects: { id: string; name: string }[] };
  const project = projects.find((p) => p.name === "Difference Engine");
  expect(project).toBeDefined();

  // A second user, in a separate browser context, cannot see it: 404 by id, absent from lists.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUpThroughUi(other, { name: "Mallory", email: uniqueEmail("mallory"), password: "not-a-member" });
  await expect(other.getByText("Difference Engine")).toHaveCount(0);
  const byId = await other.request.get(`/api/v1/projects/${project!.id}`);
  expect(byId.status()).toBe(404);
  const theirList = (await (await other.request.get("/api/v1/projects")).json()) as { projects: { id: string }[] };
  expect(theirList.projects.map((p) => p.id)).not.toContain(project!.id);

  // …and neither can their API key.
  const created = await other.request.post("/api/v1/api-keys", { data: { name: "mallory" } });
  const malloryKey = ((await created.json()) as { apiKey: { key: string } }).apiKey.key;
  const malloryApi = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${malloryKey}` } });
  expect((await malloryApi.get(`/api/v1/projects/${project!.id}`)).status()).toBe(404);

  // The owner still sees it after a reload; anonymous callers get 401.
  await page.goto("/projects");
  await expect(page.getByText("Difference Engine").first()).toBeVisible();
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get("/api/v1/projects")).status()).toBe(401);

  await Promise.all([api.dispose(), malloryApi.dispose(), anonymous.dispose(), otherContext.close()]);
});

test("[FOUNDATION]: signed-out visitors are sent to sign in; wrong passwords are refused with a message", async ({ page }) => {
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/sign-in/);
  // The app's icon and web manifest are served and linked from every page.
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  expect((await page.request.get("/icon.svg")).status()).toBe(200);
  const manifest = await (await page.request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ name: "OmoiOS", icons: [{ src: "/icon.svg" }] });
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Next's route announcer is also an alert: look inside the page content.
  await expect(page.locator("main [role=alert]")).toContainText(/incorrect/i);
  await expectAccessible(page, "sign-in with an error");

  // Past AUTH_MAX_FAILURES (5) for this email from this address, next-auth's endpoint answers 429 with Retry-After,
  // and the form shows the lock, even for the right password.
  const email = uniqueEmail("locked");
  const attempt = async (password: string) => {
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    return page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  };
  // next-auth answers a wrong password 401; the lock, 429.
  for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}`)).status()).toBe(401);
  const locked = await attempt("wrong-again");
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(60);
  expect(new URL((await locked.json()).url).searchParams.get("error")).toContain("Too many failed sign-ins");

  // The form shows the lock. The browser may reach the server from another loopback address than the request
  // context above (the lock is per email and address), so it earns its own lock.
  const formEmail = uniqueEmail("locked-form");
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Email").fill(formEmail);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await expect(page.locator("main [role=alert]")).toContainText(/too many failed sign-ins/i);
});

test("[UI]: pages about something missing say so with a way back; the palette opens a new project and names sandboxes by their work", async ({ page }) => {
  await signUpThroughUi(page, { name: "Dorothy Vaughan", email: uniqueEmail("dorothy"), password: "fortran-teacher" });
  const created = await page.request.post("/api/v1/projects", { data: { name: "Missing things" } });
  const { project } = (await created.json()) as { project: { id: string } };

  await page.goto(`/projects/${project.id}/tickets/no-such-ticket`);
  await expect(page.getByRole("heading", { level: 1, name: "Ticket not found" })).toBeAttached();
  await expectAccessible(page, "a ticket that does not exist");
  await page.getByRole("link", { name: "Back to the board" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/board$`));

  await page.goto("/sandboxes/no-such-sandbox");
  await expect(page.getByRole("heading", { level: 1, name: "Sandbox not found" })).toBeAttached();
  await expect(page.getByRole("link", { name: "Back to projects" })).toBeVisible();

  await page.keyboard.press("ControlOrMeta+k");
  await page.keyboard.type("new project");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/projects\?new=1$/);
  await expect(page.getByRole("dialog", { name: "New project" })).toBeVisible();
});
