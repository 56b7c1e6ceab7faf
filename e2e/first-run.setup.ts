import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE } from "../playwright.config";
import { ADMIN, NEW_PASSWORD_LABEL } from "./support/users";

setup("first run: the app asks for the first admin, then signs them in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/first-run.png" });

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(NEW_PASSWORD_LABEL).fill("short");
  await page.getByLabel("Password again").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "password" })).toContainText("at least 12 characters");

  await page.getByLabel(NEW_PASSWORD_LABEL).fill(ADMIN.password);
  await page.getByLabel("Password again").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("current-user")).toContainText(`${ADMIN.email} admin`);

  // Setup is closed once an account exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/$/);
  await page.context().storageState({ path: ADMIN_STATE });
});
