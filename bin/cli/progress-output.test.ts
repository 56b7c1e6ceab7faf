import { describe, expect, it } from "vitest";
import { ProgressOutput, progressLine } from "./progress-output";

const T0 = Date.parse("2026-12-01T12:00:00Z");

/** A stream that keeps what is written. */
function sink() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => (chunks.push(text), true) };
}

describe("progressLine", () => {
  it("draws a bar, the percent, done/total in the unit and the time left", () => {
    expect(progressLine({ kind: "export", id: "j1", state: "running", done: 100, total: 400, unit: "samples", etaSeconds: 30 }, 20)).toBe(
      "export j1 [#####---------------]  25%  100/400 samples  about 30 s left",
    );
    expect(progressLine({ kind: "export", id: null, state: "queued", done: 0, total: null, unit: "samples", etaSeconds: null }, 10)).toBe(
      "export [----------] queued  0/? samples",
    );
  });
});

describe("ProgressOutput", () => {
  it("on a terminal rewrites one line on stderr and ends it with a newline", () => {
    const out = sink();
    const err = sink();
    let now = T0;
    const output = new ProgressOutput({ json: false, tty: true, stdout: out, stderr: err, now: () => now });
    output.update({ kind: "export", id: "j1", state: "running", done: 0, total: 400, unit: "samples" });
    now += 10_000;
    output.update({ kind: "export", id: "j1", state: "running", done: 100, total: 400, unit: "samples" });
    output.end();
    expect(out.chunks).toEqual([]);
    expect(err.chunks[1]).toMatch(/^\r\x1b\[2Kexport j1 \[#+-+\]  25%  100\/400 samples  about 30 s left$/);
    expect(err.chunks.at(-1)).toBe("\n");
  });

  it("with --json writes one JSON line per change to stdout (at most one a second, always the last)", () => {
    const out = sink();
    const err = sink();
    let now = T0;
    const output = new ProgressOutput({ json: true, tty: true, stdout: out, stderr: err, now: () => now, startedAt: T0 });
    const at = (done: number, state = "running") => output.update({ kind: "export", id: "j1", state, done, total: 400, unit: "samples" });
    at(0);
    now += 200;
    at(10); // within the second: skipped
    at(10); // unchanged: skipped
    now += 1000;
    at(100);
    now += 100;
    at(400, "done"); // the state changed: written at once
    output.end();
    expect(err.chunks).toEqual([]);
    const lines = out.chunks.join("").trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.event, line.state, line.done])).toEqual([
      ["progress", "running", 0],
      ["progress", "running", 100],
      ["progress", "done", 400],
    ]);
    expect(lines[1]).toEqual({ event: "progress", kind: "export", job: "j1", state: "running", done: 100, total: 400, unit: "samples", etaSeconds: 4 });
  });

  it("prints nothing when neither a terminal nor --json (logs stay clean)", () => {
    const out = sink();
    const err = sink();
    const output = new ProgressOutput({ json: false, tty: false, stdout: out, stderr: err });
    output.update({ kind: "export", id: "j1", state: "running", done: 1, total: 2, unit: "samples" });
    output.end();
    expect([...out.chunks, ...err.chunks]).toEqual([]);
  });
});
