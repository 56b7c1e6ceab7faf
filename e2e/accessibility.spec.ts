import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { writeDemoFiles } from "../demo";
import { ADMIN_STATE } from "../playwright.config";
import { importViaApi } from "./support/api-import";
import { addMember, anonymousPage } from "./support/team";

test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/screens/a11y";
const run = Date.now().toString(36);
let replayPath = "";

/** Every page a signed-in teammate can open; the detail pages are added once their data exists. */
const PAGES = ["/", "/trajectories", "/import", "/review/agreement", "/thresholds", "/contamination", "/exports", "/exports/new", "/jobs", "/settings", "/admin/team", "/admin/audit"];

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  const demo = await writeDemoFiles(mkdtempSync(path.join(tmpdir(), "e2e-a11y-")), { seed: 53, perTask: 4, quirks: false, generalRows: 5 });
  for (const file of demo.files.filter((f) => f.kind !== "testset")) {
    await importViaApi(api, file.path, { dataset: `a11y-${run}-${file.name}`, kind: file.kind });
  }
  const list = await (await api.get("/api/v1/trajectories?task=os")).json();
  replayPath = `/trajectories/${list.data[0].id}`;
  await api.dispose();
});

/** axe's serious and critical findings, one line each (rule, impact, the first nodes). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.slice(0, 4).map((node) => `${node.target.join(" ")} [${(node.failureSummary ?? "").split("\n")[1]?.trim() ?? ""}]`).join(" | ")}`);
}

/**
 * Keyboard access: every link, button, field and summary of the page takes
 * the focus the way Tab gives it (it is in the tab order, and focusing it
 * works), and shows a visible indicator when focused from the keyboard (an
 * outline or a box-shadow ring). One Tab press first puts the browser in
 * keyboard mode, so that focus() then shows exactly what a Tab would; walking
 * every control with real Tab presses took minutes per page.
 */
async function keyboardCheck(page: Page): Promise<{ unreached: string[]; invisibleFocus: string[] }> {
  await page.locator("body").press("Tab");
  return page.evaluate(() => {
    const describe = (node: Element) => `${node.tagName.toLowerCase()} "${(node.getAttribute("aria-label") ?? node.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40)}"`;
    // Shown to the user: not inside a closed <details>, not display:none or visibility:hidden.
    const visible = (node: HTMLElement) => node.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
    const controls = Array.from(document.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary")).filter(visible);
    const unreached: string[] = [];
    const invisibleFocus = new Set<string>();
    for (const control of controls) {
      control.focus({ preventScroll: true });
      if (control.tabIndex < 0 || document.activeElement !== control) {
        unreached.push(describe(control));
        continue;
      }
      const style = getComputedStyle(control);
      const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || (style.boxShadow !== "none" && style.boxShadow !== "");
      if (!ring) invisibleFocus.add(describe(control));
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return { unreached, invisibleFocus: [...invisibleFocus] };
  });
}

async function checkPages(page: Page, role: string, paths: string[]) {
  const findings: string[] = [];
  for (const pagePath of paths) {
    await page.goto(pagePath);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/${role}${pagePath.replace(/[/?=&]+/g, "_") || "_home"}.png`, fullPage: true, timeout: 60_000 });
    for (const violation of await seriousViolations(page)) findings.push(`${role} ${pagePath}: ${violation}`);
    const walk = await keyboardCheck(page);
    for (const control of walk.unreached) findings.push(`${role} ${pagePath}: not reachable by Tab: ${control}`);
    for (const control of walk.invisibleFocus) findings.push(`${role} ${pagePath}: no visible focus on ${control}`);
  }
  expect(findings, findings.join("\n")).toEqual([]);
}

async function member(admin: Page, browser: Browser, role: "viewer" | "reviewer"): Promise<Page> {
  return addMember(admin, browser, `${role}-a11y-${run}@e2e.test`, role);
}

test("every page as admin: no serious or critical axe violation, every control reachable by Tab with a visible focus", async ({ page }) => {
  test.setTimeout(600_000);
  await checkPages(page, "admin", [...PAGES, replayPath]);
});

test("every page as reviewer and as viewer: the same", async ({ page, browser }) => {
  test.setTimeout(900_000);
  const reviewer = await member(page, browser, "reviewer");
  await checkPages(reviewer, "reviewer", [...PAGES, replayPath]);
  const viewer = await member(page, browser, "viewer");
  await checkPages(viewer, "viewer", [...PAGES, replayPath]);
});

test("the signed-out pages: sign-in", async ({ browser }) => {
  const anonymous = await anonymousPage(browser);
  await checkPages(anonymous, "anonymous", ["/sign-in"]);
});
