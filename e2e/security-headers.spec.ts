import { readdirSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Page, type Response, expect, test } from "@playwright/test";
import { importViaApi } from "./support/api-import";

/**
 * Every page and a few API routes carry the security headers, and no page logs
 * a Content-Security-Policy violation (a nonce missing on a Next script, an
 * inline handler, a blocked style). Pages are listed from app/ at test time,
 * so a page added later is visited too.
 */

const APP_DIR = path.join(import.meta.dirname, "..", "app");
const ANONYMOUS_PAGES = new Set(["/sign-in", "/setup", "/invite/[token]"]);

function pageRoutes(dir = APP_DIR, prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") routes.push(prefix || "/");
    if (entry.isDirectory() && entry.name !== "api") routes.push(...pageRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
  }
  return routes.sort();
}

/** Real ids for dynamic segments where the data exists; a missing one still renders (a not-found page). */
async function fillParams(api: APIRequestContext, route: string): Promise<string> {
  const first = async (url: string, pick: (body: Record<string, { id: number }[]>) => { id: number }[]) => {
    const response = await api.get(url);
    return response.ok() ? String(pick(await response.json())[0]?.id ?? 999999) : "999999";
  };
  if (route === "/trajectories/[id]") return `/trajectories/${await first("/api/v1/trajectories", (b) => b.data!)}`;
  if (route === "/exports/[id]") return `/exports/${await first("/api/v1/exports", (b) => b.exports!)}`;
  if (route === "/contamination/runs/[id]") return `/contamination/runs/${await first("/api/v1/contamination/runs", (b) => b.runs!)}`;
  if (route === "/datasets/[id]") return `/datasets/${await first("/api/v1/trajectories", (b) => (b.data as unknown as { datasetId: number }[]).map((row) => ({ id: row.datasetId })))}`;
  if (route === "/invite/[token]") return "/invite/not-a-real-invitation";
  if (route.includes("[")) throw new Error(`security-headers.spec.ts: give ${route} an id in fillParams`);
  return route;
}

function expectSecurityHeaders(response: Response | null, what: string) {
  expect(response, what).not.toBeNull();
  const headers = response!.headers();
  expect(headers["x-powered-by"], `${what}: x-powered-by`).toBeUndefined();
  expect(headers["x-content-type-options"], `${what}: x-content-type-options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: referrer-policy`).toBe("same-origin");
  expect(headers["x-frame-options"], `${what}: x-frame-options`).toBe("DENY");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: content-security-policy`).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
  expect(scriptSrc, `${what}: script-src`).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  // Served over plain HTTP here: no HSTS, even when a client claims HTTPS (no proxy is trusted).
  expect(headers["strict-transport-security"], `${what}: HSTS over http`).toBeUndefined();
}

/** Records CSP violations (reported to the page before any of its scripts run) and console errors about CSP. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    const store: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = store;
    document.addEventListener("securitypolicyviolation", (event) => {
      store.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return async () => [...logged, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))];
}

test.beforeAll(async ({ request }) => {
  await importViaApi(request, path.join(import.meta.dirname, "fixtures", "os-e2e.jsonl"), { dataset: "security-headers" });
});

test("API routes send the security headers and no X-Powered-By", async ({ request }) => {
  for (const url of ["/api/health", "/api/v1/trajectories", "/api/v1/exports"]) {
    const response = await request.get(url, { headers: { "x-forwarded-proto": "https" } });
    expect(response.status(), url).toBe(200);
    const headers = response.headers();
    expect(headers["x-powered-by"], url).toBeUndefined();
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["referrer-policy"], url).toBe("same-origin");
    // API routes skip the proxy: a fixed policy that allows nothing (lib/http/security-headers.ts).
    expect(headers["content-security-policy"], url).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["strict-transport-security"], url).toBeUndefined();
  }
});

test("every signed-in page has a nonce CSP and logs no CSP violation", async ({ page, request }) => {
  const violations = await watchViolations(page);
  const routes = pageRoutes().filter((route) => !ANONYMOUS_PAGES.has(route));
  expect(routes.length).toBeGreaterThan(10);
  for (const route of routes) {
    const url = await fillParams(request, route);
    const response = await page.goto(url);
    expectSecurityHeaders(response, url);
    await page.waitForLoadState("networkidle");
    // Hydration ran: a client component reacts (the nav is rendered by React on every page).
    await expect(page.locator("main")).toBeVisible();
    expect(await violations(), `CSP violations on ${url}`).toEqual([]);
  }
});

test("pages for signed-out visitors have a nonce CSP and log no CSP violation", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const violations = await watchViolations(page);
  for (const route of ANONYMOUS_PAGES) {
    const url = await fillParams(context.request, route);
    const response = await page.goto(url);
    expectSecurityHeaders(response, url);
    await page.waitForLoadState("networkidle");
    expect(await violations(), `CSP violations on ${url}`).toEqual([]);
  }
  // The sign-in form works under the policy (its submit runs through a React server action).
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@e2e.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "the email or the password is wrong" })).toBeVisible();
  expect(await violations()).toEqual([]);
  await context.close();
});
