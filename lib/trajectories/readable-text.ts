import { stripControlSequences } from "@/lib/steps/control";

const TAG = /<\/?[a-z][^<>]*>/i;
const BLOCK = /<\/?(p|div|li|tr|h[1-6]|section|article|ul|ol|table|form|option|select)\b[^<>]*>|<br\s*\/?>/gi;
const ANY_TAG = /<\/?[a-z!][^<>]*>/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

/**
 * A turn as a reviewer wants to read it: terminal control bytes stripped,
 * `[SEP]`-joined page dumps one item per line, and HTML reduced to its text.
 * The result is always rendered as a text node, never as HTML; the raw view
 * shows the original text (also as text).
 */
export function readableText(raw: string): string {
  let text = stripControlSequences(raw);
  if (text.includes("[SEP]")) text = text.replace(/\s*\[SEP\]\s*/g, "\n");
  if (TAG.test(text)) {
    text = text
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, (block) => `[${block.slice(1, 7).toLowerCase().trim()} removed]`)
      .replace(BLOCK, "\n")
      .replace(ANY_TAG, " ")
      .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? "")
      .replace(/[ \t]{2,}/g, " ")
      .replace(/ *\n */g, "\n");
  }
  return text.replace(/\n{3,}/g, "\n\n").trim();
}

/** True when the readable view differs from the raw text (the "raw" toggle is worth showing). */
export function hasHiddenBytes(raw: string): boolean {
  return readableText(raw) !== raw.trim();
}
