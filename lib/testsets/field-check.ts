/**
 * Watches the records of a test-set import for items without text: a
 * misspelled or absent field would store empty items, and a check would then
 * find nothing and call the training data clean. The refusal names the
 * records and the fields the records do hold, so the user can pick again.
 */
import { pool } from "@/lib/db/client";
import { UserFacingError } from "@/lib/errors";
import { WHOLE_RECORD } from "./read";

const NAMED_RECORDS = 20;
/** Fields listed in the refusal at most (keyed records could hold thousands). */
const LISTED_FIELDS = 50;

export class EmptyItemCheck {
  private readonly emptyRecords: number[] = [];
  private emptyCount = 0;
  private records = 0;
  private readonly seenFields = new Set<string>();
  private readonly fieldHits = new Map<string, number>();

  constructor(private readonly fields: readonly string[]) {
    for (const field of fields) this.fieldHits.set(field, 0);
  }

  /** `text` is the item text built from the chosen fields. */
  see(record: number, value: unknown, text: string): void {
    this.records++;
    if (text.trim() === "") {
      this.emptyCount++;
      if (this.emptyRecords.length < NAMED_RECORDS) this.emptyRecords.push(record);
    }
    for (const [field, hasText] of fieldsOf(value)) {
      if (this.seenFields.size < LISTED_FIELDS) this.seenFields.add(field);
      const hits = this.fieldHits.get(field);
      if (hasText && hits !== undefined) this.fieldHits.set(field, hits + 1);
    }
  }

  /** Throws when some record has no text, or a chosen field holds text in no record. */
  assertNoneEmpty(fileName: string): void {
    const unused = [...this.fieldHits].filter(([, hits]) => hits === 0).map(([field]) => field);
    if (this.emptyCount === 0 && unused.length === 0) return;
    const holds = this.seenFields.size ? `the records have the fields: ${[...this.seenFields].join(", ")}` : "the records have no fields";
    if (this.emptyCount === 0) {
      throw new UserFacingError(`${fileName}: ${quoted(unused)} ${unused.length > 1 ? "are" : "is"} in no record; ${holds}`);
    }
    const more = this.emptyCount > this.emptyRecords.length ? ` and ${this.emptyCount - this.emptyRecords.length} more` : "";
    const chosen = this.fields.length > 1 ? `the fields ${quoted(this.fields)} are` : `the field ${quoted(this.fields)} is`;
    throw new UserFacingError(
      `${fileName}: ${chosen} missing or empty in ${this.emptyCount === 1 ? "record" : "records"} ${this.emptyRecords.join(", ")}${more} ` +
        `(${this.emptyCount} of ${this.records}); ${holds}`,
    );
  }
}

/** Each field of a record, and whether it holds text (a string with content, or a number). */
function fieldsOf(value: unknown): [string, boolean][] {
  if (typeof value === "string") return [[WHOLE_RECORD, value.trim() !== ""]];
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, (typeof v === "string" && v.trim() !== "") || typeof v === "number"]);
}

const quoted = (fields: readonly string[]) => fields.map((f) => `"${f}"`).join(" + ");

/**
 * Refuses a stored test set with items without text (imported before the
 * import refused them): a check would find nothing and call everything clean.
 */
export async function assertNoEmptyItems(set: { id: number; name: string; itemCount: number }): Promise<void> {
  const empty = await pool().query<{ count: number; ids: string[] }>(
    `select count(*)::int as count, (array_agg(external_id order by position))[1:${NAMED_RECORDS}] as ids
       from test_set_items where test_set_id = $1 and btrim(text) = ''`,
    [set.id],
  );
  const { count, ids } = empty.rows[0]!;
  if (count === 0) return;
  throw new UserFacingError(
    `test set "${set.name}": ${count} of ${set.itemCount} items have no text (${ids.join(", ")}${count > ids.length ? ", ..." : ""}); ` +
      `import it again with the field that holds the question`,
  );
}
