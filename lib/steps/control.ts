/**
 * Terminal control sequences in raw turn text (os observations hold raw tty
 * bytes). Used by step parsing, display and n-gram checks; raw text is kept
 * untouched for export.
 */

/** Anything that needs work: C0 controls except \t and \n (\r included), DEL, C1. */
const NEEDS_WORK = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/**
 * One pass over escape sequences and stray controls. Every alternative is a
 * fixed prefix followed by single character classes, so matching stays linear
 * on 100 KB observations.
 *  1. OSC / DCS / SOS / PM / APC strings (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`,
 *     `ESC _`) up to BEL or ST (`ESC \`). An unterminated string ends at the
 *     next newline or ESC.
 *  2. CSI (`ESC [`): parameter bytes, intermediate bytes, final byte (the
 *     final byte is optional so truncated sequences go too).
 *  3. Other ESC sequences: intermediates then one final byte (`ESC ( B`, `ESC =`, `ESC 7`).
 *  4. Remaining C0 controls except \t \n \r \b (handled afterwards), DEL and
 *     C1 (8-bit C1 introducers are dropped as single characters, never treated
 *     as the start of a string: a stray one must not swallow real text).
 */
const SEQUENCES =
  /\x1b[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)?|\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\x1b[\x20-\x2f]*[\x30-\x7e]?|[\x00-\x07\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

export type TCarriageReturnMode = "overwrite" | "drop";

/**
 * Removes ANSI/VT escape sequences and control characters, keeping \n and \t.
 * Line endings: `\r\n` (and `\r\r\n`) become `\n`. A lone `\r` inside a line is
 * a terminal carriage return: with "overwrite" (default) only the text after
 * the last `\r` of the line is kept (progress bars collapse to their final
 * state); with "drop" the `\r` is simply removed. A backspace erases the
 * character before it on the same line (`a\bb` → `b`, man-page bold).
 */
export function stripControlSequences(text: string, carriageReturn: TCarriageReturnMode = "overwrite"): string {
  if (!NEEDS_WORK.test(text)) return text;
  let out = text.replace(SEQUENCES, "");
  if (out.indexOf("\r") === -1 && out.indexOf("\b") === -1) return out;
  const lines = out.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.indexOf("\r") !== -1) {
      let end = line.length;
      while (end > 0 && line.charCodeAt(end - 1) === 13) end--;
      line = line.slice(0, end);
      if (carriageReturn === "overwrite") {
        const last = line.lastIndexOf("\r");
        if (last !== -1) line = line.slice(last + 1);
      } else {
        line = line.split("\r").join("");
      }
    }
    if (line.indexOf("\b") !== -1) line = applyBackspaces(line);
    lines[i] = line;
  }
  out = lines.join("\n");
  return out;
}

function applyBackspaces(line: string): string {
  const chars: string[] = [];
  for (const ch of line) {
    if (ch === "\b") chars.pop();
    else chars.push(ch);
  }
  return chars.join("");
}
