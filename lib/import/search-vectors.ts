import type pg from "pg";
import { connectOutsidePool } from "@/lib/db/client";

/**
 * The text search's vector of each instruction, `to_tsvector('simple', instruction)` as text, computed by PostgreSQL
 * on a connection of its own while the import's connection writes the batches before: on the import's connection it
 * was a sixth of a 1 GB import's database time, on the one backend the whole import waits for (figures: migration
 * instruction_search_supplied). The writer stores the text as given: PostgreSQL reads a vector back exactly as it
 * printed it. Without this connection (none could be opened, or it broke) the import goes on and the insert trigger
 * computes the vectors on the import's own connection, as before.
 */
export class SearchVectors {
  private constructor(private client: pg.Client | null) {}

  static async open(): Promise<SearchVectors> {
    try {
      return new SearchVectors(await connectOutsidePool());
    } catch (error) {
      console.warn(`import: no second connection for the search vectors (${(error as Error).message}): computed on the import's own`);
      return new SearchVectors(null);
    }
  }

  /**
   * The vectors of `instructions`, in their order, or null (then the trigger computes them). Give the instructions
   * as they are stored (storableText): the vector is then the one PostgreSQL computes from the stored column.
   */
  async of(instructions: string[]): Promise<string[] | null> {
    const client = this.client;
    if (client === null) return null;
    try {
      const result = await client.query<{ vector: string }>(
        `select to_tsvector('simple', instruction)::text as vector
           from unnest($1::text[]) with ordinality as given(instruction, position) order by position`,
        [instructions],
      );
      return result.rows.map((row) => row.vector);
    } catch (error) {
      // An instruction PostgreSQL refuses fails its batch's insert just the same, with the import's own error.
      if (this.client === client) console.warn(`import: the search vectors' connection failed (${(error as Error).message}): computed on the import's own from now on`);
      this.client = null;
      await client.end().catch(() => {});
      return null;
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
