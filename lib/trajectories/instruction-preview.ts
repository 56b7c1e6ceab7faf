/**
 * The one line the table shows for a trajectory: the task's own sentence,
 * without the fixed preamble its task wraps every question in (an OS row
 * otherwise always reads "Now, I will start a new problem in a new OS...").
 * Display only: the stored instruction (searched and exported) is unchanged.
 */

/** Per-task wrappers: the first capture group is the task's own sentence. */
const PREAMBLES: readonly RegExp[] = [
  /^Now, I will start a new problem in a new OS\.\s*My problem is:\s*([\s\S]+)$/i,
  /^Here is your task\.[\s\S]*?Your task is to:\s*([\s\S]+)$/i,
  /^WebShop\s*\[SEP\]\s*Instruction:\s*\[SEP\]\s*([\s\S]+?)\s*\[SEP\][\s\S]*$/i,
  /^(?:A new question|Question):\s*([\s\S]+)$/i,
  /^[\s\S]*?^Task:\s*(.+)$[\s\S]*$/im,
];

export function taskSentence(instruction: string): string {
  const text = instruction.trim();
  for (const preamble of PREAMBLES) {
    const own = preamble.exec(text)?.[1]?.trim();
    if (own) return own;
  }
  return text;
}

/** What the instruction cell says, and where it comes from. */
export type TInstructionPreview = { text: string; source: "instruction" | "user" | "assistant" | "none" };

/** A row without an instruction (NAT stores no question) shows its first human or assistant text, marked as such. */
export function instructionPreview(instruction: string, firstTurn: { role: string; text: string } | null): TInstructionPreview {
  const own = taskSentence(instruction);
  if (own) return { text: own, source: "instruction" };
  const first = firstTurn?.text.trim();
  if (first && (firstTurn?.role === "user" || firstTurn?.role === "assistant")) return { text: first, source: firstTurn.role };
  return { text: "", source: "none" };
}

/** "1 trajectory", "2 trajectories": English plural of a count with its noun. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? singular : plural}`;
}
