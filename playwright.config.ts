import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
// Debian's Chromium here (Playwright cannot download browsers offline); a laptop
// without it falls back to Playwright's own browser.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

/** The e2e server's own data folder and embedded PostgreSQL port: never a developer's data. */
export const E2E_ENV = {
  TS_DATA_DIR: ".data/e2e",
  EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54331",
  TS_DIST_DIR: ".next-e2e",
  // One trajectory per export round trip: an export runs for seconds, so the specs can watch (and cancel) it while it runs.
  EXPORT_BATCH_SIZE: "1",
  // A killed worker's job goes back to the queue within seconds (its heartbeat lapses at the next pass), and npm start replaces the worker soon.
  JOBS_SUPERVISE_SECONDS: "2",
  WORKER_RESTART_DELAY_MS: "1000",
};

/** Fixes the first-run setup code (normally random and printed in the server's console) so the setup test can type it. */
export const E2E_SETUP_CODE = "E2E0-SETU-PC0D";

/** The first-run setup test signs the first admin in and leaves the session here for the other tests. */
export const ADMIN_STATE = "test-results/.auth/admin.json";

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1440, height: 900 },
  launchOptions: {
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /first-run\.setup\.ts/, use: chromium },
    { name: "chromium", dependencies: ["setup"], testIgnore: /\.setup\.ts/, use: { ...chromium, storageState: ADMIN_STATE } },
  ],
  webServer: {
    // A fresh database for every run; the server builds the app if needed.
    command: `rm -rf ${E2E_ENV.TS_DATA_DIR} && npx tsx scripts/start.ts --no-demo --port ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    env: { ...E2E_ENV, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", TS_SETUP_CODE: E2E_SETUP_CODE, TS_PUBLIC_URL: `http://localhost:${PORT}` },
    stdout: "pipe",
  },
});
