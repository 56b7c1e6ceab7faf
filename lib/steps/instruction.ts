/** The longest instruction kept on a trajectory for display and search; the task turn itself stays whole. */
export const INSTRUCTION_MAX_CHARS = 2000;

const TASK_LINE = /^Task:\s*(.+)$/m;

/**
 * What the agent was asked, short enough to list and to index: a `Task: ...`
 * line when the task turn has one (mind2web wraps it in a whole page of HTML),
 * else the task turn, with its middle cut when it is very long (the question
 * is usually at the start or the end).
 */
export function conciseInstruction(taskTurnText: string): string {
  const text = taskTurnText.trim();
  if (text.length <= INSTRUCTION_MAX_CHARS) return text;
  const taskLine = TASK_LINE.exec(text)?.[1]?.trim();
  if (taskLine) return taskLine.slice(0, INSTRUCTION_MAX_CHARS);
  const half = INSTRUCTION_MAX_CHARS / 2;
  return `${text.slice(0, half)} … ${text.slice(-half)}`;
}
