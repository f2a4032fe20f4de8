import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const uniqueEmail = (who: string) => `${who}-${crypto.randomBytes(4).toString("hex")}@example.test`;

/** Signs up through the real form and waits for the projects page. */
export async function signUpThroughUi(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}
