import { describe, expect, it } from "vitest";
import { parseTrajectory } from "./parse";
import type { TRawTurn } from "./types";

// What parse does with calls written as text (Hermes syntax here): stored with their syntax, the next turn linked as
// their result by position, and the tool checks applied as to structured calls.
const turn = (role: TRawTurn["role"], text: string): TRawTurn => ({ role, text, loss: null });
const CALL = '<think>I should look.</think>\n<tool_call>{"name": "get_weather", "arguments": {"city": "Oslo"}}</tool_call>';

describe("calls written as text", () => {
  it("stores recognised calls with their syntax and links the next observation to them by position", () => {
    const parsed = parseTrajectory(null, [turn("user", "Weather?"), turn("assistant", CALL), turn("user", "3 C"), turn("assistant", "It is 3 C.")]);
    const call = parsed.turns[1]!;
    expect(call).toMatchObject({ callSyntax: "hermes", actionKind: "tool_call", thought: "I should look.", rawText: CALL });
    expect(call.toolCalls).toHaveLength(1);
    expect(call.toolCalls[0]).toMatchObject({ name: "get_weather" });
    expect(JSON.parse(call.toolCalls[0]!.arguments)).toEqual({ city: "Oslo" });
    expect(parsed.turns[2]).toMatchObject({ role: "observation", toolCallIds: [call.toolCalls[0]!.id], formatError: null });
    expect(parsed.turns[3]).toMatchObject({ actionKind: "answer", action: "It is 3 C.", toolCalls: [] });
    expect(parsed.formatErrorCount).toBe(0);
  });

  it("flags a text call that nothing answers", () => {
    const parsed = parseTrajectory(null, [turn("user", "Weather?"), turn("assistant", CALL)]);
    expect(parsed.turns[1]!.formatError).toMatch(/^call get_weather \(.+\) has no result$/);
  });
});
