import { describe, expect, it } from "vitest";
import { answerText, detectTextSyntax, readToolText } from "./tool-text";

describe("readToolText: hermes", () => {
  it("reads parallel <tool_call> blocks, <think> as the thought and the text around as content", () => {
    const text =
      '<think>\nNeed both cities.\n</think>\n\nChecking.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\n<tool_call>\n{"name": "get_weather", "arguments": "{\\"city\\": \\"Oslo\\"}"}\n</tool_call>';
    expect(readToolText(text, "hermes", 4)).toEqual({
      syntax: "hermes",
      thought: "Need both cities.",
      content: "Checking.",
      calls: [
        { id: "call_4_0", name: "get_weather", arguments: '{"city":"Paris"}' },
        { id: "call_4_1", name: "get_weather", arguments: '{"city": "Oslo"}' },
      ],
    });
  });

  it("takes Qwen3's thought without an opening <think>, and `parameters` for `arguments`", () => {
    const found = readToolText('plan it</think><tool_call>{"name": "f", "parameters": {"x": 1}}</tool_call>', "hermes", 0);
    expect(found).toMatchObject({ thought: "plan it", content: null, calls: [{ name: "f", arguments: '{"x":1}' }] });
  });

  it("reads an unterminated <tool_call> to the end and keeps invalid arguments as written", () => {
    const cut = readToolText('<tool_call>\n{"name": "search", "arguments": {"q": "swe', "hermes", 2);
    expect(cut!.calls).toEqual([{ id: "call_2_0", name: "search", arguments: '{"q": "swe' }]);
    const broken = readToolText('<tool_call>{"name": "run", "arguments": {cmd: ls}}</tool_call>', "hermes", 2);
    expect(broken!.calls).toEqual([{ id: "call_2_0", name: "run", arguments: "{cmd: ls}" }]);
  });

  it("is null without a call (no block, or a block without a name); empty <think> is no thought", () => {
    expect(readToolText("<think></think>The answer is 4.", "hermes", 0)).toBeNull();
    expect(readToolText("<tool_call>{}</tool_call>", "hermes", 0)).toBeNull();
    expect(answerText("<think>  </think>The answer is 4.", "hermes")).toMatchObject({ thought: null, content: "The answer is 4.", calls: [] });
  });
});

describe("readToolText: openhands", () => {
  it("reads <function=..> with its parameters as a JSON object and the text before as the thought", () => {
    const text =
      "Let me look at the file.\n\n<function=str_replace_editor>\n<parameter=command>view</parameter>\n<parameter=path>/repo/a.py</parameter>\n</function>";
    expect(readToolText(text, "openhands", 3)).toEqual({
      syntax: "openhands",
      thought: "Let me look at the file.",
      content: null,
      calls: [{ id: "call_3_0", name: "str_replace_editor", arguments: '{"command":"view","path":"/repo/a.py"}' }],
    });
  });

  it("keeps multi-line values (one newline dropped at each end) and reads a call cut off before </function>", () => {
    const text = "<function=bash>\n<parameter=command>\ncd /repo &&\n  pytest -q\n</parameter>\n";
    const found = readToolText(text, "openhands", 1)!;
    expect(JSON.parse(found.calls[0]!.arguments)).toEqual({ command: "cd /repo &&\n  pytest -q" });
    expect(found.thought).toBeNull();
    const noClose = readToolText("<function=finish>\n<parameter=message>done", "openhands", 1)!;
    expect(noClose.calls).toEqual([{ id: "call_1_0", name: "finish", arguments: '{"message":"done"}' }]);
    expect(readToolText("<function=finish>\n</function>", "openhands", 0)!.calls[0]!.arguments).toBe("{}");
  });
});

describe("readToolText: sweagent", () => {
  it("reads one fenced command as a bash call, the discussion as the thought", () => {
    const text = "DISCUSSION\nFix the range.\n\n```\nedit 3:3\n    return sum(range(n + 1))\nend_of_edit\n```\n";
    expect(readToolText(text, "sweagent", 4)).toEqual({
      syntax: "sweagent",
      thought: "Fix the range.",
      content: null,
      calls: [{ id: "call_4_0", name: "bash", arguments: JSON.stringify({ command: "edit 3:3\n    return sum(range(n + 1))\nend_of_edit" }) }],
    });
    expect(readToolText("THOUGHT: list it\n\n```bash\nls -la\n```", "sweagent", 0)).toMatchObject({
      thought: "list it",
      calls: [{ name: "bash", arguments: '{"command":"ls -la"}' }],
    });
  });

  it("keeps a fenced snippet written by the command inside it", () => {
    const text = "Add an example.\n```\ncreate README.md\n```python\nprint(1)\n```\nend\n```";
    expect(JSON.parse(readToolText(text, "sweagent", 0)!.calls[0]!.arguments)).toEqual({
      command: "create README.md\n```python\nprint(1)\n```\nend",
    });
  });

  it("is null without a complete block or with an empty one", () => {
    expect(readToolText("I am not sure.", "sweagent", 0)).toBeNull();
    expect(readToolText("Try:\n```\nls", "sweagent", 0)).toBeNull();
    expect(readToolText("```\n\n```", "sweagent", 0)).toBeNull();
  });
});

describe("detectTextSyntax", () => {
  it("knows the tagged syntaxes and never guesses SWE-agent from a code block", () => {
    expect(detectTextSyntax('<tool_call>{"name":"f"}</tool_call>')).toBe("hermes");
    expect(detectTextSyntax("<function=bash>")).toBe("openhands");
    // detection must leave no regex state behind for the reader (a global pattern's lastIndex did)
    expect(readToolText("<function=bash>\n<parameter=command>ls</parameter>\n</function>", "openhands", 0)!.calls).toHaveLength(1);
    expect(detectTextSyntax("Think: list\n\nAct: bash\n\n```bash\nls\n```")).toBeNull();
  });
});
