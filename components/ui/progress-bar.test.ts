import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { percentOf, ProgressBar } from "./progress-bar";

describe("ProgressBar", () => {
  it("draws the share as an accessible progressbar, clamped to 0..100", () => {
    const half = renderToStaticMarkup(createElement(ProgressBar, { percent: 50, label: "Export 3 progress", className: "w-48" }));
    expect(half).toContain('role="progressbar"');
    expect(half).toContain('aria-label="Export 3 progress"');
    expect(half).toContain('aria-valuenow="50"');
    expect(half).toContain("width:50%");
    expect(half).toContain("h-1.5 rounded bg-slate-100 w-48");
    expect(renderToStaticMarkup(createElement(ProgressBar, { percent: 140 }))).toContain('aria-valuenow="100"');
    expect(renderToStaticMarkup(createElement(ProgressBar, { percent: -5, size: "thick" }))).toMatch(/h-2 rounded bg-slate-100.*aria-valuenow="0"/);
  });

  it("computes whole percents, 0 while the total is unknown", () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3, Math.round)).toBe(67);
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(12, 10)).toBe(100);
  });
});
