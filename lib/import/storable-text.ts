/** PostgreSQL text cannot hold NUL; it is the one byte stored as U+2400 (␀) instead. */
export function storableText(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\u2400") : text;
}
