/**
 * Test set records are questions: a few levels deep at most. A deeper record
 * (10,000 nested arrays) would overflow the stack wherever it is walked
 * recursively later (JSON.stringify of the preview), so it is refused on read.
 */
export const MAX_NESTING = 64;

/** Whether `value` nests arrays or objects deeper than `limit` levels; iterative, so any depth is safe to check. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}
