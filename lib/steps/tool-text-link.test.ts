import { describe, expect, it, vi } from "vitest";
import { parseTrajectory } from "./parse";
import type { TRawTurn } from "./types";

// The recognisers are plugged in by another part of issue 15; this file checks what parse does with
// what they return, with a stand-in that recognises `CALL name args` lines.
vi.mock("./tool-text", () => ({
  recogniseTextCalls: (text: string) => {
    const match = /^CALL (\w+) (.*)$/m.exec(text);
    if (!match) return null;
    return { syntax: "hermes", calls: [{ id: "text_0", name: match[1], arguments: match[2] }], thought: text.slice(0, match.index).trim() || null, content: null };
  },
}));

const turn = (role: TRawTurn["role"], text: string): TRawTurn => ({ role, text, loss: null });

describe("calls written as text", () => {
  it("stores recognised calls with their syntax and links the next observation to them by position", () => {
    const parsed = parseTrajectory(null, [
      turn("user", "Weather?"),
      turn("assistant", "I should look.\nCALL get_weather {\"city\":\"Oslo\"}"),
      turn("user", "3 C"),
      turn("assistant", "It is 3 C."),
    ]);
    expect(parsed.turns[1]).toMatchObject({
      callSyntax: "hermes", actionKind: "tool_call", thought: "I should look.", action: null, rawText: "I should look.\nCALL get_weather {\"city\":\"Oslo\"}",
      toolCalls: [{ id: "text_0", name: "get_weather", arguments: "{\"city\":\"Oslo\"}" }],
    });
    expect(parsed.turns[2]).toMatchObject({ role: "observation", toolCallIds: ["text_0"], formatError: null });
    expect(parsed.turns[3]).toMatchObject({ actionKind: "answer", action: "It is 3 C.", toolCalls: [] });
    expect(parsed.formatErrorCount).toBe(0);
  });

  it("flags a text call that nothing answers", () => {
    const parsed = parseTrajectory(null, [turn("user", "Weather?"), turn("assistant", "CALL get_weather {}")]);
    expect(parsed.turns[1]!.formatError).toBe("call get_weather (text_0) has no result");
  });
});
