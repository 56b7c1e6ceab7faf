import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A scratch folder for files a test writes. */
export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), "studio-test-"));
}

export function writeLines(dir: string, name: string, lines: (string | object)[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n");
  return file;
}

const OS_PROMPT =
  "You are an assistant that will act like a person, I will play the role of a Linux (ubuntu) operating system. " +
  "Think first (Think: ...), then act with exactly one of: Act: bash, Act: answer(...), Act: finish.";

/** An AgentInstruct-style os row: prompt, acknowledgement, worked example, task turn at index 6, steps. */
export function osRow(id: string, question: string, steps: { think: string; bash?: string; answer?: string; output?: string }[]) {
  const conversations: { from: string; value: string; loss: boolean | null }[] = [
    { from: "human", value: OS_PROMPT, loss: null },
    { from: "gpt", value: "Ok.", loss: false },
    { from: "human", value: "Example: how many files are in /etc?", loss: null },
    { from: "gpt", value: "Think: I count them.\n\nAct: bash\n\n```bash\nls /etc | wc -l\n```", loss: false },
    { from: "human", value: "The output of the OS:\n220", loss: null },
    { from: "gpt", value: "Think: The output is 220.\n\nAct: answer(220)", loss: false },
    { from: "human", value: question, loss: null },
  ];
  steps.forEach((step, position) => {
    const act = step.bash !== undefined ? `Act: bash\n\n\`\`\`bash\n${step.bash}\n\`\`\`` : `Act: answer(${step.answer ?? ""})`;
    conversations.push({ from: "gpt", value: `Think: ${step.think}\n\n${act}`, loss: true });
    if (position < steps.length - 1) conversations.push({ from: "human", value: `The output of the OS:\n${step.output ?? ""}`, loss: null });
  });
  return { id, conversations };
}
