/**
 * Small line-based helpers shared by the task grammars. Everything here is a
 * single linear scan: assistant steps are parsed for every imported trajectory.
 */
import type { TStepParse } from "./types";

/** Trimmed text, or null when nothing is left. */
export function textOrNull(text: string): string | null {
  const t = text.trim();
  return t === "" ? null : t;
}

/** Removes a leading label (e.g. `Think:`) and trims; null when empty. */
export function stripLabel(text: string, label: RegExp): string | null {
  return textOrNull(text.trimStart().replace(label, ""));
}

/** Shortens a value quoted in an error message. */
export function clip(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** A line that opens or closes a markdown code fence. */
export function isFence(line: string): boolean {
  return line.trimStart().startsWith("```");
}

export type TLineMatch = { index: number; match: RegExpExecArray };

/**
 * All lines matching `re` (anchored by the caller with ^), in order. Lines
 * inside ``` code fences are skipped: a bash script may well print "Act:".
 */
export function matchLines(lines: readonly string[], re: RegExp): TLineMatch[] {
  const found: TLineMatch[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (isFence(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const m = re.exec(line);
    if (m) found.push({ index: i, match: m });
  }
  return found;
}

/**
 * Bodies of the code blocks opened by a fence line "```<lang>" whose language
 * is one of `langs` (case-insensitive). An unclosed block runs to the end.
 */
export function codeBlocks(lines: readonly string[], langs: readonly string[]): string[] {
  const blocks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = (lines[i] as string).trim();
    if (line.startsWith("```")) {
      const lang = line.slice(3).trim().toLowerCase();
      const body: string[] = [];
      i++;
      while (i < lines.length && !isFence(lines[i] as string)) body.push(lines[i++] as string);
      i++; // closing fence
      if (langs.includes(lang)) blocks.push(body.join("\n"));
      continue;
    }
    i++;
  }
  return blocks;
}

/** The value after a label line: its own remainder, else the next non-empty line. */
export function valueAfterLabel(lines: readonly string[], at: TLineMatch): { value: string; line: number } {
  const own = (at.match[1] ?? "").trim();
  if (own !== "") return { value: own, line: at.index };
  for (let i = at.index + 1; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (t !== "") return { value: t, line: i };
  }
  return { value: "", line: at.index };
}

/** Text of lines [from, to), trimmed; null when empty. */
export function joinLines(lines: readonly string[], from: number, to: number): string | null {
  return textOrNull(lines.slice(from, to).join("\n"));
}

export function step(
  thought: string | null,
  action: string | null,
  actionKind: string | null,
  formatError: string | null = null,
): TStepParse {
  return { thought, action, actionKind, formatError };
}

/** Trimmed, whitespace collapsed: how actions are compared for loops. */
export function normalizeAction(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
