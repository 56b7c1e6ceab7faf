/** Keyset cursors, shared by every keyset page (trajectories, audit events). */
import { z } from "zod";

/** A position in the ordering: the sort value (as PostgreSQL's exact text) and the id. */
const ZCursor = z.object({ v: z.string().nullable(), id: z.string().regex(/^\d+$/) });
export type TCursor = z.infer<typeof ZCursor>;

export function encodeCursor(cursor: TCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(text: string): TCursor | null {
  try {
    const parsed = ZCursor.safeParse(JSON.parse(Buffer.from(text, "base64url").toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
