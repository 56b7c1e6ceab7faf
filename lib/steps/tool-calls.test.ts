import { describe, expect, it } from "vitest";
import { parseTrajectory } from "./parse";
import { cachedToolSetCount } from "./tool-schemas";
import { toolSetHash } from "./tool-set";
import type { TRawTurn, TToolCall, TToolDeclaration } from "./types";

const tools: TToolDeclaration[] = [
  {
    type: "function",
    function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false } },
  },
  { type: "function", function: { name: "noop" } },
];
const toolSet = { hash: toolSetHash(tools), tools };

const user = (text: string): TRawTurn => ({ role: "user", text, loss: null });
const call = (id: string, name: string, args: string): TToolCall => ({ id, name, arguments: args });
const step = (calls: TToolCall[], extra: Partial<TRawTurn> = {}): TRawTurn => ({ role: "assistant", text: "", loss: null, toolCalls: calls, ...extra });
const result = (ids: string[], text = "ok"): TRawTurn => ({ role: "user", text, loss: null, toolCallIds: ids });
const answer = (text: string, reasoning?: string): TRawTurn => ({ role: "assistant", text, loss: null, ...(reasoning ? { reasoning } : {}) });

describe("tool-calling steps", () => {
  it("fills calls, call syntax, reasoning as thought, content as action, and observations with their call ids", () => {
    const parsed = parseTrajectory("tools", [
      user("Weather in Oslo?"),
      step([call("c1", "get_weather", '{"city":"Oslo"}'), call("c2", "noop", "{}")], { reasoning: "look it up", text: "Checking." }),
      result(["c1"]),
      result(["c2"]),
      answer("3 C", "done"),
    ], toolSet);
    expect(parsed.formatErrorCount).toBe(0);
    expect(parsed.stepCount).toBe(2);
    expect(parsed.turns.map((t) => [t.role, t.actionKind, t.thought, t.action, t.callSyntax])).toEqual([
      ["user", null, null, null, null],
      ["assistant", "tool_call", "look it up", "Checking.", "native"],
      ["observation", null, null, null, null],
      ["observation", null, null, null, null],
      ["assistant", "answer", "done", "3 C", null],
    ]);
    expect(parsed.turns[1]!.toolCalls).toEqual([call("c1", "get_weather", '{"city":"Oslo"}'), call("c2", "noop", "{}")]);
    expect(parsed.turns.map((t) => t.toolCallIds)).toEqual([[], [], ["c1"], ["c2"], []]);
    expect(parsed.taskTurnIndex).toBe(0);
  });

  it("leaves ReAct steps as they were: grammar thought/action, no calls", () => {
    const parsed = parseTrajectory("hotpotqa", [user("Question: q"), answer("Thought: t\nAction: finish[a]")]);
    expect(parsed.turns[1]).toMatchObject({ thought: "t", action: "finish[a]", actionKind: "finish", toolCalls: [], toolCallIds: [], callSyntax: null });
  });

  it("flags arguments that are not valid JSON", () => {
    const parsed = parseTrajectory("tools", [user("q"), step([call("c1", "get_weather", "{city: Oslo")]), result(["c1"])], toolSet);
    expect(parsed.turns[1]!.formatError).toBe("call get_weather (c1): arguments are not valid JSON");
    expect(parsed.formatErrorCount).toBe(1);
  });

  it("flags a tool the trajectory does not declare, and only when it declares tools", () => {
    const turns = [user("q"), step([call("c1", "search_web", '{"q":"x"}')]), result(["c1"])];
    expect(parseTrajectory("tools", turns, toolSet).turns[1]!.formatError).toBe('call search_web (c1): tool "search_web" is not among the declared tools');
    expect(parseTrajectory("tools", turns, null).turns[1]!.formatError).toBeNull();
  });

  it("flags arguments that violate the tool's JSON Schema, naming the violation", () => {
    const parsed = parseTrajectory("tools", [user("q"), step([call("c1", "get_weather", '{"town":"Oslo"}')]), result(["c1"])], toolSet);
    expect(parsed.turns[1]!.formatError).toBe("call get_weather (c1): arguments violate the tool's schema: arguments must have required property 'city'");
  });

  it("flags a call with no result on the calling step", () => {
    const parsed = parseTrajectory("tools", [user("q"), step([call("c1", "get_weather", '{"city":"Oslo"}'), call("c2", "noop", "{}")]), result(["c1"])], toolSet);
    expect(parsed.turns[1]!.formatError).toBe("call noop (c2) has no result");
  });

  it("flags a result for an unknown call id, and a tool result naming no call", () => {
    const parsed = parseTrajectory("tools", [user("q"), step([call("c1", "noop", "{}")]), result(["c1"]), result(["zz"]), result([])], toolSet);
    expect(parsed.turns.map((t) => t.formatError)).toEqual([null, null, null, "result for unknown call id zz", "tool result names no call id"]);
    expect(parsed.formatErrorCount).toBe(2);
  });

  it("joins several problems of one step with '; '", () => {
    const parsed = parseTrajectory("tools", [user("q"), step([call("c1", "nope", "{")])], toolSet);
    expect(parsed.turns[1]!.formatError).toBe(
      'call nope (c1): arguments are not valid JSON; call nope (c1): tool "nope" is not among the declared tools; call nope (c1) has no result',
    );
  });

  it("marks the same failing call repeated three times as a loop, whatever the call ids", () => {
    const again = (n: number) => [step([call(`l${n}`, "get_weather", '{"city": "Nowhere"}')]), result([`l${n}`], "error: unknown city")];
    const parsed = parseTrajectory("tools", [user("q"), ...again(1), ...again(2), ...again(3)], toolSet);
    expect(parsed.turns.filter((t) => t.inLoop).map((t) => t.index)).toEqual([1, 3, 5]);
    expect(parsed.loopStartTurn).toBe(1);
    const twice = parseTrajectory("tools", [user("q"), ...again(1), ...again(2)], toolSet);
    expect(twice.loopStartTurn).toBeNull();
    // three different calls with the same (empty) content are progress, not a loop
    const cities = ["Oslo", "Rome", "Lima"].flatMap((city, n) => [step([call(`d${n}`, "get_weather", `{"city":"${city}"}`)]), result([`d${n}`])]);
    expect(parseTrajectory("tools", [user("q"), ...cities], toolSet).loopStartTurn).toBeNull();
  });

  it("compiles a tool set's schemas once, however many trajectories declare it, and survives a schema Ajv cannot compile", () => {
    const odd: TToolDeclaration[] = [{ type: "function", function: { name: "odd", parameters: { type: "no-such-type" } } }];
    const oddSet = { hash: toolSetHash(odd), tools: odd };
    const before = cachedToolSetCount();
    for (let i = 0; i < 50; i++) parseTrajectory("tools", [user("q"), step([call("c", "odd", "{}")]), result(["c"])], oddSet);
    expect(cachedToolSetCount()).toBe(before + 1);
    expect(parseTrajectory("tools", [user("q"), step([call("c", "odd", "{}")]), result(["c"])], oddSet).formatErrorCount).toBe(0);
  });

  it("takes reasoning stored beside the content as the thought even without calls", () => {
    const parsed = parseTrajectory(null, [user("q"), answer("42", "thinking hard")]);
    expect(parsed.turns[1]).toMatchObject({ thought: "thinking hard", action: "42", actionKind: "answer" });
  });
});
