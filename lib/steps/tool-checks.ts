/**
 * Checks of tool-calling steps, reported like a ReAct step's format error (turn.formatError, one
 * reason per problem joined by "; "):
 *  - arguments that are not valid JSON;
 *  - a tool name the trajectory does not declare (only when it declares tools);
 *  - arguments that violate the declared tool's JSON Schema (Ajv, compiled once per tool set);
 *  - a call that no observation answers (flagged on the calling step), except SWE-agent's last command
 *    (`submit`), which ends the episode: its releases store no observation for it;
 *  - a result naming no call, or a call id no step made (flagged on the observation).
 * Loops (the same call three times in a row) go through lib/steps/loops.ts like any step.
 */
import { clip } from "./text";
import { toolValidators } from "./tool-schemas";
import type { TToolSet } from "./tool-set";
import type { TParsedTurn, TRawTurn } from "./types";

/** Problems of the calls and results of `turns` (parsed from `raw`), by turn index. */
export function checkToolCalls(turns: readonly TParsedTurn[], raw: readonly TRawTurn[], toolSet: TToolSet | null): Map<number, string[]> {
  const problems = new Map<number, string[]>();
  const add = (index: number, reason: string) => problems.set(index, [...(problems.get(index) ?? []), reason]);
  const validators = toolSet && toolSet.tools.length > 0 ? toolValidators(toolSet) : null;
  const callIds = new Set<string>();
  const answered = new Set<string>();
  for (const turn of turns) {
    for (const call of turn.toolCalls) callIds.add(call.id);
    for (const id of turn.toolCallIds) answered.add(id);
  }

  for (const turn of turns) {
    for (const call of turn.toolCalls) {
      const label = `call ${clip(call.name, 40)} (${clip(call.id, 40)})`;
      let args: unknown;
      let argsValid = true;
      try {
        args = JSON.parse(call.arguments);
      } catch {
        argsValid = false;
        add(turn.index, `${label}: arguments are not valid JSON`);
      }
      if (validators !== null) {
        const validate = validators.get(call.name);
        if (validate === undefined) add(turn.index, `${label}: tool "${clip(call.name, 40)}" is not among the declared tools`);
        else if (argsValid && validate !== null && !validate(args)) add(turn.index, `${label}: arguments violate the tool's schema: ${validate.describe()}`);
      }
      if (!answered.has(call.id) && !endsEpisode(turn, turns)) add(turn.index, `${label} has no result`);
    }
    // a tool / function message of the file (a text-call observation linked by position always names its calls)
    if (turn.role === "observation" && raw[turn.index]?.toolCallIds !== undefined) {
      if (turn.toolCallIds.length === 0) add(turn.index, "tool result names no call id");
      for (const id of turn.toolCallIds) if (!callIds.has(id)) add(turn.index, `result for unknown call id ${clip(id, 40)}`);
    }
  }
  return problems;
}

/** SWE-agent's final command ends the run: the environment answers it with the patch, not an observation. */
function endsEpisode(turn: TParsedTurn, turns: readonly TParsedTurn[]): boolean {
  return turn.callSyntax === "sweagent" && turn.index === turns.length - 1;
}
