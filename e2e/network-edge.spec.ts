import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/users";

/**
 * No proxy is trusted in the e2e run (TS_TRUST_PROXY unset), so headers a
 * client makes up about addresses and hosts must change nothing.
 */

test("a forged X-Forwarded-Host does not get a cross-site cookie write past the origin check", async ({ request }) => {
  const response = await request.post("/api/v1/exports", {
    headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
    data: { recipeName: "does-not-matter" },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("cross_origin");
});

test("a forged X-Forwarded-For is not the address the sign-in limit and the audit log see", async ({ browser, page }) => {
  const forged = "203.0.113.77";
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": forged, "x-real-ip": forged } });
  const signIn = await stranger.newPage();
  await signIn.goto("/sign-in");
  await signIn.getByLabel("Email").fill(ADMIN.email);
  await signIn.getByLabel("Password").fill("a wrong password for the edge test");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signIn.getByRole("alert").filter({ hasText: "the email or the password is wrong" })).toBeVisible();
  await stranger.close();

  await page.goto("/admin/audit?type=auth.sign_in_failed");
  const row = page.getByRole("row").filter({ hasText: "auth.sign_in_failed" }).first();
  await expect(row).toBeVisible();
  await expect(page.locator("main")).not.toContainText(forged);
  await expect(row).toContainText(/127\.0\.0\.1|::1/);
});

test("an invitation link is built from the public URL, not from the request's Origin or X-Forwarded-Host", async ({ page, baseURL }) => {
  await page.goto("/admin/team");
  // A client that is not a browser can send any Origin: replay the invite request claiming evil.example.
  const answers: string[] = [];
  await page.route("**/admin/team", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch({ headers: { ...route.request().headers(), origin: "http://evil.example", "x-forwarded-host": "evil.example" } });
    answers.push(await response.text());
    await route.fulfill({ response });
  });
  await page.getByLabel("Email to invite").fill(`edge-forged-${Date.now()}@e2e.test`);
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect.poll(() => answers.length).toBe(1);
  expect(answers[0]).not.toContain("evil.example");
  await page.unrouteAll({ behavior: "wait" });

  // A browser behind no proxy that adds X-Forwarded-Host still gets a working link to this server.
  await page.goto("/admin/team");
  await page.route("**/admin/team", (route) => route.continue({ headers: { ...route.request().headers(), "x-forwarded-host": "evil.example" } }));
  await page.getByLabel("Email to invite").fill(`edge-${Date.now()}@e2e.test`);
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByTestId("invite-link")).toHaveText(new RegExp(`^${baseURL}/invite/[\\w-]{40,}$`));
});

/** Resolves "connected" or the connection error's code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.on("connect", () => { socket.destroy(); resolve("connected"); });
    socket.on("timeout", () => { socket.destroy(); resolve("ETIMEDOUT"); });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

test("the server listens on loopback only (HOST unset): not reachable on the machine's network addresses", async ({ baseURL }) => {
  const port = Number(new URL(baseURL!).port);
  const external = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === "IPv4").map((i) => i!.address);
  test.skip(external.length === 0, "this machine has no non-loopback IPv4 address to try");
  expect(await tryConnect("127.0.0.1", port)).toBe("connected");
  for (const address of external) expect(await tryConnect(address, port), address).not.toBe("connected");
});
