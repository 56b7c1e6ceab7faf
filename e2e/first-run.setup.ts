import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, E2E_SETUP_CODE } from "../playwright.config";
import { ADMIN, NEW_PASSWORD_LABEL } from "./support/users";

setup("first run: the app asks for the first admin and the setup code, then signs them in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await expect(page.getByText("setup code printed in the server's console")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/first-run.png" });

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(NEW_PASSWORD_LABEL).fill("short");
  await page.getByLabel("Password again").fill("short");
  await page.getByLabel("Setup code").fill(E2E_SETUP_CODE);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "password" })).toContainText("at least 12 characters");

  // Someone on the network without the console's code cannot become the admin.
  await page.getByLabel(NEW_PASSWORD_LABEL).fill(ADMIN.password);
  await page.getByLabel("Password again").fill(ADMIN.password);
  await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "setup code" })).toHaveText("setup code: it is not the code printed in the server's console");
  await expect(page).toHaveURL(/\/setup$/);

  await page.getByLabel(NEW_PASSWORD_LABEL).fill(ADMIN.password);
  await page.getByLabel("Password again").fill(ADMIN.password);
  await page.getByLabel("Setup code").fill(E2E_SETUP_CODE.toLowerCase());
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("current-user")).toContainText(`${ADMIN.email} admin`);

  // Setup is closed once an account exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/$/);
  await page.context().storageState({ path: ADMIN_STATE });
});
