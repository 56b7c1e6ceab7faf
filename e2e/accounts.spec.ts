import { type Browser, expect, type Page, test } from "@playwright/test";
import { builtAction, callAction, cookieHeader } from "./support/server-actions";
import { addMember } from "./support/team";
import { ADMIN, MEMBER_PASSWORD, NEW_PASSWORD_LABEL, VIEWER } from "./support/users";

test.describe.configure({ mode: "serial" });

/** A fresh browser with nobody signed in. */
async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

let inviteLink = "";

test("every page and API asks for a session; sign-in refuses a wrong password", async ({ browser }) => {
  const page = await anonymousPage(browser);
  for (const path of ["/", "/trajectories", "/import", "/settings", "/admin/team", "/admin/audit"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
  }
  expect((await page.request.get("/api/v1/trajectories")).status()).toBe(401);
  expect((await page.request.get("/api/health")).status()).toBe(200);

  await signIn(page, ADMIN.email, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "wrong" })).toContainText("the email or the password is wrong");
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByTestId("current-user")).toContainText(ADMIN.email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an admin invites a viewer, who joins with the link", async ({ page, browser }) => {
  await page.goto("/admin/team");
  await page.getByLabel("Email to invite").fill(VIEWER.email);
  await page.getByLabel("Role for the invitation").selectOption("viewer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  inviteLink = (await page.getByTestId("invite-link").textContent())!;
  expect(inviteLink).toMatch(/\/invite\/[\w-]{40,}$/);
  await page.screenshot({ path: "test-results/screens/team.png", fullPage: true });

  const guest = await anonymousPage(browser);
  await guest.goto(inviteLink);
  await expect(guest.getByText(`You are invited as viewer`)).toBeVisible();
  // Long enough, but a common password: refused, naming the rule.
  await guest.getByLabel(NEW_PASSWORD_LABEL).fill("password1234");
  await guest.getByLabel("Password again").fill("password1234");
  await guest.getByRole("button", { name: "Create my account" }).click();
  await expect(guest.getByRole("alert").filter({ hasText: "password" })).toContainText("too common or too easy to guess");
  await guest.getByLabel(NEW_PASSWORD_LABEL).fill(VIEWER.password);
  await guest.getByLabel("Password again").fill(VIEWER.password);
  await guest.getByRole("button", { name: "Create my account" }).click();
  await expect(guest.getByTestId("current-user")).toContainText(`${VIEWER.email} viewer`);

  await guest.goto(inviteLink);
  await expect(guest.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
});

test("a viewer sees no controls, and the API and server actions refuse them", async ({ page, browser, baseURL }) => {
  await page.goto("/admin/team");
  const viewerRow = page.getByTestId(`member-${VIEWER.email}`);
  const viewerUserId = await viewerRow.locator('input[name="userId"]').first().inputValue();

  const viewer = await anonymousPage(browser);
  await signIn(viewer, VIEWER.email, VIEWER.password);
  await expect(viewer.getByTestId("current-user")).toContainText("viewer");
  await expect(viewer.getByRole("link", { name: "Import" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Team" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await viewer.goto("/import");
  await expect(viewer.getByRole("alert").filter({ hasText: "Not allowed" })).toContainText("Your role cannot open this page");
  await viewer.goto("/admin/team");
  await expect(viewer.getByRole("alert").filter({ hasText: "Not allowed" })).toContainText("Your role cannot open this page");

  const anonymous = await anonymousPage(browser);
  const calls: [string, string, (request: Page["request"]) => Promise<{ status(): number }>][] = [
    ["POST /api/v1/imports", "import", (r) => r.post("/api/v1/imports?fileName=x.jsonl", { data: '{"id":"os_1","conversations":[]}\n' })],
    ["DELETE /api/v1/datasets/1", "delete", (r) => r.delete("/api/v1/datasets/1")],
  ];
  for (const [name, , call] of calls) {
    expect((await call(viewer.request)).status(), `${name} as viewer`).toBe(403);
    expect((await call(anonymous.request)).status(), `${name} anonymous`).toBe(401);
  }

  // Server actions called directly, as a script would, with the viewer's cookie and with none.
  const callChangeRole = async (caller: Page | null, role: string) =>
    (await callAction(baseURL!, builtAction("changeRoleAction"), { userId: viewerUserId, role }, { cookie: caller ? await cookieHeader(caller.context()) : undefined })).status;
  expect(await callChangeRole(viewer, "admin")).toBe(403);
  expect(await callChangeRole(null, "admin")).toBe(401);
  await page.reload();
  await expect(page.getByLabel(`Role of ${VIEWER.email}`)).toHaveValue("viewer");
  // The same direct call with the admin's cookie does work: the refusals above were the permission check.
  expect(await callChangeRole(page, "reviewer")).toBe(200);
  await page.reload();
  await expect(page.getByLabel(`Role of ${VIEWER.email}`)).toHaveValue("reviewer");
  expect(await callChangeRole(page, "viewer")).toBe(200);
});

test("API tokens work as Bearer and stop working when revoked", async ({ page, playwright }) => {
  await page.goto("/settings");
  await expect(page.getByText("revokes all your API tokens")).toBeVisible();
  await page.getByLabel("Token name").fill("e2e script");
  // The admin's session may be older than 15 minutes by now: creating a token asks for the password again.
  await page.getByLabel("Confirm your password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^ts_/);
  await page.screenshot({ path: "test-results/screens/settings.png", fullPage: true });

  const api = await playwright.request.newContext({ baseURL: new URL(page.url()).origin, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  expect((await api.get("/api/v1/trajectories")).status()).toBe(200);
  await page.reload();
  await page.getByRole("button", { name: "Revoke e2e script" }).click();
  await expect(page.getByRole("table", { name: "API tokens" })).toContainText("revoked");
  expect((await api.get("/api/v1/trajectories")).status()).toBe(401);
  await api.dispose();
});

test("a deactivated user is signed out and refused", async ({ page, browser }) => {
  const viewer = await anonymousPage(browser);
  await signIn(viewer, VIEWER.email, VIEWER.password);
  await expect(viewer.getByTestId("current-user")).toBeVisible();

  await page.goto("/admin/team");
  await page.getByTestId(`member-${VIEWER.email}`).getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByTestId(`member-${VIEWER.email}`)).toContainText("deactivated");

  await viewer.goto("/trajectories");
  await expect(viewer).toHaveURL(/\/sign-in/);
  await signIn(viewer, VIEWER.email, VIEWER.password);
  await expect(viewer.getByRole("alert").filter({ hasText: "deactivated" })).toContainText("this account is deactivated");
});

test("the audit log lists who did what, and filters", async ({ page }) => {
  await page.goto("/admin/audit");
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  for (const type of ["auth.first_admin_created", "user.invited", "user.created", "token.created", "token.revoked", "user.deactivated", "auth.sign_in_failed"]) {
    await expect(page.getByRole("table", { name: "Audit events" })).toContainText(type);
  }
  await page.getByLabel("Event type").selectOption("user.deactivated");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ADMIN.email);
  await expect(rows.first().getByTestId("audit-diff").getByRole("row", { name: /active/ })).toContainText("false");
  await rows.first().getByText("raw JSON").click();
  await expect(rows.first().getByText('after: {"active":false}')).toBeVisible();
  await page.screenshot({ path: "test-results/screens/audit.png", fullPage: true });
});

test("a password change revokes the user's API tokens, and says so", async ({ page, browser, playwright }) => {
  const member = await addMember(page, browser, "paula@e2e.test", "reviewer");
  await member.goto("/settings");
  // Just signed up: the session checked the password moments ago, so no confirmation is asked.
  await member.getByLabel("Token name").fill("paula's script");
  await member.getByRole("button", { name: "Create token" }).click();
  const token = (await member.getByTestId("new-token").textContent())!;
  const api = await playwright.request.newContext({ baseURL: new URL(member.url()).origin, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  expect((await api.get("/api/v1/trajectories")).status()).toBe(200);

  await member.getByLabel("Current password").fill(MEMBER_PASSWORD);
  await member.getByLabel("New password (12+ characters)").fill("harbour quartz pebble 9");
  await member.getByLabel("New password again").fill("harbour quartz pebble 9");
  await member.getByRole("button", { name: "Change password" }).click();
  await expect(member.getByRole("status").filter({ hasText: "Password changed" })).toContainText("API tokens revoked (1)");
  expect((await api.get("/api/v1/trajectories")).status()).toBe(401);
  await member.reload();
  await expect(member.getByRole("table", { name: "API tokens" })).toContainText("revoked");
  await api.dispose();
});
