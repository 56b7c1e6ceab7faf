import { describe, expect, it } from "vitest";
import { prettyArguments, resultTurnByCallId, toolCallsOf, toolsOf } from "./tool-display";

describe("tool-calling display helpers", () => {
  it("pretty-prints arguments that parse as JSON and keeps any other string exactly", () => {
    expect(prettyArguments('{"city":"Paris","days":[1,2]}')).toEqual({ text: '{\n  "city": "Paris",\n  "days": [\n    1,\n    2\n  ]\n}', json: true });
    expect(prettyArguments('{"city": "Par')).toEqual({ text: '{"city": "Par', json: false });
    expect(prettyArguments("<script>alert(1)</script>")).toEqual({ text: "<script>alert(1)</script>", json: false });
  });

  it("reads the stored calls and tools, leaving out items of another shape", () => {
    expect(toolCallsOf([{ id: "c1", name: "get", arguments: "{}" }, { id: 2 }, "x"])).toEqual([{ id: "c1", name: "get", arguments: "{}" }]);
    expect(toolCallsOf(null)).toEqual([]);
    const tool = { type: "function", function: { name: "get", parameters: { type: "object" } } };
    expect(toolsOf([tool, { name: "bare" }])).toEqual([tool]);
    expect(toolsOf(null)).toEqual([]);
  });

  it("links each call id to the first observation that answers it", () => {
    const links = resultTurnByCallId([{ index: 3, toolCallIds: ["a", "b"] }, { index: 4, toolCallIds: ["b"] }, { index: 5, toolCallIds: [] }]);
    expect([...links]).toEqual([["a", 3], ["b", 3]]);
  });
});
