import { expect, type Page, test } from "@playwright/test";
import { builtAction, callAction, cookieHeader } from "./support/server-actions";
import { addMember, anonymousPage } from "./support/team";
import { ADMIN, MEMBER_PASSWORD } from "./support/users";

test.describe.configure({ mode: "serial" });

/** Creates an API token on the settings page of whoever is signed in on `page`. */
async function createToken(page: Page, name: string, password: string): Promise<string> {
  await page.goto("/settings");
  await page.getByLabel("Token name").fill(name);
  // A session older than 15 minutes must prove the password again to create a token.
  await page.getByLabel("Confirm your password").fill(password);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^ts_/);
  return token;
}

let viewer: Page;

test("server actions and pages take the user from the session cookie only, never from a Bearer token", async ({ page, browser, baseURL }) => {
  viewer = await addMember(page, browser, "bea@e2e.test", "viewer");
  const viewerToken = await createToken(viewer, "viewer script", MEMBER_PASSWORD);
  const adminToken = await createToken(page, "admin script", ADMIN.password);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  // A viewer's token must not mint another token through the settings page's action.
  const minted = await callAction(baseURL!, builtAction("createTokenAction"), { name: "minted by a token" }, bearer(viewerToken));
  expect(minted.body.match(/ts_[\w-]{20,}/)?.[0], "a token minted with a Bearer token").toBeUndefined();
  expect(minted.status).toBe(401);
  // An admin's token must not reach the team actions either.
  const invite = await callAction(baseURL!, builtAction("inviteAction"), { email: "mallory@e2e.test", role: "admin" }, bearer(adminToken));
  expect(invite.body.match(/\/invite\/[\w-]+/)?.[0], "an invitation made with a Bearer token").toBeUndefined();
  expect(invite.status).toBe(401);

  // Pages: a Bearer token alone is no session.
  const settings = await fetch(new URL("/settings", baseURL), { headers: bearer(viewerToken), redirect: "manual" });
  expect(settings.status).toBe(307);
  expect(settings.headers.get("location")).toContain("/sign-in");

  // The tokens themselves still work where they belong: the API.
  expect((await fetch(new URL("/api/v1/trajectories", baseURL), { headers: bearer(viewerToken) })).status).toBe(200);
  await page.goto("/settings");
  await expect(page.getByRole("table", { name: "API tokens" })).not.toContainText("minted by a token");
  await viewer.goto("/settings");
  await expect(viewer.getByRole("table", { name: "API tokens" })).not.toContainText("minted by a token");
});

test("server actions called without permission answer 403 (anonymous: 401) and change nothing", async ({ page, baseURL }) => {
  await page.goto("/admin/team");
  const viewerId = await page.getByTestId("member-bea@e2e.test").locator('input[name="userId"]').first().inputValue();
  const viewerCookie = await cookieHeader(viewer.context());
  const calls: [string, Record<string, string>][] = [
    ["deleteDatasetAction", { datasetId: "1" }],
    ["changeRoleAction", { userId: viewerId, role: "admin" }],
    ["setActiveAction", { userId: "1", active: "false" }],
    ["reviewSettingsAction", { required: "3", rule: "first" }],
    ["inviteAction", { email: "eve@e2e.test", role: "admin" }],
  ];
  for (const [name, fields] of calls) {
    const asViewer = await callAction(baseURL!, builtAction(name), fields, { cookie: viewerCookie });
    expect(asViewer.status, `${name} as viewer`).toBe(403);
    const asNobody = await callAction(baseURL!, builtAction(name), fields);
    expect(asNobody.status, `${name} anonymous`).toBe(401);
  }
  await page.reload();
  await expect(page.getByLabel("Role of bea@e2e.test")).toHaveValue("viewer");
  await expect(page.getByTestId(`member-ada@e2e.test`)).not.toContainText("deactivated");
  await page.goto("/review/agreement");
  await expect(page.getByLabel("Reviews required")).not.toHaveValue("3");

  // Revoking someone else's token: refused with a message, not a server error.
  const revoke = await callAction(baseURL!, builtAction("revokeTokenAction"), { id: "1" }, { cookie: viewerCookie });
  expect(revoke.status).toBeLessThan(500);
  expect((await callAction(baseURL!, builtAction("revokeTokenAction"), { id: "1" })).status).toBe(401);
});

test("admin-only pages answer 403 to a viewer", async ({ browser }) => {
  for (const path of ["/admin/team", "/admin/audit", "/import"]) {
    const response = await viewer.request.get(path);
    expect(response.status(), path).toBe(403);
    expect(await response.text(), path).toContain("Not allowed");
  }
  // Anonymous visitors are still sent to sign in.
  const anonymous = await anonymousPage(browser);
  await anonymous.goto("/admin/team");
  await expect(anonymous).toHaveURL(/\/sign-in/);
});
