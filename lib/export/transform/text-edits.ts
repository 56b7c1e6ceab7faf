/**
 * Small text edits the without-CoT prompt rules are made of. Each edit leaves
 * the rest of the text as it was and tidies only what it touched: a removed
 * line takes a doubled blank line with it, a clause removed from the start of
 * a sentence leaves the next word capitalised.
 */

export type TTextRule = (text: string) => string;

function capitalize(text: string): string {
  return text.replace(/^([\s"'`(]*)(\p{Ll})/u, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

/** True when text ending here is at the start of a sentence (start, line start, or after . ! ?). */
function atSentenceStart(before: string): boolean {
  return /(?:^|\n[ \t]*|[.!?]["')\]]*\s+)$/.test(before);
}

/** Removes every match of `re` (global); the word after a removed sentence opening is capitalised. */
export function removeClause(re: RegExp): TTextRule {
  return (text) => {
    let out = "";
    let last = 0;
    let capitalizeNext = false;
    for (const m of text.matchAll(re)) {
      const segment = text.slice(last, m.index);
      out += capitalizeNext ? capitalize(segment) : segment;
      if (segment !== "" || !capitalizeNext) capitalizeNext = atSentenceStart(out);
      last = m.index + m[0].length;
    }
    const tail = text.slice(last);
    return out + (capitalizeNext ? capitalize(tail) : tail);
  };
}

export function replaceAll(re: RegExp, replacement: string): TTextRule {
  return (text) => text.replace(re, replacement);
}

/** Joins kept lines; a blank line left next to another blank line (or at the start) by a removal goes too. */
function joinKept(lines: Array<string | null>): string {
  const out: string[] = [];
  let removed = false;
  for (const line of lines) {
    if (line === null) {
      removed = true;
      continue;
    }
    const blank = line.trim() === "";
    if (removed && blank && (out.length === 0 || (out[out.length - 1] as string).trim() === "")) continue;
    out.push(line);
    removed = false;
  }
  while (removed && out.length > 0 && (out[out.length - 1] as string).trim() === "") out.pop();
  return out.join("\n");
}

/** A label line with nothing after the label ("Thought:" alone) owns the
 *  unlabelled lines below it up to a blank line ("I think ..."). */
const ANY_LABEL = /^\s*[A-Za-z][\w ]{0,30}:/;

/**
 * Removes lines that start with `label`. A bare label line also takes its
 * unlabelled continuation lines; an ALFWorld-style `> think:` line takes the
 * environment's `OK.` that answers it.
 */
export function dropLabelLines(label: RegExp): TTextRule {
  return (text) => {
    const lines: Array<string | null> = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line === null || line === undefined) continue;
      const m = label.exec(line);
      if (!m) continue;
      lines[i] = null;
      if (line.slice(m.index + m[0].length).trim() === "") {
        while (i + 1 < lines.length && (lines[i + 1] ?? "").trim() !== "" && !ANY_LABEL.test(lines[i + 1] ?? "")) {
          lines[++i] = null;
        }
      } else if (/^\s*>/.test(line) && /^\s*OK\.?\s*$/i.test(lines[i + 1] ?? "x")) {
        lines[++i] = null;
      }
    }
    return joinKept(lines);
  };
}

/** Lines that match `re` go. */
export function dropLines(re: RegExp): TTextRule {
  return (text) => joinKept(text.split("\n").map((line) => (re.test(line) ? null : line)));
}

/** The sentences of one line, each with its trailing spaces: a sentence ends at . ! ? (and closing quotes) before a space or the line end. */
function sentences(line: string): string[] {
  return line.match(/.*?(?:[.!?]+["')\]]*(?=\s|$)|$)\s*/g)?.filter((s) => s !== "") ?? [];
}

/**
 * Removes the sentences that match `re`. A line left empty goes; a following
 * sentence opening with "Then" loses it ("Explain first. Then act." → "Act.").
 */
export function dropSentences(re: RegExp): TTextRule {
  return (text) => {
    const lines = text.split("\n").map((line): string | null => {
      const parts = sentences(line);
      if (!parts.some((s) => re.test(s))) return line;
      const kept: string[] = [];
      let dropped = false;
      for (const s of parts) {
        if (re.test(s)) {
          dropped = true;
          continue;
        }
        kept.push(dropped && /^Then,?\s+/i.test(s) ? capitalize(s.replace(/^Then,?\s+/i, "")) : s);
        dropped = false;
      }
      const joined = kept.join("");
      if (joined.trim() === "") return null;
      const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
      return indent + joined.trim() + (line.endsWith("\r") ? "\r" : "");
    });
    return joinKept(lines);
  };
}
