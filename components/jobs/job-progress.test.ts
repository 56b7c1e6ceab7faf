import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TJob } from "@/lib/job-kinds/jobs";
import { formatDuration } from "./format";
import { JobProgressView } from "./job-progress";

const STARTED = Date.parse("2026-12-01T12:00:00Z");

const job = (over: Partial<TJob>): TJob => ({
  id: "7b0c6f7e-0000-4000-8000-000000000001",
  kind: "export",
  state: "running",
  unit: "samples",
  progress: { done: 1500, total: 2000, unit: "samples" },
  startedBy: "ada@lab.org",
  createdAt: new Date(STARTED - 1000).toISOString(),
  startedAt: new Date(STARTED).toISOString(),
  finishedAt: null,
  worker: "host:1",
  attempts: 1,
  error: null,
  result: { type: "export", id: 4, href: "/exports/4" },
  output: null,
  ...over,
});

const render = (props: Parameters<typeof JobProgressView>[0]) => renderToStaticMarkup(createElement(JobProgressView, props));

describe("JobProgressView", () => {
  it("draws a running job's bar, counts in its unit and the time left at its rate, with Cancel for those allowed", () => {
    // 1,500 of 2,000 in 30 s: 50 a second, 500 left, 10 s.
    const html = render({ job: job({}), now: STARTED + 30_000, canControl: true });
    expect(html).toContain('aria-valuenow="75"');
    expect(html).toContain("1,500 / 2,000 samples · about 10 s left");
    expect(html).toContain(">Cancel</button>");
    expect(html).not.toContain("Retry");
  });

  it("leaves the ETA out before the browser's clock is known and the buttons out for those not allowed", () => {
    const html = render({ job: job({}), now: null });
    expect(html).toContain("1,500 / 2,000 samples</p>");
    expect(html).not.toContain("<button");
  });

  it("says a queued job waits for a worker, and shows a failed job's error as text with Retry", () => {
    expect(render({ job: job({ state: "queued", progress: null, startedAt: null }), now: STARTED })).toContain("waiting for a worker");
    const failed = render({ job: job({ state: "failed", error: "<img src=x onerror=alert(1)> no dataset" }), now: STARTED, canControl: true });
    expect(failed).toContain("&lt;img src=x onerror=alert(1)&gt; no dataset");
    expect(failed).toContain(">Retry</button>");
    expect(failed).not.toContain(">Cancel</button>");
  });
});

describe("formatDuration", () => {
  it("says how long a job took in the units that matter", () => {
    expect(formatDuration(4_400)).toBe("4 s");
    expect(formatDuration(200_000)).toBe("3 min 20 s");
    expect(formatDuration(3_720_000)).toBe("1 h 2 min");
  });
});
